"""One immutable picture of a session, read once, that every exporter works from.

Exports run in a thread worker; sqlite connections belong to the thread that opened them, so
the worker gets this snapshot (plain frozen dataclasses) and never the store. Anonymity is
applied here once (`redacted`) so no exporter can forget it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from focusgroup.domain.model import (
    UNSORTED,
    Card,
    CardLink,
    Category,
    Commitment,
    Competency,
    Note,
    Participant,
    Projection,
    QuoteAs,
    Role,
    Session,
    Takeaway,
)
from focusgroup.domain.protocol import Protocol
from focusgroup.domain.wall import (
    RankedOccupation,
    employers_named,
    path_columns,
    path_side,
    path_steps,
    rank_occupations,
)

if TYPE_CHECKING:
    from focusgroup.store.reader import SessionReader

STAFF_ROLES = frozenset({Role.FACILITATOR.value, Role.NOTE_TAKER.value})


def nfc(text: str) -> str:
    """Canonical composition: 'Zoe' + combining diaeresis becomes one 'ë' everywhere we write."""
    return unicodedata.normalize("NFC", text or "")


@dataclass(frozen=True)
class SessionSnapshot:
    session: Session
    protocol: Protocol
    participants: tuple[Participant, ...]
    categories: tuple[Category, ...]
    cards: tuple[Card, ...]
    """Top-level occupation (or task) cards; merged stacks carry `members`."""
    competencies: tuple[Competency, ...]
    notes: tuple[Note, ...]
    commitments: tuple[Commitment, ...]
    takeaways: tuple[Takeaway, ...] = ()
    """What the facilitator wrote at the recap for the summary's first page."""
    original_texts: dict[int, str] = field(default_factory=dict, compare=False)
    """Card id -> the text it was first written with (from the journal), to spot rewordings."""
    placed_by_room: frozenset[int] = field(default_factory=frozenset, compare=False)
    """Cards whose level the room changed (moves net of undos): a task the room never moved
    keeps the profile's level (which may be "any"), not the wall row it had to sit in, and a
    task moved away and back has been placed there by the room."""
    original_category_names: dict[int, str] = field(default_factory=dict, compare=False)
    """Category id -> its first name: a renamed job function is one function, renamed."""
    anonymous: bool = False
    """True once `redacted`: nobody is named anywhere in what is exported."""
    attending_ids: frozenset[int] | None = field(default=None, compare=False)
    """Set by `redacted`: who took part, worked out before notes lost their authors."""
    card_pseudonyms: dict[int, int] = field(default_factory=dict, compare=False)
    """Set by `redacted`: participant id -> the stand-in id (-1, -2...) on their cards."""
    links: tuple[CardLink, ...] = ()
    """"Advances to" links between top-level cards (career pathways)."""
    projections: tuple[Projection, ...] = ()
    """Annual openings imported from a projections table."""

    # -- look-ups ---------------------------------------------------------------------------

    def participant(self, participant_id: int | None) -> Participant | None:
        if participant_id is None:
            return None
        return self._participants_by_id.get(participant_id)

    @property
    def _participants_by_id(self) -> dict[int, Participant]:
        return {p.id: p for p in self.participants}

    def category(self, category_id: int | None) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def level_label(self, key: str) -> str:
        if key == UNSORTED or not key:
            return "Unsorted"
        level = next((lv for lv in self.protocol.levels if lv.key == key), None)
        return level.label if level else key.capitalize()

    def reason_label(self, key: str) -> str:
        reason = self.protocol.reason(key)
        return reason.label if reason else key

    def topic_label(self, key: str) -> str:
        topic = next((t for t in self.protocol.topics if t.key == key), None)
        return topic.label if topic else key.replace("-", " ").capitalize()

    def tier_label(self, key: str) -> str:
        tier = next((t for t in self.protocol.tiers if t.key == key), None)
        return tier.label if tier else key

    @property
    def levels(self) -> tuple[str, ...]:
        return self.protocol.level_keys()

    @property
    def organizations(self) -> tuple[str, ...]:
        """Organizations that took part (staff excluded), in order of first appearance."""
        orgs = (p.organization.strip() for p in self.participants if p.role not in STAFF_ROLES)
        return tuple(dict.fromkeys(o for o in orgs if o))

    @property
    def employers(self) -> tuple[Participant, ...]:
        return tuple(p for p in self.participants if Role(p.role).writes_cards)

    @property
    def attending_employers(self) -> tuple[Participant, ...]:
        """Employers who took part: marked present, wrote a card, were noted or offered
        something (the store's attendees, and the e-mail's recipients).

        The participant list is often the registration list, and someone registered who never
        came must not be listed as having taken part. When nothing is attributed to anyone
        and nobody is marked present (cards transcribed without names, an anonymised
        snapshot), every employer counts.
        """
        employers = self.employers
        if self.attending_ids is not None:
            return tuple(p for p in employers if p.id in self.attending_ids)
        # Marked present on the participants screen: in a competencies meeting, where the
        # tasks come from the profile and notes are often unattributed, that is most people.
        present: set[int] = {p.id for p in employers if p.attended}
        for card in self.cards:
            present.update(c.participant_id for c in card.all_cards if c.participant_id)
        authors: list[int | None] = [c.participant_id for c in self.competencies]
        authors += [n.participant_id for n in self.notes]
        authors += [c.participant_id for c in self.commitments]
        present.update(pid for pid in authors if pid is not None)
        if not present:
            return employers
        return tuple(p for p in employers if p.id in present)

    @property
    def employer_organizations(self) -> tuple[str, ...]:
        """ "Participating organizations": the attending employers' organizations."""
        orgs = (p.organization.strip() for p in self.attending_employers)
        return tuple(dict.fromkeys(o for o in orgs if o))

    @property
    def partner_organizations(self) -> tuple[str, ...]:
        """Support partners (colleges, workforce boards), who listen and are listed apart."""
        orgs = (
            p.organization.strip() or p.name.strip()
            for p in self.participants
            if p.role == Role.SUPPORT_PARTNER.value
        )
        employer_orgs = set(self.employer_organizations)
        return tuple(dict.fromkeys(o for o in orgs if o and o not in employer_orgs))

    def offered_by(self, participant_id: int | None) -> str:
        """Who made a commitment: "Name, Organization", the organization alone when anonymous."""
        who = self.participant(participant_id)
        if who is None:
            return ""
        if self.anonymous or not who.name.strip():
            return who.organization
        return ", ".join(part for part in (who.name, who.organization) if part)

    @property
    def is_competency_session(self) -> bool:
        """Started from a job profile: categories are job functions and cards are tasks."""
        return self.session.from_profile

    @cached_property
    def path_columns(self) -> dict[int, str]:
        """Category id -> "in" / "out": the two path columns a session started from a profile
        has (known by the name they started with, so renaming one keeps it a path column)."""
        if not self.is_competency_session:
            return {}
        return path_columns(self.categories, self.original_category_names)

    @cached_property
    def path_steps(self) -> tuple[frozenset[int], frozenset[int]]:
        """Steps that collect occupation cards: the first is paths in, later ones paths out."""
        return path_steps(self.protocol)

    def path_side(self, card: Card) -> str:
        """ "in" or "out" for a card naming a job people come from or move on to, "" for a
        task (and for every card of a meeting not started from a profile). A card still in
        the tray is a path when it was written during a paths step."""
        if not self.is_competency_session:
            return ""
        return path_side(card, self.path_columns, self.path_steps)

    @property
    def functions(self) -> tuple[Category, ...]:
        """A competencies session's job functions: its categories but the two path columns."""
        return tuple(c for c in self.categories if c.id not in self.path_columns)

    def employers_of(self, card: Card) -> int:
        """How many distinct employers named a card (an employer's two cards in a stack count
        once; an unattributed card is someone's). In a competencies round the tasks come
        from the profile, not from anyone: only cards a named participant wrote count."""
        return employers_named(card, tasks=self.is_competency_session)

    def ranking(self) -> list[RankedOccupation]:
        """The wall's cards in the order every export numbers them: by employers who named
        each, reasons, hands. In a competencies round nobody named the tasks: they are in the
        wall's order, function by function and entry to advanced, then the jobs in the
        path columns."""
        ranked = rank_occupations(self.cards)
        if not self.is_competency_session:
            return ranked
        columns = {
            c.id: i for i, c in enumerate(sorted(self.categories, key=lambda c: (c.position, c.id)))
        }
        levels = {key: i for i, key in enumerate(self.levels)}
        ranked.sort(
            key=lambda r: (
                bool(self.path_side(r.card)),
                columns.get(r.card.category_id or -1, len(columns)),
                levels.get(r.card.level, len(levels)),
                r.card.position,
                r.card.id,
            )
        )
        return [replace(r, employers=self.employers_of(r.card)) for r in ranked]

    def quotes(self) -> tuple[Note, ...]:
        return tuple(n for n in self.notes if n.kind == "quote")

    def attribution(self, note: Note) -> str:
        """How a quote may be credited: "Name, Organization", "Organization" or ""."""
        if self.anonymous or note.quote_as == QuoteAs.ANONYMOUS.value:
            return ""
        who = self.participant(note.participant_id)
        if who is None:
            return ""
        if note.quote_as == QuoteAs.ORGANIZATION.value:
            return who.organization
        return ", ".join(part for part in (who.name, who.organization) if part)

    def author(self, participant_id: int | None) -> str:
        """Who wrote a card, for the CSV/JSON; empty when anonymous."""
        who = self.participant(participant_id)
        return "" if who is None or self.anonymous else who.name

    def redacted(self) -> SessionSnapshot:
        """The same session with no person named: names, e-mails and attributions removed.

        Organizations stay (they are listed as participants). Exact mentions of a
        participant's name inside free text (a note, a commitment owner) become "a participant".
        """
        names = sorted(
            {
                p.name.strip()
                for p in self.participants
                if p.name.strip() and p.role not in STAFF_ROLES
            },
            key=len,
        )
        pattern = (
            re.compile("|".join(re.escape(n) for n in reversed(names)), re.IGNORECASE)
            if names
            else None
        )

        def scrub(text: str) -> str:
            return pattern.sub("a participant", text) if pattern and text else text

        people = tuple(
            replace(p, name="", email="", title="", quote_as="anonymous") for p in self.participants
        )

        # Counts survive: each author's cards carry one stand-in id (-1, -2... in the order
        # the cards were written), so an employer's two cards in one stack still count as one
        # employer, while no card leads back to a participant or their organization.
        pseudonyms: dict[int, int] = {}
        for member in sorted((m for c in self.cards for m in c.all_cards), key=lambda m: m.id):
            if member.participant_id is not None:
                pseudonyms.setdefault(member.participant_id, -(len(pseudonyms) + 1))

        def unattributed_card(card: Card) -> Card:
            members = tuple(unattributed_card(m) for m in card.members)
            who = None if card.participant_id is None else pseudonyms[card.participant_id]
            return replace(card, text=scrub(card.text), participant_id=who, members=members)

        cards = tuple(unattributed_card(c) for c in self.cards)
        return replace(
            self,
            participants=people,
            cards=cards,
            competencies=tuple(
                replace(c, text=scrub(c.text), participant_id=None) for c in self.competencies
            ),
            notes=tuple(
                replace(n, text=scrub(n.text), participant_id=None, quote_as="anonymous")
                for n in self.notes
            ),
            commitments=tuple(
                replace(
                    c,
                    # Kept: who offered is then shown by organization (their name is gone).
                    offer=scrub(c.offer),
                    detail=scrub(c.detail),
                    owner=_owner(c, self, scrub),
                )
                for c in self.commitments
            ),
            takeaways=tuple(replace(t, text=scrub(t.text)) for t in self.takeaways),
            original_texts={k: scrub(v) for k, v in self.original_texts.items()},
            anonymous=True,
            attending_ids=frozenset(p.id for p in self.attending_employers),
            card_pseudonyms=pseudonyms,
        )


