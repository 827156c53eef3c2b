"""The wall as read models: a category x level grid, the ranking, reason tallies.

Pure functions over domain objects, shared by the UI and every export.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from focusgroup.domain.model import (
    CARDS_PER_EMPLOYER,
    DEFAULT_LEVELS,
    UNSORTED,
    Card,
    Category,
    Participant,
    Role,
)
from focusgroup.domain.protocol import Protocol

PATHS_IN_CATEGORY = "Paths into the job"
PATHS_OUT_CATEGORY = "Paths onward from it"
"""A round started from a job profile has these two columns besides its job functions: the
jobs people come from and move on to, each at its level."""


@dataclass(frozen=True)
class Place:
    """Where a card sits: a category and a level, or the Unsorted tray (category None)."""

    category_id: int | None
    level: str

    @property
    def unsorted(self) -> bool:
        return self.category_id is None


TRAY = Place(None, UNSORTED)


@dataclass(frozen=True)
class Wall:
    """Everything the wall shows, in display order."""

    categories: tuple[Category, ...]
    levels: tuple[str, ...]
    grid: dict[tuple[int, str], tuple[Card, ...]]
    unsorted: tuple[Card, ...]

    def cell(self, category_id: int, level: str) -> tuple[Card, ...]:
        return self.grid.get((category_id, level), ())

    def cards(self) -> tuple[Card, ...]:
        placed = (card for cards in self.grid.values() for card in cards)
        return (*self.unsorted, *placed)


def place_of(card: Card) -> Place:
    if card.category_id is None or card.level == UNSORTED:
        return TRAY
    return Place(card.category_id, card.level)


def build_wall(
    categories: Sequence[Category], cards: Iterable[Card], levels: Sequence[str] = DEFAULT_LEVELS
) -> Wall:
    """Group top-level cards into the grid, each place ordered by position."""
    ordered = sorted(categories, key=lambda c: (c.position, c.id))
    known = {c.id for c in ordered}
    grid: dict[tuple[int, str], list[Card]] = {}
    unsorted: list[Card] = []
    for card in sorted(cards, key=lambda c: (c.position, c.id)):
        place = place_of(card)
        category = place.category_id  # None exactly when the place is the tray
        if category is None or category not in known or place.level not in levels:
            unsorted.append(card)
        else:
            grid.setdefault((category, place.level), []).append(card)
    return Wall(
        categories=tuple(ordered),
        levels=tuple(levels),
        grid={key: tuple(value) for key, value in grid.items()},
        unsorted=tuple(unsorted),
    )


def step_category(
    place: Place, categories: Sequence[Category], direction: int, levels: Sequence[str]
) -> Place:
    """The place one category to the right (+1) or left (-1); left of the first is the tray."""
    ids = [c.id for c in sorted(categories, key=lambda c: (c.position, c.id))]
    if not ids:
        return TRAY
    if place.unsorted:
        return Place(ids[0], levels[0]) if direction > 0 else TRAY
    index = ids.index(place.category_id) + direction if place.category_id in ids else 0
    if index < 0:
        return TRAY
    return Place(ids[min(index, len(ids) - 1)], place.level)


def step_level(place: Place, direction: int, levels: Sequence[str]) -> Place:
    """One level up (+1, towards advanced) or down (-1); stays put at either end."""
    if place.unsorted:
        return place
    index = max(0, min(len(levels) - 1, levels.index(place.level) + direction))
    return Place(place.category_id, levels[index])


@dataclass(frozen=True)
class RankedOccupation:
    card: Card
    employers: int
    """How many distinct employers named it (an employer's two cards in a stack count once)."""
    hands: int | None
    """How many in the room backed it by show of hands; None when hands were never taken."""
    reasons: int = 0
    """How many why-critical reasons employers gave for it, over every card in the stack."""

    @property
    def score(self) -> tuple[int, int, int]:
        return (self.employers, self.reasons, self.hands or 0)


def reasons_given(card: Card) -> int:
    """Reasons given for a stack: each employer's card counts its own reasons."""
    return sum(len(set(member.reasons)) for member in card.all_cards)


def rank_occupations(cards: Iterable[Card]) -> list[RankedOccupation]:
    """Occupations by distinct employers who named them, then reasons given, then hands.

    A tie on all three keeps the order the cards were written in (never the alphabet, which
    would favour "Assembler" over "Welder" for no reason the room gave).
    """
    ranked = [
        RankedOccupation(
            card, card.employers, card.hands if card.hands_taken else None, reasons_given(card)
        )
        for card in cards
        if card.stack_id is None
    ]
    ranked.sort(key=lambda r: (-r.employers, -r.reasons, -(r.hands or 0), r.card.id))
    return ranked


def most_common(tally: Counter[str]) -> tuple[tuple[str, ...], int]:
    """The most frequent keys, all of them when several tie, and their count."""
    if not tally:
        return (), 0
    top = max(tally.values())
    return tuple(k for k, n in tally.items() if n == top), top


def reason_tallies(cards: Iterable[Card]) -> Counter[str]:
    """How often each why-critical reason was given, counting every employer's card."""
    tally: Counter[str] = Counter()
    for card in cards:
        for member in card.all_cards:
            tally.update(member.reasons)
    return tally


def cards_turned_in(participants: Iterable[Participant], cards: Iterable[Card]) -> dict[int, int]:
    """Per card-writing participant, how many occupation cards they have turned in."""
    counts: Counter[int] = Counter()
    for card in cards:
        for member in card.all_cards:
            if member.participant_id is not None and not member.third_card:
                counts[member.participant_id] += 1
    return {
        p.id: counts.get(p.id, 0)
        for p in participants
        if p.role not in {r.value for r in Role if not r.writes_cards}
    }


def employers_named(card: Card, *, tasks: bool = False) -> int:
    """How many distinct employers named a card: `card.employers` (an unattributed card is
    someone's). With `tasks` (a round started from a job profile, whose cards are the
    profile's tasks and were written by no one), only cards a named participant wrote."""
    return len(card.employer_ids) if tasks else card.employers


def path_steps(protocol: Protocol) -> tuple[frozenset[int], frozenset[int]]:
    """Steps that collect occupation cards: the first is paths in, later ones paths onward."""
    steps = [i for i, s in enumerate(protocol.steps) if "occupation" in s.collects]
    return frozenset(steps[:1]), frozenset(steps[1:])


def path_columns(categories: Iterable[Category], first_names: Mapping[int, str]) -> dict[int, str]:
    """Category id -> "in" / "out": the two path columns of a round started from a profile.

    They are known by the name they were added with (`first_names`, id -> name), not the name
    they have now: renaming "Paths into the job" keeps it the path column it is, and a job
    function renamed to that name stays a function. The wall and every export count by this.
    """
    sides = {PATHS_IN_CATEGORY: "in", PATHS_OUT_CATEGORY: "out"}
    out = {}
    for category in categories:
        side = sides.get(first_names.get(category.id, category.name))
        if side:
            out[category.id] = side
    return out


def path_side(
    card: Card, columns: Mapping[int, str], steps: tuple[frozenset[int], frozenset[int]]
) -> str:
    """ "in" or "out" for a card naming a job people come from or move on to, "" for a task.
    `columns`: category id -> "in" / "out" for the path columns. A card still in the tray is
    a path when it was written during a paths step."""
    if card.category_id is not None:
        return columns.get(card.category_id, "")
    into, onward = steps
    return "in" if card.step in into else "out" if card.step in onward else ""


def missing_cards(participants: Iterable[Participant], cards: Iterable[Card]) -> list[int]:
    """Ids of employers who have not yet turned in their two cards."""
    return [
        pid for pid, n in cards_turned_in(participants, cards).items() if n < CARDS_PER_EMPLOYER
    ]
