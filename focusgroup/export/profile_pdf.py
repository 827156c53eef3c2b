"""One job profile as a PDF: the function and task matrix of the guide's Appendix C, and the rest.

Functions are column headings with their tasks listed under each (four columns to a row of
the matrix, as in the technical sales representative example); then competencies by level,
what changes between levels, paths in and out, skills gaps, open questions for the next
focus group, what the room changed since the last version, and O*NET facts with attribution.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from focusgroup.export.fonts import markup
from focusgroup.export.pdf.theme import (
    ACCENT,
    ACCENT_LIGHT,
    FRAME_WIDTH,
    LEVEL_COLOURS,
    PAPER_TINT,
    RULE,
    Styles,
    build_pdf,
    section,
)
from focusgroup.export.profiles import LEVELS, Function, JobProfile

MATRIX_COLUMNS = 4
LEVEL_LABELS = {"entry": "Entry level", "mid": "Mid level", "advanced": "Advanced"}


def write_profile_pdf(profile: JobProfile, path: Path, *, session_title: str = "") -> Path:
    styles = Styles()
    story: list[Flowable] = []
    story += _head(styles, profile)
    story += _matrix(styles, profile.functions)
    story += _competencies(styles, profile)
    story += _lists(styles, profile)
    story += _changes(styles, profile)
    story += _onet(styles, profile)
    footer = f"{profile.occupation} · job profile v{profile.version}"
    if session_title:
        footer += f" · {session_title}"
    return build_pdf(
        path,
        story,
        footer_left=footer,
        title=f"{profile.occupation} job profile",
        subject=f"Job profile, version {profile.version}",
    )


def _head(styles: Styles, p: JobProfile) -> list[Flowable]:
    kind = "Strawman job profile" if p.version == 1 else "Updated job profile"
    sub = [
        f"SOC {p.soc_code} {p.soc_title}".strip() if p.soc_code else "",
        f"O*NET {p.onet_code}" if p.onet_code and p.onet_code != p.soc_code else "",
        LEVEL_LABELS.get(p.level, ""),
    ]
    out: list[Flowable] = [
        Paragraph(markup(f"{kind} · version {p.version}".upper()), styles.label),
        styles.p(p.occupation, styles.title),
    ]
    if any(sub):
        out.append(styles.p(" · ".join(x for x in sub if x), styles.subtitle))
    out.append(Spacer(1, 8))
    if p.description:
        out += [Paragraph("DESCRIPTION", styles.label), styles.p(p.description)]
    if len(p.wordings) > 1 or (p.wordings and p.wordings[0] != p.occupation):
        out += [Paragraph("WHAT EMPLOYERS CALL IT", styles.label), styles.p("; ".join(p.wordings))]
    if p.sources:
        out += [Paragraph("BUILT FROM", styles.label), styles.p("; ".join(p.sources), styles.small)]
    return out


def _matrix(styles: Styles, functions: Sequence[Function]) -> list[Flowable]:
    out: list[Flowable] = [*section(styles, "Job functions and tasks")]
    out.append(
        styles.p(
            "Functions across the top, the tasks under each. ▲ marks a task employers "
            "say is most often done poorly. Level in brackets where one was set.",
            styles.small,
        )
    )
    out.append(Spacer(1, 4))
    if not functions:
        return [*out, styles.p("No functions yet: to be defined with employers.")]
    for start in range(0, len(functions), MATRIX_COLUMNS):
        group = list(functions[start : start + MATRIX_COLUMNS])
        width = FRAME_WIDTH / len(group) if len(group) > 2 else FRAME_WIDTH / MATRIX_COLUMNS
        head = [Paragraph(markup(f.name, bold=True), styles.cell_head) for f in group]
        cells = []
        for f in group:
            items: list[Flowable] = []
            for t in f.tasks:
                mark = '<font color="#b4541a">▲</font> ' if t.lacking else ""
                level = f' <font color="#5f6b7a">({t.level})</font>' if t.level else ""
                items.append(Paragraph(mark + markup(t.text) + level, styles.cell))
                items.append(Spacer(1, 3))
            cells.append(items or "")
        table = Table([head, cells], colWidths=[width] * len(group), repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                    ("BACKGROUND", (0, 1), (-1, -1), PAPER_TINT),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEAFTER", (0, 0), (-2, -1), 2, colors.white),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        out += [table, Spacer(1, 8)]
    return out


def _competencies(styles: Styles, p: JobProfile) -> list[Flowable]:
    if not p.competencies:
        return []
    out = section(styles, "Competencies by level")
    head = [Paragraph(LEVEL_LABELS[lv], styles.cell_head) for lv in LEVELS]
    cells = []
    for lv in LEVELS:
        items: list[Flowable] = []
        for c in p.competencies_at(lv):
            kind = f' <font color="#5f6b7a">{markup(c.ksa)}</font>' if c.ksa else ""
            mark = '<font color="#b4541a">▲</font> ' if c.lacking else ""
            items += [Paragraph(mark + markup(c.text) + kind, styles.cell), Spacer(1, 3)]
        cells.append(items or "")
    table = Table([head, cells], colWidths=[FRAME_WIDTH / 3] * 3)
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEAFTER", (0, 0), (-2, -1), 2, colors.white),
    ]
    style += [("BACKGROUND", (i, 1), (i, 1), LEVEL_COLOURS[i]) for i in range(3)]
    table.setStyle(TableStyle(style))
    out.append(table)
    anywhere = [c.text for c in p.competencies if c.level not in LEVELS]
    if anywhere:
        out += [Paragraph("AT EVERY LEVEL", styles.label), styles.p("; ".join(anywhere))]
    return out


def _lists(styles: Styles, p: JobProfile) -> list[Flowable]:
    out: list[Flowable] = []
    if p.level_changes:
        out += [
            *section(styles, "What changes from one level to the next"),
            *styles.bullets(p.level_changes),
        ]
    if p.paths_in or p.paths_out:
        out += section(styles, "Paths into and out of the job")
        cols = []
        for label, items in (("Into the job", p.paths_in), ("Onward from it", p.paths_out)):
            cols.append(
                [
                    Paragraph(label.upper(), styles.label),
                    *(styles.bullets(items) or [styles.p("—", styles.small)]),
                ]
            )
        out.append(
            Table(
                [cols],
                colWidths=[FRAME_WIDTH / 2] * 2,
                style=TableStyle(
                    [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
                ),
            )
        )
    if p.skills_gaps:
        out += [
            *section(styles, "Skills gaps for education and training partners"),
            *styles.bullets(p.skills_gaps),
        ]
    if p.open_questions:
        out += section(styles, "Open questions for the next focus group")
        out += [
            Paragraph(markup(q), styles.bullet, bulletText=f"{i}.")
            for i, q in enumerate(p.open_questions, 1)
        ]
    return out


def _changes(styles: Styles, p: JobProfile) -> list[Flowable]:
    c = p.changes
    if c is None:
        return []
    out = section(styles, f"What the room changed since version {c.previous_version}")
    if c.empty:
        return [*out, styles.p("The room confirmed the previous version without changes.")]
    rows: list[list[object]] = []

    def add(label: str, items: Sequence[str]) -> None:
        if items:
            rows.append(
                [Paragraph(markup(label.upper()), styles.label), [*styles.bullets(list(items))]]
            )

    add("Tasks added", c.added_tasks)
    add("Tasks removed", c.removed_tasks)
    add("Tasks reworded", [f"{r.before} → {r.after}" for r in c.reworded_tasks])
    add("Tasks moved", c.moved_tasks)
    add("Functions added", c.added_functions)
    add("Functions removed", c.removed_functions)
    add("New competencies", c.new_competencies)
    table = Table(rows, colWidths=[38 * mm, FRAME_WIDTH - 38 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return [*out, table]


def _onet(styles: Styles, p: JobProfile) -> list[Flowable]:
    o = p.onet
    if o is None:
        return []
    facts = [
        (k, v)
        for k, v in (
            ("Job zone", o.job_zone),
            ("Typical education", o.education),
            ("Median wage", o.median_wage),
            ("Employment", o.employment),
        )
        if v
    ]
    out = section(styles, "From O*NET and national data")
    for label, value in facts:
        out.append(styles.rich(f"<b>{markup(label)}:</b> {markup(value)}"))
    if o.technology:
        out += [Paragraph("TOOLS AND TECHNOLOGY", styles.label), styles.p("; ".join(o.technology))]
    if o.skills:
        out += [
            Paragraph("MOST IMPORTANT SKILLS (O*NET)", styles.label),
            styles.p("; ".join(o.skills)),
        ]
    if o.knowledge:
        out += [Paragraph("KNOWLEDGE (O*NET)", styles.label), styles.p("; ".join(o.knowledge))]
    if o.related:
        out += [Paragraph("RELATED OCCUPATIONS", styles.label), styles.p("; ".join(o.related))]
    if o.attribution:
        out += [Spacer(1, 6), styles.p(o.attribution, styles.small)]
    return [KeepTogether(out)]
