"""Read the shipped regional index (built by `focusgroup.regional.build`).

    from focusgroup.regional.index import find_area, area_wages
    area = find_area("Kansas City")            # an Area, or AreaError saying what matched
    wages = area_wages(area.code)["29-1141"]  # an AreaWage: strings exactly as BLS published

Values stay strings ("21.32", "-") so a document prints what BLS printed; `number()` turns
one into a float for arithmetic and sorting.
"""

from __future__ import annotations

import functools
import lzma
import re
import sqlite3
import struct
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from focusgroup.domain.errors import DomainError

PACKAGED_INDEX = Path(__file__).resolve().parent / "oews_areas.db"
SCHEMA_VERSION = 1
FIELDS = (
    "employment",
    "h_pct10",
    "h_pct25",
    "h_median",
    "h_pct75",
    "h_pct90",
    "a_pct10",
    "a_pct25",
    "a_median",
    "a_pct75",
    "a_pct90",
)
"""Per area and occupation, in this order in each stored line (each followed by its footnote)."""

ANNUAL_OF_HOURLY = {
    FIELDS.index(f"a_{p}"): FIELDS.index(f"h_{p}")
    for p in ("pct10", "pct25", "median", "pct75", "pct90")
}
"""Field positions: each annual wage column and the hourly one it is derived from."""

RATING = struct.Struct("<BHH")
"""One O*NET rating in `onet_level.ratings`: element id, level x100, importance x100."""

AREA_TYPES = {"S": "state", "M": "metropolitan area"}
NONMETROPOLITAN = "nonmetropolitan area"
"""BLS files its nonmetropolitan areas ("Alaska nonmetropolitan area") under the metropolitan
area type 'M' too; their codes start with the state's FIPS code (0200006), a metropolitan
area's with 00 and its CBSA code (0022020)."""


class AreaError(DomainError):
    """An area name or code that the index does not hold (the message says what would)."""


@dataclass(frozen=True)
class Area:
    code: str
    """BLS OEWS area code: '2000000' for Kansas, '0028140' for the Kansas City metro."""
    kind: str
    """'state', 'metropolitan area' or 'nonmetropolitan area'."""
    name: str

    @property
    def label(self) -> str:
        return self.name

    @property
    def described(self) -> str:
        """'Fargo, ND-MN (metropolitan area)', 'Kansas (state)', 'Alaska nonmetropolitan area'
        (its name says what it is)."""
        return self.name if self.kind in self.name.casefold() else f"{self.name} ({self.kind})"


@dataclass(frozen=True)
class AreaWage:
    """One occupation in one area. Each value is BLS's published string; '-' is not published
    and `notes[field]` holds BLS's footnote code saying why (e.g. '5': $115.00/hour or more)."""

    soc_code: str
    values: dict[str, str]
    notes: dict[str, str]

    def get(self, field: str) -> str:
        return self.values.get(field, "-")

    @property
    def published(self) -> bool:
        return self.get("h_median") != "-" or self.get("a_median") != "-"


def number(value: str) -> float | None:
    """'21.32' -> 21.32; '-' (not published) -> None."""
    try:
        return float(value.replace(",", ""))
    except (ValueError, AttributeError):
        return None


_lock = threading.RLock()
"""One connection for every thread (exports run in workers): queries take turns."""
_conn: sqlite3.Connection | None = None


def _connect() -> sqlite3.Connection:
    global _conn
    with _lock:
        if _conn is None:
            if not PACKAGED_INDEX.is_file():
                raise AreaError(
                    f"No regional wage index at {PACKAGED_INDEX}; rebuild it with "
                    "python -m focusgroup.regional.build (see its SOURCE.md)."
                )
            _conn = sqlite3.connect(
                f"file:{PACKAGED_INDEX}?mode=ro", uri=True, check_same_thread=False
            )
        return _conn


