"""`programs import` and `programs openings`: the inventory template and demand, from CSV.

Same care as the other imports (and the same reader, `importing.read_csv`): text is kept
exactly as written, every row is checked first, and a file with any bad row imports nothing,
the message naming each bad row by its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from focusgroup.domain.programs import (
    COLUMN_FIELDS,
    EXTRA_COLUMNS,
    HEADER_ALIASES,
    LIST_FIELDS,
    SOURCE_IMPORT,
    TEMPLATE_COLUMNS,
    Program,
    names_occupation,
    occupation_keys,
    parse_level,
    split_list,
)
from focusgroup.importing import ImportFailed, _summary, read_csv
from focusgroup.store.session_store import SessionStore

REQUIRED = ("institution", "program")


@dataclass
class ProgramImportReport:
    added: int = 0
    updated: int = 0
    rows: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    not_on_wall: list[str] = field(default_factory=list)
    """Occupations named in the file that match no card on the wall (by name or code)."""


def _read(path: Path) -> tuple[list[dict[str, str]], list[str]]:
    """The file's rows (each with its line under "_line") and the reader's own row problems.

    The one place that calls the shared CSV reader, so a change to its interface (issue 12
    is reworking its quoting and encodings) is met here alone.
    """
    return read_csv(path, ()), []


def _canonical(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Rows keyed by the template's own column names (aliases such as the guide's
    "Institution/Organization" mapped), so a spreadsheet made from the guide reads as is."""
    out = []
    for row in rows:
        mapped: dict[str, str] = {}
        for header, value in row.items():
            name = HEADER_ALIASES.get(" ".join(header.split()), " ".join(header.split()))
            if name in mapped and not value:
                continue  # an empty alias column never hides a filled one
            mapped[name] = value
        out.append(mapped)
    return out


def _header(path: Path, rows: list[dict[str, str]]) -> list[str]:
    header = [h for h in (rows[0] if rows else {}) if h != "_line"]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFailed(
            f"{path}: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"(the template's columns are: {', '.join(TEMPLATE_COLUMNS)})."
        )
    return header


def import_programs(store: SessionStore, path: Path) -> ProgramImportReport:
    """Import the inventory template from a CSV, all or nothing."""
    raw, problems = _read(path)
    rows = _canonical(raw)
    if not rows:
        raise ImportFailed(f"{path} has a header line but no programs.")
    header = _header(path, rows)
    known = set(TEMPLATE_COLUMNS) | set(EXTRA_COLUMNS)
    report = ProgramImportReport(
        rows=len(rows), ignored_columns=[h for h in header if h not in known and h]
    )
    parsed: list[dict[str, Any]] = []
    for row in rows:
        line = row["_line"]
        errors = []
        for column in REQUIRED:
            if not row.get(column, "").strip():
                errors.append(f"{column} is empty")
        level = parse_level(row.get("level", ""))
        if level is None:
            errors.append(f"level must be entry, mid or advanced (got {row['level']!r})")
        completions = row.get("completions", "").strip().replace(",", "")
        if completions and not completions.isdigit():
            errors.append(f"completions must be a whole number (got {row['completions']!r})")
        problems.extend(f"line {line}: {e}" for e in errors)
        values: dict[str, Any] = {"source": SOURCE_IMPORT}
        for column, name in COLUMN_FIELDS.items():
            cell = row.get(column, "")
            values[name] = split_list(cell) if name in LIST_FIELDS else cell
        values["level"] = level or ""
        parsed.append(values)
    if problems:
        raise ImportFailed(_summary(path, problems))
    added, updated = store.import_programs(parsed, f"Import {len(rows)} programs from {path.name}")
    report.added, report.updated = len(added), len(updated)
    report.not_on_wall = _not_on_wall(store, parsed)
    return report


def _not_on_wall(store: SessionStore, parsed: list[dict[str, Any]]) -> list[str]:
    """Occupations the file names that no card on the wall answers to (said, not refused:
    a program for another sector is an orphan the gap analysis should show)."""
    keys: frozenset[str] = frozenset().union(*(occupation_keys(c) for c in store.cards()))
    probe = Program(id=0, institution="", program="")
    found: dict[str, None] = {}
    for values in parsed:
        for name in values["occupations"]:
            if not names_occupation(replace(probe, occupations=(name,)), keys):
                found[name] = None
    return list(found)


def import_openings(store: SessionStore, path: Path) -> int:
    """Openings a year per occupation (columns occupation, openings[, source]), all or nothing."""
    rows = read_csv(path, ("occupation", "openings"))
    problems: list[str] = []
    parsed: list[tuple[str, int, str]] = []
    for row in rows:
        line = row["_line"]
        count = row.get("openings", "").replace(",", "").strip()
        if not row.get("occupation", "").strip():
            problems.append(f"line {line}: occupation is empty")
        if not count.isdigit():
            problems.append(
                f"line {line}: openings must be a whole number (got {row['openings']!r})"
            )
            continue
        parsed.append((row["occupation"], int(count), row.get("source", "")))
    if problems:
        raise ImportFailed(_summary(path, problems))
    if not parsed:
        raise ImportFailed(f"{path} has a header line but no openings.")
    return store.import_openings(parsed, f"Import openings from {path.name}")
