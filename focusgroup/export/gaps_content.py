"""The words of the gap-analysis report, shared by the Markdown and the PDF.

Both documents print the same findings in the same order, so what a partner reads in one is
what the other says. Lines are plain text (user text as stored); each renderer escapes.
"""

from __future__ import annotations

from dataclasses import dataclass

from focusgroup.domain.gap_questions import conflict_words, source_words
from focusgroup.domain.gaps import COVERED, NOT_COVERED, PARTLY, Spread, SupplyDemand
from focusgroup.domain.programs import Program, Referral
from focusgroup.export.gaps_data import GapDocument

SYMBOLS = {COVERED: "\u25cf", PARTLY: "\u25d0", NOT_COVERED: "\u25cb"}
"""● covered, ◐ partly, ○ not covered: readable without colour."""

NONE_FOUND = "None found."


@dataclass(frozen=True)
class Section:
    key: str
    """The JSON key holding the same findings."""
    title: str
    intro: str
    lines: tuple[str, ...]


def program_name(doc: GapDocument, program: Program) -> str:
    return f"P{doc.program_number(program)} {program.title} \u2014 {program.institution}".rstrip(
        " \u2014"
    )


def _money(value: float | None) -> str:
    if value is None:
        return ""
    return f"${value:,.0f}" if value == int(value) else f"${value:,.2f}"


def _spread_line(doc: GapDocument, s: Spread) -> str:
    names = ", ".join(f"P{doc.program_number(p)}" for p in s.programs)
    parts = [f"{s.occupation}, {s.level or 'level not given'} ({names})"]
    total = len(s.programs)
    if s.cost_low is not None:
        partial = f", {s.costs_compared} of {total} programs" if s.costs_compared < total else ""
        parts.append(
            f"cost {_money(s.cost_low)} to {_money(s.cost_high)} "
            f"(differs by {_money((s.cost_high or 0) - s.cost_low)}{partial})"
        )
    else:
        parts.append("cost: " + (" / ".join(p.cost or "not given" for p in s.programs)))
    if s.length_low is not None:
        partial = (
            f", {s.lengths_compared} of {total} programs" if s.lengths_compared < total else ""
        )
        parts.append(
            f"length {s.length_low:g} to {s.length_high:g} {s.length_unit} "
            f"(differs by {(s.length_high or 0) - s.length_low:g}{partial})"
        )
    else:
        parts.append("length: " + (" / ".join(p.length or "not given" for p in s.programs)))
    parts.append("prerequisites: " + " / ".join(x or "none given" for x in s.prerequisites))
    return "; ".join(parts)


def findings(doc: GapDocument) -> tuple[Section, ...]:
    """The report's finding sections, in order; an empty one says "None found."."""
    r = doc.report
    sections = [
        Section(
            "uncovered_occupations",
            "Uncovered occupations",
            "Occupations no program in the inventory prepares for.",
            tuple(
                f"{o.name} ({o.level or 'level not set'}"
                + (f", {o.category})" if o.category else ")")
                for o in r.uncovered_occupations
            ),
        ),
        Section(
            "uncovered_competencies",
            "Uncovered competencies",
            "Competencies employers flagged as lacking that no program teaches.",
            tuple(f"{c} \u2014 for {o.name}" for o, c in r.uncovered_competencies),
        ),
        Section(
            "duplicates",
            "Duplicates",
            "The same credential for the same occupation at two or more institutions.",
            tuple(
                f"{d.credential} for {d.occupation}: {', '.join(d.institutions)} "
                f"({', '.join(f'P{doc.program_number(p)}' for p in d.programs)})"
                for d in r.duplicates
            ),
        ),
        Section(
            "orphans",
            "Orphans",
            "Programs that serve no occupation of this meeting.",
            tuple(
                f"{program_name(doc, p)}: serves "
                + ("; ".join(p.occupations) if p.occupations else "no occupation listed")
                for p in r.orphans
            ),
        ),
        Section(
            "dead_ends",
            "Dead ends",
            "Entry and mid-level programs with no next step to a higher level (a program "
            "with no level given is not judged: programs check lists it).",
            tuple(
                f"{program_name(doc, d.program)} ({d.program.level}): {d.reason}"
                for d in r.dead_ends
            ),
        ),
        Section(
            "missing_links",
            "Missing links",
            "Linkages naming a program or credential that is not in the inventory.",
            tuple(
                f"{program_name(doc, m.program)}: \u201c{m.linkage}\u201d" for m in r.missing_links
            ),
        ),
        Section(
            "spreads",
            "Spreads between similar programs",
            "Programs preparing for the same occupation at the same level: cost, length, "
            "prerequisites.",
            tuple(_spread_line(doc, s) for s in r.spreads),
        ),
        Section(
            "supply_demand",
            "Supply against demand",
            "Completions a year of the programs for an occupation, against its openings a year "
            "(a program for two occupations counts toward both).",
            tuple(_supply_line(s) for s in r.supply_demand),
        ),
        Section(
            "referrals",
            "Where employers find applicants (step 8)",
            "What employers said about local programs, out-of-state hiring and promotion "
            "from within.",
            tuple(_referral_line(doc, x) for x in r.referrals),
        ),
    ]
    return tuple(sections)


def _supply_line(s: SupplyDemand) -> str:
    if s.openings is None:
        return f"{s.occupation}: not compared, {conflict_words(s)}"
    line = (
        f"{s.occupation}: {s.openings:,} openings{source_words(s)}, {s.completions:,} completions"
    )
    if s.missing:
        count = len(s.missing)
        line += f" (at least; {count} program{'s' if count != 1 else ''} gave no completions)"
    elif s.openings > s.completions:
        line += f", short by {s.openings - s.completions:,}"
    return line


def _referral_line(doc: GapDocument, x: Referral) -> str:
    who = doc.employer(x.participant_id)
    parts = []
    if x.program:
        where = f"{x.program} ({x.institution})" if x.institution else x.program
        parts.append(("favourite: " if x.favourite else "recruits from ") + where)
    if x.occupation:
        parts.append(f"for {x.occupation}")
    if x.out_of_state:
        parts.append(f"out of state: {x.out_of_state}")
    if x.promotes_within:
        parts.append(f"promotes from within: {x.promotes_within}")
    if x.note:
        parts.append(x.note)
    return (f"{who}: " if who else "") + "; ".join(parts)
