"""Build the occupation index (one SQLite file) from O*NET text files, SOC 2018 and OEWS wages.

    python -m focusgroup.crosswalk.build            # rebuild the packaged index from ../shared/data
    python -m focusgroup.crosswalk.build ONET [--soc DIR] [--oes DIR] [--out FILE]

The file holds what matching needs (titles with an FTS5 index over normalised tokens, token
document frequencies, employment for a prior) and what a strawman job profile needs (description,
core tasks grouped into job functions, top skills/knowledge/abilities, technology, education, job
zone, related occupations, national median wage). Big O*NET tables are cut to what a profile
shows, which keeps the file well under 10 MB.

The build is split along its seams: `schema` (the tables), `reference` (SOC titles, wages),
`titles` (occupations, titles and their token statistics), `profile_tables` (what a job
profile reads); this module runs them in order and writes the file atomically.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from focusgroup.crosswalk.build.profile_tables import (
    write_education,
    write_ratings,
    write_related,
    write_tasks,
    write_technology,
)
from focusgroup.crosswalk.build.reference import reference_tables
from focusgroup.crosswalk.build.schema import SCHEMA
from focusgroup.crosswalk.build.titles import write_occupations, write_titles
from focusgroup.crosswalk.index import PACKAGED_INDEX, SCHEMA_VERSION
from focusgroup.crosswalk.source import OnetRelease

__all__ = ["DEFAULT_DATA", "PACKAGED_INDEX", "BuildSummary", "build_index"]

DEFAULT_DATA = Path(__file__).resolve().parents[4] / "shared" / "data"

OES_RELEASE = "May 2025"


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
        soc_titles, wages = reference_tables(soc_dir, oes_dir, carry_from)
        occ = write_occupations(db, release, wages)
        titles = write_titles(db, release, occ, soc_titles)
        write_tasks(db, release, occ)
        write_ratings(db, release, occ)
        write_technology(db, release, occ)
        write_education(db, release, occ)
        write_related(db, release, occ)
        db.table("soc").insert_all({"soc_code": c, "title": t} for c, t in soc_titles.items())
        db.table("wage").insert_all(wages.values())
        db.table("meta").insert_all(
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
