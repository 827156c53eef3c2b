"""Checks that hold for every session file, whatever happened to the process that wrote it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

TABLES = ("sessions", "participants", "categories", "cards", "competencies", "notes", "commitments")


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def _rows(conn: sqlite3.Connection, table: str) -> dict[tuple[str, int], dict[str, Any]]:
    cursor = conn.execute(f"SELECT * FROM [{table}]")
    names = [d[0] for d in cursor.description]
    return {(table, row[0]): dict(zip(names, row, strict=True)) for row in cursor}


def log_matches_rows(path: Path) -> None:
    """Replaying every logged change gives exactly the rows in the file.

    The change and its event commit together, so after any crash the two agree; a row
    without an event, or an event without its row, means a half-applied action.
    """
    conn = sqlite3.connect(path)
    try:
        replayed: dict[tuple[str, int], dict[str, Any] | None] = {}
        for (changes,) in conn.execute("SELECT changes FROM events ORDER BY id"):
            for table, row_id, _before, after in json.loads(changes):
                replayed[(table, row_id)] = after
        current: dict[tuple[str, int], dict[str, Any]] = {}
        for table in TABLES:
            current.update(_rows(conn, table))
    finally:
        conn.close()
    expected = {key: row for key, row in replayed.items() if row is not None}
    missing = sorted(set(expected) - set(current))
    extra = sorted(set(current) - set(expected))
    assert not missing, f"logged but not in the file: {missing[:10]}"
    assert not extra, f"in the file but never logged: {extra[:10]}"
    differ = [key for key in expected if expected[key] != current[key]]
    assert not differ, (
        f"rows differ from the log: {[(k, expected[k], current[k]) for k in differ[:3]]}"
    )


def stacks_are_flat(path: Path) -> None:
    """A merged card points at a lead that exists and is not itself merged into another."""
    conn = sqlite3.connect(path)
    try:
        bad = conn.execute(
            "SELECT c.id, c.stack_id, lead.stack_id FROM cards c "
            "LEFT JOIN cards lead ON lead.id = c.stack_id "
            "WHERE c.stack_id IS NOT NULL AND (lead.id IS NULL OR lead.stack_id IS NOT NULL)"
        ).fetchall()
    finally:
        conn.close()
    assert not bad, f"cards stacked on a missing or merged lead (id, lead, lead's lead): {bad[:10]}"


def events(path: Path) -> dict[int, tuple[str, str]]:
    """event id -> (actor, kind)."""
    conn = sqlite3.connect(path)
    try:
        return {i: (a, k) for i, a, k in conn.execute("SELECT id, actor, kind FROM events")}
    finally:
        conn.close()
