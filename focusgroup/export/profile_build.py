"""Build strawman job profiles from a session (and O*NET, when the crosswalk provides it).

From a critical-occupations session: one profile per chosen occupation, made of what the room
said (wordings, level, competencies, skills gaps, notes on advancement and applicants) plus,
when the card is crosswalked and `focusgroup.crosswalk.profile` is installed, the O*NET
description, task statements grouped into functions, technology, education and wages.
From a follow-up (critical-competencies) session: the updated profile, see `followup`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from focusgroup.domain import wall as wall_model
from focusgroup.domain.model import Card, Competency
from focusgroup.export.profiles import (
    Function,
    JobProfile,
    OnetFacts,
    ProfileCompetency,
    ProfileError,
    Task,
)
from focusgroup.export.snapshot import SessionSnapshot

DEFAULT_COUNT = 5
"""The guide: 3 to 5 top critical occupations go on to their own focus groups."""
MAX_ONET_TASKS = 24
"""A strawman is a page people can argue with, not all of O*NET's task list."""

OPEN_QUESTIONS = (
    "Does this describe what someone in this job does on a normal day at your company?",
    "Which tasks are most often underperformed, by new hires or by anyone?",
    "What does minimum acceptable performance look like on the most important tasks?",
    "What can a mid-level person do that an entry-level person can't?",
    "Which three tasks should training programs prioritise?",
)


class OnetProfileLike(Protocol):
    """What we use from `focusgroup.crosswalk.profile.occupation_profile(code)` (all optional)."""

    description: str


OnetLookup = Callable[[str], Any]


def default_onet_lookup() -> OnetLookup | None:
    """The crosswalk's profile function, if that module exists in this install."""
    try:
        from focusgroup.crosswalk.profile import occupation_profile
    except ImportError:
        return None
    return occupation_profile


def choose_occupations(
    snap: SessionSnapshot, names: Sequence[str] = (), count: int = DEFAULT_COUNT
) -> list[Card]:
    """The named occupations (by any wording or SOC title); by default the room's shortlist,
    or the top `count` ranked when the room marked none."""
    ranked = [r.card for r in wall_model.rank_occupations(snap.cards)]
    if not names:
        shortlist = sorted(
            (c for c in ranked if c.on_shortlist), key=lambda c: (c.shortlist_place, c.id)
        )
        return shortlist or ranked[:count]
    chosen: list[Card] = []
    for name in names:
        key = " ".join(name.split()).casefold()
        match = next((c for c in ranked if key in _names(c)), None)
        if match is None:
            match = next((c for c in ranked if any(key in n for n in _names(c))), None)
        if match is None:
            known = ", ".join(c.text for c in ranked[:8]) or "none"
            raise ProfileError(
                f"No occupation called {name!r} in this session (top ones: {known})."
            )
        if match not in chosen:
            chosen.append(match)
    return chosen


def _names(card: Card) -> set[str]:
    names = {" ".join(w.split()).casefold() for w in card.wordings}
    for extra in (card.soc_title, card.soc_code, card.onet_code):
        if extra:
            names.add(extra.casefold())
    return names


def strawman_profile(
    snap: SessionSnapshot, card: Card, onet_lookup: OnetLookup | None = None
) -> JobProfile:
    comps = [c for c in snap.competencies if c.card_id == card.id]
    notes = [n for n in snap.notes if card.id in n.card_ids]
    onet = _onet(onet_lookup, card)
    functions = _onet_functions(onet) or _session_functions(snap, comps)
    level_notes = [n.text for n in notes if n.topic == "advancement"]
    gaps = [c.text for c in comps if c.lacking]
    gaps += [n.text for n in notes if n.topic == "entry-gaps"]
    sources = f"{snap.session.title}" + (f" ({snap.session.date})" if snap.session.date else "")
    return JobProfile(
        occupation=card.text,
        version=1,
        level=card.level if card.level in ("entry", "mid", "advanced") else "",
        soc_code=card.soc_code,
        onet_code=card.onet_code,
        soc_title=card.soc_title,
        description=str(getattr(onet, "description", "") or ""),
        wordings=card.wordings,
        functions=functions,
        competencies=tuple(_competency(c) for c in comps),
        level_changes=tuple(level_notes),
        paths_in=tuple(n.text for n in notes if n.topic == "applicant-sources"),
        paths_out=(),
        skills_gaps=tuple(dict.fromkeys(gaps)),
        open_questions=OPEN_QUESTIONS,
        sources=(sources,),
        onet=_onet_facts(onet),
    )


