"""An outbox folder: one .eml file per recipient, for rooms without a usable network.

Each file is a complete message (headers, text and HTML parts, the PDFs) that Outlook,
Thunderbird or Apple Mail open with a double-click. `X-Unsent: 1` makes Outlook open it as a
draft with a Send button. Nothing is recorded as sent: the facilitator sends them later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from focusgroup.domain.text import slug
from focusgroup.mail.errors import MailError
from focusgroup.mail.message import Letter, build_message
from focusgroup.mail.recipients import Recipient


@dataclass(frozen=True)
class OutboxFile:
    recipient: Recipient
    path: Path
    message_id: str


def write_outbox(folder: Path, letter: Letter, recipients: Sequence[Recipient]) -> list[OutboxFile]:
    """Write a .eml for every recipient due on this run; returns what was written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise MailError(f"Can't create the outbox folder {folder}: {error.strerror}") from None
    written = []
    for recipient in recipients:
        if not recipient.will_send:
            continue
        message = build_message(
            letter, recipient.participant.name, recipient.email, recipient.participant.id
        )
        message["X-Unsent"] = "1"
        path = folder / eml_name(recipient)
        try:
            path.write_bytes(message.as_bytes())
        except OSError as error:
            raise MailError(f"Can't write {path}: {error.strerror}") from None
        written.append(OutboxFile(recipient, path, str(message["Message-ID"])))
    return written


def eml_name(recipient: Recipient) -> str:
    """`003-zoe-lukasiewicz.eml`: id first so names sort and never collide, ASCII for any disk."""
    name = slug(recipient.participant.name, limit=40)
    stem = f"{recipient.participant.id:03d}" + (f"-{name}" if name else "")
    return f"{stem}.eml"
