"""A region file: many meetings' session files combined into one SQLite file for analysis.

Every meeting's rows are copied beside a `meeting_id`, so one query can compare meetings; the
file opens as it is in Datasette (full-text search on cards, notes and competencies, a table that
resolves stacks, a reason table with the protocol's labels).

Inputs are never changed: each is read as the store's in-memory copy (`read_only_copy`), an
older one brought up to date in the copy. Each meeting is written under its own savepoint, so
a damaged input is reported and skipped, never half-copied.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from focusgroup.domain.errors import SessionFileError
from focusgroup.domain.protocol import protocol_from_json
from focusgroup.store.connection import check_file, read_only_copy

REGION_APPLICATION_ID = 0x46475247  # "FGRG", in PRAGMA application_id
REGION_FORMAT = 1

# Audit trail and the e-mail log stay with their meeting: they name addresses and seats.
_NOT_COPIED = frozenset({"sessions", "events", "sends", "_sqlite_migrations"})
_PRIVATE_COLUMNS = {"participants": frozenset({"email"})}
_NAME_COLUMNS = {"participants": frozenset({"name"}), "commitments": frozenset({"owner"})}
"""People's names, left blank with --anonymous (the meeting's facilitator too)."""
FTS_TABLES = ("cards", "notes", "competencies")

_MEETINGS = """
CREATE TABLE IF NOT EXISTS meetings (
    id INTEGER PRIMARY KEY,
    meeting_key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    sector TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    facilitator TEXT NOT NULL DEFAULT '',
    protocol_id TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'occupations',
    created_at TEXT NOT NULL DEFAULT '',
    source_file TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    combined_at TEXT NOT NULL
)"""
_REASON_LABELS = """
CREATE TABLE IF NOT EXISTS reason_labels (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    key TEXT NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (meeting_id, key)
)"""
_SETTINGS = "CREATE TABLE IF NOT EXISTS region_settings (key TEXT PRIMARY KEY, value TEXT)"
# Each card beside its stack's lead (a merged card counts under the lead's code, category and
# level), and each reason with its protocol label. Kept as tables filled per meeting rather than
# views: with 200,000 cards the views took 0.6 s a query in Datasette, the tables a tenth of that.
_DERIVED = (
    """
    CREATE TABLE IF NOT EXISTS card_occupations (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id), card_id INTEGER NOT NULL,
        text TEXT, participant_id INTEGER, lead_id INTEGER, occupation TEXT, soc_code TEXT,
        soc_title TEXT, onet_code TEXT, level TEXT, category_id INTEGER, category TEXT,
        PRIMARY KEY (meeting_id, card_id)
    )""",
    "CREATE INDEX IF NOT EXISTS card_occupations_soc ON card_occupations (soc_code)",
    """
    CREATE TABLE IF NOT EXISTS card_reasons (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id), card_id INTEGER NOT NULL,
        lead_id INTEGER, soc_code TEXT, soc_title TEXT, occupation TEXT, reason_key TEXT,
        reason TEXT, own_reason INTEGER,
        occupation_key TEXT  -- the SOC code, or "uncoded:" and the wall's wording
    )""",
    # Covering: the reasons query reads only the index, not 400,000 rows of the table.
    "CREATE INDEX IF NOT EXISTS card_reasons_occupation ON card_reasons"
    " (occupation_key, reason, meeting_id, own_reason, soc_code, soc_title, occupation)",
    "CREATE INDEX IF NOT EXISTS card_reasons_meeting ON card_reasons (meeting_id)",
)
_FILL_DERIVED = (
    """
    INSERT INTO card_occupations
    SELECT c.meeting_id, c.id, c.text, c.participant_id, lead.id, lead.text, lead.soc_code,
           lead.soc_title, lead.onet_code, lead.level, lead.category_id, cat.name
    FROM cards AS c
    JOIN cards AS lead ON lead.meeting_id = c.meeting_id AND lead.id = coalesce(c.stack_id, c.id)
    LEFT JOIN categories AS cat ON cat.meeting_id = lead.meeting_id AND cat.id = lead.category_id
    WHERE c.meeting_id = :meeting
    """,
    """
    INSERT INTO card_reasons
    SELECT o.meeting_id, o.card_id, o.lead_id, o.soc_code, o.soc_title, o.occupation,
           r.value, coalesce(l.label, r.value), l.key IS NULL,
           CASE o.soc_code WHEN '' THEN 'uncoded:' || o.occupation ELSE o.soc_code END
    FROM card_occupations AS o
    JOIN cards AS c ON c.meeting_id = o.meeting_id AND c.id = o.card_id
    JOIN json_each(c.reasons) AS r
    LEFT JOIN reason_labels AS l ON l.meeting_id = o.meeting_id AND l.key = r.value
    WHERE o.meeting_id = :meeting
    """,
)


@dataclass(frozen=True)
class CombineOutcome:
    """What happened to one input file."""

    path: Path
    status: str
    """"added", "refreshed", "duplicate" or "skipped"."""
    title: str = ""
    detail: str = ""


def combine(
    inputs: Sequence[str | Path], out: str | Path, *, anonymous: bool = False
) -> list[CombineOutcome]:
    """Copy each session file in `inputs` into the region file `out` (created if missing)."""
    out = Path(out)
    outcomes: list[CombineOutcome] = []
    fresh = not out.exists()
    with closing(_open_region(out)) as region:
        writer = _RegionWriter(region)
        try:
            anonymous = _settle_anonymity(region, anonymous)
            seen: dict[str, Path] = {}
            for raw in inputs:
                path = Path(raw)
                if path.exists() and path.resolve() == out.resolve():
                    outcomes.append(CombineOutcome(path, "skipped", detail="it is the output file"))
                    continue
                try:
                    meeting = _read_meeting(path, anonymous)
                except SessionFileError as error:
                    outcomes.append(CombineOutcome(path, "skipped", detail=str(error)))
                    continue
                if meeting.key in seen:
                    detail = f"the same meeting as {seen[meeting.key]}; included once"
                    outcomes.append(CombineOutcome(path, "duplicate", meeting.title, detail))
                    continue
                seen[meeting.key] = path
                refreshed = writer.write(meeting)
                status = "refreshed" if refreshed else "added"
                outcomes.append(CombineOutcome(path, status, meeting.title))
            writer.commit()
            if any(o.status in ("added", "refreshed") for o in outcomes):
                _rebuild_search(region)
            region.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as error:
            raise SessionFileError(f"Could not write {out}: {error}.") from None
    if fresh and not any(o.status in ("added", "refreshed") for o in outcomes):
        for leftover in (out, out.with_name(out.name + "-wal"), out.with_name(out.name + "-shm")):
            leftover.unlink(missing_ok=True)  # nothing combined: leave no empty region file
    return outcomes


@dataclass(frozen=True)
class _Meeting:
    """One input's rows, read in full before the region file is touched."""

    key: str
    title: str
    values: dict[str, object]
    tables: dict[str, tuple[list[tuple[str, str]], list[tuple[object, ...]]]]
    """Table -> (its columns and types, its rows)."""
    reason_labels: list[tuple[str, str]]


