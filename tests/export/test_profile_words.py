"""Counts in a job profile read as counts: "1 vote", "1 employer", never "1 votes" or "(, date)".

Every document of the follow-up path that prints a count (the profile PDF, its YAML's skills
gaps, `profiles check`) is written with counts of 0, 1 and 2 and read back.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from focusgroup.cli import main
from focusgroup.export.followup_room import training_gaps
from focusgroup.export.profile_pdf import write_profile_pdf
from focusgroup.export.profiles import (
    Function,
    JobProfile,
    ProfileCompetency,
    Round,
    Task,
    write_profile,
)
from tests.export.builders import pdf_text

ONE_AND_PLURAL = re.compile(
    r"\b1 (votes|employers|people|participants|functions|tasks|competencies|rounds)\b"
)


def profile(n: int) -> JobProfile:
    return JobProfile(
        "Welder",
        functions=tuple(
            Function(f"Function {i}", tuple(Task(f"Task {i}.{j}", votes=n) for j in range(n)))
            for i in range(max(n, 1))
        ),
        competencies=tuple(ProfileCompetency(f"Skill {i}") for i in range(n)),
        rounds=(
            Round(1, "hiring authorities", date="2026-11-03", employers=n, participants=n),
            Round(2, "high-performing employees", date="2026-12-01", employers=0),
        ),
    )


@pytest.mark.parametrize("n", [0, 1, 2])
def test_profile_pdf_counts_read_as_counts(n: int, tmp_path: Path) -> None:
    p = profile(n)
    text = pdf_text(write_profile_pdf(p, tmp_path / "p.pdf"))  # without spaces
    spaced = " ".join(  # and with them, one space for any run
        " ".join((page.extract_text() or "").split())
        for page in PdfReader(str(tmp_path / "p.pdf")).pages
    )
    assert not ONE_AND_PLURAL.search(spaced), spaced
    assert "(," not in text and ",)" not in text
    # Nobody was recorded as attending round 2: its date is said, no empty count.
    assert "round 2: high-performing employees (2026-12-01)" in spaced
    if n == 1:
        assert "round 1: hiring authorities (1 employer, 2026-11-03)" in spaced
        assert "1 employer, 1 person" in spaced


@pytest.mark.parametrize("n", [1, 2])
def test_training_priority_gaps_count_votes(n: int) -> None:
    (gap,) = training_gaps([Task("Purge the pipe", votes=n)])
    assert gap == f"Training priority: Purge the pipe ({n} vote{'s' if n > 1 else ''})"


@pytest.mark.parametrize("n", [0, 1, 2])
def test_profiles_check_counts(n: int, tmp_path: Path) -> None:
    path = write_profile(profile(n), tmp_path / "p.yaml")
    result = CliRunner().invoke(main, ["profiles", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert not ONE_AND_PLURAL.search(result.output), result.output
    if n == 1:
        assert "1 function, 1 task, 1 competency." in result.output
