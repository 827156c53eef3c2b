"""Sort what employers named into the profile's groups: tasks, foundational and technical
competencies, and credentials and requirements.

The competency model has two tiers: foundational (personal effectiveness, academic, workplace)
and technical (industry-wide, sector, occupation-specific). Licences, certifications and
requirements such as a clean driving record are neither: they are what a job asks of an
applicant, so they get their own group instead of being filed as "knowledge".
A card written the way O*NET writes tasks (an imperative verb: "Set up and prove out a new
program") is a task employers named, and goes into the task matrix.
"""

from __future__ import annotations

import re

from focusgroup.domain.model import Competency
from focusgroup.export.profiles import SOURCE_EMPLOYERS, ProfileCompetency
from focusgroup.export.snapshot import SessionSnapshot

_CREDENTIAL = re.compile(
    r"\b(licen[cs]e[ds]?|certifi(ed|cate|cation)s?|cert\b|CDL|endorsement|driving record|"
    r"driver'?s licen|MVR|background check|drug (test|screen)|clearance|OSHA[ -]?\d+|"
    r"TWIC|NCCER|journey(man|worker) card|registered|permit)",
    re.IGNORECASE,
)
_FOUNDATIONAL = re.compile(
    r"\b(communicat|team|reliab|dependab|attendance|punctual|shows? up|on time|attitude|"
    r"work ethic|integrity|initiative|listen|problem[- ]solv|critical think|basic math|"
    r"arithmetic|reading|writing|time management|adaptab|willing|learn|customer service|"
    r"professional|accountab|follows? directions|safety mindset|soft skill)",
    re.IGNORECASE,
)
TASK_VERBS = frozenset(
    """
    adjust analyze answer apply assemble build calibrate change check clean close collect
    complete compute conduct confer connect contact coordinate cut deliver design develop
    diagnose document drive enter estimate evaluate fabricate fill fit follow grind identify
    inspect install keep lay lead load log machine maintain manage measure meet monitor
    negotiate operate order pack perform plan prepare present program prove provide quote read
    record repair replace report respond review run schedule select sell set ship solder study
    supervise test track train troubleshoot tune unload update verify visit weld wire write
    """.split()
)
_NOT_TASK_KSA = frozenset({"knowledge", "ability", "work style"})


def is_credential(text: str) -> bool:
    return bool(_CREDENTIAL.search(text))


def employer_task(c: Competency) -> bool:
    """A card in O*NET's task style: an imperative verb first, and not a knowledge, ability,
    work style or credential."""
    if c.ksa in _NOT_TASK_KSA or is_credential(c.text):
        return False
    words = c.text.split()
    return bool(words) and words[0].casefold().strip(",.:;") in TASK_VERBS


def competency_group(text: str, ksa: str, tier_group: str) -> str:
    if is_credential(text):
        return "credential"
    if tier_group == "foundational":
        return "foundational"
    if tier_group in ("technical", "management"):
        return "technical"
    if ksa == "work style" or _FOUNDATIONAL.search(text):
        return "foundational"
    return "technical"


def tier_group(snap: SessionSnapshot, tier: str) -> str:
    for t in snap.protocol.tiers:
        if t.key == tier:
            return str(getattr(t, "group", "") or "")
    return ""


def profile_competency(
    snap: SessionSnapshot, c: Competency, *, task: str = "", source: str = SOURCE_EMPLOYERS
) -> ProfileCompetency:
    return ProfileCompetency(
        text=c.text,
        level=c.level,
        ksa=c.ksa,
        tier=c.tier,
        lacking=c.lacking,
        group=competency_group(c.text, c.ksa, tier_group(snap, c.tier)),
        source=source,
        task=task,
    )
