"""The gap analysis: the inventory of programs set against the occupations employers named.

The guide's step 6 ("Identify gaps"): with the asset map in hand, see "where there are gaps in
training, areas of duplication, or areas where students or job seekers may struggle ... because
of a lack of connections among programs". Every finding here is computed from the inventory and
the wall; nothing is estimated. `analyse` takes the occupations to analyse as a list, so the
room's shortlist (when the session has one) or the whole wall can be passed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from focusgroup.domain.model import Card, Category, Competency
from focusgroup.domain.programs import (
    PROGRAM_LEVELS,
    Opening,
    Program,
    Referral,
    is_soc_code,
    names_occupation,
    norm,
    occupation_keys,
    parse_count,
)

COVERED = "covered"
PARTLY = "partly"
NOT_COVERED = "not covered"

COVERAGE_MEANING = {
    COVERED: "prepares for the occupation and teaches every competency employers flagged as "
    "lacking for it",
    PARTLY: "prepares for the occupation but teaches only some of the lacking competencies, "
    "or teaches some of them without preparing for the occupation",
    NOT_COVERED: "neither prepares for the occupation nor teaches any of its lacking competencies",
}


@dataclass(frozen=True)
class Occupation:
    """An occupation on the wall, as the gap analysis sees it."""

    name: str
    level: str
    category: str
    lacking: tuple[str, ...]
    """Competencies employers flagged as most often lacking, as the note-taker wrote them."""
    keys: frozenset[str] = field(default=frozenset(), compare=False)
    """How programs may name it (see `programs.occupation_keys`)."""
    card_id: int | None = None


def occupations_from_wall(
    cards: Iterable[Card], competencies: Iterable[Competency], categories: Iterable[Category]
) -> tuple[Occupation, ...]:
    """One `Occupation` per top-level card (a merged stack counts once), in wall order."""
    names = {c.id: c.name for c in categories}
    lacking: dict[int, list[str]] = {}
    for competency in competencies:
        if competency.lacking and competency.card_id is not None:
            lacking.setdefault(competency.card_id, []).append(competency.text)
    found = []
    for card in cards:
        if card.stack_id is not None:
            continue
        flagged = [t for c in card.all_cards for t in lacking.get(c.id, [])]
        found.append(
            Occupation(
                name=card.text,
                level=card.level,
                category=names.get(card.category_id, "") if card.category_id else "",
                lacking=tuple(dict.fromkeys(flagged)),
                keys=occupation_keys(card),
                card_id=card.id,
            )
        )
    return tuple(found)


@dataclass(frozen=True)
class Cell:
    status: str
    teaches: tuple[str, ...]
    """Of the occupation's lacking competencies, those this program teaches."""


@dataclass(frozen=True)
class Duplicate:
    credential: str
    occupation: str
    programs: tuple[Program, ...]

    @property
    def institutions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.institution for p in self.programs))


@dataclass(frozen=True)
class DeadEnd:
    program: Program
    reason: str


@dataclass(frozen=True)
class MissingLink:
    program: Program
    linkage: str


@dataclass(frozen=True)
class Spread:
    """Programs preparing for the same occupation at the same level, side by side."""

    occupation: str
    level: str
    programs: tuple[Program, ...]
    cost_low: float | None
    cost_high: float | None
    length_unit: str
    """Unit the lengths were compared in; "" when they can't be (missing or mixed units)."""
    length_low: float | None
    length_high: float | None
    prerequisites: tuple[str, ...]
    """Distinct prerequisites as written ("" counted as none given)."""
    costs_compared: int = 0
    """How many of the programs gave a cost that could be compared (one plain amount)."""
    lengths_compared: int = 0


@dataclass(frozen=True)
class SupplyDemand:
    occupation: str
    openings: int | None
    """Openings a year; None when the figures given for this occupation disagree (`conflict`)."""
    completions: int
    counted: tuple[Program, ...]
    """Programs whose completions were added up."""
    missing: tuple[Program, ...]
    """Programs for this occupation with no completions figure (the supply is then a floor)."""
    conflict: tuple[Opening, ...] = ()
    """Two or more figures given for this one occupation (by name and by code, say) that
    disagree: neither is used until one is corrected, and none is ever added to another."""
    sources: tuple[str, ...] = ()
    """Where the openings figure comes from, as given ('ND LMI'; a projections table's
    source and period), so the report can say whose figure it is."""

    @property
    def shortfall(self) -> int | None:
        return None if self.openings is None else self.openings - self.completions


@dataclass(frozen=True)
class GapReport:
    occupations: tuple[Occupation, ...]
    programs: tuple[Program, ...]
    coverage: dict[tuple[int, int], Cell]
    """(occupation index, program id) -> cell."""
    uncovered_occupations: tuple[Occupation, ...]
    uncovered_competencies: tuple[tuple[Occupation, str], ...]
    duplicates: tuple[Duplicate, ...]
    orphans: tuple[Program, ...]
    dead_ends: tuple[DeadEnd, ...]
    missing_links: tuple[MissingLink, ...]
    spreads: tuple[Spread, ...]
    supply_demand: tuple[SupplyDemand, ...]
    referrals: tuple[Referral, ...]
    openings: tuple[Opening, ...]

    def cell(self, occupation_index: int, program: Program) -> Cell:
        return self.coverage[(occupation_index, program.id)]

    def serving(self, occupation: Occupation) -> tuple[Program, ...]:
        return tuple(p for p in self.programs if names_occupation(p, occupation.keys))


