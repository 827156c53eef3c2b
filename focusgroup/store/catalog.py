"""What is in a folder of session files, read without changing any of them.

Files are opened read-only and never migrated: listing a folder must not upgrade (or lock)
a file the other seat or an older focusgroup is using. A file that can't be opened is listed
with the same reason opening it would give.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from focusgroup.domain.errors import SessionFileError
from focusgroup.store.connection import (
    cant_open_message,
    check_file,
    check_session,
    copy_into_memory,
    damaged_message,
)


@dataclass(frozen=True)
class SessionEntry:
    path: Path
    title: str = ""
    date: str = ""
    """The meeting's date as entered; may be empty (see `shown_date`)."""
    created_at: str = ""
    protocol_id: str = ""
    participants: int = 0
    stacks: int = 0
    """Cards on the wall, a merged stack counted once."""
    cards: int = 0
    """Every card an employer wrote, stacked or not."""
    competencies: int = 0
    notes: int = 0
    modified: float = 0.0
    error: str = ""
    """Why the file can't be opened; empty when it can."""

    @property
    def shown_date(self) -> str:
        """The meeting's date, or the day the file was made when none was entered."""
        return self.date or self.created_at[:10]


def describe(path: Path) -> SessionEntry:
    modified = path.stat().st_mtime
    wal = path.with_name(path.name + "-wal")
    if wal.exists():  # in WAL mode the main file's mtime lags behind the last edit
        modified = max(modified, wal.stat().st_mtime)
    try:
        check_file(path)
        # A copy in memory: even a read-only connection leaves -wal and -shm files behind.
        conn = copy_into_memory(path)
        try:
            check_session(conn, path)
            title, date, created_at, protocol_id = conn.execute(
                "SELECT title, date, created_at, protocol_id FROM sessions WHERE id = 1"
            ).fetchone()

            def count(sql: str) -> int:
                return int(conn.execute(sql).fetchone()[0])

            return SessionEntry(
                path,
                title=title,
                date=date or "",
                created_at=created_at or "",
                protocol_id=protocol_id,
                participants=count("SELECT count(*) FROM participants"),
                stacks=count("SELECT count(*) FROM cards WHERE stack_id IS NULL"),
                cards=count("SELECT count(*) FROM cards"),
                competencies=count("SELECT count(*) FROM competencies"),
                notes=count("SELECT count(*) FROM notes"),
                modified=modified,
            )
        finally:
            conn.close()
    except SessionFileError as error:
        return SessionEntry(path, modified=modified, error=str(error))
    except sqlite3.Error as error:
        return SessionEntry(path, modified=modified, error=cant_open_message(path, error))
    except TypeError as error:  # no session row to unpack
        return SessionEntry(path, modified=modified, error=damaged_message(path, str(error)))


def scan_sessions(folder: Path) -> list[SessionEntry]:
    """Session files in `folder`, most recently changed first."""
    if not folder.is_dir():
        return []
    entries = [describe(p) for p in folder.glob("*.db") if p.is_file()]
    return sorted(entries, key=lambda e: (-e.modified, e.path.name))
