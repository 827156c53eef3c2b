"""A job profile PDF always lays out (issue 15): long and many tasks, competencies, wordings.

reportlab raises LayoutError for a table row taller than a page unless the table splits rows;
these profiles are built to be far bigger than any room would make, through the real writer,
and read back. A normal profile's matrix stays on page one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from focusgroup.export.profile_pdf import write_profile_pdf
from focusgroup.export.profiles import (
    Function,
    JobProfile,
    OnetFacts,
    PathStep,
    ProfileCompetency,
    Rated,
    RoomNote,
    Task,
    TechItem,
)
from tests.export.builders import pdf_text, squash

# Words of every length (a 10,000-character "word" cannot wrap), and scripts the fonts carry.
word = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")),
    min_size=1,
    max_size=40,
)
long_text = st.one_of(
    st.lists(word, min_size=1, max_size=60).map(" ".join),
    st.integers(500, 2500).map(lambda n: "x" * n),
    st.just("<b>Dr. <Smith></b> & 'quotes' " * 50),
)
levels = st.sampled_from(("", "entry", "mid", "advanced"))


@st.composite
def profiles(draw: st.DrawFn) -> JobProfile:
    functions = tuple(
        Function(
            draw(long_text),
            tuple(
                Task(
                    draw(long_text),
                    level=draw(levels),
                    lacking=draw(st.booleans()),
                    underperformed=draw(st.booleans()),
                    votes=draw(st.integers(0, 40)),
                    minimum=draw(st.one_of(st.just(""), long_text)),
                    mid_level=draw(st.one_of(st.just(""), long_text)),
                )
                for _ in range(draw(st.integers(0, 8)))
            ),
        )
        for _ in range(draw(st.integers(0, 7)))
    )
    tasks = [t.text for f in functions for t in f.tasks] or [""]
    competencies = tuple(
        ProfileCompetency(
            draw(long_text),
            level=draw(levels),
            ksa=draw(st.sampled_from(("", "skill", "knowledge"))),
            group=draw(st.sampled_from(("", "foundational", "technical", "credential"))),
            task=draw(st.sampled_from(tasks)),
        )
        for _ in range(draw(st.integers(0, 20)))
    )
    return JobProfile(
        occupation=draw(long_text),
        description=draw(long_text),
        wordings=tuple(draw(st.lists(long_text, max_size=30))),
        functions=functions,
        competencies=competencies,
        paths_in=tuple(PathStep(t, draw(levels)) for t in draw(st.lists(long_text, max_size=8))),
        skills_gaps=tuple(draw(st.lists(long_text, max_size=6))),
        room_notes=tuple(RoomNote(draw(long_text), draw(long_text)) for _ in range(3)),
        open_questions=tuple(draw(st.lists(long_text, max_size=6))),
        onet=OnetFacts(
            job_zone=draw(long_text),
            technology=tuple(TechItem(draw(long_text), in_demand=True) for _ in range(5)),
            skills=(Rated(draw(long_text), 4.5),),
            related=tuple(draw(st.lists(long_text, max_size=5))),
            attribution=draw(long_text),
        ),
    )


@pytest.mark.slow
@settings(
    max_examples=8,
    deadline=None,
    # Shrinking 100 kB profiles through a PDF writer takes minutes: report the example as found.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(profile=profiles())
def test_any_profile_lays_out(profile: JobProfile, tmp_path_factory) -> None:
    path = tmp_path_factory.mktemp("layout") / "p.pdf"
    write_profile_pdf(profile, path)
    assert path.read_bytes().startswith(b"%PDF-")
    assert len(PdfReader(str(path)).pages) >= 2


def test_a_six_by_five_matrix_fits_page_one(tmp_path: Path) -> None:
    task = "Set up, adjust, or operate basic or specialized machine tools used to perform " * 2
    functions = tuple(
        Function(
            f"Function {i} with a name as long as an IWA title, or longer",
            tuple(Task(f"{i}.{j} {task}", level="mid", votes=j) for j in range(5)),
        )
        for i in range(6)
    )
    path = write_profile_pdf(JobProfile("Machinist", functions=functions), tmp_path / "m.pdf")
    first = squash(PdfReader(str(path)).pages[0].extract_text())
    for i in range(6):
        assert squash(f"{i}.4 Set up") in first  # every column's last task is on page one
    assert squash("Job functions and tasks") in pdf_text(path)


def test_ten_thousand_characters_in_every_field(tmp_path: Path) -> None:
    """ENGINEERING.md's check: 10,000 characters in every field, in the matrix and after it."""
    x = ("Ten thousand characters " * 420)[:10_000]
    task = Task(x, level="mid", lacking=True, underperformed=True, votes=3, minimum=x, advanced=x)
    profile = JobProfile(
        x,
        description=x,
        wordings=(x,),
        functions=(Function(x, (task,)), Function("Short", (Task("t"),))),
        competencies=(ProfileCompetency(x, group="credential", task=x),),
        paths_in=(PathStep(x, "entry"),),
        room_notes=(RoomNote(x, x),),
        open_questions=(x,),
        onet=OnetFacts(job_zone=x, technology=(TechItem(x, hot=True),), attribution=x),
    )
    path = write_profile_pdf(profile, tmp_path / "big.pdf")
    text = pdf_text(path)
    assert text.count(squash("Ten thousand characters")) > 8 * 400
