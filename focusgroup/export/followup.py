"""The follow-up loop, read back: a competencies session → updated profile, version + 1.

The session was started from a profile by `focusgroup.from_profile`. `updated_profile` reads
it: the functions and tasks as the room left them, competencies and gaps added, and `changes`
listing what was added, removed, reworded or moved. Rewordings are found through the journal (each
card's first text), so a task edited five times is still one rewording, not an add + remove.
"""

from __future__ import annotations

from dataclasses import replace

from focusgroup.domain.model import UNSORTED, Card
from focusgroup.export.competency_groups import profile_competency
from focusgroup.export.followup_room import (
    apply_findings,
    open_questions,
    room_notes,
    task_findings,
    this_round,
    training_gaps,
)
from focusgroup.export.profiles import (
    LEVELS,
    LOOSE_FUNCTION,
    Changes,
    Function,
    JobProfile,
    PathStep,
    ProfileCompetency,
    ProfileError,
    Reworded,
    Task,
    parse_profile,
)
from focusgroup.export.snapshot import SessionSnapshot

_DERIVED_GAPS = ("Training priority: ", "Most often done poorly: ")


def previous_profile(snap: SessionSnapshot) -> JobProfile:
    try:
        return parse_profile(snap.session.source_profile, "the session's starting profile")
    except ProfileError as error:
        raise ProfileError(f"{snap.session.title}: {error}") from None


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _level(snap: SessionSnapshot, card: Card, before: str | None) -> str:
    """The card's level, or the previous version's when the room never moved a card that
    came from it (`before` is None for a card the room wrote). A task of any level sits in
    the first row; moved away and back, the room has put it there."""
    if before is not None and card.id not in snap.placed_by_room:
        return before
    return card.level if card.level in LEVELS else ""


def updated_profile(snap: SessionSnapshot) -> JobProfile:
    """The profile as the room left it: version + 1, with `changes` against the previous one."""
    prev = previous_profile(snap)
    onward = snap.path_steps[1]
    paths = snap.path_columns
    by_category: dict[int, list[Card]] = {}
    loose_cards: list[Card] = []
    prev_paths = {_key(p.text): p for p in (*prev.paths_in, *prev.paths_out)}
    paths_in: dict[str, PathStep] = {}
    paths_out: dict[str, PathStep] = {}
    level_order = {lv: i for i, lv in enumerate(snap.levels)}
    for card in sorted(snap.cards, key=lambda c: (level_order.get(c.level, 9), c.position, c.id)):
        side = snap.path_side(card)
        if side:
            before = prev_paths.get(_key(snap.original_texts.get(card.id, card.text)))
            step = PathStep(card.text, _level(snap, card, before.level if before else None))
            (paths_in if side == "in" else paths_out)[_key(card.text)] = step
        elif card.category_id is not None and snap.category(card.category_id):
            by_category.setdefault(card.category_id, []).append(card)
        else:
            loose_cards.append(card)

    prev_tasks = {_key(t.text): t for t in prev.tasks}
    lacking_cards = {c.card_id for c in snap.competencies if c.lacking and c.card_id is not None}
    findings, used_notes = task_findings(snap)

    def task(card: Card) -> Task:
        before = prev_tasks.get(_key(snap.original_texts.get(card.id, card.text)))
        plain = Task(
            text=card.text,
            level=_level(snap, card, before.level if before else None),
            lacking=card.id in lacking_cards or bool(before and before.lacking),
            source=(before.source or "strawman") if before else "focus group",
        )
        return apply_findings(plain, card, before, findings.get(card.id))

    functions = [
        Function(cat.name, tuple(task(c) for c in by_category.get(cat.id, ())))
        for cat in snap.categories
        if cat.id not in paths
    ]
    if loose_cards:
        functions.append(Function(LOOSE_FUNCTION, tuple(task(c) for c in loose_cards)))
    tasks = [t for f in functions for t in f.tasks]

    # Competencies: the previous ones (their task link follows a reworded task), then new ones,
    # each linked to the task card it was written about.
    card_text = {m.id: c.text for c in snap.cards for m in c.all_cards}
    renamed = {
        _key(snap.original_texts.get(m.id, m.text)): c.text for c in snap.cards for m in c.all_cards
    }
    carried = [
        replace(c, task=renamed.get(_key(c.task), c.task)) if c.task else c
        for c in prev.competencies
    ]
    known = {_key(c.text) for c in prev.competencies}
    new_comps: dict[str, ProfileCompetency] = {}
    for c in snap.competencies:
        if _key(c.text) not in known:
            linked = card_text.get(c.card_id) if c.card_id is not None else None
            new_comps.setdefault(_key(c.text), profile_competency(snap, c, task=linked or ""))
    round_ = this_round(snap, prev)
    notes_by_topic = {n.topic for n in snap.notes}
    for n in snap.notes:
        if n.topic == "paths-in-out":
            target = paths_out if n.step in onward else paths_in
            target.setdefault(_key(n.text), PathStep(n.text))
    gaps = [g for g in prev.skills_gaps if not g.startswith(_DERIVED_GAPS)]
    gaps += [c.text for c in new_comps.values() if c.lacking]
    gaps += training_gaps(tasks)
    session = snap.session
    source = session.title + (f" ({session.date})" if session.date else "")
    loose = [c.text for c in loose_cards]
    updated = replace(
        prev,
        version=prev.version + 1,
        functions=tuple(functions),
        competencies=(*carried, *new_comps.values()),
        paths_in=_merge_paths(prev.paths_in, paths_in),
        paths_out=_merge_paths(prev.paths_out, paths_out),
        skills_gaps=tuple(dict.fromkeys(gaps)),
        open_questions=open_questions(prev, tasks, loose, round_, notes_by_topic),
        room_notes=(*prev.room_notes, *room_notes(snap, used_notes, round_.number)),
        rounds=(*prev.rounds, round_),
        sources=tuple(dict.fromkeys((*prev.sources, source))),
        changes=None,
    )
    return replace(updated, changes=session_changes(snap, prev, list(new_comps.values())))


