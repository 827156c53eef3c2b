"""Group an occupation's task statements into a strawman's job functions.

The guide's Appendix C has four functions, each a plain verb phrase ("Manage and generate
business relationships with customers"), with three to five tasks under each. O*NET's work
activity hierarchy gives phrases at that level: each task links to detailed work activities
(DWAs), which roll up to intermediate ones (IWAs, "Promote products, services, or programs.")
and those to the 41 generalised work activities (GWAs, "Performing General Physical
Activities"), which are far too broad to name a function (a welder's main function is not
"Handling and Moving Objects"). So:

1. Cover the tasks with IWAs, greedily: the IWA linked to most of the remaining tasks founds a
   group, and so on (ties go to the IWA whose first task comes first in O*NET's order).
2. Merge groups that are too small into the most similar group with room (same GWA, same GWA
   family, shared words), until there are at most `MAX_FUNCTIONS` groups of at least
   `MIN_TASKS` where the tasks allow it. No group grows past `MAX_TASKS`.
3. Each function is named after its founding IWA (the one behind most of its tasks). Tasks
   that fit nowhere are returned as `left_over`, for the profile's open questions: there is no
   "Other tasks" column.

Pure Python on plain data, so it is tested without the data file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

MIN_FUNCTIONS = 3
MAX_FUNCTIONS = 6
MIN_TASKS = 3
MAX_TASKS = 5
TASKS_PER_FUNCTION = 4
"""Aim: about four tasks a function, as in Appendix C (bounded by the limits above)."""

_STOP = frozenset(
    "a an and or the of to for in on with by from as at into other others such using use "
    "based their its be or/and e.g. etc".split()
)


@dataclass(frozen=True)
class SourceTask:
    text: str
    iwas: tuple[str, ...]
    """IWA ids this task links to (through its DWAs), in O*NET's order."""


@dataclass(frozen=True)
class DraftFunction:
    name: str
    iwa: str
    """The founding IWA id (its GWA is `iwa` up to the 5th dot: never shown)."""
    tasks: tuple[str, ...]


@dataclass(frozen=True)
class Draft:
    functions: tuple[DraftFunction, ...]
    left_over: tuple[str, ...] = ()
    """Tasks no function had room for, or that link to no work activity."""


@dataclass
class _Group:
    iwa: str
    tasks: list[int] = field(default_factory=list)


def function_name(iwa_title: str) -> str:
    """'Promote products, services, or programs.' -> 'Promote products, services, or programs'."""
    return iwa_title.strip().rstrip(".").strip()


def draft_functions(tasks: Sequence[SourceTask], iwa_titles: Mapping[str, str]) -> Draft:
    if not tasks:
        return Draft(())
    target = max(MIN_FUNCTIONS, min(MAX_FUNCTIONS, round(len(tasks) / TASKS_PER_FUNCTION)))
    words = [_words(t.text) for t in tasks]
    groups, loose = _cover(tasks)
    groups, overflow = _cap(groups, tasks)
    loose += overflow
    groups, dropped = _merge(groups, tasks, words, iwa_titles, target)
    loose += dropped
    left_over = _place_loose(groups, loose, words)
    groups.sort(key=lambda g: (-len(g.tasks), min(g.tasks)))
    functions = []
    for g in groups:
        g.tasks.sort()
        name = function_name(iwa_titles.get(g.iwa, "")) or _fallback_name(tasks[g.tasks[0]].text)
        functions.append(DraftFunction(name, g.iwa, tuple(tasks[i].text for i in g.tasks)))
    return Draft(tuple(functions), tuple(tasks[i].text for i in sorted(left_over)))


def _cover(tasks: Sequence[SourceTask]) -> tuple[list[_Group], list[int]]:
    unassigned = [i for i, t in enumerate(tasks) if t.iwas]
    loose = [i for i, t in enumerate(tasks) if not t.iwas]
    groups: list[_Group] = []
    while unassigned:
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for i in unassigned:
            for iwa in tasks[i].iwas:
                counts[iwa] += 1
                first.setdefault(iwa, i)
        iwa = min(counts, key=lambda k: (-counts[k], first[k], k))
        members = [i for i in unassigned if iwa in tasks[i].iwas]
        groups.append(_Group(iwa, members))
        unassigned = [i for i in unassigned if i not in members]
    return groups, loose


def _cap(groups: list[_Group], tasks: Sequence[SourceTask]) -> tuple[list[_Group], list[int]]:
    """A group over MAX_TASKS keeps its first tasks; the rest try another of their IWAs."""
    overflow: list[int] = []
    by_iwa = {g.iwa: g for g in groups}
    for g in groups:
        while len(g.tasks) > MAX_TASKS:
            i = g.tasks.pop()
            home = next(
                (
                    by_iwa[iwa]
                    for iwa in tasks[i].iwas
                    if iwa in by_iwa and by_iwa[iwa] is not g and len(by_iwa[iwa].tasks) < MAX_TASKS
                ),
                None,
            )
            if home is not None:
                home.tasks.append(i)
            else:
                overflow.append(i)
    return groups, overflow


