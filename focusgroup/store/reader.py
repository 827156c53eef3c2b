"""`SessionReader`: the store as exports and e-mail see it, reads only.

Exports and e-mail turn a session into documents and messages; they never change it. They
type their store as this protocol (which has no write method, so mypy refuses a write) and
import nothing else from the store (an import-linter contract), which keeps it that way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from focusgroup.domain.model import (
    Card,
    Category,
    Commitment,
    Competency,
    Event,
    Note,
    Participant,
    Send,
    Session,
    Takeaway,
)
from focusgroup.domain.protocol import Protocol as MeetingProtocol


class SessionReader(Protocol):
    """Everything a document or a message is made from."""

    @property
    def path(self) -> Path: ...

    def session(self) -> Session: ...

    def protocol(self) -> MeetingProtocol: ...

    def participants(self) -> list[Participant]: ...

    def attendees(self) -> list[Participant]:
        """Who was in the room (marked present, or gave a card, note, competency...)."""
        ...

    def categories(self) -> list[Category]: ...

    def cards(self) -> list[Card]: ...

    def competencies(self) -> list[Competency]: ...

    def notes(self) -> list[Note]: ...

    def commitments(self) -> list[Commitment]: ...

    def takeaways(self) -> list[Takeaway]: ...

    def sends(self) -> list[Send]: ...

    def events_since(self, event_id: int = 0) -> list[Event]: ...


@contextmanager
def read_session(path: Path, actor: str = "cli") -> Iterator[SessionReader]:
    """Open a session file for reading; closed again when the block ends."""
    from focusgroup.store.session_store import SessionStore

    with SessionStore.open(path, actor=actor) as store:
        yield store
