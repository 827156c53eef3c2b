"""Who gets the summary: participants with an e-mail address who consented, minus those done.

A send counts for the mailbox it went to: fixing a typo in someone's address after a send
makes them due again, which is what the facilitator wants. Addresses are compared
normalised (case, spaces), so one mailbox gets one message however many records name it.
A send whose outcome is unknown (the run was killed between handing the message over and
recording the server's answer) "may have been sent" and is skipped unless --resend.
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
    UNKNOWN = "may have been sent"
    """A run stopped after handing this message to the server and before the answer."""
    DUPLICATE = "duplicate address"
    """Another participant has the same mailbox; it gets one message."""
    NO_EMAIL = "no e-mail"
    NO_CONSENT = "no consent"
    BAD_ADDRESS = "bad address"
    ABSENT = "not at the meeting"
    """Registered but not marked present; included only when asked for everyone."""


SKIPPED = (
    Status.NO_EMAIL,
    Status.NO_CONSENT,
    Status.BAD_ADDRESS,
    Status.DUPLICATE,
    Status.ABSENT,
)
UNKNOWN_STATUSES = ("sending", "unknown")
"""Send-log statuses whose outcome nobody knows: the intent was recorded, no answer was."""


@dataclass(frozen=True)
class Recipient:
    participant: Participant
    status: Status
    last_send: Send | None = None
    """The latest attempt to this participant's current address, if any."""
    resend: bool = False
    """Already sent, going again because of --resend."""
    same_as: str = ""
    """For a duplicate: who else has this mailbox (and gets the one message)."""

    @property
    def will_send(self) -> bool:
        return self.status in (Status.DUE, Status.RETRY) or self.resend

    @property
    def email(self) -> str:
        return self.participant.email.strip()

    def describe(self) -> str:
        if self.resend and self.status is Status.UNKNOWN:
            return f"resend (may have been sent {_when(self.last_send)})"
        if self.resend:
            return f"resend (sent {_when(self.last_send)})"
        if self.status is Status.SENT:
            return f"already sent {_when(self.last_send)}"
        if self.status is Status.UNKNOWN:
            return (
                f"may have been sent: a run stopped while sending {_when(self.last_send)}; "
                "skipped (use --resend to send again)"
            )
        if self.status is Status.DUPLICATE:
            return f"same address as {self.same_as}: that mailbox gets one message"
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
    latest: dict[str, Send] = {}
    delivered: dict[str, Send] = {}
    for send in sends:  # oldest first
        key = mailbox(send.email)
        latest[key] = send
        if send.status == "sent":
            delivered[key] = send
    result = []
    first_with: dict[str, Participant] = {}
    for person in participants:
        email = person.email.strip()
        key = mailbox(email)
        if attended is not None and person.id not in attended:
            result.append(Recipient(person, Status.ABSENT))
        elif not email:
            result.append(Recipient(person, Status.NO_EMAIL))
        elif not person.consent:
            result.append(Recipient(person, Status.NO_CONSENT))
        elif not valid_address(email):
            result.append(Recipient(person, Status.BAD_ADDRESS))
        elif key in first_with:
            result.append(Recipient(person, Status.DUPLICATE, same_as=first_with[key].label))
        elif key in delivered:
            result.append(Recipient(person, Status.SENT, delivered[key], resend=resend))
        elif key in latest and latest[key].status in UNKNOWN_STATUSES:
            result.append(Recipient(person, Status.UNKNOWN, latest[key], resend=resend))
        elif key in latest:
            result.append(Recipient(person, Status.RETRY, latest[key]))
        else:
            result.append(Recipient(person, Status.DUE))
        if email and key not in first_with and result[-1].status not in SKIPPED:
            first_with[key] = person
    return result


def mailbox(email: str) -> str:
    """The mailbox an address reaches, for comparing: `ANA@Example.org ` is `ana@example.org`."""
    return email.strip().casefold()


def valid_address(email: str) -> bool:
    try:
        address = parse_address(email, "participant")
    except MailSettingsError:
        return False
    # A bare address only: a participant's field holding "Name <addr>" is a typo to fix.
    return address.addr_spec == email


def _when(send: Send | None) -> str:
    return f"{send.at[:16].replace('T', ' ')} UTC" if send else ""
