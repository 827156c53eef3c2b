"""What every part of the store shares: the connection, the journal, validation helpers.

`SessionStore` is assembled from mixins, one per concern (people and categories, cards,
notes); each public write method is one user action, wrapped by `writes`.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from focusgroup.domain.errors import DomainError
from focusgroup.domain.fields import check_follow_up, check_one_line
from focusgroup.domain.model import Card, Category, Participant, QuoteAs, Role, Session
from focusgroup.domain.protocol import Protocol, protocol_from_json
from focusgroup.domain.text import one_line, shorten
from focusgroup.store import rows
from focusgroup.store.journal import Journal

if TYPE_CHECKING:
    from sqlite_utils import Database

T = TypeVar("T")


def writes(method: Callable[..., T]) -> Callable[..., T]:
    """Hold the write lock from a method's first read to its commit.

    Write methods check what they read (is the card still there, is it a stack's lead?)
    before writing; under one lock the other seat can't change those rows in between.
    """

    @functools.wraps(method)
    def locked(self: StoreBase, *args: Any, **kwargs: Any) -> T:
        with self.journal.locked():
            return method(self, *args, **kwargs)

    locked.holds_write_lock = True  # type: ignore[attr-defined]
    return locked


def _text(value: str, what: str) -> str:
    """User text is stored exactly as typed; only an empty one is refused."""
    if not isinstance(value, str) or not value.strip():
        raise DomainError(f"{what} can't be empty.")
    return value


def _name(value: str, what: str) -> str:
    """A name or title: not empty, and on one line (it goes into e-mail headers)."""
    return check_one_line(_text(value, what), what.lower())


def _one_line(value: str, what: str) -> str:
    """An optional one-line field (organization, job title): may be empty."""
    if not isinstance(value, str):
        raise DomainError(f"{what} must be text.")
    return check_one_line(value, what.lower())


def _follow_up(value: str) -> str:
    if not isinstance(value, str):
        raise DomainError("The follow-up link must be text.")
    return check_follow_up(value)


def _short(text: str, width: int = 40) -> str:
    return shorten(one_line(text), width)


def _role(role: str) -> str:
    try:
        return Role(role.strip().lower()).value
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise DomainError(f"Unknown role {role!r}; use one of: {allowed}.") from None


def _quote_as(value: str) -> None:
    if value not in {q.value for q in QuoteAs}:
        allowed = ", ".join(q.value for q in QuoteAs)
        raise DomainError(f"Unknown quoting choice {value!r}; use one of: {allowed}.")


class StoreBase:
    """The connection, the seat's journal and the session's protocol."""

    def __init__(self, path: Path, conn: sqlite3.Connection, actor: str) -> None:
        self.path = path
        self.conn = conn
        self.journal = Journal(conn, actor)
        self._db: Database | None = None
        self._card_reader = rows.CardReader()
        self._protocol: Protocol | None = None
        self.inode = path.stat().st_ino
        """The file we opened; a different inode at `path` means it was deleted or replaced."""

    @property
    def db(self) -> Database:
        """The same connection through sqlite-utils, for tools and migrations.

        The store itself reads and writes through `conn`: importing sqlite-utils (and its
        plugin scan) was a noticeable part of opening the wall, which needs none of it.
        """
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, recursive_triggers=False, execute_plugins=False)
        return self._db

    @property
    def actor(self) -> str:
        return self.journal.actor

    def action(self, description: str, *, undoable: bool = True) -> Any:
        """Group several writes (e.g. an import) into one undoable action."""
        return self.journal.action(description, undoable=undoable)

    def batch(self) -> Any:
        """Actions inside commit one by one (the lock is let go between them); one undo
        takes them all back. For imports too large to hold the other seat off for."""
        return self.journal.batch()

    def session(self) -> Session:
        return rows.session(self.journal.row("sessions", 1) or {})

    def protocol(self) -> Protocol:
        """The protocol this session was created with (its stored copy)."""
        if self._protocol is None:
            row = self.journal.row("sessions", 1) or {}
            if row.get("protocol_json"):
                try:
                    self._protocol = protocol_from_json(row["protocol_json"], row["protocol_yaml"])
                    return self._protocol
                except (ValueError, TypeError, KeyError):
                    pass  # a damaged cache: the YAML below is the source of truth
            from focusgroup.domain.protocol_schema import parse_protocol

            self._protocol = parse_protocol(row["protocol_yaml"], f"{self.path} (stored protocol)")
        return self._protocol

    def levels(self) -> tuple[str, ...]:
        return self.protocol().level_keys()

    def _row_or_error(self, table: str, row_id: int, what: str) -> dict[str, Any]:
        row = self.journal.row(table, row_id)
        if row is None:
            raise DomainError(f"That {what} is no longer in the session.")
        return row

    if TYPE_CHECKING:  # provided by the mixins; declared so each mixin type-checks alone

        def participant(self, participant_id: int) -> Participant: ...

        def categories(self) -> list[Category]: ...

        def cards(self) -> list[Card]: ...

        def shortlist(self) -> list[Card]: ...

        def _renumber(self, listed: list[Card]) -> None: ...

        def _top_card(self, card_id: int) -> Card: ...

        def _next_position(self, category_id: int | None, level: str) -> float: ...

        def _next(self, table: str) -> float: ...

        def category(self, category_id: int) -> Category: ...

        def card(self, card_id: int) -> Card: ...

        def _top_card(self, card_id: int) -> Card: ...

        def _drop_links_of(self, card_ids: Iterable[int]) -> None: ...

        def _move_links_to(self, lead_id: int, merged_ids: Iterable[int]) -> None: ...
