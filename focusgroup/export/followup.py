"""The follow-up loop, read back: a competencies session → updated profile, version + 1.

The session was started from a profile by `focusgroup.from_profile`. `updated_profile` reads
it: the functions and tasks as the room left them, competencies and gaps added, and `changes`
listing what was added, removed, reworded or moved. Rewordings are found through the journal (each
card's first text), so a task edited five times is still one rewording, not an add + remove.
"""

from __future__ import annotations

from dataclasses import replace

from focusgroup.domain.model import UNSORTED, Card
from focusgroup.export.profiles import (
    Changes,
    Function,
    JobProfile,
    ProfileCompetency,
    ProfileError,
    Reworded,
    Task,
    parse_profile,
)
from focusgroup.export.snapshot import SessionSnapshot


def previous_profile(snap: SessionSnapshot) -> JobProfile:
    try:
        return parse_profile(snap.session.source_profile, "the session's starting profile")
    except ProfileError as error:
        raise ProfileError(f"{snap.session.title}: {error}") from None


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _path_steps(snap: SessionSnapshot) -> tuple[set[int], set[int]]:
    """Steps that collect occupation cards: the first is paths in, the later ones paths out."""
    steps = [i for i, s in enumerate(snap.protocol.steps) if "occupation" in s.collects]
    return set(steps[:1]), set(steps[1:])


def updated_profile(snap: SessionSnapshot) -> JobProfile:
    """The profile as the room left it: version + 1, with `changes` against the previous one."""
    prev = previous_profile(snap)
    into, onward = _path_steps(snap)
    by_category: dict[int, list[Card]] = {}
    loose_tasks: list[Card] = []
    paths_in, paths_out = list(prev.paths_in), list(prev.paths_out)
    level_order = {lv: i for i, lv in enumerate(snap.levels)}
    for card in sorted(snap.cards, key=lambda c: (level_order.get(c.level, 9), c.position, c.id)):
        if card.category_id is not None and snap.category(card.category_id):
            by_category.setdefault(card.category_id, []).append(card)
        elif card.step in into:
            paths_in.append(card.text)
        elif card.step in onward:
            paths_out.append(card.text)
        else:
            loose_tasks.append(card)

    prev_tasks = {_key(t.text): t for t in prev.tasks}
    lacking_cards = {c.card_id for c in snap.competencies if c.lacking and c.card_id is not None}

    def task(card: Card) -> Task:
        before = prev_tasks.get(_key(snap.original_texts.get(card.id, card.text)))
        level = card.level if card.level in ("entry", "mid", "advanced") else ""
        return Task(
            text=card.text,
            level=level,
            lacking=card.id in lacking_cards or bool(before and before.lacking),
            source=(before.source or "strawman") if before else "focus group",
        )

    functions = [
        Function(cat.name, tuple(task(c) for c in by_category.get(cat.id, ())))
        for cat in snap.categories
    ]
    if loose_tasks:
        functions.append(
            Function("Not yet placed under a function", tuple(task(c) for c in loose_tasks))
        )

    known = {_key(c.text) for c in prev.competencies}
    new_comps = [
        ProfileCompetency(text=c.text, level=c.level, ksa=c.ksa, tier=c.tier, lacking=c.lacking)
        for c in snap.competencies
        if _key(c.text) not in known
    ]
    new_comps = list({_key(c.text): c for c in new_comps}.values())
    notes = [n for n in snap.notes if n.kind == "note"]
    for n in notes:
        if n.topic == "paths-in-out":
            (paths_out if n.step in onward else paths_in).append(n.text)
    gaps = [
        *prev.skills_gaps,
        *(c.text for c in new_comps if c.lacking),
        *(n.text for n in notes if n.topic in ("training-priorities", "underperformed")),
    ]
    level_changes = [*prev.level_changes, *(n.text for n in notes if n.topic == "min-vs-mid")]
    session = snap.session
    source = session.title + (f" ({session.date})" if session.date else "")
    updated = replace(
        prev,
        version=prev.version + 1,
        functions=tuple(functions),
        competencies=(*prev.competencies, *new_comps),
        paths_in=tuple(dict.fromkeys(paths_in)),
        paths_out=tuple(dict.fromkeys(paths_out)),
        skills_gaps=tuple(dict.fromkeys(gaps)),
        level_changes=tuple(dict.fromkeys(level_changes)),
        sources=tuple(dict.fromkeys((*prev.sources, source))),
        changes=None,
    )
    return replace(updated, changes=session_changes(snap, prev, updated, new_comps))


def session_changes(
    snap: SessionSnapshot, prev: JobProfile, new: JobProfile, new_comps: list[ProfileCompetency]
) -> Changes:
    """What the room changed: tasks matched to the strawman by the text they started with."""
    prev_function_of: dict[str, list[str]] = {}
    for f in prev.functions:
        for t in f.tasks:
            prev_function_of.setdefault(_key(t.text), []).append(f.name)
    unmatched = {k: len(v) for k, v in prev_function_of.items()}
    added, reworded, moved = [], [], []
    category_name = {c.id: c.name for c in snap.categories}
    for card in snap.cards:
        for member in card.members:  # merged into another task: not a removal
            member_key = _key(snap.original_texts.get(member.id, member.text))
            if unmatched.get(member_key, 0) > 0:
                unmatched[member_key] -= 1
        in_function = card.category_id is not None and card.category_id in category_name
        original = snap.original_texts.get(card.id, card.text)
        key = _key(original)
        if unmatched.get(key, 0) > 0:
            unmatched[key] -= 1
            if _key(card.text) != key:
                reworded.append(Reworded(original, card.text))
            now = category_name.get(card.category_id or -1, "")
            if in_function and now not in prev_function_of[key]:
                moved.append(f"{card.text} → {now}")
        elif in_function or card.level == UNSORTED and not _is_path(snap, card):
            added.append(card.text)
    removed = [
        t.text
        for t in prev.tasks
        if unmatched.get(_key(t.text), 0) > 0 and not _consume(unmatched, _key(t.text))
    ]
    prev_functions = [f.name for f in prev.functions]
    now_functions = [c.name for c in snap.categories]
    return Changes(
        previous_version=prev.version,
        added_tasks=tuple(added),
        removed_tasks=tuple(removed),
        reworded_tasks=tuple(reworded),
        moved_tasks=tuple(moved),
        added_functions=tuple(n for n in now_functions if n not in prev_functions),
        removed_functions=tuple(n for n in prev_functions if n not in now_functions),
        new_competencies=tuple(c.text for c in new_comps),
    )


def _consume(unmatched: dict[str, int], key: str) -> bool:
    """Count one removal of a duplicated task text; False so the filter keeps it."""
    unmatched[key] -= 1
    return False


def _is_path(snap: SessionSnapshot, card: Card) -> bool:
    into, onward = _path_steps(snap)
    return card.step in into or card.step in onward
