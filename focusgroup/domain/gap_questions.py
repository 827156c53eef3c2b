"""The guide's questions for the gap analysis, each answered from the data or marked "needs data".

The questions are the guide's own words (step 6, "Identify gaps"). An answer is given only
where the inventory and the wall say it; otherwise the question is marked `NEEDS_DATA` with what
would answer it, so nothing in the report is a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from focusgroup.domain.gaps import GapReport, Spread, SupplyDemand
from focusgroup.domain.programs import PROGRAM_LEVELS, Program, norm

NEEDS_DATA = "needs data"

WORK_EXPERIENCE = ("apprenticeship", "on-the-job", "on the job", "internship", "work-based")


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    """The finding, or what is needed to answer it."""
    answered: bool

    @property
    def status(self) -> str:
        return "answered" if self.answered else NEEDS_DATA


def _plural(count: int, word: str, plural: str = "") -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _names(items: list[str], limit: int = 6) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _money(value: float) -> str:
    return f"${value:,.0f}" if value == int(value) else f"${value:,.2f}"


def _of(compared: int, spread: Spread) -> str:
    """ " (2 of 3 programs)" when some programs' figures could not be compared."""
    total = len(spread.programs)
    return f" ({compared} of {total} programs)" if compared < total else ""


def _number(value: float) -> str:
    return f"{value:g}"


def answers(report: GapReport) -> tuple[Answer, ...]:
    """One `Answer` per guide question, in the guide's order."""
    r = report
    programs = r.programs
    out: list[Answer] = []

    def add(question: str, answer: str | None, needs: str) -> None:
        out.append(Answer(question, answer or needs, answer is not None))

    add(
        "If we were to increase the number of students/ job seekers with the KSAs employers "
        "identified, what would it take?",
        None,
        "The support team's judgement; the supply-and-demand and uncovered-competency "
        "findings of this report are the starting point.",
    )
    breakdowns = []
    if r.dead_ends:
        breakdowns.append(
            f"{_plural(len(r.dead_ends), 'program')} with no next step "
            f"({_names([d.program.label for d in r.dead_ends])})"
        )
    if r.missing_links:
        breakdowns.append(
            f"{_plural(len(r.missing_links), 'linkage')} naming a program not in the inventory "
            f"({_names([m.linkage for m in r.missing_links])})"
        )
    out_of_state = [x for x in r.referrals if x.out_of_state.strip()]
    if out_of_state:
        breakdowns.append(
            "out-of-state hiring, as employers put it: "
            + _names([x.out_of_state for x in out_of_state])
        )
    add(
        "Where are there breakdowns in the talent pipeline currently? In other words, where "
        "are students/job seekers getting stuck?",
        ("; ".join(breakdowns) + ".")
        if breakdowns
        else ("No dead ends or broken linkages in the inventory." if programs else None),
        "An inventory of programs (focusgroup programs import).",
    )
    add(
        "What support services are needed to ensure students and job seekers move seamlessly "
        "through programs, building the skills and credentials they need? What resources can "
        "we leverage from other partner organizations in the region to provide these kinds of "
        "services?",
        None,
        "Support services are not in the inventory; ask the partners.",
    )
    with_experience = [
        p
        for p in programs
        if any(w in norm(p.type) or w in p.type.lower() for w in WORK_EXPERIENCE)
    ]
    typed = [p for p in programs if p.type.strip()]
    add(
        "What is the best way to integrate applied or real-world experiences into existing "
        "programs? (For example: guest speakers or instructors, internships, project-based "
        "case studies, or faculty externships). What is the most efficient way to match "
        "employers with education and training partners to contribute these kinds of "
        "experiences?",
        (
            f"{len(with_experience)} of {_plural(len(typed), 'program')} with a type given "
            "have a work-experience component (apprenticeship, on-the-job, internship)"
            + (f": {_names([p.label for p in with_experience])}." if with_experience else ".")
        )
        if typed
        else None,
        "Program types (the inventory's type column).",
    )
    gaps = []
    if r.uncovered_occupations:
        gaps.append(f"no program prepares for {_names([o.name for o in r.uncovered_occupations])}")
    if r.uncovered_competencies:
        gaps.append(
            "no program teaches " + _names([f"{c} ({o.name})" for o, c in r.uncovered_competencies])
        )
    add(
        "Are there whole sets of skill sets or credentials currently not offered by any of our "
        "institutions?",
        # With no inventory yet, "no program prepares for X" would be true but says nothing.
        None
        if not programs
        else ("Yes: " + "; ".join(gaps) + ".")
        if gaps
        else "No: every occupation analysed has a program, and every lacking competency is taught.",
        "An inventory of programs.",
    )
    add(
        "Which programs or credentials do we currently all offer?",
        (
            "; ".join(
                f"{d.credential} for {d.occupation} at "
                f"{_plural(len(d.institutions), 'institution')}"
                f" ({', '.join(d.institutions)})"
                for d in r.duplicates
            )
            + "."
        )
        if r.duplicates
        else (
            "None is offered by two or more institutions for the same occupation."
            if any(p.credential.strip() for p in programs)
            else None
        ),
        "Credentials (the inventory's credential column).",
    )
    add(
        "How do our total projected graduation or completion numbers match up with current or "
        "projected demand for the occupations in this pathway?",
        "; ".join(_supply_line(s) for s in r.supply_demand) + "." if r.supply_demand else None,
        "Openings per occupation (focusgroup programs openings) and completions per program "
        "(the completions column).",
    )
    add(
        "Do certain programs do a better job at the entry-level, and others at the mid- or "
        "advanced-levels? How do we know (placement rates, etc.)?",
        _placement(report),
        "Placement rates (the placement rate column) with program levels.",
    )
    costs = [s for s in r.spreads if s.cost_low is not None]
    lengths = [s for s in r.spreads if s.length_low is not None]
    cost_lines = [
        f"{s.occupation} ({s.level or 'level not given'}): cost {_money(s.cost_low or 0)} to "
        f"{_money(s.cost_high or 0)}, a difference of "
        f"{_money((s.cost_high or 0) - (s.cost_low or 0))}{_of(s.costs_compared, s)}"
        for s in costs
    ] + [
        f"{s.occupation} ({s.level or 'level not given'}): length {_number(s.length_low or 0)} "
        f"to {_number(s.length_high or 0)} {s.length_unit}, a difference of "
        f"{_number((s.length_high or 0) - (s.length_low or 0))} {s.length_unit}"
        f"{_of(s.lengths_compared, s)}"
        for s in lengths
    ]
    add(
        "For the same credentials or programs teaching similar/related skill sets, are the "
        "costs and lengths of training the same? If not, by how much do they differ?",
        "; ".join(cost_lines) + "." if cost_lines else None,
        "Costs and lengths for two or more programs preparing for the same occupation at the "
        "same level.",
    )
    prereq_lines = [
        f"{s.occupation} ({s.level or 'level not given'}): "
        + (
            "the same for all"
            if len({norm(x) for x in s.prerequisites}) == 1
            else " / ".join(x or "none given" for x in s.prerequisites)
        )
        for s in r.spreads
        if any(x for x in s.prerequisites)
    ]
    add(
        "For the same credentials or programs teaching similar/related skill sets, are the "
        "pre-requisites the same? If not, how do they differ?",
        "; ".join(prereq_lines) + "." if prereq_lines else None,
        "Prerequisites for two or more programs preparing for the same occupation and level.",
    )
    add(
        "Do all of our institutions accept the same credentials on this pathway as "
        "pre-requisites? What about coursework and credits related to this pathway?",
        None,
        "Each institution's admission and transfer-credit rules.",
    )
    add(
        "Are any of our institutions experimenting with or accepting prior learning or work "
        "experience in place of credits or credentials related to this pathway?",
        None,
        "Prior-learning policies of each institution.",
    )
    ends = [f"{d.program.label} ({d.reason})" for d in r.dead_ends] + [
        f"{p.label} (serves no occupation of this meeting)" for p in r.orphans
    ]
    add(
        "Are there any programs or credentials that appear to lead to a dead-end, i.e. no job "
        "or no clear next step in education or training?",
        ("Yes: " + "; ".join(ends) + ".")
        if ends
        else (
            "None: every entry and mid-level program links to a higher level, and every program "
            "serves an occupation of this meeting."
            if programs
            else None
        ),
        "An inventory of programs with levels and linkages.",
    )
    k12 = [p for p in programs if is_k12(p)]
    add(
        "How are we including K-12 programming in this pathway? Where do we or should we offer "
        "dual enrollment?",
        f"Dual enrollment or pre-college: {_names([p.label for p in k12])}." if k12 else None,
        "K-12 and dual-enrollment programs (type pre-college, or a dual enrollment linkage).",
    )
    return tuple(out)


