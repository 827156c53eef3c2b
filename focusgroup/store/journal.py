"""Transactions, the event log, and undo/redo built on it.

Every user action runs in `Journal.action(...)`: one `BEGIN IMMEDIATE` transaction that writes
the rows and, in the same commit, one `events` row listing each changed row before and after.
The log is append-only; undo and redo are new events that point at the one they reverse, so
each seat's undo history is derived from the log and survives closing the file.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from focusgroup.domain.errors import UndoConflict
from focusgroup.domain.model import Change, Event

Row = dict[str, Any]

LINKS = (
    # (table, column, the table it points at)
    ("cards", "stack_id", "cards"),
    ("cards", "category_id", "categories"),
    ("cards", "participant_id", "participants"),
    ("competencies", "card_id", "cards"),
    ("card_links", "card_id", "cards"),
    ("card_links", "to_card_id", "cards"),
    ("competencies", "category_id", "categories"),
    ("competencies", "participant_id", "participants"),
    ("notes", "participant_id", "participants"),
    ("commitments", "participant_id", "participants"),
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Journal:
    """Writes rows inside logged transactions for one seat (`actor`)."""

    def __init__(self, conn: sqlite3.Connection, actor: str) -> None:
        self.conn = conn
        self.actor = actor
        self._changes: list[Change] | None = None
        self._locked = False
        self._action = ""
        self._undoable = True
        self._batch: str | None = None

    # -- transactions ---------------------------------------------------------------------

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the write lock from a method's first read to its commit.

        A store method checks the rows it reads (is the card still there, is it a stack's
        lead?) before it writes. Without the lock the other seat can commit in between, and
        the write then works on stale rows: a KeyError for a card it deleted, or a card
        merged into a stack that was itself just merged (a stack of stacks).
        """
        if self._locked or self._changes is not None:
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._locked = True
        try:
            yield
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        finally:
            self._locked = False

    @contextmanager
    def action(self, description: str, *, undoable: bool = True) -> Iterator[None]:
        """Run the body as one durable, logged action. Nested calls join the outer one."""
        if self._changes is not None:
            yield
            return
        self._changes, self._action, self._undoable = [], description, undoable
        # IMMEDIATE takes the write lock up front, so a read-then-write never fails with
        # "database is locked" while the other seat writes; busy_timeout waits instead.
        owner = not self._locked  # inside locked(), that block begins and commits
        if owner:
            self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            if self._changes:
                self._log(
                    "do", self._action, self._changes, None, self._undoable, batch=self._batch
                )
            if owner:
                self.conn.execute("COMMIT")
        except BaseException:
            if owner and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        finally:
            self._changes = None

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Actions run inside are parts of one: each commits on its own, one undo takes all.

        A large import holding the write lock from start to end locks the other seat out
        (it gives up after the busy timeout); committed in parts, the other seat gets its turn
        between them. Each part is a complete, logged action, so a crash in the middle leaves
        a consistent file whose imported part one undo takes back.
        """
        if self._batch is not None:
            yield
            return
        self._batch = uuid.uuid4().hex
        try:
            yield
        finally:
            self._batch = None

    @property
    def in_action(self) -> bool:
        return self._changes is not None

    def _record(self, change: Change) -> None:
        if self._changes is None:
            raise RuntimeError("row writes must happen inside Journal.action()")
        self._changes.append(change)

    # -- row writes (recorded) ------------------------------------------------------------

    def row(self, table: str, row_id: int) -> Row | None:
        found = self.rows(table, "id = ?", [row_id])
        return found[0] if found else None

    def rows(
        self, table: str, where: str = "", args: Sequence[Any] = (), order_by: str = "id"
    ) -> list[Row]:
        """Rows of `table` as dicts, `where` and `order_by` being SQL fragments we write."""
        sql = f"SELECT * FROM [{table}]" + (f" WHERE {where}" if where else "")
        cursor = self.conn.execute(f"{sql} ORDER BY {order_by}", args)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, found, strict=True)) for found in cursor.fetchall()]

    def insert(self, table: str, values: Mapping[str, Any]) -> int:
        columns = list(values)
        cursor = self.conn.execute(
            f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})",
            [values[c] for c in columns],
        )
        row_id = int(cursor.lastrowid or 0)
        self._record(Change(table, row_id, None, self.row(table, row_id)))
        return row_id

    def update(self, table: str, row_id: int, values: Mapping[str, Any]) -> bool:
        """Update one row; returns False (and logs nothing) when nothing actually changes."""
        before = self.row(table, row_id)
        if before is None:
            raise KeyError(f"{table} {row_id}")
        changed = {k: v for k, v in values.items() if before.get(k) != v}
        if not changed:
            return False
        self.conn.execute(
            f"UPDATE [{table}] SET {', '.join(f'[{c}] = ?' for c in changed)} WHERE id = ?",
            [*changed.values(), row_id],
        )
        self._record(Change(table, row_id, before, {**before, **changed}))
        return True

    def delete(self, table: str, row_id: int) -> None:
        before = self.row(table, row_id)
        if before is None:
            return
        self.conn.execute(f"DELETE FROM [{table}] WHERE id = ?", [row_id])
        self._record(Change(table, row_id, before, None))

    # -- the log --------------------------------------------------------------------------

    def _log(
        self,
        kind: str,
        action: str,
        changes: list[Change],
        target: int | None,
        undoable: bool,
        *,
        batch: str | None = None,
    ) -> None:
        payload = json.dumps(
            [[c.table, c.row_id, c.before, c.after] for c in changes], ensure_ascii=False
        )
        self.conn.execute(
            "INSERT INTO events (actor, at, kind, action, changes, target, undoable, batch) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [self.actor, now(), kind, action, payload, target, int(undoable), batch],
        )

    def events_since(self, event_id: int) -> list[Event]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS}, EXISTS (SELECT 1 FROM events r WHERE r.target = e.id) "
            "AS reverted FROM events e WHERE e.id > ? ORDER BY e.id",
            [event_id],
        ).fetchall()
        return [_event(row) for row in rows]

    def last_event_id(self) -> int:
        return int(self.conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0])

    # -- undo / redo ----------------------------------------------------------------------

    def undoable_event(self, actor: str | None = None) -> Event | None:
        """This seat's (or `actor`'s) most recent action or redo that has not been undone."""
        row = self.conn.execute(
            f"SELECT {_COLUMNS}, 0 AS reverted FROM events e WHERE e.actor = ? "
            "AND e.undoable = 1 AND e.kind IN ('do', 'redo') "
            "AND NOT EXISTS (SELECT 1 FROM events u WHERE u.target = e.id) "
            "ORDER BY e.id DESC LIMIT 1",
            [actor or self.actor],
        ).fetchone()
        return _event(row) if row else None

    def redoable_event(self) -> Event | None:
        """This seat's most recent undo, unless the seat has done something new since."""
        row = self.conn.execute(
            f"SELECT {_COLUMNS}, 0 AS reverted FROM events e WHERE e.actor = ? "
            "AND e.kind = 'undo' "
            "AND NOT EXISTS (SELECT 1 FROM events r WHERE r.target = e.id) "
            "AND NOT EXISTS (SELECT 1 FROM events d WHERE d.actor = e.actor AND d.kind = 'do' "
            "    AND d.undoable = 1 AND d.id > e.id) "
            "ORDER BY e.id DESC LIMIT 1",
            [self.actor],
        ).fetchone()
        return _event(row) if row else None

    def _batch_part(self, kind: str, batch: str) -> Event | None:
        """The latest part of `batch` that `kind` (undo or redo) has not reversed yet."""
        kinds = "('do', 'redo')" if kind == "undo" else "('undo')"
        row = self.conn.execute(
            f"SELECT {_COLUMNS}, 0 AS reverted FROM events e WHERE e.actor = ? "
            f"AND e.batch = ? AND e.undoable = 1 AND e.kind IN {kinds} "
            "AND NOT EXISTS (SELECT 1 FROM events u WHERE u.target = e.id) "
            "ORDER BY e.id DESC LIMIT 1",
            [self.actor, batch],
        ).fetchone()
        return _event(row) if row else None

    def undo(self) -> Event | None:
        """Reverse this seat's last action. Returns the event undone, or None if none."""
        return self._reverse("undo", self.undoable_event)

    def redo(self) -> Event | None:
        """Replay what this seat last undid. Returns the undo event reversed, or None."""
        return self._reverse("redo", self.redoable_event)

    def _reverse(self, kind: str, find: Callable[[], Event | None]) -> Event | None:
        """Reverse one action, or every part of a batched one, each part in its own commit.

        The parts are reversed newest first, each with the write lock for that part only;
        their undo (or redo) events share a new batch token, so redo replays them together.
        """
        token = uuid.uuid4().hex
        first = self._reverse_one(kind, find, token)
        if first is None or first.batch is None:
            return first
        batch = first.batch
        while self._reverse_one(kind, lambda: self._batch_part(kind, batch), token):
            pass
        return first

    def _reverse_one(self, kind: str, find: Callable[[], Event | None], token: str) -> Event | None:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            # Looked up inside the write lock: the other seat cannot slip in between.
            event = find()
            if event is None:
                self.conn.execute("ROLLBACK")
                return None
            self._changes = []
            for change in reversed(event.changes):
                self._revert(change, event)
            self._log(
                kind,
                event.action,
                self._changes,
                event.id,
                True,
                batch=token if event.batch else None,
            )
            self.conn.execute("COMMIT")
            return event
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        finally:
            self._changes = None

    def _revert(self, change: Change, event: Event) -> None:
        """Put one row back to `change.before`, if nobody has changed it since."""
        current = self.row(change.table, change.row_id)
        conflict = UndoConflict(
            f"Can't undo or redo \u201c{event.action}\u201d: it was changed since"
            " (perhaps from the other seat)."
        )
        if change.before is None:  # it was an insert: delete it again
            if current is None:
                return
            if current != change.after or self._referenced(change.table, change.row_id):
                raise conflict
            self.delete(change.table, change.row_id)
        elif change.after is None:  # it was a delete: put it back
            if current is not None or not self._links_exist(change.table, change.before):
                raise conflict
            self.insert(change.table, change.before)
        else:
            if current is None:
                raise conflict
            touched = [k for k in change.after if change.before.get(k) != change.after[k]]
            if any(current.get(k) != change.after[k] for k in touched):
                raise conflict
            restored = {k: change.before[k] for k in touched}
            if not self._links_exist(change.table, restored):
                raise conflict
            self.update(change.table, change.row_id, restored)

    # The other seat may have linked to a row since (merged a card into it, put a card in a
    # category) or removed the row a restored value points at. Undo must then refuse: the
    # schema has no foreign keys, and an orphaned stack member silently drops off the wall.
    def _referenced(self, table: str, row_id: int) -> bool:
        return any(
            self.conn.execute(
                f"SELECT 1 FROM [{child}] WHERE [{column}] = ? LIMIT 1", [row_id]
            ).fetchone()
            for child, column, parent in LINKS
            if parent == table
        )

    def _links_exist(self, table: str, values: Mapping[str, Any]) -> bool:
        for child, column, parent in LINKS:
            if child != table or values.get(column) is None:
                continue
            target = self.row(parent, values[column])
            if target is None:
                return False
            if column == "stack_id" and target["stack_id"] is not None:
                return False  # its lead was merged into another stack meanwhile
        return True


_COLUMNS = "e.id, e.actor, e.at, e.kind, e.action, e.changes, e.target, e.undoable, e.batch"


def _event(row: sqlite3.Row | tuple[Any, ...]) -> Event:
    (event_id, actor, at, kind, action, changes, target, undoable, batch, reverted) = row
    return Event(
        id=event_id,
        actor=actor,
        at=at,
        kind=kind,
        action=action,
        changes=tuple(Change(t, i, b, a) for t, i, b, a in json.loads(changes)),
        target=target,
        reverted=bool(reverted),
        undoable=bool(undoable),
        batch=batch,
    )
