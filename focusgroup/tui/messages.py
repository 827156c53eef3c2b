"""Messages that cross screens. Widget-owned messages stay nested in their widget."""

from __future__ import annotations

from textual.message import Message

from focusgroup.domain.model import Event
from focusgroup.store import SessionStore


class SessionOpened(Message):
    """A session file was opened or created (by the start screen); the app takes it over."""

    def __init__(self, store: SessionStore) -> None:
        super().__init__()
        self.store = store


class SessionChanged(Message):
    """The session file changed: by this seat (right after its action) or by the other one."""

    def __init__(self, events: tuple[Event, ...]) -> None:
        super().__init__()
        self.events = events

    @property
    def tables(self) -> frozenset[str]:
        found: set[str] = set()
        for event in self.events:
            found |= event.tables
        return frozenset(found)

    def touches(self, *tables: str) -> bool:
        return bool(self.tables & set(tables))