# -- reading one meeting ---------------------------------------------------------------------


def _read_meeting(path: Path, anonymous: bool) -> _Meeting:
    # The store's own read-only copy: the same checks and messages as opening the file, an
    # older file upgraded in memory only, and nothing written beside the file.
    source, version = read_only_copy(path)
    try:
        return _rows_of(source, path, version, anonymous)
    except sqlite3.DatabaseError as error:
        raise SessionFileError(f"{path} is damaged ({error}).") from None
    finally:
        source.close()


def _rows_of(source: sqlite3.Connection, path: Path, version: int, anonymous: bool) -> _Meeting:
    session = source.execute(
        "SELECT title, sector, region, date, facilitator, protocol_id, created_at, protocol_json,"
        " source_profile FROM sessions WHERE id = 1"
    ).fetchone()
    if session is None:
        raise SessionFileError(f"{path} has no meeting in it; it may be damaged.")
    title, sector, area, date, facilitator, protocol_id, created_at, protocol_json, profile = (
        session
    )
    # A competencies meeting's cards are tasks of one occupation, not occupations.
    competencies = profile.strip() or protocol_id == "critical-competencies"
    values: dict[str, object] = {
        # Stable across renames and copies of the file: a meeting is created once.
        "meeting_key": f"{created_at}/{protocol_id}",
        "title": title,
        "sector": sector,
        "region": area,
        "date": date,
        "facilitator": "" if anonymous else facilitator,
        "protocol_id": protocol_id,
        "kind": "competencies" if competencies else "occupations",
        "created_at": created_at,
        "source_file": str(path),
        "schema_version": version,
    }
    tables = {}
    for table, columns in _source_tables(source).items():
        private = _PRIVATE_COLUMNS.get(table, frozenset())
        kept = [(name, kind) for name, kind in columns if name not in private]
        select = ", ".join(
            "''" if anonymous and _is_name(table, name) else f"[{name}]" for name, _ in kept
        )
        tables[table] = (kept, source.execute(f"SELECT {select} FROM [{table}]").fetchall())
    key = str(values["meeting_key"])
    return _Meeting(key, title, values, tables, _reason_labels(protocol_json))