def _has_words(text: str, words: str) -> bool:
    """True when `words` appear in `text` as whole words ('k 12' in 'K-12 Academy', not in
    'Oak 12th Street Academy')."""
    return f" {words} " in f" {norm(text)} "


def is_k12(program: Program) -> bool:
    """A K-12 or dual-enrollment program: typed pre-college, a dual enrollment linkage, or K-12
    in its type or institution ('Valley K-12 Schools', 'K12 academy')."""
    links = " ".join(program.linkages) + " " + program.type
    where = program.type + " " + program.institution
    return (
        _has_words(links, "dual enrollment")
        or _has_words(program.type, "pre college")
        or _has_words(where, "k 12")
        or _has_words(where, "k12")
    )


def _supply_line(s: SupplyDemand) -> str:
    if s.openings is None:
        return f"{s.occupation}: not compared, {conflict_words(s)}"
    floor = " at least" if s.missing else ""
    line = (
        f"{s.occupation}: {s.openings:,} openings a year{source_words(s)} against{floor} "
        f"{s.completions:,} completions"
    )
    if s.missing:
        line += f" ({_plural(len(s.missing), 'program')} gave no completions)"
    return line


def _placement(report: GapReport) -> str | None:
    lines = []
    for level in PROGRAM_LEVELS:
        rated = [p for p in report.programs if p.level == level and p.placement_rate.strip()]
        if rated:
            lines.append(f"{level}: " + ", ".join(f"{p.label} {p.placement_rate}" for p in rated))
    return "Placement rates by level: " + "; ".join(lines) + "." if lines else None


def conflict_words(s: SupplyDemand) -> str:
    """'the openings given disagree (120 for Welder, 100 for 51-4121); correct one with
    focusgroup programs openings'."""
    figures = ", ".join(f"{o.openings:,} for {o.occupation}" for o in s.conflict)
    return (
        f"the openings given disagree ({figures}); correct them with focusgroup programs openings"
    )


def source_words(s: SupplyDemand) -> str:
    """' (ND LMI)': whose openings figure it is; '' when none was given."""
    return f" ({'; '.join(s.sources)})" if s.sources else ""
