"""Occupations and every title that names them, with the token statistics search ranks by."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import sqlite_utils

from focusgroup.crosswalk.source import OnetRelease
from focusgroup.crosswalk.text import index_tokens, split_title


def write_occupations(
    db: sqlite_utils.Database, release: OnetRelease, wages: dict[str, dict[str, Any]]
) -> dict[str, int]:
    """Occupations get small integer ids; every other table refers to them by id."""
    zones = {r["O*NET-SOC Code"]: int(r["Job Zone"]) for r in release.rows("Job Zones.txt")}
    data = sorted(release.rows("Occupation Data.txt"), key=lambda r: r["O*NET-SOC Code"])
    occ: dict[str, int] = {}
    rows = []
    for number, r in enumerate(data, start=1):
        code = r["O*NET-SOC Code"]
        soc = code[:7]
        wage = wages.get(soc) or wages.get(soc[:6] + "0")
        occ[code] = number
        rows.append(
            {
                "id": number,
                "onet_code": code,
                "soc_code": soc,
                "title": r["Title"],
                "description": r["Description"],
                "job_zone": zones.get(code),
                "employment": wage["employment"] if wage else None,
            }
        )
    db.table("occupation").insert_all(rows)
    db.table("job_zone").insert_all(
        {
            "zone": int(r["Job Zone"]),
            "name": r["Name"],
            "education": r["Education"],
            "experience": r["Experience"],
        }
        for r in release.rows("Job Zone Reference.txt")
    )
    return occ


def write_titles(
    db: sqlite_utils.Database,
    release: OnetRelease,
    occ: dict[str, int],
    soc_titles: dict[str, str],
) -> int:
    official = {r["O*NET-SOC Code"]: r["Title"] for r in release.rows("Occupation Data.txt")}
    by_soc: dict[str, str] = {}
    for code in sorted(official):  # the .00 code first: it stands for the SOC occupation
        by_soc.setdefault(code[:7], code)

    candidates: list[tuple[str, str, str]] = [(c, t, "title") for c, t in official.items()]
    candidates += [(by_soc[s], t, "soc") for s, t in soc_titles.items() if s in by_soc]
    for r in release.rows("Alternate Titles.txt"):
        for column in ("Alternate Title", "Short Title"):
            for part in split_title(r[column]) if r[column] else ():
                candidates.append((r["O*NET-SOC Code"], part, "alt"))
    for r in release.rows("Sample of Reported Titles.txt"):
        for part in split_title(r["Reported Job Title"]):
            candidates.append((r["O*NET-SOC Code"], part, "reported"))

    seen: set[tuple[str, str]] = set()
    rows = []
    df: Counter[str] = Counter()
    for code, text, kind in candidates:
        if code not in occ:
            continue
        tokens = index_tokens(text)
        key = (code, " ".join(sorted(tokens)))
        if not tokens or key in seen:
            continue
        seen.add(key)
        df.update(tokens)
        rows.append({"occ": occ[code], "kind": kind, "text": text, "tokens": " ".join(tokens)})
    for number, row in enumerate(rows, start=1):
        row["id"] = number
    db.table("title").insert_all(
        {"id": r["id"], "occ": r["occ"], "kind": r["kind"], "text": r["text"]} for r in rows
    )
    db.table("title_fts").insert_all({"rowid": r["id"], "tokens": r["tokens"]} for r in rows)
    total = len(rows)
    db.table("vocab").insert_all(
        {"token": t, "df": n, "idf": round(math.log((total + 1) / (n + 0.5)), 3)}
        for t, n in df.items()
    )
    return total
