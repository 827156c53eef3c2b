"""Which occupation index to read, and one shared read-only connection to it.

The packaged index ships inside the wheel and is read-only there. `focusgroup onet import`
writes a newer one to a user location instead: `$FOCUSGROUP_HOME/onet/onet_index.db` when
FOCUSGROUP_HOME is set (the same switch that moves sessions and protocols), otherwise
`$XDG_DATA_HOME/focusgroup/onet_index.db` (default `~/.local/share/...`), so it does not depend
on the folder the app was started from. Search prefers that file when its schema matches.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from focusgroup.crosswalk.errors import IndexMissing

PACKAGED_INDEX = Path(__file__).resolve().parent / "onet_index.db"
SCHEMA_VERSION = 1
"""Bumped when the index tables change; an imported index of another version is ignored."""

_lock = threading.RLock()
_connection: sqlite3.Connection | None = None
_connected_path: Path | None = None
_vocabulary: Vocabulary | None = None


def user_index_path() -> Path:
    home = os.environ.get("FOCUSGROUP_HOME")
    if home:
        return Path(home).expanduser() / "onet" / "onet_index.db"
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data).expanduser() / "focusgroup" / "onet_index.db"


def schema_version(path: Path) -> int | None:
    """The index's schema version, or None when the file is not an index we can read."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return int(row[0]) if row else None


def active_index_path() -> Path:
    """The imported index if there is a readable one of our schema, else the packaged one."""
    user = user_index_path()
    if user.is_file() and schema_version(user) == SCHEMA_VERSION:
        return user
    if PACKAGED_INDEX.is_file():
        return PACKAGED_INDEX
    raise IndexMissing(
        f"no occupation index: {PACKAGED_INDEX} is missing; rebuild it with "
        "`python -m focusgroup.crosswalk.build` or run `focusgroup onet import PATH`"
    )


class Vocabulary:
    """Index tokens with their inverse document frequency, kept in memory for spelling fixes."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.idf: dict[str, float] = {}
        self.df: dict[str, int] = {}
        self.by_initial: dict[str, list[str]] = {}
        for token, df, idf in conn.execute("SELECT token, df, idf FROM vocab"):
            self.idf[token] = idf
            self.df[token] = df
            self.by_initial.setdefault(token[0], []).append(token)
        self.max_idf = max(self.idf.values(), default=1.0)
        self.title_cache: dict[int, tuple[frozenset[str], float]] = {}
        """Search's per-title tokens and weight; tied to this index, so dropped with it."""

    def __contains__(self, token: str) -> bool:
        return token in self.idf

    def weight(self, token: str) -> float:
        return self.idf.get(token, self.max_idf)


@contextmanager
def reading() -> Iterator[tuple[sqlite3.Connection, Vocabulary]]:
    """The shared connection and vocabulary, under a lock: the UI searches from a worker thread.

    Opened on first use and kept; `reset()` drops it (after an import, in tests).
    """
    global _connection, _connected_path, _vocabulary
    with _lock:
        if _connection is None or _vocabulary is None:
            path = active_index_path()
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            try:
                _vocabulary = Vocabulary(conn)
            except sqlite3.Error as error:
                conn.close()
                raise IndexMissing(f"{path} is not a readable occupation index ({error})") from None
            _connection, _connected_path = conn, path
        yield _connection, _vocabulary


def connected_path() -> Path:
    with reading():
        assert _connected_path is not None
        return _connected_path


def reset() -> None:
    """Forget the cached connection (after an import, or in tests)."""
    global _connection, _connected_path, _vocabulary
    with _lock:
        if _connection is not None:
            _connection.close()
        _connection = None
        _connected_path = None
        _vocabulary = None


def meta() -> dict[str, str]:
    with reading() as (conn, _):
        return {row["key"]: row["value"] for row in conn.execute("SELECT key, value FROM meta")}
