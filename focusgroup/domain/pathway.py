"""Career pathways read off the wall: chains and trees of "advances to" links.

Pure functions over domain objects. A pathway is a connected group of linked occupation cards
(links may cross categories); the cards of a category that nobody has linked yet join the first
pathway that already runs through that category, or make a pathway of their own, so every
sorted card appears on a map by its level. Names come from the categories a pathway spans.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from focusgroup.domain.errors import DomainError
from focusgroup.domain.model import UNSORTED, Card, CardLink, Category, Projection


@dataclass(frozen=True)
class Pathway:
    name: str
    cards: tuple[Card, ...]
    """Every occupation on this pathway, in level order, then wall order."""
    links: tuple[CardLink, ...]
    """The links between this pathway's cards, in the order they were made."""
    category_ids: tuple[int, ...]

    def at_level(self, level: str) -> tuple[Card, ...]:
        return tuple(card for card in self.cards if card.level == level)

    def card(self, card_id: int) -> Card | None:
        return next((c for c in self.cards if c.id == card_id), None)


def links_by_card(links: Iterable[CardLink]) -> dict[int, list[CardLink]]:
    """Card id -> the links leaving it (for the wall's marks)."""
    out: dict[int, list[CardLink]] = {}
    for link in links:
        out.setdefault(link.card_id, []).append(link)
    return out


def pathways(
    categories: Sequence[Category],
    cards: Iterable[Card],
    links: Iterable[CardLink],
    levels: Sequence[str],
) -> list[Pathway]:
    """The wall's pathways, in wall order (by the first category each one touches)."""
    order = {cat.id: i for i, cat in enumerate(sorted(categories, key=lambda c: c.position))}
    names = {cat.id: cat.name for cat in categories}
    level_rank = {level: i for i, level in enumerate(levels)}
    placed = [
        c for c in cards if c.category_id in order and c.level != UNSORTED and c.level in level_rank
    ]
    by_id = {c.id: c for c in placed}
    links = [link for link in links if link.card_id in by_id and link.to_card_id in by_id]

    parent = {card_id: card_id for card_id in by_id}

    def root(card_id: int) -> int:
        while parent[card_id] != card_id:
            parent[card_id] = parent[parent[card_id]]
            card_id = parent[card_id]
        return card_id

    for link in links:
        a, b = root(link.card_id), root(link.to_card_id)
        if a != b:
            parent[max(a, b)] = min(a, b)
    linked = {card_id for link in links for card_id in (link.card_id, link.to_card_id)}
    groups: dict[int, list[Card]] = {}
    for card in placed:
        if card.id in linked:
            groups.setdefault(root(card.id), []).append(card)

    def wall_key(card: Card) -> tuple[int, int, float, int]:
        return (level_rank[card.level], order[card.category_id or 0], card.position, card.id)

    def first_category(members: list[Card]) -> int:
        return min(order[c.category_id or 0] for c in members)

    chains = sorted(groups.values(), key=lambda m: (first_category(m), min(c.id for c in m)))
    # Unlinked cards join the first chain through their category, else form their own group.
    home: dict[int, list[Card]] = {}
    for members in chains:
        for card in members:
            home.setdefault(card.category_id or 0, members)
    loose: dict[int, list[Card]] = {}
    for card in placed:
        if card.id not in linked:
            target = home.get(card.category_id or 0)
            (target if target is not None else loose.setdefault(card.category_id or 0, [])).append(
                card
            )
    everything = [*chains, *loose.values()]
    everything.sort(key=lambda m: (first_category(m), min(c.id for c in m)))

    result: list[Pathway] = []
    for members in everything:
        members.sort(key=wall_key)
        cat_ids = tuple(sorted({c.category_id or 0 for c in members}, key=lambda i: order[i]))
        ids = {c.id for c in members}
        result.append(
            Pathway(
                name=" + ".join(names[i] for i in cat_ids),
                cards=tuple(members),
                links=tuple(link for link in links if link.card_id in ids),
                category_ids=cat_ids,
            )
        )
    # Two pathways through the same categories are told apart by where each starts.
    counts: dict[str, int] = {}
    for found in result:
        counts[found.name] = counts.get(found.name, 0) + 1
    named: list[Pathway] = []
    seen: dict[str, int] = {}
    for found in result:
        name = found.name
        if counts[name] > 1:
            name = f"{name}, from {_start(found).text}"
            seen[name] = seen.get(name, 0) + 1
            if seen[name] > 1:
                name = f"{name} ({seen[name]})"
        named.append(replace(found, name=name))
    result = named
    return result


def _start(found: Pathway) -> Card:
    """Where a pathway starts: its lowest card that leads somewhere and that nothing leads to."""
    targets = {link.to_card_id for link in found.links}
    sources = {link.card_id for link in found.links}
    roots = [c for c in found.cards if c.id in sources and c.id not in targets]
    return roots[0] if roots else found.cards[0]


def choose_pathway(found: Sequence[Pathway], name: str) -> Pathway:
    """The pathway a person means: its name, exactly or as an unambiguous part (any case)."""
    wanted = name.strip().casefold()
    exact = [p for p in found if p.name.casefold() == wanted]
    if exact:
        return exact[0]
    partial = [p for p in found if wanted and wanted in p.name.casefold()]
    if len(partial) == 1:
        return partial[0]
    if not found:
        raise DomainError("The wall has no sorted occupation cards yet, so there is no pathway.")
    listed = "; ".join(p.name for p in found)
    if partial:
        raise DomainError(f"{name!r} matches several pathways ({listed}); name one exactly.")
    raise DomainError(f"No pathway named {name!r}; the pathways are: {listed}.")


def projection_for(
    projections: Iterable[Projection], soc_code: str, area_names: Iterable[str]
) -> Projection | None:
    """The projections row that gives `soc_code`'s annual openings where the meeting is.

    `area_names` are the ways a table may name the meeting's area (its name and BLS code); a
    row with no area is for the meeting's own (as `projections import` documents). The area's
    own row wins over a blank one, then the newest; a row for another area is never used.
    The map and the gap analysis both read openings through this, so they print one figure.
    """
    names = {"", *(n.strip().casefold() for n in area_names)}
    soc = soc_code.strip()[:7]
    rows = [p for p in projections if p.soc_code == soc and p.area.strip().casefold() in names]
    return max(rows, key=lambda p: (p.area.strip() != "", p.id)) if rows else None


@dataclass(frozen=True)
class Rise:
    """One O*NET skill or knowledge area whose level is higher in the next occupation."""

    domain: str
    """'skill' or 'knowledge'."""
    name: str
    before: float
    after: float

    @property
    def change(self) -> float:
        return self.after - self.before


def rising_levels(
    lower: Mapping[tuple[str, str], tuple[float, float]],
    upper: Mapping[tuple[str, str], tuple[float, float]],
    *,
    limit: int = 4,
    min_importance: float = 3.0,
) -> list[Rise]:
    """The elements whose O*NET level rises most from `lower`'s occupation to `upper`'s.

    Both map (domain, element) -> (level, importance). Only elements that matter to the next
    job (importance >= `min_importance` there, on O*NET's 1-5 scale) and rise by at least half
    a point on the 0-7 level scale count: smaller differences are within O*NET's noise.
    """
    rises = []
    for key, (level, importance) in upper.items():
        if key not in lower or importance < min_importance:
            continue
        before = lower[key][0]
        if level - before >= 0.5:
            rises.append(Rise(key[0], key[1], before, level))
    rises.sort(key=lambda r: (-r.change, r.name))
    return rises[:limit]
