"""`programs import`: the guide's template, exact text, bad rows by line, all or nothing."""

from __future__ import annotations

import csv
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focusgroup.domain.programs import split_list
from focusgroup.importing import ImportFailed
from focusgroup.programs_import import import_openings, import_programs
from focusgroup.store import SessionStore
from tests.conftest import tiny_protocol
from tests.programs.planted import ROWS, write_programs_csv


def test_the_template_imports_every_column(store: SessionStore, tmp_path: Path) -> None:
    report = import_programs(store, write_programs_csv(tmp_path / "p.csv"))
    assert (report.rows, report.added, report.updated) == (6, 6, 0)
    first = store.programs()[0]
    assert (first.institution, first.credential, first.level, first.length, first.cost) == (
        "Tri-County Community College",
        "Welding Certificate",
        "entry",
        "16 weeks",
        "$3,200",
    )
    assert first.placement_rate == "85%" and first.type == "credit"
    assert first.linkages == ("stackable to: Manufacturing Technology AAS",)
    assert first.competencies == ("Blueprint reading", "Welding safety")
    assert store.programs()[1].level == "entry"  # "Entry" in the file
    assert store.can_undo() == "Import 6 programs from p.csv"


def test_the_guides_own_headers_and_a_semicolon_spreadsheet_import(
    store: SessionStore, tmp_path: Path
) -> None:
    path = tmp_path / "guide.csv"
    path.write_text(
        "Institution/Organization;Program;Certification/Credential\n"
        "Spring Valley Community College;Manufacturing Technology;"
        '"Associate in Applied Science, Manufacturing technology"\n'
        "Spring County Workforce Investment Youth Council;Build a Boat Summer Camp;"
        "Certificate of Completion\n",
        "utf-8",
    )
    import_programs(store, path)
    assert [(p.institution, p.credential) for p in store.programs()] == [
        (
            "Spring Valley Community College",
            "Associate in Applied Science, Manufacturing technology",
        ),
        ("Spring County Workforce Investment Youth Council", "Certificate of Completion"),
    ]


def test_bad_rows_are_named_by_line_and_nothing_is_imported(
    store: SessionStore, tmp_path: Path
) -> None:
    rows = [list(r) for r in ROWS]
    rows[1][0] = ""  # line 3: no institution
    rows[3][3] = "expert"  # line 5: unknown level
    rows[4][12] = "a dozen"  # line 6: completions not a number
    before = store.last_event_id()
    with pytest.raises(ImportFailed) as caught:
        import_programs(store, write_programs_csv(tmp_path / "bad.csv", rows))
    message = str(caught.value)
    assert "nothing was imported" in message
    assert "line 3: institution is empty" in message
    assert "line 5: level must be entry, mid or advanced (got 'expert')" in message
    assert "line 6: completions must be a whole number (got 'a dozen')" in message
    assert store.programs() == [] and store.last_event_id() == before


