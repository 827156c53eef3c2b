"""Build strawman job profiles from a session (and O*NET, when the crosswalk provides it).

From a critical-occupations session: one profile per chosen occupation, made of what the room
said (wordings, level, competencies, skills gaps, notes on advancement and applicants) plus,
when the card is crosswalked and `focusgroup.crosswalk.profile` is installed, the O*NET
description, task statements grouped into functions, technology, education and wages.
From a follow-up (critical-competencies) session: the updated profile, see `followup`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from focusgroup.crosswalk.functions import MAX_TASKS
from focusgroup.domain import wall as wall_model
from focusgroup.domain.model import Card, Competency
from focusgroup.export.competency_groups import employer_task, profile_competency
from focusgroup.export.profile_onet import (
    OnetLookup,
    default_onet_lookup,
    onet_facts,
    onet_functions,
    onet_left_over,
)
from focusgroup.export.profiles import (
    SOURCE_EMPLOYERS,
    SOURCE_ONET,
    Function,
    JobProfile,
    PathStep,
    ProfileError,
    RoomNote,
    Task,
)
from focusgroup.export.snapshot import SessionSnapshot

__all__ = ["choose_occupations", "default_onet_lookup", "strawman_profile"]

DEFAULT_COUNT = 5
"""The guide: 3 to 5 top critical occupations go on to their own focus groups."""

OPEN_QUESTIONS = (
    "Does this describe what someone in this job does on a normal day at your company?",
    "Which tasks are most often underperformed, by new hires or by anyone?",
    "What does minimum acceptable performance look like on the most important tasks?",
    "What can a mid-level person do that an entry-level person can't?",
    "Which three tasks should training programs prioritise?",
)
UNCODED_QUESTION = (
    "Which SOC / O*NET occupation is this? Crosswalk it (`focusgroup crosswalk`) so the "
    "next version can start from O*NET's task list."
)


class UncodedOccupation(ProfileError):
    """A strawman needs the occupation's O*NET code; this card has none."""


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
    snap: SessionSnapshot,
    card: Card,
    onet_lookup: OnetLookup | None = None,
    *,
    uncoded: bool = False,
) -> JobProfile:
    """The strawman for one occupation card.

    Functions and tasks come from O*NET's task list, grouped by work activity; what employers
    said (task-like competency cards, competencies, wordings, notes) is merged in and marked
    as theirs. Without a code: `UncodedOccupation`, unless `uncoded=True`, which gives a
    labelled skeleton of what the room said with no functions invented.
    """
    comps = [c for c in snap.competencies if c.card_id == card.id]
    notes = [n for n in snap.notes if card.id in n.card_ids]
    code = card.onet_code or card.soc_code
    if not code and not uncoded:
        raise UncodedOccupation(
            f"{card.text!r} has no SOC code yet: run `focusgroup crosswalk FILE` (or `w` on "
            "the wall) to code it, or add --uncoded for a skeleton of what the room said."
        )
    onet = _onet(onet_lookup, card)
    functions = onet_functions(onet)
    own_tasks = [c for c in comps if employer_task(c)]
    functions, displaced = merge_employer_tasks(functions, own_tasks)
    if not functions and own_tasks:
        # The room named tasks but O*NET gave none (no code, or no data): list them as said.
        functions = (
            Function(
                "Tasks employers named (to be grouped into functions)",
                tuple(_task_from(c) for c in own_tasks),
            ),
        )
    left_over = (*onet_left_over(onet), *displaced)
    questions = list(OPEN_QUESTIONS)
    if not code:
        questions.insert(0, UNCODED_QUESTION)
    elif onet is not None and not onet_functions(onet):
        questions.insert(
            0,
            f"O*NET lists no tasks for {code} (often an 'all other' group): which tasks does "
            "this job do, and is there a closer occupation to start from?",
        )
    if left_over:
        questions.append(
            "O*NET also lists these tasks; do they belong, and under which function? "
            + " / ".join(left_over)
        )
    level_notes = [n.text for n in notes if n.topic == "advancement"]
    gaps = [c.text for c in comps if c.lacking]
    gaps += [n.text for n in notes if n.topic == "entry-gaps"]
    sources = f"{snap.session.title}" + (f" ({snap.session.date})" if snap.session.date else "")
    task_ids = {c.id for c in own_tasks}
    return JobProfile(
        occupation=card.text,
        version=1,
        level=card.level if card.level in ("entry", "mid", "advanced") else "",
        soc_code=card.soc_code,
        onet_code=card.onet_code,
        soc_title=card.soc_title,
        description=str(getattr(onet, "description", "") or ""),
        uncoded=not code,
        wordings=card.wordings,
        functions=functions,
        competencies=tuple(profile_competency(snap, c) for c in comps if c.id not in task_ids),
        level_changes=tuple(level_notes),
        paths_in=tuple(PathStep(n.text) for n in notes if n.topic == "applicant-sources"),
        paths_out=(),
        skills_gaps=tuple(dict.fromkeys(gaps)),
        open_questions=tuple(questions),
        room_notes=tuple(
            RoomNote(snap.topic_label(n.topic) if n.topic else "Other notes", n.text)
            for n in notes
            if n.topic not in ("advancement", "entry-gaps", "applicant-sources")
        ),
        sources=(sources,),
        onet=onet_facts(onet),
    )


def _task_from(c: Competency) -> Task:
    return Task(text=c.text, level=c.level, lacking=c.lacking, source=SOURCE_EMPLOYERS)


def merge_employer_tasks(
    functions: tuple[Function, ...], own: list[Competency]
) -> tuple[tuple[Function, ...], tuple[str, ...]]:
    """Each task employers named goes under the function it shares most words with, first in
    the column; a full column gives up its last O*NET task (returned, for the open questions)."""
    if not functions or not own:
        return functions, ()
    columns = [list(f.tasks) for f in functions]
    displaced: list[str] = []
    for c in own:
        words = _words(c.text)
        scores = [
            len(words & _words(" ".join([f.name, *(t.text for t in col)])))
            for f, col in zip(functions, columns, strict=True)
        ]
        best = max(range(len(columns)), key=lambda i: (scores[i], -len(columns[i])))
        column = columns[best]
        if len(column) >= MAX_TASKS:
            onet_tasks = [t for t in column if t.source == SOURCE_ONET]
            if onet_tasks:
                column.remove(onet_tasks[-1])
                displaced.append(onet_tasks[-1].text)
        ours = sum(1 for t in column if t.source == SOURCE_EMPLOYERS)
        column.insert(ours, _task_from(c))
    return (
        tuple(Function(f.name, tuple(col)) for f, col in zip(functions, columns, strict=True)),
        tuple(displaced),
    )


def _words(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.casefold())}


def _onet(lookup: OnetLookup | None, card: Card) -> Any:
    code = card.onet_code or card.soc_code
    if lookup is None or not code:
        return None
    try:
        return lookup(code)
    except Exception:
        return None
