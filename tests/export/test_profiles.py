"""Job profiles: YAML round trip, clear errors for hand-broken files, strawman building."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusgroup.export.exporter import export_profiles
from focusgroup.export.profile_build import choose_occupations, strawman_profile
from focusgroup.export.profiles import (
    Changes,
    Function,
    JobProfile,
    OnetFacts,
    PathStep,
    ProfileCompetency,
    ProfileError,
    Rated,
    Reworded,
    Share,
    Task,
    TechItem,
    Wages,
    dump_profile,
    parse_profile,
    read_profile,
    write_profile,
)
from focusgroup.export.snapshot import SessionSnapshot
from tests.export.builders import pdf_text, squash

FULL = JobProfile(
    occupation="Technical sales representative",
    version=3,
    level="mid",
    soc_code="41-4011",
    onet_code="41-4011.00",
    soc_title="Sales Representatives, Wholesale and Manufacturing, Technical",
    description="Sell goods.\nTwo lines: with a colon, 'quotes' and # not a comment.",
    wordings=("Tech sales", "Inside sales — Łódź", "営業"),
    functions=(
        Function(
            "Develop and sell business case for product",
            (
                Task("Quote prices, credit terms, or other bid specifications.", level="entry"),
                Task(
                    "Negotiate prices or terms of sales or service agreements.",
                    lacking=True,
                    source="O*NET",
                ),
            ),
        ),
        Function("Empty function"),
    ),
    competencies=(
        ProfileCompetency("Reads a P&L", level="mid", ksa="skill", tier="academic", lacking=True),
        ProfileCompetency("yes"),
    ),
    level_changes=("Mid-level reps own accounts",),
    paths_in=(PathStep("Customer service", level="entry"),),
    paths_out=(PathStep("Sales manager"),),
    skills_gaps=("Technical product knowledge",),
    open_questions=("true", "123"),
    sources=("Meeting 1 (2025-03-14)",),
    onet=OnetFacts(
        job_zone="4",
        technology=(TechItem("Salesforce", in_demand=True, hot=True), TechItem("Excel")),
        skills=(Rated("Speaking", 4.12),),
        education_shares=(Share("Bachelor's Degree", 39.5),),
        wages=Wages("41-4011", hourly=(20.5, None, 45.0, 60.0, 80.0), annual=(42640, 0, 1, 2, 3)),
        attribution="O*NET",
    ),
    changes=Changes(
        previous_version=2,
        added_tasks=("x",),
        reworded_tasks=(Reworded("a", "b"),),
        new_competencies=("y",),
    ),
)


def test_yaml_round_trips(tmp_path: Path) -> None:
    path = write_profile(FULL, tmp_path / "p.yaml")
    assert read_profile(path) == FULL
    minimal = JobProfile(occupation="Welder")
    assert parse_profile(dump_profile(minimal)) == minimal


def test_tasks_may_be_written_as_plain_strings() -> None:
    profile = parse_profile(
        "occupation: Welder\nfunctions:\n- name: Weld\n  tasks: [Tack, Root pass]\n"
    )
    assert [t.text for t in profile.tasks] == ["Tack", "Root pass"]


BROKEN = [
    ("functions: []\n", "occupation is required"),
    ("occupation: W\nversion: two\n", "version must be a whole number"),
    ("occupation: W\nfunctons: []\n", "functons is not a known field"),
    (
        "occupation: W\nfunctions:\n- name: A\n  tasks:\n  - text: ok\n  - text: t\n    level: senior\n",
        "functions[1].tasks[2].level must be one of entry, mid, advanced",
    ),
    ("occupation: W\nfunctions:\n- tasks: []\n", "functions[1].name is required"),
    (
        "occupation: W\nfunctions:\n- name: A\n  tasks:\n  - text: t\n    lacking: maybe\n",
        "functions[1].tasks[1].lacking must be true or false",
    ),
    ("occupation: W\ncompetencies: {text: x}\n", "competencies must be a list"),
    ("occupation: W\nwordings: [a, [b]]\n", "wordings[2] must be text"),
    ("occupation: W\nchanges: {added_tasks: []}\n", "changes.previous_version"),
    ("occupation: [W\n", "line 2"),
    ("", "is empty"),
    ("- just a list\n", "must be a mapping"),
    # Found by the fuzz test in test_profile_input: each reached the store or a constructor.
    ("Welder\n", "profile must be a mapping of fields, got text 'Welder'"),
    (
        "occupation: W\nfunctions: [{name: A, tasks: [{text: t, votes: -3}]}]\n",
        "functions[1].tasks[1].votes must be a whole number from 0 to 1,000,000, got int -3",
    ),
    ("occupation: W\nfunctions: [{name: A, tasks: [{text: t, votes: 1e40}]}]\n", "votes must"),
    ("occupation: W\nversion: 99999999999999999999\n", "version must be a whole number"),
    ("occupation: W\nrounds: [{number: 1}]\n", "rounds[1].who is required"),
    ("occupation: W\nrounds: [{who: x}]\n", "rounds[1].number is required"),
    ('occupation: "W\\ud800"\n', "line 1: occupation holds \\ud800"),
    ("occupation: |\n  Welder\n  Fitter\n", "occupation must be on one line"),
    ("occupation: W\nonet: {skills: [{name: a, importance: .nan}]}\n", "must be a number"),
]


@pytest.mark.parametrize(("text", "message"), BROKEN)
def test_a_hand_broken_yaml_names_the_field(text: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(ProfileError) as error:
        read_profile(path)
    assert message in str(error.value)
    assert str(path) in str(error.value) and "\n" not in str(error.value)


def test_missing_profile_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="no such job profile"):
        read_profile(tmp_path / "nope.yaml")


def test_choose_occupations_by_any_wording(sample_snap: SessionSnapshot) -> None:
    # Issue 14: a tie on employers (3 each) is broken by reasons given (5 against 4).
    assert [c.text for c in choose_occupations(sample_snap)][:2] == [
        "CNC machinist",
        "Quality inspector",
    ]
    assert choose_occupations(sample_snap, ["cnc OPERATOR"])[0].text == "CNC machinist"
    assert choose_occupations(sample_snap, ["Machinists"])[0].text == "CNC machinist"
    with pytest.raises(ProfileError, match="No occupation called 'Astronaut'"):
        choose_occupations(sample_snap, ["Astronaut"])


def test_strawman_without_onet_uses_what_the_room_said(sample_snap: SessionSnapshot) -> None:
    card = choose_occupations(sample_snap, ["CNC machinist"])[0]
    profile = strawman_profile(sample_snap, card, None)
    assert profile.version == 1 and profile.soc_code == "51-4041"
    assert profile.wordings == (
        "CNC machinist",
        "CNC operator",
        "Machinist — 5-axis",
        "CNC setup tech",
    )
    assert "Reads blueprints and GD&T" in profile.skills_gaps
    assert {c.level for c in profile.competencies} == {"entry", "mid", "advanced"}
    # Issue 15: competency tiers are not job functions. Without O*NET's task list and with no
    # task-like cards, no functions are invented; the room's words stay competencies.
    tiers = {t.label for t in sample_snap.protocol.tiers}
    assert not {f.name for f in profile.functions} & tiers
    assert profile.open_questions


def test_profiles_export_writes_pdf_and_yaml_per_occupation(
    sample_db: Path, tmp_path: Path
) -> None:
    paths = export_profiles(sample_db, tmp_path, onet_lookup=None)
    assert len(paths) == 10  # top five, PDF + YAML each
    pdf = next(p for p in paths if p.name == "profile-cnc-machinist-v1.pdf")
    text = pdf_text(pdf)
    for phrase in (
        "CNC machinist",
        "Job functions and tasks",
        "Reads blueprints and GD&T",
        # Issue 15: grouped foundational / technical / credentials, each with its level.
        "Competencies employers named",
        "Foundational",
        "Open questions",
    ):
        assert squash(phrase) in text
    for path in paths:
        if path.suffix == ".yaml":
            read_profile(path)


def test_a_profile_written_before_issue_15_still_reads() -> None:
    """Paths, technology and KSAs were plain strings; they read as the new records."""
    old = parse_profile(
        "format: focusgroup-job-profile\noccupation: Welder\nversion: 2\n"
        "paths_in: [Helper]\npaths_out: [Lead welder]\n"
        "onet: {technology: [AutoCAD], skills: [Welding], knowledge: [Metals], related: [Fitter]}\n"
    )
    assert old.paths_in == (PathStep("Helper"),) and old.paths_out == (PathStep("Lead welder"),)
    assert old.onet is not None and old.onet.technology == (TechItem("AutoCAD"),)
    assert old.onet.skills == (Rated("Welding"),) and old.onet.related == ("Fitter",)
