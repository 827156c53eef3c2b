"""The collection desk: phones' submissions become cards through the store's own actions.

It writes as its own seat, "phones", so the wall's ctrl+z keeps undoing the facilitator's own
last change; the collect screen's `u` takes back the last phone send (the event names the
phone's participant), and `x` on the wall deletes any card, undoably.
Each phone (a cookie, not a login) may see and fix only the cards it sent, and only while they
are still in Unsorted, untouched by the facilitator.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from focusgroup.domain.collection import (
    MAX_CARD,
    PhoneSubmission,
    SubmissionError,
    name_matches,
    person_key,
)
from focusgroup.domain.errors import DomainError
from focusgroup.domain.model import CARDS_PER_EMPLOYER, UNSORTED, Card, Participant, Role
from focusgroup.domain.text import one_line, shorten
from focusgroup.store import SessionStore

SUGGEST_AFTER = 3
"""Letters typed before registered names are offered (a phone never gets the whole list)."""
SUGGEST_AT_MOST = 4


@dataclass
class Phone:
    participant_id: int | None = None
    card_ids: list[int] = field(default_factory=list)
    third_ids: list[int] = field(default_factory=list)
    typed: dict[str, str] = field(default_factory=dict)
    """The name and organization as this phone typed them (all it is ever shown)."""


@dataclass(frozen=True)
class SentCard:
    id: int
    text: str
    editable: bool
    """Still in Unsorted and unmerged: the facilitator has not moved on with it."""


class CollectionDesk:
    """Receives phones' cards for one open session (the store's connection is its own)."""

    def __init__(self, store: SessionStore) -> None:
        self.store = store
        self.phones: dict[str, Phone] = {}

    # -- what a phone may see -------------------------------------------------------------------

    def third_card_step(self) -> bool:
        step = self.store.protocol().step(self.store.session().current_step)
        return bool(step and step.third_card)

    def prompt(self) -> str:
        """The question the room is answering now (the step's first question)."""
        step = self.store.protocol().step(self.store.session().current_step)
        if step is not None and step.questions:
            return step.questions[0]
        return "Which two positions, if you can't fill them, would most hold back your growth?"

    def reasons(self) -> list[tuple[str, str]]:
        return [(r.key, r.label) for r in self.store.protocol().reasons]

    def suggestions(self, typed: str) -> list[str]:
        """Registered employers whose name starts as typed; nothing for fewer than 3 letters."""
        if len(typed.strip()) < SUGGEST_AFTER:
            return []
        found = [
            p.name
            for p in self.store.participants()
            if _writes_cards(p) and name_matches(typed, p.name)
        ]
        return found[:SUGGEST_AT_MOST]

    def identity(self, phone_id: str) -> dict[str, str]:
        """The name and organization this phone last sent as (to fill the form again)."""
        phone = self.phones.get(phone_id)
        return dict(phone.typed) if phone is not None else {}

    def cards_left(self, phone_id: str) -> tuple[int, int]:
        """(first/second cards, third cards) this phone may still send."""
        phone = self.phones.get(phone_id) or Phone()
        live = {card.id for card in self._all_cards()}
        firsts = [i for i in phone.card_ids if i in live and i not in phone.third_ids]
        thirds = [i for i in phone.third_ids if i in live]
        return max(0, CARDS_PER_EMPLOYER - len(firsts)), max(0, 1 - len(thirds))

    def sent(self, phone_id: str) -> tuple[str, list[SentCard]]:
        """Who this phone sent as, and its cards as they stand on the wall now."""
        phone = self.phones.get(phone_id)
        if phone is None or phone.participant_id is None:
            return "", []
        cards = {card.id: card for card in self._all_cards()}
        out = [
            SentCard(cards[i].id, cards[i].text, _untouched(cards[i]))
            for i in phone.card_ids
            if i in cards
        ]
        if not out:
            return "", []  # the facilitator removed or undid what this phone sent
        typed = phone.typed
        who = typed.get("name", "")
        return (f"{who} ({typed['organization']})" if typed.get("organization") else who), out

    def _all_cards(self) -> list[Card]:
        return [c for card in self.store.cards() for c in card.all_cards]

    # -- what a phone may do --------------------------------------------------------------------

    def submit(self, phone_id: str, submission: PhoneSubmission) -> list[int]:
        """Add the phone's cards (and its person, when new) as one undoable action."""
        firsts_left, thirds_left = self.cards_left(phone_id)
        firsts = [card for card in submission.cards if not card.third]
        thirds = [card for card in submission.cards if card.third]
        if len(firsts) > firsts_left:
            raise SubmissionError(
                firsts[0].field,
                "You have sent your two cards: fix them below, or wait for the third card.",
            )
        if len(thirds) > thirds_left:
            raise SubmissionError("third_card", "You have sent your third card: thank you!")
        phone = self.phones.setdefault(phone_id, Phone())
        store = self.store
        with store.action(f"Cards from a phone: {_short(submission.name)}"):
            participant_id = self._participant(phone, submission)
            ids = [
                store.add_card(
                    card.text, participant_id, reasons=card.reasons, third_card=card.third or None
                )
                for card in submission.cards
            ]
        phone.participant_id = participant_id
        phone.typed = {"name": submission.name, "organization": submission.organization}
        phone.card_ids.extend(ids)
        phone.third_ids.extend(i for i, c in zip(ids, submission.cards, strict=True) if c.third)
        return ids

    def fix(self, phone_id: str, card_id: int, text: str) -> None:
        """Reword a card this phone sent, while the facilitator has not moved it."""
        phone = self.phones.get(phone_id)
        if phone is None or card_id not in phone.card_ids:
            raise SubmissionError("fix", "That card was not sent from this phone.")
        if not text.strip():
            raise SubmissionError("fix", "A card can't be empty; ask the facilitator to remove it.")
        if len(text) > MAX_CARD or any(ch in text for ch in "\r\n"):
            raise SubmissionError("fix", f"A card is one line of at most {MAX_CARD} characters.")
        try:
            card = self.store.card(card_id)
        except DomainError:
            raise SubmissionError("fix", "That card is no longer on the wall.") from None
        if not _untouched(card):
            raise SubmissionError(
                "fix", "The facilitator has placed that card; ask them to fix it."
            )
        with self.store.action(f"Phone fix: {_short(card.text)} to {_short(text)}"):
            self.store.edit_card(card_id, text)

    def _participant(self, phone: Phone, submission: PhoneSubmission) -> int:
        store = self.store
        if phone.participant_id is not None:
            try:
                known = store.participant(phone.participant_id)
            except DomainError:
                known = None
            if known is not None and person_key(known.name) == person_key(submission.name):
                return known.id
        wanted_org = person_key(submission.organization)
        for person in store.participants():
            if person_key(person.name) != person_key(submission.name):
                continue
            if (
                not wanted_org
                or not person.organization
                or person_key(person.organization) == wanted_org
            ):
                return person.id
        return store.add_participant(submission.name, submission.organization)


def _writes_cards(person: Participant) -> bool:
    try:
        return Role(person.role).writes_cards
    except ValueError:
        return True


def _untouched(card: Card) -> bool:
    return card.level == UNSORTED and card.category_id is None and card.stack_id is None


def _short(text: str) -> str:
    return shorten(one_line(text), 40)
