"""Opening and creating session files safely, with a clear message for every bad file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from focusgroup.domain.errors import SessionFileError
from focusgroup.store.file_format import APPLICATION_ID, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


def connect(path: Path) -> sqlite3.Connection:
    """A connection tuned for two writers: WAL, full sync, explicit transactions."""
    # isolation_level=None: we issue BEGIN IMMEDIATE ourselves; Python's implicit BEGIN is
    # deferred and fails at once with "database is locked" when the other seat is writing.
    conn = sqlite3.connect(
        str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # A damaged page can hold invalid UTF-8 that quick_check doesn't notice; the default
    # decoder then raises UnicodeDecodeError on the first read and the app dies. Show the
    # damaged characters as U+FFFD instead, so the rest of the meeting stays usable.
    conn.text_factory = _decode
    # FULL: every acknowledged action survives a power cut, not only a crash; edits come at
    # human speed, so the extra sync per commit is never felt.
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _decode(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def check_file(path: Path) -> None:
    """Refuse, with a reason, anything that is not a readable focusgroup session file."""
    if not path.exists():
        raise SessionFileError(f"No session file at {path}.")
    if path.is_dir():
        raise SessionFileError(f"{path} is a folder, not a session file.")
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head != SQLITE_MAGIC:
        raise SessionFileError(
            f"{path} is not a focusgroup session file (it is not an SQLite database)."
        )


def open_database(path: Path) -> sqlite3.Connection:
    """Open an existing session file and bring its schema up to date."""
    check_file(path)
    try:
        conn = connect(path)
        try:
            version = check_session(conn, path)
        except SessionFileError:
            conn.close()
            raise
        conn.execute("PRAGMA journal_mode = WAL")
        if version < SCHEMA_VERSION:
            _migrate(conn)
        return conn
    except UnicodeDecodeError:
        # SQLite's own error message quoted damaged schema bytes, which Python can't decode.
        raise SessionFileError(damaged_message(path, "its table definitions are garbled")) from None
    except sqlite3.DatabaseError as error:
        raise SessionFileError(damaged_message(path, str(error))) from None


def check_session(conn: sqlite3.Connection, path: Path) -> int:
    """Refuse a database that is not a session we can read; returns its file format version.

    Used when opening a file and when listing one read-only, so both give the same reason.
    """
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if app_id != APPLICATION_ID:
            raise SessionFileError(
                f"{path} is an SQLite database but not a focusgroup session file."
            )
        if version > SCHEMA_VERSION:
            raise SessionFileError(
                f"{path} was saved by a newer focusgroup (file format {version}; this version "
                f"reads up to {SCHEMA_VERSION}). Upgrade focusgroup to open it."
            )
        status = conn.execute("PRAGMA quick_check").fetchone()[0]
    except UnicodeDecodeError:
        # SQLite's own error message quoted damaged schema bytes, which Python can't decode.
        raise SessionFileError(damaged_message(path, "its table definitions are garbled")) from None
    except sqlite3.DatabaseError as error:
        raise SessionFileError(damaged_message(path, str(error))) from None
    if status != "ok":
        raise SessionFileError(damaged_message(path, status))
    return version


def create_database(path: Path) -> sqlite3.Connection:
    """Create a new, empty session file. Refuses to overwrite anything."""
    if path.exists():
        raise SessionFileError(f"{path} already exists; choose another name or open it.")
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    _migrate(conn)
    return conn


def _migrate(conn: sqlite3.Connection) -> None:
    from sqlite_utils import Database

    from focusgroup.store.schema import migrations

    # Under the write lock, so two seats opening an old file at once do not both migrate.
    conn.execute("BEGIN IMMEDIATE")
    try:
        migrations.apply(Database(conn, recursive_triggers=False, execute_plugins=False))
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def damaged_message(path: Path, detail: str) -> str:
    return (
        f"{path} is damaged and cannot be opened ({detail}). "
        f"Bring back a backup with: focusgroup restore {path}"
    )
