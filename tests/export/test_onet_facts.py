"""A crosswalked occupation shows its O*NET job zone and national median wage, with the
attribution O*NET's licence requires; an entry-level card in a high job zone is flagged."""

from __future__ import annotations

from pathlib import Path

from focusgroup.export.exporter import export_session
from focusgroup.store import SessionStore
from tests.builders import tiny_protocol


def test_summary_shows_job_zone_wage_flag_and_attribution(tmp_path: Path) -> None:
    with SessionStore.create(tmp_path / "s.db", tiny_protocol(), title="T") as store:
        production = store.categories()[0].id
        machinist = store.add_card("CNC machinist", category_id=production, level="mid")
        store.set_soc(machinist, soc_code="51-4041", onet_code="51-4041.00", soc_title="Machinists")
        engineer = store.add_card("Plant engineer", category_id=production, level="entry")
        store.set_soc(
            engineer, soc_code="17-2141", onet_code="17-2141.00", soc_title="Mechanical Engineers"
        )
        store.add_card("Uncoded helper")
        (md_file,) = export_session(store, tmp_path / "out", ("md",), stem="x")
    text = md_file.read_text("utf-8")
    assert "job zone 3 (medium preparation needed)" in text
    assert "national median $" in text
    assert "on an entry-level card" in text  # zone 4 engineer written as entry level
    assert "CC BY 4.0" in text


def test_no_attribution_without_onet_content(tmp_path: Path) -> None:
    with SessionStore.create(tmp_path / "s.db", tiny_protocol(), title="T") as store:
        store.add_card("Welder")
        (md_file,) = export_session(store, tmp_path / "out", ("md",), stem="x")
    assert "O\\*NET job zone" not in md_file.read_text("utf-8")
    assert "CC BY" not in md_file.read_text("utf-8")