def analyse(
    occupations: Sequence[Occupation],
    programs: Sequence[Program],
    *,
    meeting: Sequence[Occupation] | None = None,
    referrals: Sequence[Referral] = (),
    openings: Sequence[Opening] = (),
    projected: Sequence[Opening] = (),
) -> GapReport:
    """The whole gap analysis.

    Args:
        occupations: the occupations to analyse (the room's shortlist, or the whole wall).
        programs: the inventory.
        meeting: every occupation of the meeting, for orphans (a program serving none of
            them); defaults to `occupations`.
        referrals: employers' step-8 answers, reported beside the findings.
        openings: demand per occupation, for supply against demand.
        projected: demand from a projections table, used for an occupation with no openings.
    """
    meeting = occupations if meeting is None else meeting
    programs = tuple(programs)
    coverage: dict[tuple[int, int], Cell] = {}
    for index, occupation in enumerate(occupations):
        for program in programs:
            coverage[(index, program.id)] = _cell(occupation, program)
    taught = {norm(c) for p in programs for c in p.competencies}
    uncovered_competencies = tuple(
        (o, c) for o in occupations for c in o.lacking if norm(c) not in taught
    )
    return GapReport(
        occupations=tuple(occupations),
        programs=programs,
        coverage=coverage,
        uncovered_occupations=tuple(
            o for o in occupations if not any(names_occupation(p, o.keys) for p in programs)
        ),
        uncovered_competencies=uncovered_competencies,
        duplicates=_duplicates(occupations, programs),
        orphans=tuple(p for p in programs if not any(names_occupation(p, o.keys) for o in meeting)),
        dead_ends=_dead_ends(programs),
        missing_links=tuple(
            MissingLink(p, link)
            for p in programs
            for link in p.linkages
            if not _targets(link, programs, p)
        ),
        spreads=_spreads(occupations, programs),
        supply_demand=_supply_demand(occupations, programs, openings, projected),
        referrals=tuple(referrals),
        openings=tuple(openings) + tuple(projected),
    )


def _cell(occupation: Occupation, program: Program) -> Cell:
    serves = names_occupation(program, occupation.keys)
    offered = {norm(c) for c in program.competencies}
    teaches = tuple(c for c in occupation.lacking if norm(c) in offered)
    if serves and len(teaches) == len(occupation.lacking):
        return Cell(COVERED, teaches)
    if serves or teaches:
        return Cell(PARTLY, teaches)
    return Cell(NOT_COVERED, teaches)


def _duplicates(
    occupations: Sequence[Occupation], programs: Sequence[Program]
) -> tuple[Duplicate, ...]:
    found = []
    for occupation in occupations:
        groups: dict[str, list[Program]] = {}
        for program in programs:
            if program.credential.strip() and names_occupation(program, occupation.keys):
                groups.setdefault(norm(program.credential), []).append(program)
        for group in groups.values():
            if len({norm(p.institution) for p in group}) >= 2:
                found.append(Duplicate(group[0].credential, occupation.name, tuple(group)))
    return tuple(found)


def linkage_target(linkage: str) -> str:
    """'stackable to: Machining AAS' -> 'Machining AAS' (the kind before a colon is dropped)."""
    kind, colon, target = linkage.partition(":")
    return target.strip() if colon and target.strip() else linkage.strip()


def _names(program: Program) -> set[str]:
    names = {
        program.program,
        program.credential,
        program.title,
        f"{program.institution} {program.program}",
        f"{program.institution} {program.credential}",
        program.label,
    }
    return {norm(n) for n in names if n.strip()} - {""}


def _targets(linkage: str, programs: Sequence[Program], source: Program) -> tuple[Program, ...]:
    """The inventory programs a linkage names (never the program itself)."""
    target = norm(linkage_target(linkage))
    return tuple(p for p in programs if p.id != source.id and target in _names(p))


def _dead_ends(programs: Sequence[Program]) -> tuple[DeadEnd, ...]:
    # Articulation runs both ways: an advanced program naming an entry one links them too.
    linked: dict[int, set[int]] = {p.id: set() for p in programs}
    for program in programs:
        for link in program.linkages:
            for target in _targets(link, programs, program):
                linked[program.id].add(target.id)
                linked[target.id].add(program.id)
    by_id = {p.id: p for p in programs}
    top = PROGRAM_LEVELS[-1]
    found = []
    for program in programs:
        if program.level not in PROGRAM_LEVELS or program.level == top:
            continue
        rank = PROGRAM_LEVELS.index(program.level)
        higher = [by_id[i] for i in linked[program.id] if _rank(by_id[i].level) > rank]
        if not higher:
            above = " or ".join(PROGRAM_LEVELS[rank + 1 :])
            article = "an" if above[0] in "aeiou" else "a"
            reason = f"no next step: no linkage to {article} {above}-level program"
            found.append(DeadEnd(program, reason))
    return tuple(found)


