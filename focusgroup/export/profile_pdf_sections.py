"""The job profile PDF after the matrix: vetting, per-task findings, competencies, O*NET and
OEWS facts, paths, gaps, what the room said, open questions and changes.

Every table here is built by `_table` with `splitInRow=1`, and every cell is a Paragraph, so
text of any length flows onto the next page instead of failing to lay out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from focusgroup.domain.text import plural
from focusgroup.export.fonts import markup
from focusgroup.export.pdf.theme import (
    ACCENT,
    ACCENT_LIGHT,
    LEVEL_COLOURS,
    RULE,
    HeadingRule,
    Styles,
)
from focusgroup.export.profile_pdf_page import WIDTH
from focusgroup.export.profiles import SOURCE_EMPLOYERS, JobProfile, PathStep, Rated, Share

GROUP_LABELS = {
    "foundational": "Foundational (personal, academic, workplace)",
    "technical": "Technical (industry and occupation)",
    "credential": "Credentials and requirements",
}
PERCENTILES = ("10th", "25th", "Median", "75th", "90th")


def section(styles: Styles, title: str) -> list[Flowable]:
    """A section heading with its rule across the landscape page."""
    return [Paragraph(markup(title), styles.h1), HeadingRule(WIDTH)]


def vetted_line(p: JobProfile) -> str:
    if not p.rounds:
        return "Not yet reviewed by employers: a draft to correct in the first focus group."
    parts = []
    for r in p.rounds:
        said = [plural(r.employers, "employer")] if r.employers else []
        said += [r.date] if r.date else []
        parts.append(f"round {r.number}: {r.who}" + (f" ({', '.join(said)})" if said else ""))
    return "Vetted by " + "; ".join(parts) + "."


def _table(
    rows: list[list[Any]], widths: Sequence[float], extra: Sequence[Any] = (), *, head: bool = False
) -> Table:
    """`head`: the first row is our own short header, repeated on each page a table spans."""
    table = Table(
        rows, colWidths=list(widths), hAlign="LEFT", splitInRow=1, repeatRows=1 if head else 0
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                *extra,
            ]
        )
    )
    return table


def later_pages(styles: Styles, p: JobProfile, width: float) -> list[Flowable]:
    out: list[Flowable] = []
    out += _about(styles, p)
    out += _task_findings(styles, p, width)
    out += _competencies(styles, p, width)
    out += _onet(styles, p, width)
    out += _paths(styles, p, width)
    out += _lists(styles, p)
    out += _changes(styles, p, width)
    if p.onet is not None and p.onet.attribution:
        out.append(KeepTogether([Spacer(1, 8), styles.p(p.onet.attribution, styles.small)]))
    return out


def _about(styles: Styles, p: JobProfile) -> list[Flowable]:
    out: list[Flowable] = []
    if p.description:
        out += [Paragraph("DESCRIPTION (O*NET)", styles.label), styles.p(p.description)]
    if p.wordings:
        out += [Paragraph("WHAT EMPLOYERS CALL IT", styles.label), styles.p("; ".join(p.wordings))]
    if p.rounds:
        out += [Paragraph("WHO VETTED IT", styles.label)]
        for r in p.rounds:
            line = f"Round {r.number}, {r.who}: {plural(r.employers, 'employer')}"
            if r.participants:
                line += f", {plural(r.participants, 'person', 'people')}"
            line += f" — {r.session}" if r.session else ""
            line += f" ({r.date})" if r.date else ""
            out.append(styles.p(line, styles.small))
    if p.sources:
        out += [Paragraph("BUILT FROM", styles.label), styles.p("; ".join(p.sources), styles.small)]
    return out


def _task_findings(styles: Styles, p: JobProfile, width: float) -> list[Flowable]:
    """Per task: votes, flags, performance descriptors and the KSAs behind it."""
    ksas: dict[str, list[str]] = {}
    for c in p.competencies:
        if c.task:
            ksas.setdefault(c.task, []).append(c.text + (f" ({c.ksa})" if c.ksa else ""))
    tasks = [
        t
        for t in p.tasks
        if t.votes or t.underperformed or t.minimum or t.mid_level or t.advanced or t.text in ksas
    ]
    if not tasks:
        return []
    tasks.sort(key=lambda t: -t.votes)
    cell, head = styles.cell, styles.cell_head
    rows: list[list[Any]] = [
        [
            Paragraph(markup(h), head)
            for h in (
                "Task",
                "Votes",
                "Minimum",
                "Mid level",
                "Advanced",
                "Knowledge, skills, abilities",
            )
        ]
    ]
    for t in tasks:
        flags = [
            f
            for f, on in (("done poorly", t.underperformed), ("lacking at entry", t.lacking))
            if on
        ]
        label = markup(t.text) + (
            f'<br/><font color="#8e2c48">{markup(", ".join(flags))}</font>' if flags else ""
        )
        rows.append(
            [
                Paragraph(label, cell),
                Paragraph(str(t.votes) if t.votes else "–", cell),
                Paragraph(markup(t.minimum or "–"), cell),
                Paragraph(markup(t.mid_level or "–"), cell),
                Paragraph(markup(t.advanced or "–"), cell),
                Paragraph(markup("; ".join(ksas.get(t.text, ())) or "–"), cell),
            ]
        )
    unit = width / 20
    widths = [5 * unit, 1.2 * unit, 3.45 * unit, 3.45 * unit, 3.45 * unit, 3.45 * unit]
    extra = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
    ]
    return [
        *section(styles, "What the room said about each task"),
        _table(rows, widths, extra, head=True),
    ]


def _competencies(styles: Styles, p: JobProfile, width: float) -> list[Flowable]:
    if not p.competencies:
        return []
    groups = ("foundational", "technical", "credential")
    head = [Paragraph(markup(GROUP_LABELS[g]), styles.cell_head) for g in groups]
    cells = []
    for g in groups:
        items: list[Flowable] = []
        for c in p.competencies:
            if (c.group or "technical") != g:
                continue
            mark = '<font color="#b4541a">▲</font> ' if c.lacking else ""
            mark += '<font color="#1f5f7a">★</font> ' if c.source == SOURCE_EMPLOYERS else ""
            tail = ", ".join(x for x in (c.level, c.ksa) if x)
            text = (
                mark
                + markup(c.text)
                + (f' <font color="#5f6b7a">({markup(tail)})</font>' if tail else "")
            )
            items += [Paragraph(text, styles.cell), Spacer(1, 2)]
        cells.append(items or Paragraph("–", styles.cell))
    extra = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("LINEAFTER", (0, 0), (-2, -1), 2, colors.white),
        *[("BACKGROUND", (i, 1), (i, 1), LEVEL_COLOURS[i]) for i in range(3)],
    ]
    return [
        *section(styles, "Competencies employers named"),
        _table([head, cells], [width / 3] * 3, extra, head=True),
    ]


def _shares(styles: Styles, title: str, shares: Sequence[Share]) -> list[Flowable]:
    items: list[Flowable] = [Paragraph(markup(title.upper()), styles.label)]
    for s in shares:
        items.append(styles.p(f"{s.percent:.0f}%  {s.label}", styles.cell))
    if not shares:
        items.append(styles.p("No data", styles.small))
    return items


def _rated(styles: Styles, title: str, rated: Sequence[Rated]) -> list[Flowable]:
    items: list[Flowable] = [Paragraph(markup(title.upper()), styles.label)]
    for r in rated:
        score = f"{r.importance:.1f}  " if r.importance is not None else ""
        items.append(styles.p(f"{score}{r.name}", styles.cell))
    return items


def _money(value: float | None, hourly: bool, top: bool) -> str:
    if top:
        return "≥ $115.00" if hourly else "≥ $239,200"
    if value is None:
        return "not published"
    return f"${value:,.2f}" if hourly else f"${value:,.0f}"


def _onet(styles: Styles, p: JobProfile, width: float) -> list[Flowable]:
    o = p.onet
    if o is None:
        return []
    out = section(styles, "From O*NET and national wage data")
    facts = [(k, v) for k, v in (("Job zone", o.job_zone), ("Employment", o.employment)) if v]
    for label, value in facts:
        out.append(styles.rich(f"<b>{markup(label)}:</b> {markup(value)}"))
    if o.wages is not None and (o.wages.hourly or o.wages.annual):
        w = o.wages
        top = w.top_coded or (False,) * 5
        rows: list[list[Any]] = [
            [Paragraph(markup(h), styles.cell_head) for h in ("Wages (national)", *PERCENTILES)]
        ]
        for label, values, hourly in (("Hourly", w.hourly, True), ("Annual", w.annual, False)):
            if values:
                rows.append(
                    [styles.p(label, styles.cell)]
                    + [
                        styles.p(_money(v, hourly, t), styles.cell)
                        for v, t in zip(values, top, strict=False)
                    ]
                )
        out.append(
            _table(
                rows,
                [width / 6] * 6,
                [
                    ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                ],
            )
        )
        note = f"OEWS {w.code} {w.title}." + (f" {w.note}." if w.note else "")
        out.append(styles.p(note, styles.small))
    elif o.median_wage:
        out.append(styles.rich(f"<b>Median wage:</b> {markup(o.median_wage)}"))
    columns = [
        _shares(styles, "Education required (share of workers)", o.education_shares),
        _shares(styles, "Related work experience", o.experience),
        _shares(styles, "On-the-job training", o.training),
    ]
    if any(len(c) > 2 for c in columns) or o.education_shares:
        out.append(_table([columns], [width / 3] * 3))
    ksa = [
        _rated(styles, "Knowledge (importance 1-5)", o.knowledge),
        _rated(styles, "Skills (importance 1-5)", o.skills),
        _rated(styles, "Abilities (importance 1-5)", o.abilities),
    ]
    if any(len(c) > 1 for c in ksa):
        out.append(_table([ksa], [width / 3] * 3))
    if o.technology:
        out.append(
            Paragraph("TOOLS AND TECHNOLOGY (IN DEMAND IN JOB POSTINGS FIRST)", styles.label)
        )
        names = []
        for t in o.technology:
            flags = [f for f, on in (("in demand", t.in_demand), ("hot", t.hot)) if on]
            names.append(t.name + (f" ({', '.join(flags)})" if flags else ""))
        out.append(styles.p("; ".join(names)))
    if o.related:
        out += [Paragraph("RELATED OCCUPATIONS", styles.label), styles.p("; ".join(o.related))]
    return out


def _paths(styles: Styles, p: JobProfile, width: float) -> list[Flowable]:
    if not (p.paths_in or p.paths_out):
        return []

    def column(label: str, steps: Sequence[PathStep]) -> list[Flowable]:
        items: list[Flowable] = [Paragraph(label.upper(), styles.label)]
        for s in steps:
            tail = f" ({s.level})" if s.level else ""
            items.append(Paragraph(markup(s.text + tail), styles.bullet, bulletText="•"))
        return items if steps else [*items, styles.p("–", styles.small)]

    cols = [column("Into the job", p.paths_in), column("Onward from it", p.paths_out)]
    return [*section(styles, "Paths into and out of the job"), _table([cols], [width / 2] * 2)]


def _lists(styles: Styles, p: JobProfile) -> list[Flowable]:
    out: list[Flowable] = []
    if p.level_changes:
        out += [
            *section(styles, "What changes from one level to the next"),
            *styles.bullets(p.level_changes),
        ]
    if p.skills_gaps:
        out += [
            *section(styles, "Skills gaps for education and training partners"),
            *styles.bullets(p.skills_gaps),
        ]
    if p.room_notes:
        out += section(styles, "What the room said, by topic")
        topics: dict[str, list[str]] = {}
        for n in p.room_notes:
            label = n.topic + (f" (round {n.round})" if n.round else "")
            topics.setdefault(label, []).append(n.text)
        for topic, texts in topics.items():
            out += [Paragraph(markup(topic.upper()), styles.label), *styles.bullets(texts)]
    if p.open_questions:
        out += section(styles, "Open questions for the next focus group")
        out += [
            Paragraph(markup(q), styles.bullet, bulletText=f"{i}.")
            for i, q in enumerate(p.open_questions, 1)
        ]
    return out


def _changes(styles: Styles, p: JobProfile, width: float) -> list[Flowable]:
    c = p.changes
    if c is None:
        return []
    out = section(styles, f"What the room changed since version {c.previous_version}")
    if c.empty:
        return [*out, styles.p("The room confirmed the previous version without changes.")]
    rows: list[list[Any]] = []

    def add(label: str, items: Sequence[str]) -> None:
        if items:
            rows.append([Paragraph(markup(label.upper()), styles.label), styles.bullets(items)])

    add("Tasks added", c.added_tasks)
    add("Tasks removed", c.removed_tasks)
    add("Tasks reworded", [f"{r.before} → {r.after}" for r in c.reworded_tasks])
    add("Tasks merged", [f"{r.before} → into {r.after}" for r in c.merged_tasks])
    add("Tasks moved", c.moved_tasks)
    add("Tasks re-levelled", c.relevelled_tasks)
    add("Functions renamed", [f"{r.before} → {r.after}" for r in c.renamed_functions])
    add("Functions added", c.added_functions)
    add("Functions removed", c.removed_functions)
    add("New competencies", c.new_competencies)
    extra = [
        ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
    ]
    return [*out, _table(rows, [width * 0.2, width * 0.8], extra)]
