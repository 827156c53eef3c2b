"""Saying plainly why a file can't be written: read-only media, a full disk, no permission.

SQLite reports all of these as errors on the database ("attempt to write a readonly
database", "database or disk is full", "unable to open database file"), and treating them as
damage sent people to `restore`, which swapped in an older backup of a perfectly good file.
A file is damaged only when SQLite's own check says so; everything else is named here.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF).
SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT = 3, 8, 10, 11
SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 13, 14, 26


def is_corruption(error: sqlite3.Error) -> bool:
    """True only for SQLite's own verdict that the file's contents are damaged."""
    return _code(error) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def _code(error: BaseException) -> int:
    return int(getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF


def read_only_media(path: Path) -> bool:
    """The folder holding `path` is on a read-only filesystem (a locked USB stick, a ro mount)."""
    folder = _existing(path.parent)
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


LOW_SPACE = 256 * 1024
"""Less free space than this and SQLite can't even create its -shm index (it says "I/O error")."""


def disk_full(path: Path) -> bool:
    try:
        stats = os.statvfs(_existing(path.parent))
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < LOW_SPACE


def _existing(folder: Path) -> Path:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def problem(path: Path, error: BaseException) -> str | None:
    """A plain sentence for a media problem behind `error`, or None if it is not one."""
    code = _code(error)
    os_code = getattr(error, "errno", None)
    where = path.parent
    full = code == SQLITE_FULL or os_code in (errno.ENOSPC, errno.EDQUOT)
    if full or (code in (SQLITE_IOERR, SQLITE_CANTOPEN) and disk_full(path)):
        return f"the disk holding {where} is full; free some space and try again"
    if read_only_media(path) or os_code == errno.EROFS:
        return f"{where} is on read-only media (nothing can be written there)"
    if os_code in (errno.EACCES, errno.EPERM) or code in (SQLITE_READONLY, SQLITE_PERM):
        return f"focusgroup may not write in {where} (permission denied)"
    if code == SQLITE_CANTOPEN and not os.access(_existing(where), os.W_OK | os.X_OK):
        return f"focusgroup may not write in {where} (permission denied)"
    if code == SQLITE_IOERR or isinstance(error, OSError):
        detail = getattr(error, "strerror", None) or str(error)
        return f"the disk reported an error reading or writing {path} ({detail})"
    return None
