"""What is in a folder of session files, read without changing any of them."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from focusgroup.domain.errors import SessionFileError
from focusgroup.store.connection import check_file, copy_into_memory
from focusgroup.store.file_format import APPLICATION_ID, SCHEMA_VERSION


@dataclass(frozen=True)
class SessionEntry:
    path: Path
    title: str = ""
    date: str = ""
    protocol_id: str = ""
    participants: int = 0
    cards: int = 0
    competencies: int = 0
    notes: int = 0
    modified: float = 0.0
    error: str = ""
    """Why the file can't be opened; empty when it can."""


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
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return SessionEntry(path, modified=modified, error="not a focusgroup session")
            if conn.execute("PRAGMA user_version").fetchone()[0] > SCHEMA_VERSION:
                return SessionEntry(path, modified=modified, error="made by a newer focusgroup")
            title, date, protocol_id = conn.execute(
                "SELECT title, date, protocol_id FROM sessions WHERE id = 1"
            ).fetchone()

            def count(sql: str) -> int:
                return int(conn.execute(sql).fetchone()[0])

            return SessionEntry(
                path,
                title=title,
                date=date,
                protocol_id=protocol_id,
                participants=count("SELECT count(*) FROM participants"),
                cards=count("SELECT count(*) FROM cards WHERE stack_id IS NULL"),
                competencies=count("SELECT count(*) FROM competencies"),
                notes=count("SELECT count(*) FROM notes"),
                modified=modified,
            )
        finally:
            conn.close()
    except SessionFileError as error:
        return SessionEntry(path, modified=modified, error=str(error).split(" (")[0])
    except (sqlite3.Error, TypeError) as error:
        return SessionEntry(path, modified=modified, error=f"damaged: {error}")


def scan_sessions(folder: Path) -> list[SessionEntry]:
    """Session files in `folder`, most recently changed first."""
    if not folder.is_dir():
        return []
    entries = [describe(p) for p in folder.glob("*.db") if p.is_file()]
    return sorted(entries, key=lambda e: e.modified, reverse=True)
