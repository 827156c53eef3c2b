"""Cards employers send from their phones: what a submission is, and what is refused.

Pure rules, shared by the collection server and its tests. A card is kept exactly as typed
(only a blank one is refused); a name or organization is one line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from focusgroup.domain.errors import DomainError

MAX_NAME = 120
MAX_CARD = 300
"""Longer than any job title; a paragraph on a phone is a slip of the thumb."""
FIRST_FIELDS = ("first_card", "second_card")
THIRD_FIELDS = ("third_card",)
ALL_FIELDS = (*FIRST_FIELDS, *THIRD_FIELDS)
GARBLED = "\ufffd"
"""What a browser's bytes become when they were not UTF-8: refused, never stored."""


@dataclass(frozen=True)
class PhoneCard:
    text: str
    reasons: tuple[str, ...] = ()
    field: str = "first_card"
    """Which box it was typed in: a "third_card" is the employer's third card."""

    @property
    def third(self) -> bool:
        return self.field in THIRD_FIELDS


@dataclass(frozen=True)
class PhoneSubmission:
    name: str
    organization: str
    cards: tuple[PhoneCard, ...]


class SubmissionError(DomainError):
    """A submission refused, with the field it is about (for the phone to point at)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def card_fields(third_card_step: bool) -> tuple[str, ...]:
    return THIRD_FIELDS if third_card_step else FIRST_FIELDS


def parse_submission(
    form: Mapping[str, str],
    *,
    third_card_step: bool,
    reason_keys: Sequence[str],
    reasons_for: Mapping[str, Sequence[str]] | None = None,
) -> PhoneSubmission:
    """The phone's form as a submission, or `SubmissionError` naming the field that is wrong.

    `reasons_for` maps each card field to the reason keys ticked for it; unknown keys are
    refused (they can only come from a forged form).
    """
    name = _one_line(form.get("name", ""), "name", "Your name")
    organization = _one_line(form.get("organization", ""), "organization", "Organization", True)
    cards = []
    # Every card field the phone sent, not only this step's: a page loaded before the
    # facilitator moved to the third-card step still sends its first and second card.
    for field in ALL_FIELDS:
        text = form.get(field, "")
        if not text.strip():
            continue
        if GARBLED in text:
            raise SubmissionError(field, "That card did not arrive intact; please type it again.")
        if len(text) > MAX_CARD:
            raise SubmissionError(field, f"A card is at most {MAX_CARD} characters.")
        if any(ch in text for ch in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
            raise SubmissionError(field, "A card is one line.")
        ticked = tuple(dict.fromkeys((reasons_for or {}).get(field, ())))
        unknown = [key for key in ticked if key not in reason_keys]
        if unknown:
            raise SubmissionError(field, "That reason is not one of this meeting's.")
        cards.append(PhoneCard(text, ticked, field))
    if not cards:
        first = card_fields(third_card_step)[0]
        raise SubmissionError(first, "Write at least one card before sending.")
    return PhoneSubmission(name, organization, tuple(cards))


def _one_line(value: str, field: str, label: str, optional: bool = False) -> str:
    if not value.strip():
        if optional:
            return ""
        raise SubmissionError(field, f"{label} is needed, so the card is yours.")
    if GARBLED in value:
        raise SubmissionError(field, f"{label} did not arrive intact; please type it again.")
    if len(value) > MAX_NAME:
        raise SubmissionError(field, f"{label} is at most {MAX_NAME} characters.")
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in value):
        raise SubmissionError(field, f"{label} is one line.")
    return value


_LATIN_EXTRAS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


def person_key(text: str) -> str:
    """How two spellings of one person compare: case, accents and spacing aside.

    A phone keyboard often drops accents: "Zoe" is the registered "Zoë", "Lukasz" "Łukasz".
    """
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_LATIN_EXTRAS))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(plain.split())


def name_matches(typed: str, name: str) -> bool:
    """Type-ahead: every word typed starts a word of the name ("ana r" -> "Ana Ruiz")."""
    words = person_key(name).split()
    return all(any(w.startswith(t) for w in words) for t in person_key(typed).split())
