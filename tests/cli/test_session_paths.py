"""Which file a command uses (issue 12): a bare name is sessions/NAME.db; a path with a folder
part, `./` included, is exactly that path; every command says which file it used."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from focusgroup.cli import main, session_commands
from focusgroup.store import SessionStore


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the user runs focusgroup in (FOCUSGROUP_HOME is elsewhere: tmp/home)."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_new_dot_slash_makes_that_file(work: Path, isolated_home: Path) -> None:
    result = run("new", "./x.db", "--title", "T")
    assert result.exit_code == 0, result.output
    assert (work / "x.db").is_file()
    assert not (isolated_home / "sessions" / "x.db").exists()
    assert f"Created {work / 'x.db'} (" in result.output


def test_a_bare_name_means_the_sessions_folder(work: Path, isolated_home: Path) -> None:
    assert run("new", "spring", "--title", "T").exit_code == 0
    assert (isolated_home / "sessions" / "spring.db").is_file()
    # Also when a file of that name sits here: only a path with a folder part means here.
    run("new", "./local.db", "--title", "Here")
    result = run("new", "local.db", "--title", "In sessions")
    assert result.exit_code == 0, result.output
    assert f"Created {isolated_home / 'sessions' / 'local.db'}" in result.output
    with SessionStore.open(work / "local.db") as store:
        assert store.session().title == "Here"


def test_paths_with_a_folder_part_are_used_as_given(work: Path, tmp_path: Path) -> None:
    (work / "out").mkdir()
    assert run("new", "out/a.db", "--title", "T").exit_code == 0
    assert (work / "out" / "a.db").is_file()
    absolute = tmp_path / "elsewhere" / "b.db"
    assert run("new", str(absolute), "--title", "T").exit_code == 0
    assert absolute.is_file()
    # No suffix is added to a path: ./c means the file ./c.
    assert run("new", "./c", "--title", "T").exit_code == 0
    assert (work / "c").is_file() and not (work / "c.db").exists()


def test_restore_and_backup_use_the_path_given(work: Path, isolated_home: Path) -> None:
    run("new", "./spring.db", "--title", "T")
    result = run("backup", "./spring.db")
    assert result.exit_code == 0, result.output
    assert f"(from {work / 'spring.db'})" in result.output
    listed = run("restore", "./spring.db", "--list")
    assert listed.exit_code == 0, listed.output
    assert str(work / ".backups" / "spring") in listed.output
    assert not (isolated_home / "sessions").exists()


def test_a_folder_is_named_as_a_folder(work: Path, isolated_home: Path) -> None:
    (work / "meetings").mkdir()
    result = run("history", "./meetings")
    assert result.exit_code == 1
    assert f"{work / 'meetings'} is a folder, not a session file." in result.output
    bare = run("history", "meetings")
    assert bare.exit_code == 1
    assert f"No session file at {isolated_home / 'sessions' / 'meetings.db'}." in bare.output
    assert "meetings here is a folder" in bare.output
    new = run("new", "./meetings", "--title", "T")
    assert new.exit_code == 1 and "is a folder; give a file name inside it" in new.output


def test_a_bare_name_that_is_a_file_here_gets_a_hint(work: Path) -> None:
    run("new", "./here.db", "--title", "T")
    result = run("history", "here.db")
    assert result.exit_code == 1
    assert "to use here.db here, give ./here.db" in result.output


def test_every_command_says_which_file_it_used(
    work: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(session_commands, "_open_ui", lambda path, role: opened.append(path))
    session = work / "m.db"
    assert run("new", "./m.db", "--title", "T").exit_code == 0
    (work / "cards.csv").write_text("participant,card\nAnn,Welder\n", "utf-8")
    (work / "people.csv").write_text("name\nBo\n", "utf-8")
    commands = [
        ["open", "./m.db"],
        ["import-cards", "./m.db", "cards.csv"],
        ["import-participants", "./m.db", "people.csv"],
        ["history", "./m.db"],
        ["backup", "./m.db"],
        ["export", "./m.db", "--format", "md", "--out", "out"],
        ["crosswalk", "./m.db"],
        ["email", "./m.db", "--dry-run"],
        ["demo", "./demo.db", "--no-open"],
    ]
    for command in commands:
        result = run(*command)
        assert result.exit_code == 0, (command, result.output)
        expected = work / "demo.db" if command[0] == "demo" else session
        assert str(expected) in result.output, (command, result.output)
    assert opened == [session]
    run("new", "inhome", "--title", "T")
    assert f"Sessions in {isolated_home / 'sessions'}:" in run("list").output
    missing = run("serve", "./nope.db")
    assert missing.exit_code == 1 and f"No session file at {work / 'nope.db'}" in missing.output