def read_only_uri(path: Path) -> str:
    """Open a region file without writing anything beside it either.

    `mode=ro` on a WAL file still creates its -wal and -shm files and, read-only, can't remove
    them. With no -wal there is nothing un-checkpointed to read: `immutable=1` reads the file
    alone and leaves no trace. A -wal present means a seat may be writing: read it too.
    """
    uri = path.resolve().as_uri()  # percent-encodes a '?' or '#' in a folder name
    if path.with_name(path.name + "-wal").exists():
        return f"{uri}?mode=ro"
    return f"{uri}?mode=ro&immutable=1"


# -- writing the region file -----------------------------------------------------------------


def _open_region(path: Path) -> sqlite3.Connection:
    fresh = not path.exists()
    if not fresh:
        check_file(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=10)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if not fresh and app_id != REGION_APPLICATION_ID:
            raise SessionFileError(
                f"{path} exists and is not a combined region file; choose another --out."
            )
        conn.execute("PRAGMA journal_mode = WAL")
        # A region file is derived and can be rebuilt from the meetings: no fsync per meeting.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA cache_size = -65536")  # 64 MB: index inserts stay in memory
        conn.execute(f"PRAGMA application_id = {REGION_APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {REGION_FORMAT}")
        for ddl in (_MEETINGS, _REASON_LABELS, _SETTINGS):
            conn.execute(ddl)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise SessionFileError(f"{path} cannot be used as a region file ({error}).") from None
    except BaseException:
        conn.close()
        raise
    return conn


def _settle_anonymity(region: sqlite3.Connection, requested: bool) -> bool:
    """Once a region file leaves names out it always does; asking for it later removes them."""
    row = region.execute("SELECT value FROM region_settings WHERE key = 'anonymous'").fetchone()
    anonymous = requested or (row is not None and row[0] == "1")
    region.execute(
        "INSERT OR REPLACE INTO region_settings (key, value) VALUES ('anonymous', ?)",
        ["1" if anonymous else "0"],
    )
    if anonymous:
        for table, columns in _NAME_COLUMNS.items():
            if _columns(region, table):
                for column in columns:
                    region.execute(f"UPDATE [{table}] SET [{column}] = ''")
        region.execute("UPDATE meetings SET facilitator = ''")
    return anonymous


class _RegionWriter:
    """Writes meetings in batches: a savepoint per meeting, a commit every `BATCH` meetings.

    A meeting is all in or all out (its savepoint is rolled back on any error); a batch makes
    a thousand meetings cost a few commits instead of a thousand (commits were a third of the
    time). A combine stopped part-way leaves whole meetings only.
    """

    BATCH = 50

    def __init__(self, region: sqlite3.Connection) -> None:
        self.region = region
        self.pending = 0
        self.known: dict[str, set[str]] = {t: _columns(region, t) for t in _region_tables(region)}

    def commit(self) -> None:
        if self.region.in_transaction:
            self.region.execute("COMMIT")
        self.pending = 0

    def write(self, meeting: _Meeting) -> bool:
        """Add or replace one meeting's rows; True when it was there before."""
        region = self.region
        self._ensure_schema(meeting)
        if not region.in_transaction:
            region.execute("BEGIN IMMEDIATE")
        region.execute("SAVEPOINT meeting")
        try:
            existing = self._insert(meeting)
        except BaseException:
            region.execute("ROLLBACK TO meeting")
            region.execute("RELEASE meeting")
            raise
        region.execute("RELEASE meeting")
        self.pending += 1
        if self.pending >= self.BATCH:
            self.commit()
        return existing

    def _ensure_schema(self, meeting: _Meeting) -> None:
        """DDL outside any transaction: sqlite-utils' FTS set-up commits whatever is open."""
        missing = {
            table: columns
            for table, (columns, _) in meeting.tables.items()
            if not {name for name, _ in columns} <= self.known.get(table, set())
        }
        if not missing and {"cards", "categories"} <= set(self.known) or not meeting.tables:
            return
        self.commit()
        for table, columns in missing.items():
            _ensure_table(self.region, table, columns)
        _ensure_views_and_search(self.region)
        self.known = {t: _columns(self.region, t) for t in _region_tables(self.region)}

    def _insert(self, meeting: _Meeting) -> bool:
        region = self.region
        existing = region.execute(
            "SELECT id FROM meetings WHERE meeting_key = ?", [meeting.key]
        ).fetchone()
        if existing:
            for table in (*self.known, "reason_labels"):
                region.execute(f"DELETE FROM [{table}] WHERE meeting_id = ?", [existing[0]])
            region.execute("DELETE FROM meetings WHERE id = ?", [existing[0]])
        values = {
            **meeting.values,
            "id": existing[0] if existing else None,
            "combined_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        meeting_id = region.execute(
            f"INSERT INTO meetings ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
            list(values.values()),
        ).lastrowid
        for table, (columns, rows) in meeting.tables.items():
            names = ", ".join(f"[{name}]" for name, _ in columns)
            region.executemany(
                f"INSERT INTO [{table}] (meeting_id, {names})"
                f" VALUES ({', '.join('?' * (len(columns) + 1))})",
                ((meeting_id, *row) for row in rows),
            )
        region.executemany(
            "INSERT INTO reason_labels (meeting_id, key, label) VALUES (?, ?, ?)",
            [(meeting_id, key, label) for key, label in meeting.reason_labels],
        )
        if {"cards", "categories"} <= set(self.known):
            for sql in _FILL_DERIVED:
                region.execute(sql, {"meeting": meeting_id})
        return existing is not None


