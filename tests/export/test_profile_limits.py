"""Job profile YAML is read like protocols (issue 12): line-numbered, exact, and capped, so
a file of aliases can't expand into millions of tasks and a huge file is refused unread."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from focusgroup.cli import main
from focusgroup.export.profiles import read_profile


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _alias_bomb(levels: int = 8, width: int = 10) -> str:
    """~1 KB whose tasks expand to width**levels (100 million) if anything loads it."""
    lines = ["occupation: Welder", "x: &l0 [" + ", ".join(["t"] * width) + "]"]
    for n in range(1, levels):
        lines.append(f"y{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * width) + "]")
    lines.append(f"functions: [{{name: A, tasks: *l{levels - 1}}}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_without_expanding_it(tmp_path: Path) -> None:
    # Expanding it would take hours and gigabytes: that this test ends at all is the point.
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(_alias_bomb(), "utf-8")
    result = run("profiles", "check", str(bomb))
    assert result.exit_code == 1, result.output
    assert "expands to more than 50,000 values" in result.output
    assert "Traceback" not in result.output
    created = run("new", str(tmp_path / "s.db"), "--title", "T", "--profile", str(bomb))
    assert created.exit_code == 1 and "expands to more than" in created.output
    assert not (tmp_path / "s.db").exists()


def test_an_alias_that_contains_itself_is_refused(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.write_text("occupation: W\nfunctions: &f [{name: A, tasks: *f}]\n", "utf-8")
    result = run("profiles", "check", str(loop))
    assert result.exit_code == 1 and "one refers to itself" in result.output


def test_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    huge.write_text("occupation: W\ndescription: " + "x" * 3_000_000 + "\n", "utf-8")
    result = run("profiles", "check", str(huge))
    assert result.exit_code == 1 and "a job profile is far smaller" in result.output


def test_texts_are_kept_as_written_and_errors_have_lines(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "occupation: 'Welder  '\nfunctions:\n- name: Weld\n  tasks:\n  - text: no\n"
        '  - text: 2024\n  - "  leading"\nwordings: [yes, 1.50]\n',
        "utf-8",
    )
    profile = read_profile(path)
    assert profile.occupation == "Welder  "
    assert [t.text for t in profile.tasks] == ["no", "2024", "  leading"]
    assert profile.wordings == ("yes", "1.50")
    path.write_text("occupation: W\nfunctions:\n- name: A\n  name: B\n", "utf-8")
    result = run("profiles", "check", str(path))
    assert result.exit_code == 1
    assert f"{path}, line 4: functions[1].name appears twice" in result.output
