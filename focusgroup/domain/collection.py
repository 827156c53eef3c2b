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


@dataclass(frozen=True)
class PhoneCard:
    text: str
    reasons: tuple[str, ...] = ()
    third_card: bool = False
    """Written in the form's "Third card" field: the employer says it is their one more card
    (otherwise the store decides from the employer's card count, issue 13)."""


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
    for field in card_fields(third_card_step):
        text = form.get(field, "")
        if not text.strip():
            continue
        if len(text) > MAX_CARD:
            raise SubmissionError(field, f"A card is at most {MAX_CARD} characters.")
        if any(ch in text for ch in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
            raise SubmissionError(field, "A card is one line.")
        ticked = tuple(dict.fromkeys((reasons_for or {}).get(field, ())))
        unknown = [key for key in ticked if key not in reason_keys]
        if unknown:
            raise SubmissionError(field, "That reason is not one of this meeting's.")
        cards.append(PhoneCard(text, ticked, third_card=field in THIRD_FIELDS))
    if not cards:
        first = card_fields(third_card_step)[0]
        raise SubmissionError(first, "Write at least one card before sending.")
    return PhoneSubmission(name, organization, tuple(cards))


def _one_line(value: str, field: str, label: str, optional: bool = False) -> str:
    if not value.strip():
        if optional:
            return ""
        raise SubmissionError(field, f"{label} is needed, so the card is yours.")
    if len(value) > MAX_NAME:
        raise SubmissionError(field, f"{label} is at most {MAX_NAME} characters.")
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in value):
        raise SubmissionError(field, f"{label} is one line.")
    return value


def person_key(text: str) -> str:
    """How two spellings of one person compare: case, accents' encoding and spacing aside."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def name_matches(typed: str, name: str) -> bool:
    """Type-ahead: every word typed starts a word of the name ("ana r" -> "Ana Ruiz")."""
    words = person_key(name).split()
    return all(any(w.startswith(t) for w in words) for t in person_key(typed).split())
