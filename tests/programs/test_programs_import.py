"""`programs import`: the guide's template, exact text, bad rows by line, all or nothing."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


def _cell(alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return (
        st.text(alphabet=alphabet, min_size=1, max_size=30)
        .map(str.strip)
        .filter(lambda s: s and ";" not in s)
    )


ANY = st.characters(blacklist_categories=("Cs", "Cc"))
cell = _cell(ANY.filter(lambda c: c != '"'))


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
    assert [found.institution, found.program, found.credential, *found.occupations] == values


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    values=st.lists(cell, min_size=4, max_size=4),
    dialect=st.sampled_from(["excel", "excel-tab", "unix"]),
)
def test_any_text_written_by_a_spreadsheet_comes_back_exactly(
    tmp_path: Path, values: list[str], dialect: str
) -> None:
    _round_trip(tmp_path, values, dialect)


# The shared reader (importing.read_csv) sniffs doublequote=False from the header, so a value
# with a double quote comes back with its quote doubled. Issue 12 fixes that reader; this test
# passes once it lands (hypothesis found it: occupation '"' came back as '""').
@pytest.mark.xfail(reason="shared CSV reader's quoting: issue 12", strict=False)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    values=st.lists(_cell(ANY), min_size=4, max_size=4), dialect=st.sampled_from(["excel", "unix"])
)
def test_quotes_written_by_a_spreadsheet_come_back_exactly(
    tmp_path: Path, values: list[str], dialect: str
) -> None:
    _round_trip(tmp_path, values, dialect)
