"""The pathway map's "certifications and degrees offered here" come from the inventory."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from focusgroup.cli import main
from focusgroup.store import SessionStore
from tests.pathway.conftest import build_pathway


def _map(path: Path, out: Path) -> dict:
    result = CliRunner().invoke(main, ["map", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    (json_file,) = out.glob("*.json")
    return json.loads(json_file.read_text("utf-8"))


def _credentials(data: dict) -> dict[str, list[str] | None]:
    return {o["title"]: o["credentials"] for page in data["pathways"] for o in page["occupations"]}


def test_the_map_lists_the_inventorys_programs_per_occupation(tmp_path: Path) -> None:
    pathway = build_pathway(tmp_path / "pathway.db")
    before = _credentials(_map(pathway.path, tmp_path / "before"))
    assert set(before.values()) == {None}  # no inventory yet: "to collect", not "none"
    with SessionStore.open(pathway.path) as store:
        # By SOC code, by the wall's wording, and one for an occupation not on this map.
        store.add_program(
            "Metro CC", "Welding", credential="AWS D1.1 Certificate", occupations=["51-4121"]
        )
        store.add_program(
            "Metro CC",
            "Machining",
            credential="Machining AAS",
            level="mid",
            occupations=["cnc machinist"],
        )
        store.add_program("Harbor Institute", "Marine", occupations=["Boat builder"])
    data = _map(pathway.path, tmp_path / "after")
    found = _credentials(data)
    assert found["Welder"] == ["AWS D1.1 Certificate — Metro CC"]
    assert found["CNC machinist"] == ["Machining AAS — Metro CC"]
    assert found["Team assembler"] == []  # printed as "none in the programs inventory"
    sources = [s["text"] for page in data["pathways"] for s in page["sources"]]
    assert any("programs inventory of “Manufacturing pathways” (3 programs" in s for s in sources)


def test_projections_fill_in_demand_where_no_openings_were_given(tmp_path: Path) -> None:
    """Issue 16's projections table is demand too; openings given for the gaps win."""
    from focusgroup.export.gaps_export import export_gaps

    pathway = build_pathway(tmp_path / "pathway.db")
    with SessionStore.open(pathway.path) as store:
        store.import_projections(
            [
                {"soc_code": "51-4121", "annual_openings": "120", "title": "Welders", "area": ""},
                {"soc_code": "51-4041", "annual_openings": "80", "title": "Machinists", "area": ""},
            ],
            source="State LMI",
            period="2024-2034",
        )
        store.import_openings([("CNC machinist", 50, "employers")], "Openings")
        store.add_program("Metro CC", "Welding", occupations=["Welder"], completions="30")
        store.add_program("Metro CC", "Machining", occupations=["51-4041"], completions="20")
    (js,) = export_gaps(pathway.path, tmp_path / "out", "json")
    demand = {
        s["occupation"]: (s["openings"], s["completions"])
        for s in json.loads(js.read_text())["supply_demand"]
    }
    assert demand == {"Welder": (120, 30), "CNC machinist": (50, 20)}
