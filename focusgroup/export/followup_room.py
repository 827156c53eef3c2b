"""What a critical-competencies round adds to a profile beyond the matrix: per-task findings,
the round itself, every note by topic, and the open questions that are still open.

How the room's answers are recorded in the session (all with the existing tools):
- priority vote ("which three tasks should training prioritise"): the card's show of hands;
- "underperformed": a note with topic `underperformed` about the task card (`m` marks cards),
  or tagged `underperformed`; separate from "lacking", which is a lacking competency card;
- performance descriptors: a note with topic `min-vs-mid` about the task card, tagged
  `minimum`, `mid` or `advanced` (or starting "Minimum:", "Mid:", "Advanced:"); untagged means
  minimum, the guide's first question;
- KSAs under a task: competency cards written about that task card.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from focusgroup.domain.model import Card, Note, Role
from focusgroup.domain.text import plural
from focusgroup.export.profile_build import OPEN_QUESTIONS
from focusgroup.export.profiles import JobProfile, RoomNote, Round, Task
from focusgroup.export.snapshot import SessionSnapshot

ROUND_WHO = {1: "hiring authorities", 2: "high-performing employees"}
_DESCRIPTOR_TAGS = {
    "minimum": "minimum",
    "min": "minimum",
    "entry": "minimum",
    "mid": "mid_level",
    "mid-level": "mid_level",
    "advanced": "advanced",
}
_PREFIX = re.compile(r"^\s*(minimum|min|entry|mid(?:-level)?|advanced)\s*[:\-–]\s*", re.I)
_CONSUMED_TOPICS = frozenset({"paths-in-out"})
"""Notes of these topics become paths; every other note is kept under its topic."""


@dataclass
class TaskFindings:
    underperformed: bool = False
    descriptors: dict[str, list[str]] = field(default_factory=dict)


def task_findings(snap: SessionSnapshot) -> tuple[dict[int, TaskFindings], set[int]]:
    """Per task card id: flags and descriptors; and the ids of notes turned into descriptors."""
    ids = {m.id: c.id for c in snap.cards for m in c.all_cards}  # merged cards count as the lead
    found: dict[int, TaskFindings] = {}
    used: set[int] = set()
    for note in snap.notes:
        cards = [ids[i] for i in note.card_ids if i in ids]
        tags = {t.casefold() for t in note.tags}
        poorly = note.topic == "underperformed" or "underperformed" in tags
        for card_id in cards:
            f = found.setdefault(card_id, TaskFindings())
            f.underperformed |= poorly
            if note.topic == "min-vs-mid":
                key, text = _descriptor(note, tags)
                f.descriptors.setdefault(key, []).append(text)
                used.add(note.id)
    return found, used


def _descriptor(note: Note, tags: set[str]) -> tuple[str, str]:
    key = next((_DESCRIPTOR_TAGS[t] for t in tags if t in _DESCRIPTOR_TAGS), "")
    match = _PREFIX.match(note.text)
    if match:
        key = key or _DESCRIPTOR_TAGS[match.group(1).casefold()]
        return key, note.text[match.end() :]
    return key or "minimum", note.text


def apply_findings(task: Task, card: Card, before: Task | None, f: TaskFindings | None) -> Task:
    """This round's votes, flags and descriptors; last round's where the room said nothing."""
    f = f or TaskFindings()
    prev = before or Task(task.text)

    def said(key: str, old: str) -> str:
        return "; ".join(f.descriptors.get(key, ())) or old

    return replace(
        task,
        votes=card.hands if card.hands_taken else prev.votes,  # a show of hands of 0 counts
        underperformed=f.underperformed or prev.underperformed,
        minimum=said("minimum", prev.minimum),
        mid_level=said("mid_level", prev.mid_level),
        advanced=said("advanced", prev.advanced),
    )


def this_round(snap: SessionSnapshot, prev: JobProfile) -> Round:
    number = len(prev.rounds) + 1
    roles = [p.role for p in snap.employers]
    authorities = roles.count(Role.HIRING_AUTHORITY.value)
    performers = roles.count(Role.HIGH_PERFORMER.value)
    if authorities or performers:
        who = ROUND_WHO[1] if authorities >= performers else ROUND_WHO[2]
    else:
        who = ROUND_WHO.get(number, "employers")
    orgs = {p.organization.strip().casefold() for p in snap.employers if p.organization.strip()}
    unnamed = sum(1 for p in snap.employers if not p.organization.strip())
    return Round(
        number=number,
        who=who,
        date=snap.session.date,
        session=snap.session.title,
        employers=len(orgs) + unnamed,
        participants=len(snap.employers),
    )


def room_notes(snap: SessionSnapshot, used: set[int], number: int) -> tuple[RoomNote, ...]:
    """Every note and quote, under its topic's label, except those placed elsewhere."""
    out = []
    for n in snap.notes:
        if n.id in used or n.topic in _CONSUMED_TOPICS:
            continue
        label = snap.topic_label(n.topic) if n.topic else "Other notes"
        out.append(RoomNote(label, n.text, number))
    return tuple(out)


def open_questions(
    prev: JobProfile, tasks: Sequence[Task], loose: Sequence[str], round_: Round, notes: set[str]
) -> tuple[str, ...]:
    """The previous questions minus those the room answered, plus what the answers raise."""
    answered = {
        OPEN_QUESTIONS[0]: True,  # the room reviewed the description: that is what a round is
        OPEN_QUESTIONS[1]: any(t.underperformed for t in tasks) or "underperformed" in notes,
        OPEN_QUESTIONS[2]: any(t.minimum for t in tasks),
        OPEN_QUESTIONS[3]: any(t.mid_level for t in tasks) or "min-vs-mid" in notes,
        OPEN_QUESTIONS[4]: any(t.votes for t in tasks) or "training-priorities" in notes,
    }
    questions = [q for q in prev.open_questions if not answered.get(q, False)]
    questions = [q for q in questions if not q.startswith(("Round 2:", "Where do these tasks"))]
    if round_.number == 1:
        questions.insert(
            0,
            "Round 2: do high-performing employees recognise this description, and what would "
            "they change?",
        )
    if loose:
        questions.append("Where do these tasks belong: " + " / ".join(loose) + "?")
    for t in tasks:
        if t.underperformed and not t.minimum:
            questions.append(f"What does minimum acceptable performance look like for: {t.text}")
    return tuple(dict.fromkeys(questions))


def training_gaps(tasks: Sequence[Task]) -> list[str]:
    """Skills gaps for partners: the most-voted tasks, and tasks most often done poorly."""
    voted = sorted((t for t in tasks if t.votes), key=lambda t: -t.votes)[:3]
    gaps = [f"Training priority: {t.text} ({plural(t.votes, 'vote')})" for t in voted]
    gaps += [f"Most often done poorly: {t.text}" for t in tasks if t.underperformed]
    return gaps
