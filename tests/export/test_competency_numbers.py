"""Every number in every document of a competencies round, computed from the session file.

The round (`competency_room`) is built through the store; its numbers are read back from the
SQLite file with plain SQL and compared with what the summary (PDF, read back with pdftotext,
and Markdown), the CSV and JSON, and the updated profile (YAML and PDF) print.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from focusgroup.export.exporter import export_profiles, export_session
from focusgroup.export.profiles import JobProfile, read_profile
from tests.export.competency_room import DATE, Facts, build_round, facts_from_file

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
    for task in v2.tasks:
        assert task.votes == (facts.hands[task.text] or 0)


@needs_pdftotext
def test_the_profile_pdf_says_who_vetted_it(out: Path, facts: Facts) -> None:
    text = _spaced(" ".join(_pdf_pages(out / "profile-pipe-welder-v2.pdf")))
    assert f"Vetted by round 1: hiring authorities ({facts.employers} employers, {DATE})." in text
    assert (
        f"Round 1, hiring authorities: {facts.employers} employers, {facts.people} people" in text
    )