def _query(sql: str, args: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
    with _lock:
        return _connect().execute(sql, args).fetchall()


def meta() -> dict[str, str]:
    return dict(_query("SELECT key, value FROM meta"))


@functools.cache
def footnotes() -> dict[str, str]:
    return dict(_query("SELECT code, text FROM footnote"))


@functools.cache
def areas() -> tuple[Area, ...]:
    rows = _query("SELECT code, type, name FROM area ORDER BY type DESC, name")
    return tuple(Area(code, _kind(kind, code), name) for code, kind, name in rows)


def _kind(area_type: str, code: str) -> str:
    if area_type == "M" and not code.startswith("00"):
        return NONMETROPOLITAN
    return AREA_TYPES[area_type]


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


def matching_areas(text: str) -> tuple[Area, ...]:
    """Every area `text` may mean: its code, or a name holding it (case and punctuation aside:
    "winston salem", "Fargo ND"), else a name holding each of its words ("kansas city mo").

    `focusgroup areas SEARCH` lists these and `find_area` chooses among them, so an area the
    listing shows is one `--area` accepts, and the other way round. An empty text: all.
    """
    wanted = _key(text)
    everything = areas()
    if not wanted:
        return everything
    by_code = tuple(a for a in everything if text.strip() == a.code)
    if by_code:
        return by_code
    hits = tuple(a for a in everything if wanted in _key(a.name))
    if not hits:  # each word somewhere in the name: "kansas city mo"
        words = wanted.split()
        hits = tuple(a for a in everything if all(w in _key(a.name).split() for w in words))
    return hits


def find_area(text: str) -> Area:
    """The area a person means by a code, a full name or an unambiguous part of one.

    Raises AreaError naming the close matches (or how to list areas) otherwise.
    """
    wanted = _key(text)
    if not wanted:
        raise AreaError("An area can't be empty: name a state or metropolitan area.")
    hits = matching_areas(text)
    exact = [a for a in hits if text.strip() == a.code or wanted == _key(a.name)]
    if exact:
        return exact[0]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise AreaError(
            f"No state or metropolitan area in the OEWS May 2025 index matches {text!r}; "
            "run `focusgroup areas` to list them."
        )
    shown = "; ".join(a.name for a in hits[:6]) + ("; ..." if len(hits) > 6 else "")
    raise AreaError(f"{text!r} matches {len(hits)} areas ({shown}); name one exactly.")


def area_by_code(code: str) -> Area | None:
    return next((a for a in areas() if a.code == code), None)


def annual_from_hourly(hourly: str) -> int:
    """Hourly x 2,080, rounded to $10 in whole cents (no float rounding surprises)."""
    cents = round(float(hourly) * 100)
    return (cents * 2080 + 500) // 1000 * 10


def decode_block(block: bytes) -> list[list[str]]:
    """An area's stored rows: [soc, *FIELDS values, *FIELDS footnotes] (see build.encode_block)."""
    text = lzma.decompress(block).decode()
    if not text:
        return []
    columns = [column.split("\t") for column in text.split("\n")]
    rows = [list(row) for row in zip(*columns, strict=True)]
    for row in rows:
        for annual, hourly in ANNUAL_OF_HOURLY.items():
            cell = row[1 + annual]
            if cell == "" or cell.startswith("~"):
                delta = int(cell[1:]) if cell else 0
                row[1 + annual] = str(annual_from_hourly(row[1 + hourly]) + delta * 10)
    return rows


@functools.lru_cache(maxsize=8)
def area_wages(code: str) -> dict[str, AreaWage]:
    """Every detailed occupation BLS publishes for an area, by SOC code ('29-1141')."""
    found = _query("SELECT block FROM area WHERE code = ?", (code,))
    row = found[0] if found else None
    if row is None:
        raise AreaError(f"No OEWS area with code {code!r}.")
    result = {}
    width = len(FIELDS)
    for soc, *cells in decode_block(row[0]):
        values = dict(zip(FIELDS, cells[:width], strict=True))
        notes = {f: n for f, n in zip(FIELDS, cells[width:], strict=True) if n}
        result[soc] = AreaWage(soc, values, notes)
    return result


@functools.lru_cache(maxsize=1024)
def onet_levels(onet_code: str) -> dict[tuple[str, str], tuple[float, float]]:
    """(domain, element) -> (level 0-7, importance 1-5) for every rated skill and knowledge."""
    found = _query("SELECT ratings FROM onet_level WHERE onet_code = ?", (onet_code,))
    if not found:
        return {}
    row = found[0]
    names = _elements()
    return {names[e]: (lv / 100, im / 100) for e, lv, im in RATING.iter_unpack(row[0])}


@functools.cache
def _elements() -> dict[int, tuple[str, str]]:
    return {i: (d, n) for i, d, n in _query("SELECT id, domain, name FROM element")}
