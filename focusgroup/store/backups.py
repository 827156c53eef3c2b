"""Rolling backups of a session file, outside the live file, and bringing one back.

Backups are taken with SQLite's online backup API, so they are consistent even while the
other seat writes. They live in `.backups/<file name>/` beside the session file (the whole
name: `spring.db` and `spring.old` are different meetings).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from focusgroup.domain.errors import SessionFileError
from focusgroup.paths import backups_dir
from focusgroup.store import media
from focusgroup.store.connection import check_file
from focusgroup.store.errors import storage_errors

if TYPE_CHECKING:
    from focusgroup.store.session_store import SessionStore

KEEP = 30
"""Backups kept per session; at one every few minutes that covers a whole meeting."""


@storage_errors
def take_backup(store: SessionStore, reason: str = "auto") -> Path:
    """Back up an open store and prune old backups."""
    path = store.path
    folder = backups_dir(path.resolve())
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{path.stem}-{stamp}-{reason}.db"
    try:
        store.backup_to(target)
    except (OSError, sqlite3.Error) as error:
        target.unlink(missing_ok=True)  # a partial backup would look like a good one
        plain = media.problem(target, error) or str(error)
        raise SessionFileError(f"Can't back up {path}: {plain}.") from None
    prune(folder)
    return target


def list_backups(path: Path) -> list[Path]:
    """Backups of a session file, newest first."""
    folder = backups_dir(path.resolve())
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.db"), key=lambda p: p.name, reverse=True)


def prune(folder: Path, keep: int = KEEP) -> None:
    backups = sorted(folder.glob("*.db"), key=lambda p: p.name, reverse=True)
    for old in backups[keep:]:
        old.unlink(missing_ok=True)


@storage_errors
def restore(path: Path, backup: Path | None = None) -> tuple[Path, Path | None]:
    """Put a backup (the newest readable one by default) in place of the session file.

    The file being replaced is kept beside it as `<name>.replaced-<time>.db`, never deleted:
    a consistent copy of it with everything in its -wal (SQLite's backup API), or, when it
    is too damaged to read, its raw bytes (and its -wal and -shm beside, by the same name).
    Returns (the backup used, where the replaced file went or None if there was none).
    """
    candidates = [backup] if backup else list_backups(path)
    if not candidates:
        raise SessionFileError(f"No backups of {path} were found in {backups_dir(path.resolve())}.")
    chosen = next((c for c in candidates if _readable(c)), None)
    if chosen is None:
        raise SessionFileError(f"None of the backups of {path} could be read.")
    try:
        kept = _keep_aside(path) if path.exists() else None
        tmp = path.with_name(path.name + ".restoring")
        shutil.copyfile(chosen, tmp)
        for suffix in ("-wal", "-shm"):
            # The replaced file's WAL is in the kept copy; replayed onto the restored file it
            # would corrupt it.
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        os.replace(tmp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            path.with_name(path.name + ".restoring").unlink(missing_ok=True)
        plain = media.problem(path, error) or str(error)
        raise SessionFileError(f"Can't restore {path}: {plain}.") from None
    return chosen, kept


def _keep_aside(path: Path) -> Path:
    """A copy of the file about to be replaced, under a name no other restore has used."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    for n in range(1, 10_000):
        kept = path.with_name(f"{path.stem}.replaced-{stamp}-{n}{path.suffix}")
        try:
            fd = os.open(kept, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        os.close(fd)
        break
    else:  # pragma: no cover - ten thousand restores in one second
        raise SessionFileError(f"Can't find a free name to keep {path} aside.")
    try:
        check_file(path)
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # sees its -wal
        try:
            if source.execute("PRAGMA quick_check").fetchone()[0] == "ok":
                target = sqlite3.connect(str(kept))
                try:
                    source.backup(target)
                finally:
                    target.close()
                return kept
        finally:
            source.close()
    except (SessionFileError, sqlite3.Error):
        pass  # too damaged to read: keep its bytes instead
    shutil.copyfile(path, kept)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            shutil.copyfile(side, kept.with_name(kept.name + suffix))
    return kept


def _open_backup(backup: Path) -> sqlite3.Connection:
    # A backup is never written after it is taken, so it is read as immutable: no -wal or
    # -shm is created beside it (which read-only media would refuse).
    return sqlite3.connect(f"file:{backup}?mode=ro&immutable=1", uri=True)


def _readable(candidate: Path) -> bool:
    try:
        check_file(candidate)
        conn = _open_backup(candidate)
        try:
            return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")
        finally:
            conn.close()
    except (SessionFileError, sqlite3.Error):
        return False


@storage_errors
def backup_if_due(store: SessionStore, every: float = 180.0) -> Path | None:
    """Take a backup when the newest one is older than `every` seconds and work was done since.

    The app calls this when it opens a session and then from a timer, so a meeting always
    has a backup a few minutes old at most without copying an idle file again and again.
    """
    path = store.path
    newest = next(iter(list_backups(path)), None)
    if newest is not None:
        age = datetime.now(UTC).timestamp() - newest.stat().st_mtime
        if age < every:
            return None
        if store.last_event_id() == _last_event_in(newest):
            return None
    return take_backup(store)


def _last_event_in(backup: Path) -> int | None:
    try:
        conn = _open_backup(backup)
        try:
            return int(conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def live_file_replaced(store: SessionStore) -> bool:
    """True when the open session file was deleted or replaced under us.

    SQLite keeps writing to a deleted file's inode, so every later action would "succeed"
    and be lost; the app checks this on its poll and tells the facilitator to restore.
    """
    try:
        return store.path.stat().st_ino != store.inode
    except FileNotFoundError:
        return True