def _merge_paths(before: tuple[PathStep, ...], now: dict[str, PathStep]) -> tuple[PathStep, ...]:
    """The room's paths (at their level) in wall order; none of the previous ones lost."""
    out = dict(now)
    for p in before:
        out.setdefault(_key(p.text), p)
    return tuple(out.values())


def session_changes(
    snap: SessionSnapshot, prev: JobProfile, new_comps: list[ProfileCompetency]
) -> Changes:
    """What the room changed: tasks matched to the strawman by the text they started with,
    functions by the category they started as (so a rename is a rename)."""
    paths = snap.path_columns
    prev_function_of: dict[str, list[str]] = {}
    prev_level: dict[str, str] = {}
    for f in prev.functions:
        for t in f.tasks:
            prev_function_of.setdefault(_key(t.text), []).append(f.name)
            prev_level.setdefault(_key(t.text), t.level)
    unmatched = {k: len(v) for k, v in prev_function_of.items()}
    added, reworded, moved, relevelled, merged = [], [], [], [], []
    first_name = {
        c.id: snap.original_category_names.get(c.id, c.name)
        for c in snap.categories
        if c.id not in paths
    }
    for card in snap.cards:
        if card.category_id in paths:
            continue
        for member in card.members:  # merged into another task: not a removal, a merge
            member_text = snap.original_texts.get(member.id, member.text)
            member_key = _key(member_text)
            if unmatched.get(member_key, 0) > 0:
                unmatched[member_key] -= 1
                merged.append(Reworded(member_text, card.text))
        in_function = card.category_id is not None and card.category_id in first_name
        original = snap.original_texts.get(card.id, card.text)
        key = _key(original)
        if unmatched.get(key, 0) > 0:
            unmatched[key] -= 1
            if _key(card.text) != key:
                reworded.append(Reworded(original, card.text))
            started_in = first_name.get(card.category_id or -1, "")
            if in_function and started_in not in prev_function_of[key]:
                now = next(c.name for c in snap.categories if c.id == card.category_id)
                moved.append(f"{card.text} → {now}")
            level = _level(snap, card, prev_level.get(key, ""))  # matched: it came from prev
            if level != prev_level.get(key, ""):
                relevelled.append(
                    f"{card.text}: {prev_level.get(key) or 'any level'} → {level or 'any level'}"
                )
        elif in_function or card.level == UNSORTED and not snap.path_side(card):
            added.append(card.text)
    removed = [
        t.text
        for t in prev.tasks
        if unmatched.get(_key(t.text), 0) > 0 and not _consume(unmatched, _key(t.text))
    ]
    prev_functions = [f.name for f in prev.functions]
    renamed = [
        Reworded(first_name[c.id], c.name)
        for c in snap.categories
        if c.id in first_name and first_name[c.id] in prev_functions and first_name[c.id] != c.name
    ]
    started = set(first_name.values())
    return Changes(
        previous_version=prev.version,
        added_tasks=tuple(added),
        removed_tasks=tuple(removed),
        reworded_tasks=tuple(reworded),
        moved_tasks=tuple(moved),
        added_functions=tuple(
            c.name
            for c in snap.categories
            if c.id in first_name and first_name[c.id] not in prev_functions
        ),
        removed_functions=tuple(n for n in prev_functions if n not in started),
        renamed_functions=tuple(renamed),
        new_competencies=tuple(c.text for c in new_comps),
        relevelled_tasks=tuple(relevelled),
        merged_tasks=tuple(merged),
    )


def _consume(unmatched: dict[str, int], key: str) -> bool:
    """Count one removal of a duplicated task text; False so the filter keeps it."""
    unmatched[key] -= 1
    return False
