"""SOC 2018 titles and OEWS national wages: from the shared data files or a previous index."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def reference_tables(
    soc_dir: Path | None, oes_dir: Path | None, carry_from: Path | None
) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    soc_titles: dict[str, str] = {}
    wages: dict[str, dict[str, Any]] = {}
    if soc_dir is not None:
        for row in _tsv(soc_dir / "soc_2018_structure.tsv"):
            if row["level"] == "detailed":
                soc_titles[row["soc_code"]] = row["title"].replace("\u2019", "'")
    if oes_dir is not None:
        for row in _tsv(oes_dir / "oews_national_M2025.tsv"):
            if row["O_GROUP"] in ("detailed", "broad"):
                wages[row["OCC_CODE"]] = _wage_row(row)
    if carry_from is not None and carry_from.exists() and (not soc_titles or not wages):
        old = sqlite3.connect(f"file:{carry_from}?mode=ro", uri=True)
        old.row_factory = sqlite3.Row
        try:
            if not soc_titles:
                soc_titles = {r["soc_code"]: r["title"] for r in old.execute("SELECT * FROM soc")}
            if not wages:
                wages = {r["code"]: dict(r) for r in old.execute("SELECT * FROM wage")}
        finally:
            old.close()
    return soc_titles, wages


def _wage_row(row: dict[str, str]) -> dict[str, Any]:
    def number(value: str) -> float | None:
        try:
            return float(value.replace(",", ""))
        except ValueError:
            return None  # '-' not published, '#' above the top of the wage scale

    employment = number(row["TOT_EMP"])
    annual = number(row["A_MEDIAN"])
    note = ""
    if row["A_MEDIAN"] == "#" or row["H_MEDIAN"] == "#":
        note = "at or above $239,200 a year"
    elif annual is None:
        note = "not published: paid by the hour or the engagement, rarely year-round"
    return {
        "code": row["OCC_CODE"],
        "title": row["OCC_TITLE"],
        "level": row["O_GROUP"],
        "employment": int(employment) if employment is not None else None,
        "median_annual": int(annual) if annual is not None else None,
        "median_hourly": number(row["H_MEDIAN"]),
        "note": note,
    }


def _tsv(path: Path) -> Iterable[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
