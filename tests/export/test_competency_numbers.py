"""Every number in every document of a competencies round, computed from the session file.

The round (`competency_room`) is built through the store; its numbers are read back from the
SQLite file with plain SQL and compared with what the summary (PDF, read back with pdftotext,
and Markdown), the CSV and JSON, and the updated profile (YAML and PDF) print.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from focusgroup.domain.text import plural
from focusgroup.export.exporter import export_profiles, export_session
from focusgroup.export.profiles import LOOSE_FUNCTION, JobProfile, read_profile
from tests.export.competency_room import (
    DATE,
    SAID_ABOUT_TASKS,
    Facts,
    build_round,
    facts_from_file,
)

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_round(tmp_path_factory.mktemp("round"))


@pytest.fixture(scope="module")
def facts(room: Path) -> Facts:
    return facts_from_file(room)


@pytest.fixture(scope="module")
def out(room: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("out")
    export_session(room, folder, ["pdf", "md", "json", "csv"])
    export_profiles(room, folder)
    return folder


def _md(out: Path) -> str:
    return (out / "pipe-welder-critical-competencies.md").read_text("utf-8")


def _pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")


def _spaced(text: str) -> str:
    return " ".join(text.split())


def test_the_file_holds_the_traps(facts: Facts) -> None:
    assert facts.paths_in == ["Helper", "Pipefitter helper"]  # one still in the tray
    assert facts.paths_out == ["Welding inspector", "Foreman"]
    assert facts.loose_tasks == ["Clean the booth"]
    assert facts.functions["Paperwork"] == 0
    assert facts.task_cards == len(facts.tasks) + 1  # two task cards merged into one task
    assert facts.hands["Tack the joint"] == 0 and facts.hands["Read the welding procedure"] is None
    assert facts.people == 5 and facts.employers == 4  # Di and Ed were marked present


def test_everyone_marked_present_took_part(out: Path, facts: Facts) -> None:
    # Di and Ed were marked present and nothing was recorded as theirs; Zed never came.
    md = _md(out)
    (people,) = re.findall(r"^(\d+) participants?, ", md, flags=re.M)
    assert int(people) == facts.people
    assert "**Participating organizations:** " + ", ".join(facts.organizations) + "\n" in md
    assert "Zeta Steel" not in md


@needs_pdftotext
def test_the_pdf_counts_everyone_marked_present(out: Path, facts: Facts) -> None:
    who = _spaced(_pdf_pages(out / "pipe-welder-critical-competencies.pdf")[1])
    assert who.startswith(f"Who took part {facts.people} ")
    assert ", ".join(facts.organizations) in who and "Zeta Steel" not in who


def test_markdown_counts_tasks_functions_and_paths_apart(out: Path, facts: Facts) -> None:
    md = _md(out)
    assert (
        f"- The room reviewed {plural(len(facts.tasks), 'task')} under "
        f"{plural(len(facts.functions), 'job function')}." in md
    )
    listed = re.findall(r"^- (.+): (\d+) tasks?$", md, flags=re.M)
    expected = [(name, str(n)) for name, n in facts.functions.items()]
    expected.append((LOOSE_FUNCTION, str(len(facts.loose_tasks))))
    assert listed == expected  # every function, the empty one too; no path column
    assert (
        f"{plural(facts.people, 'participant')}, {plural(facts.task_cards, 'task card')}, "
        f"{len(facts.tasks)} distinct tasks." in md
    )
    everything = md.split("## Appendix B", 1)[1].split("## Appendix C", 1)[0]
    numbered = re.findall(r"^(\d+)\. \*\*(.+?)\*\*", everything, flags=re.M)
    assert [text for _, text in numbered] == facts.tasks
    assert [int(n) for n, _ in numbered] == list(range(1, len(facts.tasks) + 1))
    for path in (*facts.paths_in, *facts.paths_out):
        assert f"- {path} — " in everything
    for task, hands in facts.hands.items():
        line = next(line for line in everything.splitlines() if f"**{task}**" in line)
        if hands is None:
            assert "hand" not in line
        else:
            assert line.endswith(f"; {plural(hands, 'hand')}")


@needs_pdftotext
def test_pdf_counts_tasks_functions_and_paths_apart(out: Path, facts: Facts) -> None:
    pages = _pdf_pages(out / "pipe-welder-critical-competencies.pdf")
    first = _spaced(pages[0])
    assert (
        f"The room reviewed {plural(len(facts.tasks), 'task')} under "
        f"{plural(len(facts.functions), 'job function')}." in first
    )
    for name, n in facts.functions.items():
        assert f"• {name}: {plural(n, 'task')}" in first
    assert "Paths into the job:" not in first and "Unsorted" not in first
    who = _spaced(pages[1])
    glance = f"{facts.people} {facts.task_cards} {len(facts.tasks)} {len(facts.functions)}"
    assert glance in who and "participants task cards distinct tasks job functions" in who
    rest = _spaced(" ".join(pages[2:]))
    assert "The number after a name" not in rest
    # No count of employers after a task in the wall grid: nobody wrote the strawman's tasks.
    assert "Grind the bevel 2" not in rest and "Grind the bevel" in rest
    table = rest.split("All tasks, as the room left them", 1)[1]
    for i, task in enumerate(facts.tasks, 1):
        assert re.search(rf"\b{i} {re.escape(task)}\b", table), task
    paths = table.split("Paths into the job", 1)[1]
    for path in (*facts.paths_in, *facts.paths_out):
        assert f"• {path} (" in paths


def test_nothing_said_about_a_task_is_left_out_of_the_summary(out: Path, facts: Facts) -> None:
    assert set(SAID_ABOUT_TASKS) <= {t for texts in facts.said.values() for t in texts}
    md = _md(out)
    for text in facts.everything_said:
        assert text in md, text
    detail = md.split("Each task in detail", 1)[1].split("## Appendix", 1)[0]
    for task, texts in facts.said.items():
        section = detail.split(f"### {task}\n", 1)[1].split("\n### ", 1)[0]
        for text in texts:
            assert text in section, (task, text)


@needs_pdftotext
def test_nothing_said_about_a_task_is_left_out_of_the_pdf(out: Path, facts: Facts) -> None:
    text = _spaced(" ".join(_pdf_pages(out / "pipe-welder-critical-competencies.pdf")))
    for said in facts.everything_said:
        assert said in text, said
    detail = text.split("Each task in detail", 1)[1].split("What the discussion said", 1)[0]
    for task, texts in facts.said.items():
        section = detail.split(task, 1)[1]
        for said in texts:
            assert said in section, (task, said)
    assert "named by" not in text


def test_csv_and_json_number_the_tasks_as_the_summary_does(out: Path, facts: Facts) -> None:
    stem = out / "pipe-welder-critical-competencies"
    with open(f"{stem}-cards.csv", encoding="utf-8-sig", newline="") as f:
        rows = {r["text"]: r for r in csv.DictReader(f)}
    data = json.loads(Path(f"{stem}.json").read_text("utf-8"))
    ranking = [r["text"] for r in data["ranking"]]
    assert ranking[: len(facts.tasks)] == facts.tasks  # then the paths
    assert set(ranking[len(facts.tasks) :]) == {*facts.paths_in, *facts.paths_out}
    json_cards = {c["text"]: c for c in data["cards"]}
    for i, task in enumerate(facts.tasks, 1):
        assert rows[task]["rank"] == str(i), task
        # Nobody wrote the strawman's tasks: only a named participant's card counts.
        assert rows[task]["employers"] == str(facts.writers[task]), task
        assert json_cards[task]["employers"] == facts.writers[task], task
        hands = facts.hands[task]
        assert rows[task]["hands"] == ("" if hands is None else str(hands)), task
    assert {r["employers"] for r in data["ranking"][: len(facts.tasks)]} == set(
        facts.writers.values()
    )


def _v2(out: Path) -> JobProfile:
    return read_profile(out / "profile-pipe-welder-v2.yaml")


def test_the_profile_counts_the_same_round(out: Path, facts: Facts) -> None:
    v2 = _v2(out)
    (round_,) = v2.rounds
    assert (round_.employers, round_.participants, round_.date) == (
        facts.employers,
        facts.people,
        DATE,
    )
    assert [t.text for t in v2.tasks] == facts.tasks
    assert [f.name for f in v2.functions] == [*facts.functions, LOOSE_FUNCTION]
    # The path cards, and the note about paths (the protocol's "Paths into and out" topic).
    assert {p.text for p in v2.paths_in} == {*facts.paths_in, "Most start as helpers"}
    assert {p.text for p in v2.paths_out} == set(facts.paths_out)
    for task in v2.tasks:
        assert task.votes == (facts.hands[task.text] or 0)


@needs_pdftotext
def test_the_profile_pdf_says_who_vetted_it(out: Path, facts: Facts) -> None:
    text = _spaced(" ".join(_pdf_pages(out / "profile-pipe-welder-v2.pdf")))
    assert f"Vetted by round 1: hiring authorities ({facts.employers} employers, {DATE})." in text
    assert (
        f"Round 1, hiring authorities: {facts.employers} employers, {facts.people} people" in text
    )
