"""Opening and creating session files safely, with a clear message for every bad file."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from focusgroup.domain.errors import SessionFileError
from focusgroup.store import media
from focusgroup.store.file_format import APPLICATION_ID, SCHEMA_VERSION, TABLES

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

    def prepare(conn: sqlite3.Connection, version: int) -> None:
        conn.execute("PRAGMA journal_mode = WAL")
        if version < SCHEMA_VERSION:
            _migrate(conn)

    return _open(path, connect, prepare)[0]


def open_read_only(path: Path) -> sqlite3.Connection:
    """An in-memory copy of a session file, read without changing the file in any way.

    For `history`, `list` and the start screen: no migration, no checkpoint, no journal-mode
    change, and no -wal/-shm files left behind (a read-only SQLite connection creates them).
    An older file is upgraded in the copy only.
    """
    return read_only_copy(path)[0]


def read_only_copy(path: Path) -> tuple[sqlite3.Connection, int]:
    """`open_read_only`, plus the file format the file itself is in (before the upgrade)."""

    def prepare(conn: sqlite3.Connection, version: int) -> None:
        if version < SCHEMA_VERSION:
            _migrate(conn)

    return _open(path, copy_into_memory, prepare)


def _open(
    path: Path,
    connect_to: Callable[[Path], sqlite3.Connection],
    prepare: Callable[[sqlite3.Connection, int], None],
) -> tuple[sqlite3.Connection, int]:
    """Check, prepare and check again; every failure is a `SessionFileError`, the rest closed."""
    check_file(path)
    conn: sqlite3.Connection | None = None
    try:
        conn = connect_to(path)
        version = check_session(conn, path)
        prepare(conn, version)
        _check_tables(conn, path)
        return conn, version
    except UnicodeDecodeError:
        _close(conn)
        # SQLite's own error message quoted damaged schema bytes, which Python can't decode.
        raise SessionFileError(damaged_message(path, "its table definitions are garbled")) from None
    except sqlite3.Error as error:
        _close(conn)
        raise SessionFileError(cant_open_message(path, error)) from None
    except BaseException:
        _close(conn)
        raise


def copy_into_memory(path: Path) -> sqlite3.Connection:
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    memory.text_factory = _decode
    wal = path.with_name(path.name + "-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        # Closed cleanly: the whole meeting is in the main file, and a writer that opens it
        # now writes to a new -wal first. Read the bytes; if anything moved meanwhile, fall
        # back to a read-only connection.
        before = path.stat()
        data = path.read_bytes()
        after = path.stat()
        unchanged = (before.st_mtime_ns, before.st_size) == (after.st_mtime_ns, after.st_size)
        if unchanged and (not wal.exists() or wal.stat().st_size == 0):
            image = bytearray(data)
            if len(image) > 19 and image[18] == 2:
                image[18] = image[19] = 1  # WAL flag off: an in-memory copy has no WAL
            memory.deserialize(bytes(image))
            return memory
    # Another seat has it open (or a crash left a -wal): -wal and -shm exist already.
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        source.backup(memory)
    finally:
        source.close()
    return memory


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
    except sqlite3.Error as error:
        raise SessionFileError(cant_open_message(path, error)) from None
    if status != "ok":
        raise SessionFileError(damaged_message(path, status))
    return version


def _check_tables(conn: sqlite3.Connection, path: Path) -> None:
    """An up-to-date file missing a table is damaged (a half-copied or hand-edited file)."""
    found = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    missing = [t for t in TABLES if t not in found]
    if missing:
        tables = f"the {', '.join(missing)} table" + ("s are" if len(missing) > 1 else " is")
        raise SessionFileError(damaged_message(path, f"{tables} missing"))


def _close(conn: sqlite3.Connection | None) -> None:
    if conn is not None:
        conn.close()


def cant_open_message(path: Path, error: sqlite3.Error) -> str:
    if media.is_corruption(error):
        return damaged_message(path, str(error))
    plain = media.problem(path, error)
    if plain and media.read_only_media(path):
        return f"Can't open {path}: {plain}; copy it to a writable folder and open the copy."
    if plain:
        return f"Can't open {path}: {plain}."
    return f"Can't open {path}: {error}."


def create_database(path: Path) -> sqlite3.Connection:
    """Create a new, empty session file. Refuses to overwrite anything."""
    if path.exists():
        raise SessionFileError(f"{path} already exists; choose another name or open it.")
    conn: sqlite3.Connection | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = connect(path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _migrate(conn)
        return conn
    except (OSError, sqlite3.Error) as error:
        _close(conn)
        for leftover in (
            path,
            path.with_name(path.name + "-wal"),
            path.with_name(path.name + "-shm"),
        ):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass
        plain = media.problem(path, error) or str(error)
        raise SessionFileError(f"Can't create {path}: {plain}.") from None


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
