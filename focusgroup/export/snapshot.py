"""One immutable picture of a session, read once, that every exporter works from.

Exports run in a thread worker; sqlite connections belong to the thread that opened them, so
the worker gets this snapshot (plain frozen dataclasses) and never the store. Anonymity is
applied here once (`redacted`) so no exporter can forget it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from focusgroup.domain.model import (
    UNSORTED,
    Card,
    Category,
    Commitment,
    Competency,
    Note,
    Participant,
    QuoteAs,
    Role,
    Session,
)
from focusgroup.domain.protocol import Protocol

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
    original_texts: dict[int, str] = field(default_factory=dict, compare=False)
    """Card id -> the text it was first written with (from the journal), to spot rewordings."""
    anonymous: bool = False
    """True once `redacted`: nobody is named anywhere in what is exported."""

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
    def is_competency_session(self) -> bool:
        """Started from a job profile: categories are job functions and cards are tasks."""
        return bool(self.session.source_profile.strip())

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
            replace(p, name="", email="", quote_as="anonymous") for p in self.participants
        )

        def unattributed_card(card: Card) -> Card:
            members = tuple(unattributed_card(m) for m in card.members)
            return replace(card, text=scrub(card.text), participant_id=None, members=members)

        # Counts survive: a stack's members are kept, only their authors are cleared.
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
                    participant_id=None,
                    offer=scrub(c.offer),
                    detail=scrub(c.detail),
                    owner=_owner(c, self, scrub),
                )
                for c in self.commitments
            ),
            original_texts={k: scrub(v) for k, v in self.original_texts.items()},
            anonymous=True,
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
        original_texts=_original_texts(store) if session.source_profile.strip() else {},
    )
    wants_anonymous = session.anonymous if anonymous is None else anonymous
    return snap.redacted() if wants_anonymous else snap


def _original_texts(store: SessionReader) -> dict[int, str]:
    """The text each card was first written with: the journal keeps every insert."""
    first: dict[int, str] = {}
    for event in store.events_since(0):
        for change in event.changes:
            if change.table == "cards" and change.before is None and change.after:
                first.setdefault(change.row_id, str(change.after.get("text", "")))
    return first