def _competency(c: Competency) -> ProfileCompetency:
    return ProfileCompetency(text=c.text, level=c.level, ksa=c.ksa, tier=c.tier, lacking=c.lacking)


def _session_functions(snap: SessionSnapshot, comps: Iterable[Competency]) -> tuple[Function, ...]:
    """Without O*NET: what employers named, grouped by competency tier, as the first draft."""
    groups: dict[str, list[Task]] = {}
    for c in comps:
        name = snap.tier_label(c.tier) if c.tier else "Named by employers"
        groups.setdefault(name, []).append(
            Task(text=c.text, level=c.level, lacking=c.lacking, source="session")
        )
    if not groups:
        return (Function("Job functions to be defined with employers", ()),)
    return tuple(Function(name, tuple(tasks)) for name, tasks in groups.items())


def _onet(lookup: OnetLookup | None, card: Card) -> Any:
    code = card.onet_code or card.soc_code
    if lookup is None or not code:
        return None
    try:
        return lookup(code)
    except Exception:
        return None


def _onet_functions(onet: Any) -> tuple[Function, ...]:
    """Accepts `functions` as objects with name/tasks, (name, tasks) pairs or a mapping."""
    raw = getattr(onet, "functions", None) if onet is not None else None
    if not raw:
        return ()
    items = raw.items() if isinstance(raw, dict) else raw
    functions, budget = [], MAX_ONET_TASKS
    for item in items:
        if isinstance(item, tuple):
            name, tasks = item
        else:
            name, tasks = getattr(item, "name", ""), getattr(item, "tasks", ())
        texts = [str(getattr(t, "text", t)) for t in tasks][: max(budget, 0)]
        budget -= len(texts)
        if name and texts:
            functions.append(Function(str(name), tuple(Task(t, source="O*NET") for t in texts)))
    return tuple(functions)


def _onet_facts(onet: Any) -> OnetFacts | None:
    """Read the crosswalk's OnetProfile duck-typed, so a field it renames costs a blank only."""
    if onet is None:
        return None

    def names(attr: str, limit: int) -> tuple[str, ...]:
        items = getattr(onet, attr, ()) or ()
        return tuple(str(getattr(v, "title", None) or getattr(v, "name", v)) for v in items)[:limit]

    zone = getattr(onet, "job_zone", None)
    zone_name = str(getattr(onet, "job_zone_name", "") or "")
    job_zone = f"{zone}" + (f" ({zone_name})" if zone_name else "") if zone else ""
    wage = getattr(onet, "wage", None)
    median = employment = ""
    if wage is not None:
        annual = getattr(wage, "median_annual", None)
        hourly = getattr(wage, "median_hourly", None)
        parts = [
            f"${annual:,} a year" if annual else "",
            f"${hourly:.2f} an hour" if hourly else "",
        ]
        median = " / ".join(p for p in parts if p)
        count = getattr(wage, "employment", None)
        employment = f"{count:,} (national)" if count else ""
    attribution = str(getattr(onet, "attribution", "") or "")
    if not attribution:
        try:
            from focusgroup.crosswalk.attribution import ONET_ATTRIBUTION

            attribution = ONET_ATTRIBUTION
        except ImportError:
            pass
    if wage is not None and getattr(wage, "source", None) and median:
        attribution = f"{attribution} {wage.source}".strip()
    return OnetFacts(
        job_zone=job_zone,
        education=str(getattr(onet, "education", "") or ""),
        median_wage=median,
        employment=employment,
        technology=names("technologies", 12) or names("technology", 12),
        related=names("related", 8),
        skills=names("skills", 8),
        knowledge=names("knowledge", 6),
        attribution=attribution,
    )
