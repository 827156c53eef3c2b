"""`focusgroup programs import/list/check/openings` and `focusgroup gaps`, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from focusgroup.cli import main
from focusgroup.store import SessionStore
from tests.conftest import tiny_protocol
from tests.programs.planted import ROWS, write_programs_csv


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def session(tmp_path: Path) -> Path:
    path = tmp_path / "m.db"
    SessionStore.create(path, tiny_protocol(), title="Pathways").close()
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["programs"],
        ["programs", "import"],
        ["programs", "list"],
        ["programs", "check"],
        ["programs", "openings"],
        ["gaps"],
    ],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_import_then_list_then_check(session: Path, tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[3][4] = rows[3][5] = ""  # the university's length and cost are still to collect
    result = run(
        "programs", "import", str(session), str(write_programs_csv(tmp_path / "p.csv", rows))
    )
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        f"Imported 6 rows into {session}: 6 programs added, 0 filled in."
    )
    listing = run("programs", "list", str(session)).output
    assert "Welding Certificate — Eastside Technical College" in listing
    assert listing.rstrip().endswith("6 programs.")
    check = run("programs", "check", str(session))
    assert check.exit_code == 0
    assert check.stderr == f"What is still to collect in {session}:\n"
    lines = check.stdout.splitlines()
    blanks = {
        line.split(":", 1)[0].strip(): line.split("still to collect: ")[1] for line in lines[:-1]
    }
    assert blanks == {
        "4  Bachelor of Engineering – Manufacturing — Springfield State University": "length, cost, placement rate, linkages",
        "5  Marine Technology Diploma — Harbor Marine Institute": "prerequisites, placement rate",
        "6  Maintenance Fundamentals Certificate — Eastside Technical College": "prerequisites, placement rate, linkages",
    }
    assert lines[-1] == "3 of 6 programs complete."
    as_json = json.loads(run("programs", "list", str(session), "--json").stdout)
    assert [p["program"] for p in as_json][:2] == ["Welding", "Welding"]


def test_a_bad_file_is_one_error_line_and_imports_nothing(session: Path, tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[2][1] = ""
    result = CliRunner().invoke(
        main,
        ["programs", "import", str(session), str(write_programs_csv(tmp_path / "b.csv", rows))],
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "line 4: program is empty" in result.output
    assert "Traceback" not in result.output
    with SessionStore.open(session) as store:
        assert store.programs() == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["programs", "import", "nowhere.db", "x.csv"], "No session file"),
        (["programs", "check", "nowhere"], "No session file"),
        (["gaps", "nowhere"], "No session file"),
    ],
)
def test_missing_files_are_clear_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and result.output.startswith(f"Error: {message}")


def test_a_missing_csv_and_a_bad_format_are_clear_errors(session: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["programs", "import", str(session), str(tmp_path / "no.csv")]
    )
    assert result.exit_code == 1 and result.output.startswith("Error: No CSV file at")
    result = CliRunner().invoke(
        main, ["gaps", str(session), "--out", str(tmp_path), "--format", "csv"]
    )
    assert result.exit_code == 1
    assert result.output == "Error: Unknown format csv for the gap analysis; use pdf, md, json.\n"


def test_gaps_writes_the_formats_asked_for(session: Path, tmp_path: Path) -> None:
    result = run("gaps", str(session), "--out", str(tmp_path / "out"), "--format", "md,json")
    assert result.exit_code == 0
    written = [Path(line) for line in result.stdout.splitlines()]  # stdout: only the files
    assert [p.name for p in written] == ["gaps-pathways.md", "gaps-pathways.json"]
    assert "No occupations on the wall yet" in written[0].read_text("utf-8")


def test_openings_command(session: Path, tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text("occupation,openings,source\nWelder,120,BLS projections\n", "utf-8")
    result = run("programs", "openings", str(session), str(path))
    assert result.output.splitlines() == [
        f"Imported openings for 1 occupation into {session}.",
        "Not on the wall (name or SOC code): Welder. "
        "The gap analysis sets these against no occupation.",
    ]


def test_gaps_refuses_a_competencies_session_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "round1.db"
    SessionStore.create(
        path, tiny_protocol(), title="CNC machinist, round 1", source_profile="occupation: CNC"
    ).close()
    result = CliRunner().invoke(main, ["gaps", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: This session reviews one occupation's job profile")
    assert not (tmp_path / "out").exists()


def test_gaps_writes_into_the_sessions_export_folder_by_default(
    session: Path, isolated_home: Path
) -> None:
    result = run("gaps", str(session), "--format", "json")
    assert result.exit_code == 0
    assert Path(result.stdout.strip()) == isolated_home / "exports" / "m" / "gaps-pathways.json"


def test_import_names_the_occupations_that_are_not_on_the_wall(tmp_path: Path) -> None:
    from tests.programs.planted import build_planted

    folder = tmp_path / "planted"
    folder.mkdir()
    path = build_planted(folder)
    result = run("programs", "import", str(path), str(write_programs_csv(tmp_path / "p.csv")))
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"Imported 6 rows into {path}: 0 programs added, 0 filled in.",
        "Not on the wall (name or SOC code): Boat builder. "
        "Programs serving only these are orphans in the gap analysis.",
    ]


def test_every_inventory_gap_and_map_command_says_which_file_it_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As every command does (README): a bare name, `./m.db` or a path, the full path is said."""
    from tests.pathway.truth import (
        OPENINGS_ROWS,
        PROGRAM_HEADER,
        PROGRAM_ROWS,
        PROJECTION_ROWS,
        build_meeting,
        write_csv,
    )

    meeting = build_meeting(tmp_path / "m")
    monkeypatch.chdir(meeting.path.parent)
    programs = write_csv(tmp_path / "p.csv", (PROGRAM_HEADER, *PROGRAM_ROWS))
    openings = write_csv(tmp_path / "o.csv", OPENINGS_ROWS)
    projections = write_csv(tmp_path / "j.csv", PROJECTION_ROWS)
    commands = [
        ["programs", "import", "./truth.db", str(programs)],
        ["programs", "openings", "./truth.db", str(openings)],
        ["programs", "list", "./truth.db"],
        ["programs", "list", "./truth.db", "--json"],
        ["programs", "check", "./truth.db"],
        ["projections", "import", "./truth.db", str(projections), "--source", "ND LMI"],
        ["gaps", "./truth.db", "--out", "out"],
        ["map", "./truth.db", "--out", "out"],
    ]
    for command in commands:
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 0, (command, result.output)
        assert str(meeting.path) in result.output, (command, result.output)
    listed = CliRunner().invoke(main, ["programs", "list", "./truth.db", "--json"])
    assert len(json.loads(listed.stdout)) == len(PROGRAM_ROWS)  # stdout is still only JSON
    written = CliRunner().invoke(main, ["gaps", "./truth.db", "--out", "out"]).stdout.split()
    assert all(Path(p).is_file() for p in written)  # and only the files written
