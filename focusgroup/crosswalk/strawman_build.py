"""Build the compact data file strawman job profiles need beyond the occupation index.

    python -m focusgroup.crosswalk.strawman_build        # from ../shared/data, into the package

The occupation index (`build.py`) answers "which occupation is this?" and holds the facts a
profile shows. This file holds what it needs to *draft* a profile, kept apart so the two builds
can change independently:

- every occupation's task statements (core first, supplemental flagged) with the intermediate
  work activities (IWAs) they link to, through O*NET's `Tasks to DWAs` and `DWA Reference`;
  IWA titles ("Promote products, services, or programs.") name the strawman's job functions;
- related work experience and on-the-job training distributions (`Education, Training, and
  Experience`, scales RW and OJ);
- national wage percentiles (10th, 25th, median, 75th, 90th; hourly and annual) from OEWS.

One gzipped JSON document, a little over 1 MB; read once and cached (`strawman_data.py`).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from focusgroup.crosswalk.source import OnetRelease

PACKAGED_DATA = Path(__file__).resolve().parent / "strawman_data.json.gz"
DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
FORMAT_VERSION = 1
OES_RELEASE = "May 2025"
PERCENTILES = ("PCT10", "PCT25", "MEDIAN", "PCT75", "PCT90")
MIN_SHARE = 0.5
"""Experience and training shares below half a percent are left out (noise in a profile)."""


def build_strawman_data(
    onet: Path, oes_dir: Path | None, out: Path, *, release_name: str | None = None
) -> dict[str, int]:
    """Write the data file atomically; returns counts for the build log."""
    release = OnetRelease(onet)
    try:
        name = release_name or release.release()
        iwa_titles = {r["IWA ID"]: r["IWA Title"] for r in release.rows("IWA Reference.txt")}
        iwa_of_dwa = {r["DWA ID"]: r["IWA ID"] for r in release.rows("DWA Reference.txt")}
        iwas: list[str] = sorted(iwa_titles)
        number = {iwa: i for i, iwa in enumerate(iwas)}
        task_iwas: dict[str, list[int]] = defaultdict(list)
        for r in release.rows("Tasks to DWAs.txt"):
            iwa = iwa_of_dwa.get(r["DWA ID"])
            if iwa in number and number[iwa] not in task_iwas[r["Task ID"]]:
                task_iwas[r["Task ID"]].append(number[iwa])
        occupations: dict[str, dict[str, Any]] = defaultdict(lambda: {"tasks": []})
        for r in release.rows("Task Statements.txt"):
            occupations[r["O*NET-SOC Code"]]["tasks"].append(
                # [text, core?, IWA numbers]: lists, not objects, to keep the file small
                [r["Task"], int(r["Task Type"] != "Supplemental"), task_iwas.get(r["Task ID"], [])]
            )
        labels = _category_labels(release)
        for r in release.rows("Education, Training, and Experience.txt"):
            scale = {"RW": "experience", "OJ": "training"}.get(r["Scale ID"])
            if scale is None or r["Recommend Suppress"] == "Y":
                continue
            try:
                share = round(float(r["Data Value"]), 1)
            except ValueError:
                continue
            if share >= MIN_SHARE:
                label = labels[(r["Scale ID"], int(r["Category"]))]
                occupations[r["O*NET-SOC Code"]].setdefault(scale, []).append(
                    [int(r["Category"]), label, share]
                )
    finally:
        release.close()
    wages = _wages(oes_dir) if oes_dir else {}
    data = {
        "format": FORMAT_VERSION,
        "onet_release": name,
        "oes_release": OES_RELEASE if oes_dir else "",
        "iwa": [[iwa, iwa_titles[iwa]] for iwa in iwas],
        "occupations": dict(sorted(occupations.items())),
        "wages": wages,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".strawman-", suffix=".json.gz", dir=out.parent)
    os.close(fd)
    try:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
        # No name, mtime=0: the same sources give the same bytes (a test holds the shipped
        # file to that), so a rebuild shows no spurious diff.
        with (
            open(tmp, "wb") as raw,
            gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as handle,
        ):
            handle.write(body.encode("utf-8"))
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return {
        "occupations": len(occupations),
        "iwas": len(iwas),
        "wages": len(wages),
        "bytes": out.stat().st_size,
    }


def _category_labels(release: OnetRelease) -> dict[tuple[str, int], str]:
    return {
        (r["Scale ID"], int(r["Category"])): r["Category Description"]
        for r in release.rows("Education, Training, and Experience Categories.txt")
        if r["Scale ID"] in ("RW", "OJ")
    }


def _wages(oes_dir: Path) -> dict[str, dict[str, Any]]:
    """Detailed and broad occupations: percentiles as published; None where BLS shows - or #."""
    wages = {}
    for row in _tsv(oes_dir / "oews_national_M2025.tsv"):
        if row["O_GROUP"] not in ("detailed", "broad"):
            continue
        wages[row["OCC_CODE"]] = {
            "title": row["OCC_TITLE"],
            "level": row["O_GROUP"],
            "employment": _number(row["TOT_EMP"]),
            "hourly": [_number(row[f"H_{p}"]) for p in PERCENTILES],
            "annual": [_number(row[f"A_{p}"]) for p in PERCENTILES],
            # '#' = at or above the top of the scale ($115.00 an hour, $239,200 a year)
            "top_coded": [row[f"A_{p}"] == "#" or row[f"H_{p}"] == "#" for p in PERCENTILES],
        }
    return wages


def _number(value: str) -> float | None:
    try:
        number = float(value.replace(",", ""))
    except ValueError:
        return None
    return int(number) if number.is_integer() else number


def _tsv(path: Path) -> Iterable[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("onet", nargs="?", type=Path, default=DEFAULT_DATA / "onet")
    parser.add_argument("--oes", type=Path, default=DEFAULT_DATA / "oes")
    parser.add_argument("--out", type=Path, default=PACKAGED_DATA)
    parser.add_argument("--release", help="release name when the files do not say")
    args = parser.parse_args(argv)
    counts = build_strawman_data(args.onet, args.oes, args.out, release_name=args.release)
    print(
        f"{args.out}: {counts['occupations']} occupations, {counts['iwas']} IWAs, "
        f"{counts['wages']} wage rows, {counts['bytes'] / 1e6:.2f} MB"
    )


if __name__ == "__main__":
    main()