def _owner(commitment: Commitment, snap: SessionSnapshot, scrub: Any) -> str:
    """An owner who is a participant is shown as their organization."""
    who = snap.participant(commitment.participant_id)
    owner = commitment.owner.strip()
    if who and owner and owner.casefold() == who.name.strip().casefold():
        return who.organization or "a participant"
    return str(scrub(owner))


def take_snapshot(
    store: SessionReader, *, anonymous: bool | None = None, everyone: bool = False
) -> SessionSnapshot:
    """Read everything once. `anonymous=None` follows the session's own setting.

    Participants are those who were in the room (marked present, or who gave a card, note
    or competency): a registration list also names people who didn't come, and the summary
    must not list them as taking part. `everyone=True` keeps every registered participant.
    """
    session = store.session()
    people = store.participants() if everyone else store.attendees()
    firsts = _originals(store) if session.source_profile.strip() else ({}, frozenset(), {})
    snap = SessionSnapshot(
        # Text goes out exactly as stored: JSON, CSV and Markdown must round-trip byte for
        # byte. Only the PDF normalises (NFC), where it picks glyphs (export/fonts).
        session=session,
        protocol=store.protocol(),
        participants=tuple(people),
        categories=tuple(store.categories()),
        cards=tuple(store.cards()),
        competencies=tuple(store.competencies()),
        notes=tuple(store.notes()),
        commitments=tuple(store.commitments()),
        takeaways=tuple(store.takeaways()),
        original_texts=firsts[0],
        placed_by_room=firsts[1],
        original_category_names=firsts[2],
        links=tuple(store.links()),
        projections=tuple(store.projections()),
    )
    wants_anonymous = session.anonymous if anonymous is None else anonymous
    return snap.redacted() if wants_anonymous else snap


def _originals(
    store: SessionReader,
) -> tuple[dict[int, str], frozenset[int], dict[int, str]]:
    """Each card's first text, the cards whose level the room changed, each category's first
    name: the journal keeps every change (only read for a session started from a profile,
    where versions are compared). The names are the store's, which the wall reads too."""
    texts: dict[int, str] = {}
    moves: dict[int, int] = {}
    for event in store.events_since(0):
        for change in event.changes:
            if change.table == "cards" and change.before and change.after:
                if change.before.get("level") != change.after.get("level"):
                    # An undo takes one move back; a redo makes it again.
                    step = -1 if event.kind == "undo" else 1
                    moves[change.row_id] = moves.get(change.row_id, 0) + step
            if change.before is not None or not change.after:
                continue
            if change.table == "cards":
                texts.setdefault(change.row_id, str(change.after.get("text", "")))
    moved = frozenset(card for card, n in moves.items() if n > 0)
    return texts, moved, store.first_category_names()