def test_a_missing_required_column_names_the_template(store: SessionStore, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("school,program\nTri-County,Welding\n", "utf-8")
    with pytest.raises(ImportFailed, match="missing column institution .*template's columns"):
        import_programs(store, path)


def test_importing_the_same_file_twice_adds_nothing_the_second_time(
    store: SessionStore, tmp_path: Path
) -> None:
    path = write_programs_csv(tmp_path / "p.csv")
    import_programs(store, path)
    again = import_programs(store, path)
    assert (again.added, again.updated) == (0, 0)
    assert len(store.programs()) == 6


def test_the_import_fills_in_a_program_seeded_at_step8(store: SessionStore, tmp_path: Path) -> None:
    store.add_referral(
        program="Welding", institution="Tri-County Community College", occupation="Pipefitter"
    )
    report = import_programs(store, write_programs_csv(tmp_path / "p.csv"))
    assert (report.added, report.updated) == (5, 1)
    seeded = store.programs()[0]
    assert seeded.credential == "Welding Certificate" and seeded.occupations == (
        "Pipefitter",
        "Welder",
    )
    assert store.referrals()[0].program_id == seeded.id


def test_a_cp1252_spreadsheet_keeps_its_accents(store: SessionStore, tmp_path: Path) -> None:
    path = tmp_path / "win.csv"
    path.write_bytes("institution,program\nÉcole Polytechnique,Soudure avancée\n".encode("cp1252"))
    import_programs(store, path)
    assert store.programs()[0].institution == "École Polytechnique"


def test_openings_import_all_or_nothing(store: SessionStore, tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text("occupation,openings\nWelder,120\nMachinist,lots\n", "utf-8")
    with pytest.raises(ImportFailed, match="line 3: openings must be a whole number"):
        import_openings(store, path)
    assert store.openings() == []
    path.write_text('occupation,openings\nWelder,"1,200"\n', "utf-8")
    import_openings(store, path)
    assert [(o.occupation, o.openings) for o in store.openings()] == [("Welder", 1200)]
    import_openings(store, path)  # again: replaces, never doubles
    assert len(store.openings()) == 1


ANY = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
"""Any character a spreadsheet can hold (quotes, delimiters, line breaks); NUL is refused."""
cell = st.text(alphabet=ANY, min_size=1, max_size=30).filter(lambda s: s.strip())


def _round_trip(tmp_path: Path, values: list[str], dialect: str) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # hypothesis reruns examples
    path = folder / "p.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, dialect=dialect)
        writer.writerow(["institution", "program", "credential", "occupations"])
        writer.writerow(values)
    with SessionStore.create(folder / "m.db", tiny_protocol(), title="t") as store:
        import_programs(store, path)
        (found,) = store.programs()
    # Text exactly as written, spaces included; a list cell splits on ";" and trims each item.
    assert [found.institution, found.program, found.credential] == values[:3]
    assert found.occupations == split_list(values[3])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    values=st.lists(cell, min_size=4, max_size=4).filter(lambda v: split_list(v[3])),
    dialect=st.sampled_from(["excel", "excel-tab", "unix"]),
)
def test_any_text_written_by_a_spreadsheet_comes_back_exactly(
    tmp_path: Path, values: list[str], dialect: str
) -> None:
    _round_trip(tmp_path, values, dialect)


def test_the_readers_problems_and_ours_are_listed_together_in_file_order(
    store: SessionStore, tmp_path: Path
) -> None:
    path = tmp_path / "p.csv"
    path.write_text(
        "institution,program,level\nTri,Welding,expert\nEast,Welding,entry,oops\n,Weld,entry\n",
        "utf-8",
    )
    with pytest.raises(ImportFailed) as caught:
        import_programs(store, path)
    lines = str(caught.value).splitlines()[1:]
    assert [line.split(":")[0].strip() for line in lines] == ["line 2", "line 3", "line 4"]
    assert "extra: 'oops'" in lines[1] and "institution is empty" in lines[2]
    assert store.programs() == []


count_text = st.one_of(
    st.sampled_from(["²", "①", "٣", "١٢", "１２", "1,200", "12.5", "-3", " 40 ", "about 40"]),
    st.text(
        alphabet=st.characters(categories=("Nd", "No", "Zs")) | st.sampled_from(",."), max_size=6
    ),
)
"""Figures as people type them: superscripts and circled digits pass str.isdigit, not int."""


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(openings=count_text, completions=count_text)
def test_a_figure_is_a_whole_number_or_its_line_is_named_never_a_crash(
    tmp_path: Path, openings: str, completions: str
) -> None:
    """Completions and openings import as the whole number they spell, or the file is refused
    at that line; whatever is stored, the gap analysis can add it up."""
    from focusgroup.export.gaps_export import export_gaps

    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    programs, demand = folder / "p.csv", folder / "o.csv"
    with programs.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [
                ["institution", "program", "occupations", "completions"],
                ["Tri", "Weld", "Welder", completions],
            ]
        )
    with demand.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["occupation", "openings"], ["Welder", openings]])
    whole = {t: int(t.strip().replace(",", "")) for t in (openings, completions)
             if t.strip().replace(",", "").isdecimal()}  # fmt: skip
    with SessionStore.create(folder / "m.db", tiny_protocol(), title="t") as store:
        store.add_card("Welder", level="entry")
        for path, text in ((programs, completions), (demand, openings)):
            importer = import_programs if path is programs else import_openings
            if text.strip() and text not in whole:
                with pytest.raises(ImportFailed, match="line 2: .* must be a whole number"):
                    importer(store, path)
            elif path is programs or text in whole:
                importer(store, path)
    written = export_gaps(folder / "m.db", folder / "out", "json")
    data = json.loads(written[0].read_text("utf-8"))
    if completions in whole and openings in whole:
        (line,) = data["supply_demand"]
        assert (line["openings"], line["completions"]) == (whole[openings], whole[completions])


def test_the_app_refuses_completions_that_are_not_a_whole_number(store: SessionStore) -> None:
    from focusgroup.domain.errors import DomainError

    for text in ("²", "about 40", "12.5"):
        with pytest.raises(DomainError, match="Completions must be a whole number"):
            store.add_program("Tri", "Weld", completions=text)
    store.add_program("Tri", "Weld", completions="١٢")
    assert store.programs()[0].completions == "١٢"  # kept as typed; it counts as 12


def test_one_occupation_given_two_figures_in_one_file_is_refused_naming_both_lines(
    store: SessionStore, tmp_path: Path
) -> None:
    """By its wording and by its SOC code, or twice by name: the gap analysis could use
    neither figure, so the file is refused; the same figure twice is one figure."""
    welder = store.add_card("Welder", level="entry")
    store.set_soc(welder, soc_code="51-4121", onet_code="51-4121.00", soc_title="Welders")
    path = tmp_path / "o.csv"
    for rows, line in (
        ([("Welder", "120"), ("51-4121", "100")], "line 3: 100 openings for '51-4121', but line 2"),
        ([("Welders", "120"), ("WELDER", "90")], "line 3: 90 openings for 'WELDER', but line 2"),
        ([("Cashier", "5"), ("cashier", "6")], "line 3: 6 openings for 'cashier', but line 2"),
    ):
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([("occupation", "openings"), *rows])
        with pytest.raises(ImportFailed, match=re.escape(line)):
            import_openings(store, path)
        assert store.openings() == []
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([("occupation", "openings"), ("Welder", "120"),
                                      ("51-4121.00", "120"), ("Cashier", "5")])  # fmt: skip
    report = import_openings(store, path)
    assert (report.occupations, report.not_on_wall) == (3, ["Cashier"])
