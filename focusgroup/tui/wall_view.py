"""What the wall shows, as plain data built from the store's read models (no Textual here).

The wall board diffs one `WallView` against the next and touches only the tiles, lanes and
columns that changed; the benchmark and tests build views the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from focusgroup.domain.model import UNSORTED, Card, CardLink, Category, Competency, Participant
from focusgroup.domain.protocol import Protocol
from focusgroup.domain.wall import Wall, employers_named
from focusgroup.tui.widgets.card_tile import COMPETENCY_SYMBOL, OCCUPATION_SYMBOL, CardView

ColumnKey = int | None
"""A category id, or None for the Unsorted tray."""
PlaceKey = tuple[ColumnKey, str]

CATEGORY_SYMBOL = "■"
TRAY_SYMBOL = "□"


@dataclass(frozen=True)
class ColumnView:
    key: ColumnKey
    name: str
    colour: str
    symbol: str
    count: int
    competencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class LaneView:
    key: PlaceKey
    label: str
    cards: tuple[tuple[int, CardView], ...]


@dataclass
class WallView:
    """Columns left to right (the tray first); each column's lanes top to bottom."""

    columns: list[ColumnView] = field(default_factory=list)
    lanes: dict[ColumnKey, list[LaneView]] = field(default_factory=dict)

    def card_ids(self) -> list[int]:
        return [cid for lanes in self.lanes.values() for lane in lanes for cid, _ in lane.cards]


@dataclass(frozen=True)
class ViewOptions:
    folded: bool = False
    """Competency cards folded into a count."""
    projector: bool = False
    marked: frozenset[int] = frozenset()
    tasks: bool = False
    """The cards are a job profile's tasks (a competencies round): nobody named them."""


def kind_symbol(protocol: Protocol, key: str, default: str) -> str:
    kind = protocol.kind(key)
    return kind.symbol if kind and kind.symbol else default


def who_label(card: Card, people: dict[int, Participant]) -> str:
    if card.members:
        return ""
    person = people.get(card.participant_id) if card.participant_id is not None else None
    if person is None:
        return ""
    return person.organization or person.name


def soc_label(card: Card) -> str:
    """The crosswalk on a card, with O*NET's job zone beside the level employers gave it.

    A strong disagreement gets a mark for the discussion; the level is never changed.
    """
    code = card.onet_code or card.soc_code
    if not code:
        return ""
    from focusgroup.crosswalk.zones import job_zone_of, level_disagreement

    label = " ".join(p for p in (card.soc_code, card.soc_title) if p)
    zone = job_zone_of(code)
    if zone:
        label += f" \u00b7 zone {zone}"
        if level_disagreement(zone, card.level):
            label += " \u26a0 check level"
    return label


@dataclass(frozen=True)
class CardLook:
    """What every card on the wall shares, worked out once per wall instead of per card."""

    symbol: str
    competency_symbol: str
    order: dict[str, int]
    hotkeys: dict[str, str]

    @classmethod
    def of(cls, protocol: Protocol) -> CardLook:
        return cls(
            symbol=kind_symbol(protocol, "occupation", OCCUPATION_SYMBOL),
            competency_symbol=kind_symbol(protocol, "competency", COMPETENCY_SYMBOL),
            order={r.key: i for i, r in enumerate(protocol.reasons)},
            hotkeys={r.key: r.hotkey for r in protocol.reasons},
        )


def card_view(
    card: Card,
    protocol: Protocol | CardLook,
    people: dict[int, Participant],
    competencies: Sequence[str],
    options: ViewOptions,
    shortlist: int = 0,
    advances_to: Sequence[str] = (),
) -> CardView:
    look = protocol if isinstance(protocol, CardLook) else CardLook.of(protocol)
    order = look.order
    reasons = sorted(card.all_reasons, key=lambda r: order.get(r, len(order)))
    return CardView(
        text=card.text,
        symbol=look.symbol,
        count=employers_named(card, tasks=options.tasks),
        hands=card.hands,
        hands_taken=card.hands_taken,
        shortlist=shortlist,
        reasons=tuple(look.hotkeys[r] for r in reasons if r in look.hotkeys),
        own_reasons=tuple(r for r in reasons if r not in look.hotkeys),
        third_card=card.third_card,
        shift=card.shift,
        who=who_label(card, people),
        soc=soc_label(card),
        competencies=tuple(competencies),
        competency_symbol=look.competency_symbol,
        folded=options.folded,
        marked=card.id in options.marked,
        projector=options.projector,
        advances_to=tuple(advances_to),
    )


def build_wall_view(
    wall: Wall,
    protocol: Protocol,
    participants: Iterable[Participant],
    competencies: Iterable[Competency],
    options: ViewOptions = ViewOptions(),
    links: Iterable[CardLink] = (),
) -> WallView:
    people = {p.id: p for p in participants}
    texts = {c.id: c.text for c in wall.cards()}
    advances: dict[int, list[str]] = {}
    for link in links:
        if link.to_card_id in texts:
            advances.setdefault(link.card_id, []).append(texts[link.to_card_id])
    by_card: dict[int, list[str]] = {}
    by_category: dict[int, list[str]] = {}
    for comp in competencies:
        if comp.card_id is not None:
            by_card.setdefault(comp.card_id, []).append(comp.text)
        elif comp.category_id is not None:
            by_category.setdefault(comp.category_id, []).append(comp.text)

    look = CardLook.of(protocol)
    listed = sorted((c for c in wall.cards() if c.on_shortlist), key=lambda c: c.shortlist_place)
    places = {c.id: i for i, c in enumerate(listed, start=1)}

    def views(cards: Iterable[Card]) -> tuple[tuple[int, CardView], ...]:
        return tuple(
            (
                c.id,
                card_view(
                    c,
                    look,
                    people,
                    by_card.get(c.id, ()),
                    options,
                    places.get(c.id, 0),
                    advances.get(c.id, ()),
                ),
            )
            for c in cards
        )

    labels = {level.key: level.label for level in protocol.levels}
    view = WallView()
    view.columns.append(
        ColumnView(None, "Unsorted", "", TRAY_SYMBOL, len(wall.unsorted)),
    )
    view.lanes[None] = [LaneView((None, UNSORTED), "New cards", views(wall.unsorted))]
    category_symbol = kind_symbol(protocol, "category", CATEGORY_SYMBOL)
    # Advanced at the top, entry at the bottom: "up a level" moves a card up the screen.
    levels = list(reversed(wall.levels))
    for category in wall.categories:
        lanes = [
            LaneView(
                (category.id, level),
                labels.get(level, level),
                views(wall.cell(category.id, level)),
            )
            for level in levels
        ]
        view.lanes[category.id] = lanes
        view.columns.append(column_view(category, category_symbol, lanes, by_category))
    return view


def column_view(
    category: Category,
    symbol: str,
    lanes: Sequence[LaneView],
    by_category: dict[int, list[str]],
) -> ColumnView:
    return ColumnView(
        key=category.id,
        name=category.name,
        colour=category.colour,
        symbol=symbol,
        count=sum(len(lane.cards) for lane in lanes),
        competencies=tuple(by_category.get(category.id, ())),
    )
