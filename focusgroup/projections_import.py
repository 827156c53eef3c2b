"""Import annual openings from a projections CSV (a state labour-market office's table).

Columns by header, any order and case; comma, semicolon or tab:
    soc_code          required: a SOC code, 51-4041 (an O*NET code 51-4041.00 is accepted)
    annual_openings   required: the average annual openings, as published (1,230 or 1230)
    title             optional: the occupation title in the source
    area              optional: the area the projection covers (blank: the session's area)
Where the figures come from and for which period are given on the command line (`--source`,
`--period`), because every figure on a map carries its source and year. Rows are all checked
first; a file with a bad row imports nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from focusgroup.importing import ImportFailed, _ignored, _summary, read_csv
from focusgroup.store.session_store import SessionStore

COLUMNS = ("soc_code", "annual_openings", "title", "area")
ALIASES = {"soc": "soc_code", "occ_code": "soc_code", "openings": "annual_openings"}
_SOC = re.compile(r"^(\d{2}-\d{4})(\.\d{2})?$")
_NUMBER = re.compile(r"^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$")


def import_projections(
    store: SessionStore, path: Path, *, source: str, period: str = ""
) -> tuple[int, list[str]]:
    """Check every row, then store them all as one undoable action.

    Returns the number of rows stored and the header columns that were not used."""
    if not source.strip():
        raise ImportFailed('Say where the projections come from: --source "Agency, year".')
    rows = read_csv(path, ())
    for row in rows:
        for alias, name in ALIASES.items():
            if alias in row and name not in row:
                row[name] = row.pop(alias)
    if rows and ("soc_code" not in rows[0] or "annual_openings" not in rows[0]):
        raise ImportFailed(
            f"{path}: the header needs soc_code and annual_openings columns "
            f"(it has: {', '.join(k for k in rows[0] if not k.startswith('_'))})."
        )
    problems, entries = [], []
    for row in rows:
        line = row["_line"]
        code = _SOC.match(row["soc_code"])
        openings = row["annual_openings"]
        if code is None:
            problems.append(f"line {line}: {row['soc_code']!r} is not a SOC code like 51-4041")
            continue
        if not _NUMBER.match(openings):
            problems.append(f"line {line}: annual_openings {openings!r} is not a number")
            continue
        entries.append(
            {
                "soc_code": code.group(1),
                "annual_openings": openings,
                "title": row.get("title", ""),
                "area": row.get("area", ""),
            }
        )
    if problems:
        raise ImportFailed(_summary(path, problems))
    if not entries:
        raise ImportFailed(f"{path} has no rows to import.")
    count = store.import_projections(entries, source=source, period=period)
    return count, _ignored(rows, COLUMNS)
