"""Building the index from an O*NET text release, and reading profiles back from it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from focusgroup.crosswalk import index
from focusgroup.crosswalk.build import PACKAGED_INDEX, build_index
from focusgroup.crosswalk.errors import NotAnOnetRelease
from focusgroup.crosswalk.profile import occupation_profile
from focusgroup.crosswalk.search import search
from tests.crosswalk.builders import write_tiny_release


def test_profile_carries_what_a_strawman_needs(tiny_index: Path) -> None:
    p = occupation_profile("51-4041.00")
    assert p is not None
    assert p.title == "Machinists" and p.soc_code == "51-4041"
    assert p.release == "30.9"  # from the db_30_9_text folder name
    # Tasks linked to the same work activity form one function; core tasks only.
    assert p.functions[0].name == "Estimating the Quantifiable Characteristics"
    assert p.functions[0].tasks == (
        "Measure parts with micrometers.",
        "Check tolerances against blueprints.",
    )
    assert "Clean the shop floor." not in p.tasks
    # Most important skill first; suppressed estimates left out.
    assert [s.name for s in p.skills] == ["Operation and Control", "Reading Comprehension"]
    assert p.skills[1].level == 3.5
    assert [t.name for t in p.technologies] == ["Zeta CAD", "Alpha CAM"]  # hot first
    assert p.education == "Post-Secondary Certificate"
    assert p.job_zone == 3 and p.job_zone_name.startswith("Job Zone Three")
    assert [r.title for r in p.related] == ["Welders, Cutters, Solderers, and Brazers"]
    assert p.wage is not None and p.wage.median_annual == 58750 and p.wage.employment == 287050
    assert "CC BY 4.0" in p.attribution and "30.9" in p.attribution


def test_wage_falls_back_to_the_broad_group_and_soc_codes_resolve(tiny_index: Path) -> None:
    p = occupation_profile("29-1141")  # a SOC code finds its O*NET occupation
    assert p is not None and p.onet_code == "29-1141.00"
    assert p.wage is not None and p.wage.oes_code == "29-1140"
    assert "broad group" in p.wage.note
    assert occupation_profile("51-9999.00") is None
    assert occupation_profile("not a code") is None


def test_search_uses_the_imported_index(tiny_index: Path) -> None:
    assert index.connected_path() == tiny_index
    top = search("zeppelin medic")[0]
    assert top.onet_code == "29-1141.00"
    assert top.why == "alternate title 'Zeppelin Medic'"
    # Both halves of 'CNC Machinist (Computer Numerical Control Machinist)' are titles.
    assert search("computer numerical control machinist")[0].soc_code == "51-4041"
    assert search("pipe welders")[0].why == "reported title 'Pipe Welder'"


def test_builds_from_the_official_zip_layout(tmp_path: Path) -> None:
    folder = write_tiny_release(tmp_path / "db_31_0_text")
    archive = tmp_path / "db_31_0_text.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in folder.iterdir():
            zf.write(file, f"db_31_0_text/{file.name}")
    summary = build_index(archive, tmp_path / "out.db", carry_from=PACKAGED_INDEX)
    assert summary.release == "31.0"
    assert summary.occupations == 3


@pytest.mark.parametrize("make", ["missing", "empty folder", "text file", "wrong header"])
def test_rejects_what_is_not_an_onet_release(tmp_path: Path, make: str) -> None:
    target = tmp_path / "thing"
    if make == "empty folder":
        target.mkdir()
    elif make == "text file":
        target.write_text("hello")
    elif make == "wrong header":
        write_tiny_release(target)
        (target / "Occupation Data.txt").write_text("code\tname\n1\tx\n")
    out = tmp_path / "index.db"
    out.write_bytes(b"previous index")
    with pytest.raises(NotAnOnetRelease):
        build_index(target, out)
    assert out.read_bytes() == b"previous index"  # a failed import leaves the old index alone
    assert list(tmp_path.glob(".onet_index-*")) == []


def test_packaged_index_is_small_and_complete() -> None:
    assert PACKAGED_INDEX.stat().st_size <= 10 * 1024 * 1024
    meta = index.meta()
    assert meta["onet_release"] == "30.0" and meta["oes_release"] == "May 2025"
    p = occupation_profile("51-4041.00")
    assert p is not None
    assert 3 <= len(p.functions) <= 6
    assert p.skills and p.knowledge and p.abilities and p.technologies and p.related
    assert p.wage is not None and p.wage.median_annual


def _zipped(folder: Path, archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for file in folder.iterdir():
            zf.write(file, f"db_31_0_text/{file.name}")
    return archive


def test_zip_members_are_streamed_not_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 12: a member was read whole into memory (a 3 GiB one, all of it).
    archive = _zipped(write_tiny_release(tmp_path / "db_31_0_text"), tmp_path / "r.zip")

    def read_whole(*_: object) -> bytes:
        raise AssertionError("a zip member was read whole")

    monkeypatch.setattr(zipfile.ZipFile, "read", read_whole)
    summary = build_index(archive, tmp_path / "out.db", carry_from=PACKAGED_INDEX)
    assert summary.occupations == 3


def test_a_zip_member_that_expands_too_far_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from focusgroup.crosswalk import source

    folder = write_tiny_release(tmp_path / "db_31_0_text")
    with (folder / "Task Statements.txt").open("a", encoding="utf-8") as handle:
        for _ in range(60_000):  # 3 MB that compress to a few KB, like a zip bomb
            handle.write("51-4041.00\t9\tMeasure parts again.\tCore\tn/a\t2025-01\tx\n")
    archive = _zipped(folder, tmp_path / "bomb.zip")
    assert archive.stat().st_size < 200_000
    # The real limit is 512 MiB; a 1 MB one makes the same point without writing 512 MiB.
    monkeypatch.setattr(source, "MAX_FILE_BYTES", 1_000_000)
    out = tmp_path / "index.db"
    with pytest.raises(NotAnOnetRelease, match="'Task Statements.txt' expands to 3,"):
        build_index(archive, out, carry_from=PACKAGED_INDEX)
    assert not out.exists()


def test_a_damaged_zip_member_is_a_clear_error(tmp_path: Path) -> None:
    archive = _zipped(write_tiny_release(tmp_path / "db_31_0_text"), tmp_path / "r.zip")
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo("db_31_0_text/Task Statements.txt")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 5 : start + 25] = b"\x00" * 20  # inside the compressed bytes
    archive.write_bytes(bytes(data))
    with pytest.raises(NotAnOnetRelease, match="damaged in the zip"):
        build_index(archive, tmp_path / "out.db", carry_from=PACKAGED_INDEX)
