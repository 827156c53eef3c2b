"""Who gets the summary: participants with an e-mail address who consented, minus those done.

A send counts for the address it went to: fixing a typo in someone's address after a send
makes them due again, which is what the facilitator wants.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from focusgroup.domain.model import Participant, Send
from focusgroup.mail.errors import MailSettingsError
from focusgroup.mail.settings import parse_address


class Status(StrEnum):
    DUE = "due"
    """Will be sent on this run."""
    SENT = "sent"
    """Already sent to this address; skipped unless --resend."""
    RETRY = "retry"
    """The last attempt failed; will be tried again."""
    NO_EMAIL = "no e-mail"
    NO_CONSENT = "no consent"
    BAD_ADDRESS = "bad address"
    ABSENT = "not at the meeting"
    """Registered but not marked present; included only when asked for everyone."""


SKIPPED = (Status.NO_EMAIL, Status.NO_CONSENT, Status.BAD_ADDRESS, Status.ABSENT)


@dataclass(frozen=True)
class Recipient:
    participant: Participant
    status: Status
    last_send: Send | None = None
    """The latest attempt to this participant's current address, if any."""
    resend: bool = False
    """Already sent, going again because of --resend."""

    @property
    def will_send(self) -> bool:
        return self.status in (Status.DUE, Status.RETRY) or self.resend

    @property
    def email(self) -> str:
        return self.participant.email.strip()

    def describe(self) -> str:
        if self.resend:
            return f"resend (sent {_when(self.last_send)})"
        if self.status is Status.SENT:
            return f"already sent {_when(self.last_send)}"
        if self.status is Status.RETRY and self.last_send is not None:
            return f"retry (last attempt failed: {self.last_send.error or 'unknown error'})"
        if self.status is Status.BAD_ADDRESS:
            return f"skipped: {self.email!r} is not a valid e-mail address"
        if self.status in SKIPPED:
            return f"skipped: {self.status.value}"
        return "to send"


def plan(
    participants: Iterable[Participant],
    sends: Sequence[Send],
    *,
    resend: bool = False,
    present: Iterable[int] | None = None,
) -> list[Recipient]:
    """Every participant with their status for this run, in participant order.

    `present`: the ids of those who attended; anyone else is skipped as not at the meeting
    (None: everyone registered is a candidate).
    """
    attended = None if present is None else frozenset(present)
    latest: dict[tuple[int | None, str], Send] = {}
    delivered: dict[tuple[int | None, str], Send] = {}
    for send in sends:  # oldest first
        key = (send.participant_id, send.email.strip().lower())
        latest[key] = send
        if send.status == "sent":
            delivered[key] = send
    result = []
    for person in participants:
        email = person.email.strip()
        key = (person.id, email.lower())
        if attended is not None and person.id not in attended:
            result.append(Recipient(person, Status.ABSENT))
        elif not email:
            result.append(Recipient(person, Status.NO_EMAIL))
        elif not person.consent:
            result.append(Recipient(person, Status.NO_CONSENT))
        elif not valid_address(email):
            result.append(Recipient(person, Status.BAD_ADDRESS))
        elif key in delivered:
            result.append(Recipient(person, Status.SENT, delivered[key], resend=resend))
        elif key in latest:
            result.append(Recipient(person, Status.RETRY, latest[key]))
        else:
            result.append(Recipient(person, Status.DUE))
    return result


def valid_address(email: str) -> bool:
    try:
        address = parse_address(email, "participant")
    except MailSettingsError:
        return False
    # A bare address only: a participant's field holding "Name <addr>" is a typo to fix.
    return address.addr_spec == email


def _when(send: Send | None) -> str:
    return f"{send.at[:16].replace('T', ' ')} UTC" if send else ""
