"""SessionStore: every read and write of one meeting's session file.

Each public write method is one user action: one transaction, durable when it returns,
logged with who did it so it can be undone. Reads return frozen domain objects.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from focusgroup.domain.errors import DomainError, SessionFileError
from focusgroup.domain.fields import date_problem
from focusgroup.domain.model import Event, Send
from focusgroup.domain.protocol import CategorySeed, Protocol, protocol_to_json
from focusgroup.domain.timer import TimerState
from focusgroup.store import rows
from focusgroup.store.base import _follow_up, _name, _one_line, writes
from focusgroup.store.cards import CardOps
from focusgroup.store.connection import create_database, open_database, open_read_only
from focusgroup.store.errors import translate_storage_errors
from focusgroup.store.journal import now
from focusgroup.store.links import LinkOps
from focusgroup.store.notes import NoteOps
from focusgroup.store.people import PeopleOps
from focusgroup.store.programs import ProgramOps
from focusgroup.store.recap import RecapOps, check_date

SESSION_FIELDS = (
    "title",
    "sector",
    "region",
    "date",
    "facilitator",
    "follow_up_url",
    "anonymous",
    "source_profile",
    "reengage_on",
    "next_steps",
    "area",
)


def _check_details(fields: dict[str, Any]) -> None:
    """The same checks for a new session and an edit, whichever screen or command sent it."""
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise DomainError(f"Unknown session details: {', '.join(sorted(unknown))}.")
    if "title" in fields:
        _name(fields["title"], "The session title")
    if fields.get("facilitator") is not None:
        _one_line(fields["facilitator"], "The facilitator's name")
    if fields.get("follow_up_url") is not None:
        _follow_up(fields["follow_up_url"])
    if isinstance(fields.get("date"), str) and (problem := date_problem(fields["date"])):
        raise DomainError(f"The session date: {problem}.")


@translate_storage_errors
class SessionStore(CardOps, LinkOps, PeopleOps, NoteOps, RecapOps, ProgramOps):
    """One open session file, used by one seat (`actor`)."""

    # -- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, actor: str = "cli") -> SessionStore:
        path = Path(path)
        conn = open_database(path)
        store = cls(path, conn, actor)
        if conn.execute("SELECT count(*) FROM sessions").fetchone()[0] != 1:
            conn.close()
            raise SessionFileError(f"{path} has no meeting in it; it may be damaged.")
        return store

    @classmethod
    def open_read_only(cls, path: str | Path) -> SessionStore:
        """A copy of the file in memory, for commands that only read (history, list).

        The file itself is not changed in any way: not migrated, not checkpointed, no
        journal-mode change, no -wal or -shm left behind. Writes go to the copy and are lost.
        """
        path = Path(path)
        conn = open_read_only(path)
        store = cls(path, conn, "cli")
        if conn.execute("SELECT count(*) FROM sessions").fetchone()[0] != 1:
            conn.close()
            raise SessionFileError(f"{path} has no meeting in it; it may be damaged.")
        return store

    @classmethod
    def create(
        cls,
        path: str | Path,
        protocol: Protocol,
        *,
        title: str,
        actor: str = "cli",
        with_categories: bool = True,
        categories: Sequence[CategorySeed] | None = None,
        **details: Any,
    ) -> SessionStore:
        path = Path(path)
        _check_details({"title": title, **details})
        conn = create_database(path)
        store = cls(path, conn, actor)
        try:
            with store.journal.action("Create session", undoable=False):
                store.journal.insert(
                    "sessions",
                    {
                        "id": 1,
                        "title": title,
                        "protocol_id": protocol.id,
                        "protocol_yaml": protocol.source_text,
                        "protocol_json": protocol_to_json(protocol),
                        "created_at": now(),
                        **{k: v for k, v in details.items() if v is not None},
                    },
                )
                seeds = protocol.categories if categories is None else categories
                if with_categories:
                    for index, seed in enumerate(seeds):
                        store.journal.insert(
                            "categories",
                            {"name": seed.name, "colour": seed.colour, "position": float(index)},
                        )
        except BaseException:
            conn.close()
            path.unlink(missing_ok=True)
            raise
        store._protocol = protocol
        return store

    def close(self) -> None:
        try:
            if self.path.exists() and self.conn.execute("PRAGMA database_list").fetchone()[2]:
                self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:
            pass  # the other seat may hold the file; the WAL is still durable
        self.conn.close()

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def actor(self) -> str:
        return self.journal.actor

    def action(self, description: str, *, undoable: bool = True) -> Any:
        """Group several writes (e.g. an import) into one undoable action."""
        return self.journal.action(description, undoable=undoable)

    # -- change feed ----------------------------------------------------------------------

    def data_version(self) -> int:
        """Changes when another connection commits; a cheap poll (microseconds)."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def events_since(self, event_id: int = 0) -> list[Event]:
        return self.journal.events_since(event_id)

    def last_event_id(self) -> int:
        return self.journal.last_event_id()

    @writes
    def update_session(self, **fields: Any) -> None:
        _check_details(fields)
        if "anonymous" in fields:
            fields["anonymous"] = int(bool(fields["anonymous"]))
        if "reengage_on" in fields:
            fields["reengage_on"] = check_date(fields["reengage_on"])
        with self.action("Edit session details"):
            self.journal.update("sessions", 1, fields)

    @writes
    def set_step(self, index: int) -> None:
        steps = self.protocol().steps
        index = max(0, min(len(steps) - 1, index))
        with self.action(f"Go to step {index + 1}: {steps[index].title}", undoable=False):
            self.journal.update("sessions", 1, {"current_step": index})

    def timer_state(self) -> TimerState | None:
        return TimerState.from_json(self.session().timer)

    @writes
    def save_timer(self, state: TimerState, description: str = "Step timer") -> None:
        """Keep the step timer's state (start, pause, +1 minute), so a reopened app resumes it."""
        with self.action(description, undoable=False):
            self.journal.update("sessions", 1, {"timer": state.to_json()})

    # -- undo / redo ---------------------------------------------------------------------------

    def undo(self) -> Event | None:
        """Undo this seat's last action; returns it, or None when there is nothing to undo."""
        return self.journal.undo()

    def redo(self) -> Event | None:
        return self.journal.redo()

    def can_undo(self) -> str | None:
        event = self.journal.undoable_event()
        return event.action if event else None

    def last_undoable_of(self, actor: str) -> Event | None:
        """Another writer's latest undoable action (the app shows the command line's)."""
        return self.journal.undoable_event(actor)

    def can_redo(self) -> str | None:
        event = self.journal.redoable_event()
        return event.action if event else None

    # -- e-mail log ----------------------------------------------------------------------------

    def sends(self) -> list[Send]:
        return [rows.send(r) for r in self.journal.rows("sends")]

    @writes
    def record_send(
        self,
        *,
        participant_id: int | None,
        email: str,
        message_id: str,
        status: str,
        error: str = "",
    ) -> int:
        """Log one delivery attempt. Not an undoable action: mail once sent stays sent.

        The answer to an intent recorded by `record_send_intent` (same Message-ID) completes
        that row rather than adding one, so the log holds one row per message.
        """
        intent = (
            self.journal.rows("sends", "message_id = ? AND status = 'sending'", [message_id])
            if message_id
            else []
        )
        with self.action(f"E-mail {status}: {email}", undoable=False):
            if intent:
                self.journal.update(
                    "sends", intent[-1]["id"], {"status": status, "error": error, "at": now()}
                )
                return int(intent[-1]["id"])
            return self.journal.insert(
                "sends",
                {
                    "participant_id": participant_id,
                    "email": email,
                    "at": now(),
                    "message_id": message_id,
                    "status": status,
                    "error": error,
                },
            )

    @writes
    def record_send_intent(self, *, participant_id: int | None, email: str, message_id: str) -> int:
        """Log, durably, that a message is about to go to the server (before SMTP DATA).

        If the run dies before the server's answer is recorded, this row stays "sending":
        the next run reports that recipient as "may have been sent" instead of mailing again.
        """
        with self.action(f"E-mail sending: {email}", undoable=False):
            return self.journal.insert(
                "sends",
                {
                    "participant_id": participant_id,
                    "email": email,
                    "at": now(),
                    "message_id": message_id,
                    "status": "sending",
                    "error": "",
                },
            )

    # -- backups -------------------------------------------------------------------------------

    def backup_to(self, destination: str | Path) -> Path:
        """A consistent copy of the live file, taken with SQLite's online backup API."""
        destination = Path(destination)
        destination.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(str(destination))
        try:
            self.conn.backup(target)
        finally:
            target.close()
        return destination