def _is_name(table: str, column: str) -> bool:
    return column in _NAME_COLUMNS.get(table, frozenset())


def _ensure_table(region: sqlite3.Connection, table: str, columns: list[tuple[str, str]]) -> None:
    have = _columns(region, table)
    if not have:
        has_id = any(name == "id" for name, _ in columns)
        body = ", ".join(f"[{name}] {kind}".strip() for name, kind in columns)
        key = ", PRIMARY KEY (meeting_id, id)" if has_id else ""
        region.execute(
            f"CREATE TABLE [{table}] (meeting_id INTEGER NOT NULL REFERENCES meetings(id),"
            f" {body}{key})"
        )
        region.execute(f"CREATE INDEX [{table}_meeting] ON [{table}] (meeting_id)")
        return
    for name, kind in columns:  # a newer focusgroup added a column since this file was made
        if name not in have:
            region.execute(f"ALTER TABLE [{table}] ADD COLUMN [{name}] {kind}")


def _has_wall(region: sqlite3.Connection) -> bool:
    return {"cards", "categories"} <= set(_region_tables(region))


def _ensure_views_and_search(region: sqlite3.Connection) -> None:
    tables = set(_region_tables(region))
    if _has_wall(region):
        for ddl in _DERIVED:
            region.execute(ddl)
    existing = {row[0] for row in region.execute("SELECT name FROM sqlite_master")}
    missing = [t for t in FTS_TABLES if t in tables and f"{t}_fts" not in existing]
    if missing:
        from sqlite_utils import Database

        db = Database(region, execute_plugins=False)
        for table in missing:
            db.table(table).enable_fts(["text"])


def _rebuild_search(region: sqlite3.Connection) -> None:
    """Re-index the full-text tables once per run: per-row triggers cost a third of a combine."""
    existing = {row[0] for row in region.execute("SELECT name FROM sqlite_master")}
    for table in FTS_TABLES:
        if f"{table}_fts" in existing:
            region.execute(f"INSERT INTO [{table}_fts] ([{table}_fts]) VALUES ('rebuild')")


def _source_tables(source: sqlite3.Connection) -> dict[str, list[tuple[str, str]]]:
    names = [
        row[0]
        for row in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]
    return {
        name: [(col[1], col[2]) for col in source.execute(f"PRAGMA table_info([{name}])")]
        for name in names
        if name not in _NOT_COPIED and "_fts" not in name
    }


def _region_tables(region: sqlite3.Connection) -> list[str]:
    skip = {"meetings", "reason_labels", "region_settings"}
    return [
        row[0]
        for row in region.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        if row[0] not in skip and "_fts" not in row[0]
    ]


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")}


def _reason_labels(protocol_json: str) -> list[tuple[str, str]]:
    try:
        protocol = protocol_from_json(protocol_json)
    except (ValueError, TypeError, KeyError):
        return []  # an unreadable cache: reasons show by their stored keys
    return [(reason.key, reason.label) for reason in protocol.reasons]