def _rank(level: str) -> int:
    return PROGRAM_LEVELS.index(level) if level in PROGRAM_LEVELS else -1


LENGTH = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s*(hours?|hrs?|weeks?|wks?|months?|mos?|years?|yrs?|semesters?|"
    r"terms?|quarters?|credits?|credit hours?)\s*$",
    re.IGNORECASE,
)
UNITS = {
    "h": "hours",
    "w": "weeks",
    "m": "months",
    "y": "years",
    "s": "semesters",
    "t": "terms",
    "q": "quarters",
    "c": "credits",
}


def parse_cost(text: str) -> float | None:
    """'$3,200' -> 3200.0; a range, a note or no number at all -> None (not compared)."""
    match = re.fullmatch(
        r"\s*(?:US)?\$?\s*(\d[\d,]*(?:\.\d+)?)\s*(?:USD|dollars)?\s*", text or "", re.I
    )
    return _money(match.group(1)) if match else None


def _money(number: str) -> float:
    return float(number.replace(",", ""))


def parse_length(text: str) -> tuple[float, str] | None:
    """'16 weeks' -> (16.0, 'weeks'); '2 years' -> (24.0, 'months'); anything else -> None."""
    match = LENGTH.match(text or "")
    if not match:
        return None
    value, unit = float(match.group(1)), UNITS[match.group(2)[0].lower()]
    if match.group(2).lower().startswith("credit"):
        unit = "credits"
    if unit == "years":  # years and months compare; nothing else converts exactly
        return value * 12, "months"
    return value, unit


def _spreads(occupations: Sequence[Occupation], programs: Sequence[Program]) -> tuple[Spread, ...]:
    found = []
    for occupation in occupations:
        by_level: dict[str, list[Program]] = {}
        for program in programs:
            if names_occupation(program, occupation.keys):
                by_level.setdefault(program.level, []).append(program)
        for level, group in by_level.items():
            if len(group) < 2:
                continue
            costs = [c for c in (parse_cost(p.cost) for p in group) if c is not None]
            lengths = [x for x in (parse_length(p.length) for p in group) if x is not None]
            units = {u for _, u in lengths}
            comparable = len(lengths) >= 2 and len(units) == 1
            found.append(
                Spread(
                    occupation=occupation.name,
                    level=level,
                    programs=tuple(group),
                    cost_low=min(costs) if len(costs) >= 2 else None,
                    cost_high=max(costs) if len(costs) >= 2 else None,
                    length_unit=units.pop() if comparable else "",
                    length_low=min(v for v, _ in lengths) if comparable else None,
                    length_high=max(v for v, _ in lengths) if comparable else None,
                    prerequisites=tuple(dict.fromkeys(p.prerequisites.strip() for p in group)),
                    costs_compared=len(costs) if len(costs) >= 2 else 0,
                    lengths_compared=len(lengths) if comparable else 0,
                )
            )
    return tuple(found)


def _supply_demand(
    occupations: Sequence[Occupation],
    programs: Sequence[Program],
    openings: Sequence[Opening],
    projected: Sequence[Opening] = (),
) -> tuple[SupplyDemand, ...]:
    found = []
    for occupation in occupations:
        # Openings given for the gap analysis win; projections fill in, never add to them.
        demand = [o for o in openings if opening_matches(o, occupation)] or [
            o for o in projected if opening_matches(o, occupation)
        ]
        if not demand:
            continue
        # Rows naming one occupation twice (its wording and its SOC code) are one figure said
        # twice, never two to add up; when they disagree there is no figure to compare.
        figures = {o.openings for o in demand}
        serving = [p for p in programs if names_occupation(p, occupation.keys)]
        counted = tuple(p for p in serving if parse_count(p.completions) is not None)
        found.append(
            SupplyDemand(
                occupation=occupation.name,
                openings=figures.pop() if len(figures) == 1 else None,
                completions=sum(parse_count(p.completions) or 0 for p in counted),
                counted=counted,
                missing=tuple(p for p in serving if p not in counted),
                conflict=tuple(demand) if len(figures) > 1 else (),
                sources=tuple(dict.fromkeys(o.source.strip() for o in demand if o.source.strip())),
            )
        )
    return tuple(found)


def opening_matches(opening: Opening, occupation: Occupation) -> bool:
    """An opening names an occupation by its SOC/O*NET code (6 digits cover every O*NET code
    under them) or by one of its wordings; a name is never cut to a code's length."""
    key = opening.occupation.strip()
    if is_soc_code(key):
        return key in occupation.keys or key[:7] in occupation.keys
    return norm(key) in occupation.keys
