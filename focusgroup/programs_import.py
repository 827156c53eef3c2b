"""`programs import` and `programs openings`: the inventory template and demand, from CSV.

Same care as the other imports (and the same reader, `importing.read_csv`): text is kept
exactly as written, every row is checked first, and a file with any bad row imports nothing,
the message naming each bad row by its line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from focusgroup.csv_input import CsvError, read_csv
from focusgroup.domain.gaps import Occupation, occupations_from_wall, opening_matches
from focusgroup.domain.programs import (
    COLUMN_FIELDS,
    EXTRA_COLUMNS,
    HEADER_ALIASES,
    LIST_FIELDS,
    SOURCE_IMPORT,
    TEMPLATE_COLUMNS,
    Opening,
    Program,
    names_occupation,
    norm,
    occupation_keys,
    parse_count,
    parse_level,
    split_list,
)
from focusgroup.importing import ImportFailed
from focusgroup.store.session_store import SessionStore

REQUIRED = ("institution", "program")
"""Columns a row needs (checked after the guide's header spellings are mapped)."""


@dataclass
class ProgramImportReport:
    added: int = 0
    updated: int = 0
    rows: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    not_on_wall: list[str] = field(default_factory=list)
    """Occupations named in the file that match no card on the wall (by name or code)."""


def _read(
    path: Path, required: tuple[str, ...]
) -> tuple[list[dict[str, str]], list[str], list[str]]:
    """The file's rows (each with its first line under "_line"), the reader's own row problems
    (extra values, unnamed columns) and the header, through the shared reader (`csv_input`).

    Values come back exactly as written, spaces included; only keywords are compared trimmed.
    """
    try:
        table = read_csv(path, required)
    except CsvError as error:
        raise ImportFailed(str(error)) from None
    rows = [{**row.values, "_line": str(row.line)} for row in table.rows]
    return rows, list(table.problems), table.header


def _refuse(path: Path, problems: list[str]) -> None:
    """Nothing is imported; every problem is named by its line (at most 20 shown)."""
    shown = "\n  ".join(problems[:20])
    more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
    raise ImportFailed(
        f"{path}: nothing was imported; fix these rows and try again:\n  {shown}{more}"
    )


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


def _header(path: Path, names: list[str]) -> list[str]:
    header = [HEADER_ALIASES.get(" ".join(h.split()), " ".join(h.split())) for h in names if h]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFailed(
            f"{path}: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"(the template's columns are: {', '.join(TEMPLATE_COLUMNS)})."
        )
    return header


def import_programs(store: SessionStore, path: Path) -> ProgramImportReport:
    """Import the inventory template from a CSV, all or nothing."""
    # "program" is in the template's header and the guide's own: it picks the delimiter.
    raw, problems, names = _read(path, ("program",))
    header = _header(path, names)
    rows = _canonical(raw)
    if not rows:
        raise ImportFailed(f"{path} has a header line but no programs.")
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
        completions = row.get("completions", "")
        if completions.strip() and parse_count(completions) is None:
            errors.append(f"completions must be a whole number (got {row['completions']!r})")
        problems.extend(f"line {line}: {e}" for e in errors)
        values: dict[str, Any] = {"source": SOURCE_IMPORT}
        for column, name in COLUMN_FIELDS.items():
            cell = row.get(column, "")
            values[name] = split_list(cell) if name in LIST_FIELDS else cell
        values["level"] = level or ""
        parsed.append(values)
    if problems:
        _refuse(path, sorted(problems, key=_line_number))
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


@dataclass
class OpeningsImportReport:
    occupations: int = 0
    not_on_wall: list[str] = field(default_factory=list)
    """Occupations the file names that no card on the wall answers to (by wording or code)."""


def import_openings(store: SessionStore, path: Path) -> OpeningsImportReport:
    """Openings a year per occupation (columns occupation, openings[, source]), all or nothing.

    Two rows for one occupation on the wall (its wording and its SOC code, say) with different
    figures are refused, both lines named: the gap analysis could use neither.
    """
    rows, problems, _ = _read(path, ("occupation", "openings"))
    parsed: list[tuple[str, int, str]] = []
    lines: list[str] = []
    for row in rows:
        line = row["_line"]
        count = parse_count(row.get("openings", ""))
        if not row.get("occupation", "").strip():
            problems.append(f"line {line}: occupation is empty")
        if count is None:
            problems.append(
                f"line {line}: openings must be a whole number (got {row['openings']!r})"
            )
            continue
        parsed.append((row["occupation"], count, row.get("source", "")))
        lines.append(line)
    wall = occupations_from_wall(
        [c for c in store.cards() if c.stack_id is None], [], store.categories()
    )
    problems += _disagreeing(parsed, lines, wall)
    if problems:
        _refuse(path, sorted(problems, key=_line_number))
    if not parsed:
        raise ImportFailed(f"{path} has a header line but no openings.")
    count = store.import_openings(parsed, f"Import openings from {path.name}")
    named = [
        name
        for name, figure, source in parsed
        if not any(opening_matches(Opening(0, name, figure, source, ""), o) for o in wall)
    ]
    return OpeningsImportReport(count, list(dict.fromkeys(named)))


def _disagreeing(
    parsed: list[tuple[str, int, str]], lines: list[str], wall: Sequence[Occupation]
) -> list[str]:
    """'line 3: ...' for each row whose figure contradicts an earlier row for the same
    occupation (the same wall card, or the same name when it is on no card)."""
    groups: dict[str, list[int]] = {}
    for index, (name, figure, source) in enumerate(parsed):
        opening = Opening(0, name, figure, source, "")
        cards = [f"card {o.card_id}" for o in wall if opening_matches(opening, o)]
        for group in cards or [f"name {norm(name)}"]:
            groups.setdefault(group, []).append(index)
    found: dict[int, str] = {}
    for members in groups.values():
        first = members[0]
        for later in members[1:]:
            if parsed[later][1] != parsed[first][1] and later not in found:
                found[later] = (
                    f"line {lines[later]}: {parsed[later][1]:,} openings for "
                    f"{parsed[later][0]!r}, but line {lines[first]} gives {parsed[first][1]:,} "
                    f"for {parsed[first][0]!r}, the same occupation; keep one figure"
                )
    return [found[i] for i in sorted(found)]


def _line_number(problem: str) -> int:
    """'line 12: ...' -> 12, so the reader's problems and ours read in file order."""
    head = problem.split(":", 1)[0]
    return int(head[5:]) if head.startswith("line ") and head[5:].isdigit() else 0
