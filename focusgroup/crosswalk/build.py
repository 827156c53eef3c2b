"""Build the occupation index (one SQLite file) from O*NET text files, SOC 2018 and OEWS wages.

    python -m focusgroup.crosswalk.build            # rebuild the packaged index from ../shared/data
    python -m focusgroup.crosswalk.build ONET [--soc DIR] [--oes DIR] [--out FILE]

The file holds what matching needs (titles with an FTS5 index over normalised tokens, token
document frequencies, employment for a prior) and what a strawman job profile needs (description,
core tasks grouped into job functions, top skills/knowledge/abilities, technology, education, job
zone, related occupations, national median wage). Big O*NET tables are cut to what a profile
shows, which keeps the file well under 10 MB.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import os
import sqlite3
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from focusgroup.crosswalk.index import PACKAGED_INDEX, SCHEMA_VERSION
from focusgroup.crosswalk.source import OnetRelease
from focusgroup.crosswalk.text import index_tokens, split_title

MAX_FUNCTIONS = 5
"""A strawman has a handful of function columns (the guide's example has four)."""
TOP_RATED = 10
"""Skills, knowledge and abilities kept per occupation, by importance."""
MAX_TECHNOLOGY = 30
"""Technology examples kept per occupation, hot technologies first."""

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"

OES_RELEASE = "May 2025"
RATING_FILES = {"skill": "Skills.txt", "knowledge": "Knowledge.txt", "ability": "Abilities.txt"}

# Profile tables are clustered on (occupation, position) WITHOUT ROWID: a profile reads one
# contiguous range, and no separate index is needed. Repeated strings (element names,
# technology examples) live once in lookup tables. Together this halves the file.
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE occupation (
    id INTEGER PRIMARY KEY, onet_code TEXT NOT NULL UNIQUE, soc_code TEXT NOT NULL,
    title TEXT NOT NULL, description TEXT NOT NULL, job_zone INTEGER, employment INTEGER
);
CREATE TABLE job_zone (
    zone INTEGER PRIMARY KEY, name TEXT, education TEXT, experience TEXT
);
CREATE TABLE title (id INTEGER PRIMARY KEY, occ INTEGER NOT NULL, kind TEXT NOT NULL,
    text TEXT NOT NULL);
-- Contentless: search re-derives tokens from title.text, so they are not stored twice.
-- The tokens are already normalised; unicode61 only splits them on spaces.
CREATE VIRTUAL TABLE title_fts USING fts5(tokens, content='', tokenize='unicode61');
CREATE TABLE vocab (token TEXT PRIMARY KEY, df INTEGER NOT NULL, idf REAL NOT NULL)
    WITHOUT ROWID;
CREATE TABLE task (
    occ INTEGER, position INTEGER, function TEXT NOT NULL, task TEXT NOT NULL,
    PRIMARY KEY (occ, position)
) WITHOUT ROWID;
CREATE TABLE element (id INTEGER PRIMARY KEY, domain TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE rating (
    occ INTEGER, element INTEGER, rank INTEGER, importance REAL NOT NULL, level REAL,
    PRIMARY KEY (occ, element)
) WITHOUT ROWID;
CREATE TABLE tech (id INTEGER PRIMARY KEY, example TEXT NOT NULL, category TEXT NOT NULL);
CREATE TABLE technology (
    occ INTEGER, position INTEGER, tech INTEGER NOT NULL, hot INTEGER NOT NULL,
    in_demand INTEGER NOT NULL, PRIMARY KEY (occ, position)
) WITHOUT ROWID;
CREATE TABLE education_category (category INTEGER PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE education (
    occ INTEGER, category INTEGER, pct REAL NOT NULL, PRIMARY KEY (occ, category)
) WITHOUT ROWID;
CREATE TABLE related (
    occ INTEGER, position INTEGER, related INTEGER NOT NULL, tier TEXT NOT NULL,
    PRIMARY KEY (occ, position)
) WITHOUT ROWID;
CREATE TABLE soc (soc_code TEXT PRIMARY KEY, title TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE wage (
    code TEXT PRIMARY KEY, title TEXT, level TEXT, employment INTEGER, median_annual INTEGER,
    median_hourly REAL, note TEXT
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class BuildSummary:
    path: Path
    release: str
    occupations: int
    titles: int
    bytes: int


def build_index(
    onet: Path,
    out: Path,
    *,
    soc_dir: Path | None = None,
    oes_dir: Path | None = None,
    carry_from: Path | None = None,
    release_name: str | None = None,
) -> BuildSummary:
    """Build the index at `out`, atomically (a search running meanwhile keeps the old file).

    SOC titles and OEWS wages come from `soc_dir`/`oes_dir` when given, otherwise they are
    copied from the index at `carry_from` (an O*NET release does not ship them).
    """
    release = OnetRelease(onet)
    name = release_name or release.release()
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".onet_index-", suffix=".db", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        db = sqlite_utils.Database(tmp, recreate=True)
        db.conn.executescript(SCHEMA)
        soc_titles, wages = _reference_tables(soc_dir, oes_dir, carry_from)
        occ = _write_occupations(db, release, wages)
        titles = _write_titles(db, release, occ, soc_titles)
        _write_tasks(db, release, occ)
        _write_ratings(db, release, occ)
        _write_technology(db, release, occ)
        _write_education(db, release, occ)
        _write_related(db, release, occ)
        db["soc"].insert_all({"soc_code": c, "title": t} for c, t in soc_titles.items())
        db["wage"].insert_all(wages.values())
        db["meta"].insert_all(
            {"key": key, "value": value}
            for key, value in {
                "schema_version": str(SCHEMA_VERSION),
                "onet_release": name,
                "oes_release": OES_RELEASE if wages else "",
                "built_at": dt.date.today().isoformat(),
            }.items()
        )
        db.conn.commit()
        db.execute("VACUUM")
        db.close()
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        release.close()
    return BuildSummary(out, name, len(occ), titles, out.stat().st_size)


# --- reference data (SOC titles, wages) -------------------------------------------------------


def _reference_tables(
    soc_dir: Path | None, oes_dir: Path | None, carry_from: Path | None
) -> tuple[dict[str, str], dict[str, dict]]:
    soc_titles: dict[str, str] = {}
    wages: dict[str, dict] = {}
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


def _wage_row(row: dict[str, str]) -> dict:
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


# --- occupations and titles -------------------------------------------------------------------


def _write_occupations(
    db: sqlite_utils.Database, release: OnetRelease, wages: dict
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
    db["occupation"].insert_all(rows)
    db["job_zone"].insert_all(
        {
            "zone": int(r["Job Zone"]),
            "name": r["Name"],
            "education": r["Education"],
            "experience": r["Experience"],
        }
        for r in release.rows("Job Zone Reference.txt")
    )
    return occ


def _write_titles(
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
    db["title"].insert_all(
        {"id": r["id"], "occ": r["occ"], "kind": r["kind"], "text": r["text"]} for r in rows
    )
    db["title_fts"].insert_all({"rowid": r["id"], "tokens": r["tokens"]} for r in rows)
    total = len(rows)
    db["vocab"].insert_all(
        {"token": t, "df": n, "idf": round(math.log((total + 1) / (n + 0.5)), 3)}
        for t, n in df.items()
    )
    return total


# --- profile tables ---------------------------------------------------------------------------


def _write_tasks(db: sqlite_utils.Database, release: OnetRelease, occ: dict[str, int]) -> None:
    """Core tasks grouped into job functions by the generalised work activity of their DWAs.

    Greedy cover: the activity linked to most of an occupation's core tasks becomes the first
    function, and so on, up to MAX_FUNCTIONS; tasks left over go under 'Other tasks'.
    Supplemental tasks are left out (an occupation with only supplemental ones keeps those).
    """
    names = {
        r["Element ID"]: r["Element Name"] for r in release.rows("Content Model Reference.txt")
    }
    activities: dict[str, set[str]] = defaultdict(set)
    for r in release.rows("Tasks to DWAs.txt"):
        element = ".".join(r["DWA ID"].split(".")[:5])  # 4.A.3.a.1.I05.D07 -> 4.A.3.a.1
        activities[r["Task ID"]].add(element)

    tasks: dict[str, list[dict]] = defaultdict(list)
    for r in release.rows("Task Statements.txt"):
        if r["O*NET-SOC Code"] in occ:
            tasks[r["O*NET-SOC Code"]].append(
                {"id": r["Task ID"], "task": r["Task"], "core": r["Task Type"] != "Supplemental"}
            )

    rows = []
    for code, items in tasks.items():
        core = [t for t in items if t["core"]] or items
        function_of = _group_tasks(core, activities, names)
        for position, item in enumerate(core):
            rows.append(
                {
                    "occ": occ[code],
                    "position": position,
                    "function": function_of[item["id"]],
                    "task": item["task"],
                }
            )
    db["task"].insert_all(rows)


def _group_tasks(
    core: list[dict], activities: dict[str, set[str]], names: dict[str, str]
) -> dict[str, str]:
    unassigned = [t["id"] for t in core]
    chosen: list[str] = []
    function_of: dict[str, str] = {}
    for _ in range(MAX_FUNCTIONS):
        counts: Counter[str] = Counter()
        for task_id in unassigned:
            counts.update(activities.get(task_id, ()))
        if not counts:
            break
        element, covered = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if covered < 2 and chosen:
            break  # a one-task function is noise
        chosen.append(element)
        for task_id in [t for t in unassigned if element in activities.get(t, ())]:
            function_of[task_id] = names.get(element, element)
            unassigned.remove(task_id)
    # A leftover task joins a chosen function of the same activity family (4.A.3.a: physical
    # work; 4.A.4.a: communicating...) before it falls into 'Other tasks'.
    for task_id in unassigned:
        families = {e.rsplit(".", 1)[0] for e in activities.get(task_id, ())}
        home = next((e for e in chosen if e.rsplit(".", 1)[0] in families), None)
        function_of[task_id] = names.get(home, home) if home else "Other tasks"
    return function_of


def _write_ratings(db: sqlite_utils.Database, release: OnetRelease, occ: dict[str, int]) -> None:
    elements: dict[tuple[str, str], int] = {}
    rows = []
    for domain, file in RATING_FILES.items():
        importance: dict[str, dict[str, float]] = defaultdict(dict)
        level: dict[tuple[str, str], float] = {}
        for r in release.rows(file):
            if r["Recommend Suppress"] == "Y" or r.get("Not Relevant") == "Y":
                continue
            try:
                value = float(r["Data Value"])
            except ValueError:
                continue
            if r["Scale ID"] == "IM":
                importance[r["O*NET-SOC Code"]][r["Element Name"]] = value
            elif r["Scale ID"] == "LV":
                level[(r["O*NET-SOC Code"], r["Element Name"])] = value
        for code, rated in importance.items():
            if code not in occ:
                continue
            ranked = sorted(rated.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_RATED]
            for rank, (name, value) in enumerate(ranked):
                element = elements.setdefault((domain, name), len(elements) + 1)
                rows.append(
                    {
                        "occ": occ[code],
                        "element": element,
                        "rank": rank,
                        "importance": value,
                        "level": level.get((code, name)),
                    }
                )
    db["element"].insert_all(
        {"id": number, "domain": domain, "name": name}
        for (domain, name), number in elements.items()
    )
    db["rating"].insert_all(rows)


def _write_technology(db: sqlite_utils.Database, release: OnetRelease, occ: dict[str, int]) -> None:
    by_code: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in release.rows("Technology Skills.txt"):
        if r["O*NET-SOC Code"] in occ:
            by_code[r["O*NET-SOC Code"]].append(r)
    techs: dict[tuple[str, str], int] = {}
    rows = []
    for code, items in by_code.items():
        items.sort(
            key=lambda t: (t.get("Hot Technology") != "Y", t.get("In Demand") != "Y", t["Example"])
        )
        for position, t in enumerate(items[:MAX_TECHNOLOGY]):
            key = (t["Example"], t["Commodity Title"])
            rows.append(
                {
                    "occ": occ[code],
                    "position": position,
                    "tech": techs.setdefault(key, len(techs) + 1),
                    "hot": int(t.get("Hot Technology") == "Y"),
                    "in_demand": int(t.get("In Demand") == "Y"),
                }
            )
    db["tech"].insert_all(
        {"id": number, "example": example, "category": category}
        for (example, category), number in techs.items()
    )
    db["technology"].insert_all(rows)


def _write_education(db: sqlite_utils.Database, release: OnetRelease, occ: dict[str, int]) -> None:
    """Required level of education (RL): the share of respondents in each category."""
    labels = {}
    for r in release.rows("Education, Training, and Experience Categories.txt"):
        if r["Scale ID"] == "RL":
            labels[int(r["Category"])] = _short_label(r["Category Description"])
    db["education_category"].insert_all(
        {"category": c, "label": label} for c, label in labels.items()
    )
    rows = []
    for r in release.rows("Education, Training, and Experience.txt"):
        if r["Scale ID"] != "RL" or r["Recommend Suppress"] == "Y":
            continue
        if r["O*NET-SOC Code"] not in occ:
            continue
        try:
            share = float(r["Data Value"])
        except ValueError:
            continue
        if share >= 1:
            rows.append(
                {"occ": occ[r["O*NET-SOC Code"]], "category": int(r["Category"]), "pct": share}
            )
    db["education"].insert_all(rows)


def _short_label(description: str) -> str:
    """'High School Diploma - or the equivalent (...)' -> 'High School Diploma'."""
    return description.split(" - ")[0].split(" (")[0].strip()


def _write_related(db: sqlite_utils.Database, release: OnetRelease, occ: dict[str, int]) -> None:
    db["related"].insert_all(
        {
            "occ": occ[r["O*NET-SOC Code"]],
            "position": int(r["Index"] or 0),
            "related": occ[r["Related O*NET-SOC Code"]],
            "tier": r["Relatedness Tier"],
        }
        for r in release.rows("Related Occupations.txt")
        if r["O*NET-SOC Code"] in occ and r["Related O*NET-SOC Code"] in occ
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("onet", nargs="?", type=Path, default=DEFAULT_DATA / "onet")
    parser.add_argument("--soc", type=Path, default=DEFAULT_DATA / "soc")
    parser.add_argument("--oes", type=Path, default=DEFAULT_DATA / "oes")
    parser.add_argument("--out", type=Path, default=PACKAGED_INDEX)
    parser.add_argument(
        "--release", help="release name when the files do not say (the shared copy: 30.0)"
    )
    args = parser.parse_args(argv)
    summary = build_index(
        args.onet, args.out, soc_dir=args.soc, oes_dir=args.oes, release_name=args.release
    )
    print(
        f"{summary.path}: O*NET {summary.release}, {summary.occupations} occupations, "
        f"{summary.titles} titles, {summary.bytes / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
