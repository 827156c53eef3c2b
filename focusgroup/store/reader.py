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
    CardLink,
    Category,
    Commitment,
    Competency,
    Event,
    Note,
    Participant,
    Projection,
    Send,
    Session,
    Takeaway,
)
from focusgroup.domain.programs import Opening, Program, Referral
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

    def first_category_names(self) -> dict[int, str]:
        """Each category's name as it was added (a renamed column keeps its first name)."""
        ...

    def cards(self) -> list[Card]: ...

    def competencies(self) -> list[Competency]: ...

    def notes(self) -> list[Note]: ...

    def commitments(self) -> list[Commitment]: ...

    def takeaways(self) -> list[Takeaway]: ...

    def sends(self) -> list[Send]: ...

    def links(self) -> list[CardLink]: ...

    def projections(self) -> list[Projection]: ...

    def events_since(self, event_id: int = 0) -> list[Event]: ...

    # The education and training inventory (issue 17), for the gap analysis and the map.
    def programs(self) -> list[Program]: ...

    def referrals(self) -> list[Referral]: ...

    def openings(self) -> list[Opening]: ...


@contextmanager
def read_session(path: Path, actor: str = "cli") -> Iterator[SessionReader]:
    """Open a session file for reading; closed again when the block ends.

    Reads an in-memory copy (`SessionStore.open_read_only`): the file is not migrated,
    checkpointed or given -wal/-shm files, so it may even be on read-only media.
    """
    from focusgroup.store.session_store import SessionStore

    del actor  # a copy records nothing, so it needs no seat
    with SessionStore.open_read_only(path) as store:
        yield store
