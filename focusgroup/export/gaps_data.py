"""What the gap-analysis documents are made from, read once from a session.

`GapDocument` is immutable (a thread worker can lay out the PDF from it), and every number the
documents print is computed here or in `domain/gaps.py`, never in a renderer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from focusgroup.domain.gap_questions import Answer, answers
from focusgroup.domain.gaps import (
    GapReport,
    Occupation,
    analyse,
    occupations_from_wall,
)
from focusgroup.domain.model import Card, Participant, Projection, Session
from focusgroup.domain.programs import Opening, Program, parse_count

if TYPE_CHECKING:
    from focusgroup.store.reader import SessionReader

SCOPE_WALL = "all occupations on the wall"
SCOPE_SHORTLIST = "the room's shortlist"


@dataclass(frozen=True)
class GapDocument:
    session: Session
    report: GapReport
    questions: tuple[Answer, ...]
    scope: str
    """Which occupations were analysed, in words."""
    participants: tuple[Participant, ...]

    def program_number(self, program: Program) -> int:
        """P1, P2 ...: the matrix's column keys, in inventory order."""
        return next(i for i, p in enumerate(self.report.programs, 1) if p.id == program.id)

    def employer(self, participant_id: int | None) -> str:
        """Who gave a step-8 answer: their organization only (the report goes to partners)."""
        who = next((p for p in self.participants if p.id == participant_id), None)
        return who.organization if who else ""


def shortlisted(cards: Sequence[Card]) -> tuple[Sequence[Card], str]:
    """The occupations to analyse and how to describe that choice: the room's shortlist
    (issue 14) in its agreed order when there is one, else every occupation on the wall."""
    listed = sorted((c for c in cards if c.on_shortlist), key=lambda c: (c.shortlist_place, c.id))
    if listed:
        return listed, SCOPE_SHORTLIST
    return cards, SCOPE_WALL


def gap_document(store: SessionReader, occupations: Sequence[Card] | None = None) -> GapDocument:
    """Read the session once and run the analysis.

    Args:
        store: the open session.
        occupations: the cards to analyse; default: the shortlist, else the whole wall.
    """
    cards = [c for c in store.cards() if c.stack_id is None]
    competencies = store.competencies()
    categories = store.categories()
    meeting = occupations_from_wall(cards, competencies, categories)
    if occupations is None:
        chosen, scope = shortlisted(cards)
    else:
        chosen, scope = occupations, "the occupations chosen"
    by_card = {o.card_id: o for o in meeting}
    analysed: list[Occupation] = [by_card[c.id] for c in chosen if c.id in by_card]
    report = analyse(
        analysed,
        store.programs(),
        meeting=meeting,
        referrals=store.referrals(),
        openings=store.openings(),
        projected=projected_openings(store.projections(), store.session().area),
    )
    return GapDocument(
        session=store.session(),
        report=report,
        questions=answers(report),
        scope=scope,
        participants=tuple(store.participants()),
    )


def document_of(source: Any) -> GapDocument:
    """A document from a document, an open store or a session file path."""
    if isinstance(source, GapDocument):
        return source
    if isinstance(source, str | Path):
        from focusgroup.store.reader import read_session

        with read_session(Path(source)) as store:
            return gap_document(store)
    return gap_document(source)


def projected_openings(projections: Sequence[Projection], area: str) -> list[Opening]:
    """Annual openings from the projections table (issue 16), one figure per SOC code.

    The row the pathway map prints (`pathway.projection_for`: the session's area, by its name
    or code, or a row with no area; never another area's); a figure that is not a whole
    number is left out rather than guessed.
    """
    from focusgroup.domain.pathway import projection_for

    place = None
    if area:
        from focusgroup.regional.index import area_by_code

        place = area_by_code(area)
    names = (place.name, place.code) if place else (area,) if area else ()
    found = []
    for code in dict.fromkeys(p.soc_code.strip()[:7] for p in projections):
        row = projection_for(projections, code, names)
        count = parse_count(row.annual_openings) if row is not None else None
        if row is not None and count is not None:
            source = ", ".join(x for x in (row.source, row.period) if x.strip())
            found.append(Opening(-row.id, code, count, source, row.created_at))
    return found
