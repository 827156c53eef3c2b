"""The gap analysis's rules, on programs built in code (no session file needed)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from focusgroup.domain.gaps import (
    COVERED,
    NOT_COVERED,
    PARTLY,
    Occupation,
    analyse,
    linkage_target,
    parse_cost,
    parse_length,
)
from focusgroup.domain.programs import Opening, Program, missing_fields, norm, parse_level


def occ(name: str, level: str = "entry", lacking: tuple[str, ...] = ()) -> Occupation:
    return Occupation(name, level, "", lacking, keys=frozenset({norm(name)}))


def prog(pid: int, name: str, level: str = "entry", **kw: object) -> Program:
    return Program(
        id=pid, institution=kw.pop("institution", f"Inst {pid}"), program=name, level=level, **kw
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text, value",
    [
        ("$3,200", 3200.0),
        ("3200", 3200.0),
        ("$0", 0.0),
        ("US$ 99.50", 99.5),
        ("1,500 USD", 1500.0),
        ("$1,200-$1,500", None),
        ("about $3k", None),
        ("", None),
        ("free", None),
    ],
)
def test_costs_are_compared_only_when_they_are_one_plain_amount(
    text: str, value: float | None
) -> None:
    assert parse_cost(text) == value


@pytest.mark.parametrize(
    "text, value",
    [
        ("16 weeks", (16.0, "weeks")),
        ("2 years", (24.0, "months")),
        ("9 months", (9.0, "months")),
        ("240 hours", (240.0, "hours")),
        ("30 credit hours", (30.0, "credits")),
        ("2 semesters", (2.0, "semesters")),
        ("two years", None),
        ("16-20 weeks", None),
        ("", None),
    ],
)
def test_lengths_convert_only_where_the_conversion_is_exact(text: str, value: object) -> None:
    assert parse_length(text) == value


def test_lengths_in_different_units_are_not_compared() -> None:
    a = prog(1, "A", occupations=("Welder",), length="16 weeks", cost="$100")
    b = prog(2, "B", occupations=("Welder",), length="6 months", cost="$300")
    (spread,) = analyse([occ("Welder")], [a, b]).spreads
    assert spread.length_low is None and spread.length_unit == ""
    assert (spread.cost_low, spread.cost_high) == (100.0, 300.0)


def test_coverage_covered_partly_and_not() -> None:
    welder = occ("Welder", lacking=("Blueprint reading", "Math"))
    full = prog(1, "Full", occupations=("welder",), competencies=("blueprint  reading", "MATH"))
    some = prog(2, "Some", occupations=("Welder",), competencies=("Math",))
    teaches_only = prog(3, "Teaches", occupations=("Painter",), competencies=("Math",))
    unrelated = prog(4, "Other", occupations=("Painter",))
    report = analyse([welder], [full, some, teaches_only, unrelated])
    assert [report.cell(0, p).status for p in report.programs] == [
        COVERED,
        PARTLY,
        PARTLY,
        NOT_COVERED,
    ]
    assert report.cell(0, some).teaches == ("Math",)


def test_an_articulation_named_from_the_higher_program_is_a_next_step() -> None:
    entry = prog(
        1, "Welding", credential="Welding Certificate", level="entry", occupations=("Welder",)
    )
    mid = prog(
        2,
        "Fabrication",
        level="mid",
        occupations=("Welder",),
        linkages=("articulation from: Welding Certificate",),
    )
    report = analyse([occ("Welder")], [entry, mid])
    # The entry program has its next step; the mid one has none to an advanced program.
    assert [d.program.program for d in report.dead_ends] == ["Fabrication"]
    assert report.dead_ends[0].reason == "no next step: no linkage to an advanced-level program"


def test_a_link_to_the_same_level_is_not_a_next_step_and_a_broken_link_is_missing() -> None:
    a = prog(1, "A", level="entry", occupations=("Welder",), linkages=("stackable to: B",))
    b = prog(
        2, "B", level="entry", occupations=("Welder",), linkages=("stackable to: Nowhere AAS",)
    )
    report = analyse([occ("Welder")], [a, b])
    assert [d.program.program for d in report.dead_ends] == ["A", "B"]
    assert [(m.program.program, m.linkage) for m in report.missing_links] == [
        ("B", "stackable to: Nowhere AAS")
    ]


def test_the_same_credential_at_one_institution_twice_is_not_a_duplicate() -> None:
    a = prog(
        1, "Weld day", credential="Welding Certificate", institution="Tri", occupations=("Welder",)
    )
    b = prog(
        2,
        "Weld night",
        credential="Welding certificate",
        institution="TRI",
        occupations=("Welder",),
    )
    c = prog(
        3, "Weld", credential="Welding Certificate", institution="East", occupations=("Painter",)
    )
    assert analyse([occ("Welder"), occ("Painter")], [a, b, c]).duplicates == ()


def test_orphans_are_judged_against_the_whole_meeting_not_the_shortlist() -> None:
    welder, painter = occ("Welder"), occ("Painter")
    p = prog(1, "Painting", level="advanced", occupations=("Painter",))
    report = analyse([welder], [p], meeting=[welder, painter])
    assert report.orphans == ()
    assert [o.name for o in report.uncovered_occupations] == ["Welder"]


def test_linkage_target_drops_the_kind() -> None:
    assert linkage_target("stackable to: Machining AAS") == "Machining AAS"
    assert linkage_target("Machining AAS") == "Machining AAS"


def test_missing_fields_and_levels() -> None:
    p = prog(1, "Welding", level="", credential="Cert", occupations=("Welder",))
    assert missing_fields(p) == (
        "level",
        "length",
        "cost",
        "prerequisites",
        "placement rate",
        "type",
        "linkages",
        "competencies",
    )
    assert [parse_level(v) for v in ("Entry", "entry-level", "MID", "Advanced", "", "expert")] == [
        "entry",
        "entry",
        "mid",
        "advanced",
        "",
        None,
    ]


def test_a_spread_says_how_many_programs_its_figures_cover() -> None:
    from focusgroup.domain.gap_questions import answers

    a = prog(1, "A", occupations=("Welder",), cost="$100", length="10 weeks")
    b = prog(2, "B", occupations=("Welder",), cost="$300", length="12 weeks")
    c = prog(3, "C", occupations=("Welder",), cost="call us", length="")
    report = analyse([occ("Welder")], [a, b, c])
    (spread,) = report.spreads
    assert (spread.costs_compared, spread.lengths_compared) == (2, 2)
    (q,) = [
        x
        for x in answers(report)
        if x.question.startswith("For the same credentials") and "costs" in x.question
    ]
    assert q.answer == (
        "Welder (entry): cost $100 to $300, a difference of $200 (2 of 3 programs); "
        "Welder (entry): length 10 to 12 weeks, a difference of 2 weeks (2 of 3 programs)."
    )


def _opening(oid: int, occupation: str, openings: int, source: str = "LMI") -> Opening:
    return Opening(oid, occupation, openings, source, "")


def _coded(name: str, soc: str) -> Occupation:
    return Occupation(name, "entry", "", (), keys=frozenset({norm(name), soc, f"{soc}.00"}))


words = st.text(alphabet="abcdefghij -", min_size=1, max_size=12).filter(lambda s: norm(s))
seven = st.text(alphabet="abcdefghij", min_size=7, max_size=7)
"""A wording as long as a SOC code (51-4121): the length a name was once cut to."""


@settings(max_examples=200, deadline=None)
@given(wording=st.one_of(words, seven), extra=st.text(alphabet="abc -", max_size=6))
def test_an_opening_names_an_occupation_only_by_a_whole_wording(wording: str, extra: str) -> None:
    """Never by a name cut to a SOC code's seven characters ('cashier supervisors' is not
    'Cashier')."""
    opening = wording + extra
    report = analyse([occ(wording)], [], openings=[_opening(1, opening, 50)])
    assert bool(report.supply_demand) == (norm(opening) == norm(wording))


def test_a_prefix_of_a_name_is_not_the_occupation() -> None:
    report = analyse([occ("Cashier")], [], openings=[_opening(1, "cashier supervisors", 900)])
    assert report.supply_demand == ()


@pytest.mark.parametrize("named", ["51-4121", "51-4121.00", "Welder", "WELDER "])
def test_an_opening_by_code_or_by_wording_is_the_same_occupation(named: str) -> None:
    (line,) = analyse(
        [_coded("Welder", "51-4121")], [], openings=[_opening(1, named, 120)]
    ).supply_demand
    assert line.openings == 120


def test_one_figure_given_by_name_and_by_code_is_counted_once() -> None:
    welding = prog(1, "Welding", occupations=("Welder",), completions="40")
    given = [_opening(1, "Welder", 120), _opening(2, "51-4121", 120)]
    (line,) = analyse([_coded("Welder", "51-4121")], [welding], openings=given).supply_demand
    assert (line.openings, line.completions, line.shortfall, line.conflict) == (120, 40, 80, ())


def test_figures_that_disagree_are_not_compared_and_the_documents_say_why() -> None:
    from focusgroup.domain.gap_questions import answers

    welding = prog(1, "Welding", occupations=("Welder",), completions="40")
    given = [_opening(1, "Welder", 120), _opening(2, "51-4121", 100)]
    report = analyse([_coded("Welder", "51-4121")], [welding], openings=given)
    (line,) = report.supply_demand
    assert (line.openings, line.shortfall) == (None, None)
    assert [o.openings for o in line.conflict] == [120, 100]
    (q,) = [a for a in answers(report) if a.question.startswith("How do our total projected")]
    assert q.answer == (
        "Welder: not compared, the openings given disagree (120 for Welder, 100 for 51-4121); "
        "correct them with focusgroup programs openings."
    )


@pytest.mark.parametrize(
    "institution, kind, linkage, k12",
    [
        ("Oak 12th Street Academy", "credit", "", False),
        ("Park 120 College", "credit", "", False),
        ("Valley K-12 Schools", "credit", "", True),
        ("K12 Online", "credit", "", True),
        ("West High", "pre-college", "", True),
        ("West High", "credit", "dual enrollment: Welding Technology", True),
        ("Lake Tech", "credit", "stackable to: individual enrollment plan", False),
    ],
)
def test_k12_and_dual_enrollment_are_read_as_whole_words(
    institution: str, kind: str, linkage: str, k12: bool
) -> None:
    from focusgroup.domain.gap_questions import answers, is_k12

    program = prog(
        1,
        "Intro to trades",
        institution=institution,
        type=kind,
        linkages=(linkage,) * bool(linkage),
    )
    assert is_k12(program) is k12
    (q,) = [a for a in answers(analyse([occ("Welder")], [program])) if "K-12" in a.question]
    assert q.answered is k12


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(["k", "12", "12th", "oak", "k12", "dual", "enrollment", "pre", "college"]),
        max_size=5,
    )
)
def test_a_k12_program_is_named_by_its_words_never_by_letters_inside_them(
    words: list[str],
) -> None:
    from focusgroup.domain.gap_questions import is_k12

    institution = " ".join(words)
    pairs = list(zip(words, words[1:], strict=False))
    expected = ("k", "12") in pairs or "k12" in words
    program = prog(1, "Intro", institution=institution, type="credit")
    assert is_k12(program) is expected
