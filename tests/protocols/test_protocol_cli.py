"""`focusgroup protocols list` and `focusgroup protocols check`, through the real entry point."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from focusgroup.cli import main

HERE = Path(__file__).resolve().parent
BUILTIN = HERE.parents[1] / "protocols"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_list_shows_builtins(runner: CliRunner) -> None:
    result = runner.invoke(main, ["protocols", "list"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "TITLE", "STEPS", "FROM"]
    row = next(line for line in lines if line.startswith("critical-occupations "))
    assert "Critical occupations: the sticky wall" in row
    assert row.split()[-2:] == ["8", "builtin"]
    assert any(line.startswith("critical-competencies ") for line in lines)


def test_list_shows_user_file_and_skips_broken_one(runner: CliRunner, isolated_home: Path) -> None:
    folder = isolated_home / "protocols"
    folder.mkdir()
    (folder / "mine.yaml").write_text((HERE / "minimal.yaml").read_text("utf-8"), "utf-8")
    (folder / "zz-broken.yaml").write_text("steps: [\n", "utf-8")
    result = runner.invoke(main, ["protocols", "list"])
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if line.startswith("minimal "))
    assert row.split()[-2] == "2" and row.endswith("mine.yaml")
    assert "Skipped:" in result.stderr and "zz-broken.yaml, line 2" in result.stderr


def test_check_ok(runner: CliRunner) -> None:
    result = runner.invoke(main, ["protocols", "check", str(BUILTIN / "critical-occupations.yaml")])
    assert result.exit_code == 0
    assert (
        result.stdout
        == "ok: critical-occupations — Critical occupations: the sticky wall, 8 steps\n"
    )


def test_check_by_id(runner: CliRunner) -> None:
    result = runner.invoke(main, ["protocols", "check", "critical-competencies"])
    assert result.exit_code == 0
    assert result.stdout.startswith("ok: critical-competencies — ")


def test_check_broken_file_exits_1_with_one_line(runner: CliRunner) -> None:
    path = HERE / "broken" / "minutes_not_a_number.yaml"
    result = runner.invoke(main, ["protocols", "check", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f'Error: {path}, line 37: steps[1].minutes must be a whole number of minutes (got "ten")'
    ]


@pytest.mark.parametrize("target", ["nowhere/missing.yaml", "no-such-id"])
def test_check_missing_exits_1(runner: CliRunner, target: str) -> None:
    result = runner.invoke(main, ["protocols", "check", target])
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("Error: ")


def test_check_needs_a_file(runner: CliRunner) -> None:
    result = runner.invoke(main, ["protocols", "check"])
    assert result.exit_code == 2
    assert "Missing argument 'FILE'" in result.stderr


@pytest.mark.parametrize("args", [["protocols"], ["protocols", "list"], ["protocols", "check"]])
def test_help(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(main, [*args, "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")
