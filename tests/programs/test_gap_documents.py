"""The planted findings come out exactly, and only, where they belong in JSON, Markdown, PDF.

Issue 17's done-when: an occupation no program serves, two identical certificates at two
institutions, a program for an occupation not in the meeting, an entry program with no next
step and a lacking competency no program teaches.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from focusgroup.domain.gaps import parse_cost, parse_length
from focusgroup.store import SessionStore
from tests.programs.planted import EAST, EXPECTED, TRI

FINDING_TITLES = {
    "uncovered_occupations": "Uncovered occupations",
    "uncovered_competencies": "Uncovered competencies",
    "duplicates": "Duplicates",
    "orphans": "Orphans",
    "dead_ends": "Dead ends",
    "missing_links": "Missing links",
}


def test_json_holds_exactly_the_planted_findings(planted_out: dict[str, Path]) -> None:
    data = json.loads(planted_out["json"].read_text("utf-8"))
    assert [o["occupation"] for o in data["uncovered_occupations"]] == EXPECTED[
        "uncovered_occupations"
    ]
    assert [(c["occupation"], c["competency"]) for c in data["uncovered_competencies"]] == EXPECTED[
        "uncovered_competencies"
    ]
    assert [
        (d["credential"], d["occupation"], d["institutions"]) for d in data["duplicates"]
    ] == EXPECTED["duplicates"]
    assert [o["program"] for o in data["orphans"]] == EXPECTED["orphans"]
    assert [d["program"] for d in data["dead_ends"]] == EXPECTED["dead_ends"]
    assert data["missing_links"] == []


def test_json_coverage_is_every_occupation_against_every_program(
    planted_out: dict[str, Path], planted_db: Path
) -> None:
    data = json.loads(planted_out["json"].read_text("utf-8"))
    with SessionStore.open(planted_db) as store:
        programs = {p.id: p for p in store.programs()}
        occupations = [c.text for c in store.cards()]
    cells = {
        (c["occupation"], programs[c["program_id"]].program, c["program_id"]): c["status"]
        for c in data["coverage"]
    }
    assert len(data["coverage"]) == len(occupations) * len(programs) == 30
    assert cells[("Welder", "Welding", 1)] == "covered"  # serves it, teaches Blueprint reading
    assert cells[("CNC machinist", "Manufacturing Technology", 3)] == "partly"  # no Metrology
    assert cells[("Manufacturing engineer", "School of Engineering", 4)] == "covered"  # by SOC
    assert {s for (o, _, _), s in cells.items() if o == "Quality inspector"} == {"not covered"}


def _md_sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:]
            sections[current] = []
        elif current and (line.startswith("- ") or line == "None found."):
            sections[current].append(line)
    return sections


def test_markdown_lists_exactly_the_planted_findings(planted_out: dict[str, Path]) -> None:
    sections = _md_sections(planted_out["md"].read_text("utf-8"))
    assert sections["Uncovered occupations"] == ["- Quality inspector (entry, Production)"]
    assert sections["Uncovered competencies"] == ["- Metrology — for CNC machinist"]
    assert sections["Duplicates"] == [f"- Welding Certificate for Welder: {TRI}, {EAST} (P1, P2)"]
    assert len(sections["Orphans"]) == 1 and "Marine Technology" in sections["Orphans"][0]
    assert "serves Boat builder" in sections["Orphans"][0]
    assert len(sections["Dead ends"]) == 1
    assert "Industrial Maintenance Fundamentals" in sections["Dead ends"][0]
    assert sections["Missing links"] == ["None found."]


def _pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    # pypdf reads reportlab's bullet glyph back as DEL; it is the "•" the page shows.
    return [(page.extract_text() or "").replace("\x7f", "•") for page in PdfReader(str(path)).pages]


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start) + len(start) : text.index(end, text.index(start))]


def test_pdf_read_back_holds_exactly_the_planted_findings(planted_out: dict[str, Path]) -> None:
    text = re.sub(r"\s+", " ", " ".join(_pdf_pages(planted_out["pdf"])))
    titles = list(FINDING_TITLES.values()) + ["Spreads between similar programs"]
    found = {
        title: _between(text, title, nxt) for title, nxt in zip(titles, titles[1:], strict=False)
    }
    assert found["Uncovered occupations"].count("•") == 1
    assert "Quality inspector (entry, Production)" in found["Uncovered occupations"]
    assert found["Uncovered competencies"].count("•") == 1
    assert "Metrology — for CNC machinist" in found["Uncovered competencies"]
    assert found["Duplicates"].count("•") == 1
    assert f"Welding Certificate for Welder: {TRI}, {EAST}" in found["Duplicates"]
    assert found["Orphans"].count("•") == 1 and "Marine Technology" in found["Orphans"]
    assert found["Dead ends"].count("•") == 1
    assert "Industrial Maintenance Fundamentals" in found["Dead ends"]
    assert "None found." in found["Missing links"] and "•" not in found["Missing links"]


def test_every_figure_in_the_documents_is_computed_from_the_session(
    planted_out: dict[str, Path], planted_db: Path
) -> None:
    with SessionStore.open(planted_db) as store:
        programs = store.programs()
        (welder_openings,) = [o for o in store.openings() if o.occupation == "Welder"]
        openings, source = welder_openings.openings, welder_openings.source
        cards = store.cards()
    welders = [p for p in programs if "welder" in {o.lower() for o in p.occupations}]
    costs = [parse_cost(p.cost) for p in welders]
    weeks = [parse_length(p.length)[0] for p in welders]  # type: ignore[index]
    completions = sum(int(p.completions) for p in welders)
    spread = f"cost ${min(costs):,.0f} to ${max(costs):,.0f} (differs by ${max(costs) - min(costs):,.0f})"  # type: ignore[type-var,operator]
    length = (
        f"length {min(weeks):g} to {max(weeks):g} weeks (differs by {max(weeks) - min(weeks):g})"
    )
    supply = f"Welder: {openings:,} openings ({source}), {completions:,} completions, short by {openings - completions:,}"
    head = f"Analysed: {len(cards)} occupations (all occupations on the wall) against {len(programs)} programs"
    md = " ".join(planted_out["md"].read_text("utf-8").split()).replace("**", "")
    pdf = re.sub(r"\s+", " ", " ".join(_pdf_pages(planted_out["pdf"])))
    for document in (md, pdf):
        assert spread in document and length in document and supply in document
        assert head in document
    data = json.loads(planted_out["json"].read_text("utf-8"))
    assert data["supply_demand"][0]["shortfall"] == openings - completions
    assert data["spreads"][0]["cost_difference"] == max(costs) - min(costs)  # type: ignore[type-var,operator]


def test_every_guide_question_is_answered_or_marked_needs_data(
    planted_out: dict[str, Path],
) -> None:
    data = json.loads(planted_out["json"].read_text("utf-8"))
    questions = data["questions"]
    assert len(questions) == 14
    assert {q["status"] for q in questions} == {"answered", "needs data"}

    def asked(start: str) -> dict:
        (found,) = [q for q in questions if q["question"].startswith(start)]
        return found

    dead = asked("Are there any programs or credentials that appear to lead to a dead-end")
    assert dead["status"] == "answered" and "Maintenance Fundamentals Certificate" in dead["answer"]
    assert "Marine Technology Diploma" in dead["answer"]
    assert asked("Are any of our institutions experimenting")["status"] == "needs data"
    same = asked("Which programs or credentials do we currently all offer?")
    assert same["answer"].startswith("Welding Certificate for Welder at 2 institutions")
    md = planted_out["md"].read_text("utf-8")
    assert md.count("**Needs data:**") == sum(q["status"] == "needs data" for q in questions)
    pdf = " ".join(_pdf_pages(planted_out["pdf"]))
    assert pdf.count("Needs data:") == sum(q["status"] == "needs data" for q in questions)


def test_an_empty_inventory_marks_the_data_questions_needs_data(tmp_path: Path) -> None:
    from focusgroup.export.gaps_data import gap_document
    from tests.conftest import tiny_protocol

    with SessionStore.create(tmp_path / "m.db", tiny_protocol(), title="Empty") as store:
        store.add_card("Welder", level="entry")
        doc = gap_document(store)
    assert all(not a.answered for a in doc.questions)
    assert [o.name for o in doc.report.uncovered_occupations] == ["Welder"]


def _ten_by_ten(folder: Path) -> Path:
    from focusgroup.programs_import import import_programs
    from tests.conftest import tiny_protocol
    from tests.programs.planted import HEADER, write_programs_csv

    path = folder / "ten.db"
    names = [f"Occupation number {i} with a longer title" for i in range(1, 11)]
    with SessionStore.create(path, tiny_protocol(), title="Ten by ten") as store:
        for i, name in enumerate(names):
            card = store.add_card(name, level=("entry", "mid", "advanced")[i % 3])
            store.add_competency(f"Skill {i}", card_id=card, lacking=True)
        rows = [
            [
                f"Institution {j}",
                f"Program {j}",
                f"Credential {j}",
                ("entry", "mid", "advanced")[j % 3],
                "",
                "",
                "",
                "",
                "",
                "",
                "; ".join(names[j : j + 3]),
                f"Skill {j}",
                "",
            ]
            for j in range(10)
        ]
        import_programs(store, write_programs_csv(folder / "ten.csv", rows, HEADER))
    return path


def test_a_ten_by_ten_matrix_fits_one_page_with_every_key(tmp_path: Path) -> None:
    from focusgroup.export.gaps_export import export_gaps

    (pdf,) = export_gaps(_ten_by_ten(tmp_path), tmp_path / "out", "pdf")
    pages = _pdf_pages(pdf)
    matrix_page = next(p for p in pages if "Coverage" in p)
    flat = " ".join(matrix_page.split())
    for i in range(1, 11):
        assert f"Occupation number {i} with a longer title" in flat
        assert re.search(rf"\bP{i}\b", flat)


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) not installed")
def test_the_ten_by_ten_pdf_renders(tmp_path: Path) -> None:
    from focusgroup.export.gaps_export import export_gaps

    (pdf,) = export_gaps(_ten_by_ten(tmp_path), tmp_path / "out", "pdf")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    assert (tmp_path / "page-1.png").stat().st_size > 5000


def test_a_shortlist_narrows_the_matrix_but_orphans_still_count_the_whole_meeting(
    planted_db: Path,
) -> None:
    """The shortlist (issue 14) plugs in as the list of cards to analyse."""
    from focusgroup.export.gaps_data import gap_document

    with SessionStore.open(planted_db) as store:
        cards = {c.text: c for c in store.cards()}
        doc = gap_document(store, [cards["Welder"], cards["Quality inspector"]])
    report = doc.report
    assert [o.name for o in report.occupations] == ["Welder", "Quality inspector"]
    assert len(report.coverage) == 2 * len(report.programs)
    # The machining and maintenance programs serve meeting occupations: not orphans.
    assert [p.program for p in report.orphans] == ["Marine Technology"]
    assert report.uncovered_competencies == ()  # Metrology belongs to CNC machinist, not chosen


def test_the_rooms_shortlist_is_what_the_gap_analysis_covers(tmp_path: Path) -> None:
    """With a shortlist (issue 14) on the wall, the matrix is those occupations, in order."""
    import shutil as sh

    from focusgroup.export.gaps_export import export_gaps
    from tests.programs.planted import build_planted

    folder = tmp_path / "p"
    folder.mkdir()
    path = build_planted(folder)
    copy = tmp_path / "shortlisted.db"
    sh.copy(path, copy)
    with SessionStore.open(copy) as store:
        cards = {c.text: c.id for c in store.cards()}
        store.toggle_shortlist(cards["CNC machinist"])
        store.toggle_shortlist(cards["Welder"])
    (md, js) = export_gaps(copy, tmp_path / "out", "md,json")
    data = json.loads(js.read_text("utf-8"))
    assert data["scope"] == "the room's shortlist"
    assert [o["occupation"] for o in data["occupations"]] == ["CNC machinist", "Welder"]
    assert data["uncovered_occupations"] == []  # Quality inspector is not on the shortlist
    assert [c["competency"] for c in data["uncovered_competencies"]] == ["Metrology"]
    assert "2 occupations (the room's shortlist)" in md.read_text("utf-8")