def _merge(
    groups: list[_Group],
    tasks: Sequence[SourceTask],
    words: Sequence[frozenset[str]],
    titles: Mapping[str, str],
    target: int,
) -> tuple[list[_Group], list[int]]:
    """Agglomerate: merge the most similar pair that needs merging, until none does."""
    dropped: list[int] = []
    while len(groups) > 1:
        too_many = len(groups) > target
        pairs = [
            (a, b)
            for n, a in enumerate(groups)
            for b in groups[n + 1 :]
            if len(a.tasks) + len(b.tasks) <= MAX_TASKS
            and (too_many or min(len(a.tasks), len(b.tasks)) < MIN_TASKS)
        ]
        if not too_many and len(groups) <= MIN_FUNCTIONS:
            # Few groups already: only merge related work, never just to fill a column.
            pairs = [(a, b) for a, b in pairs if _related(a, b, tasks)]
        if not pairs:
            small = [g for g in groups if len(g.tasks) < MIN_TASKS]
            if not (too_many or small) or len(groups) <= MIN_FUNCTIONS:
                break
            # A group that fits nowhere: its tasks become open questions.
            victim = min(small or groups, key=lambda g: (len(g.tasks), -min(g.tasks)))
            groups.remove(victim)
            dropped += victim.tasks
            continue
        a, b = max(
            pairs,
            key=lambda p: (
                _similarity(p[0], p[1], tasks, words, titles)
                - 0.25 * (len(p[0].tasks) + len(p[1].tasks)),
                -max(min(p[0].tasks), min(p[1].tasks)),
            ),
        )
        # The bigger side's IWA wins ties: it named most of the tasks already.
        prefer = tuple(g.iwa for g in sorted((a, b), key=lambda g: (-len(g.tasks), min(g.tasks))))
        a.tasks += b.tasks
        a.iwa = _founding_iwa(a, tasks, prefer=prefer)
        groups.remove(b)
    return groups, dropped


def _founding_iwa(group: _Group, tasks: Sequence[SourceTask], prefer: tuple[str, ...]) -> str:
    """The IWA behind most of the group's tasks (ties: the groups' own IWAs, then first)."""
    counts: Counter[str] = Counter(iwa for i in group.tasks for iwa in tasks[i].iwas)
    order = {iwa: n for n, iwa in enumerate(prefer)}
    return min(counts, key=lambda k: (-counts[k], order.get(k, len(order)), k))


def _iwas_of(group: _Group, tasks: Sequence[SourceTask]) -> set[str]:
    return {group.iwa} | {iwa for i in group.tasks for iwa in tasks[i].iwas}


def _related(a: _Group, b: _Group, tasks: Sequence[SourceTask]) -> bool:
    return any(_depth(x, y) >= 2 for x in _iwas_of(a, tasks) for y in _iwas_of(b, tasks))


def _depth(a: str, b: str) -> int:
    """How close two IWA ids are: 4 same IWA, 3 same GWA, 2 same GWA family, 1 same area."""
    if a == b:
        return 4
    pa, pb = a.split("."), b.split(".")
    for depth, cut in ((3, 5), (2, 4), (1, 3)):
        if pa[:cut] == pb[:cut]:
            return depth
    return 0


def _similarity(
    a: _Group,
    b: _Group,
    tasks: Sequence[SourceTask],
    words: Sequence[frozenset[str]],
    titles: Mapping[str, str],
) -> float:
    hierarchy = max(
        (_depth(x, y) for x in _iwas_of(a, tasks) for y in _iwas_of(b, tasks)), default=0
    )
    wa = set().union(*(words[i] for i in a.tasks), _words(titles.get(a.iwa, "")))
    wb = set().union(*(words[i] for i in b.tasks), _words(titles.get(b.iwa, "")))
    overlap = len(wa & wb) / max(1, len(wa | wb))
    return hierarchy + 4 * overlap


def _place_loose(
    groups: list[_Group], loose: list[int], words: Sequence[frozenset[str]]
) -> list[int]:
    """Tasks with no function yet join the one they share most words with, if it has room."""
    left: list[int] = []
    for i in sorted(loose):
        room = [g for g in groups if len(g.tasks) < MAX_TASKS]
        scored = [(len(words[i] & set().union(*(words[j] for j in g.tasks))), g) for g in room]
        best = max(scored, key=lambda s: s[0], default=(0, None))
        if best[1] is not None and best[0] >= 2:
            best[1].tasks.append(i)
        else:
            left.append(i)
    if not groups and left:  # nothing linked at all: one function from the tasks themselves
        first = left[:MAX_TASKS]
        groups.append(_Group("", first))
        left = left[MAX_TASKS:]
    return left


def _fallback_name(task: str) -> str:
    """Only for tasks linked to no work activity: the first task's opening words."""
    words = task.rstrip(".").split()
    return " ".join(words[:6])


def _words(text: str) -> frozenset[str]:
    out = set()
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _STOP or len(word) < 3:
            continue
        out.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return frozenset(out)
