"""One job profile as a PDF: the function and task matrix of the guide's Appendix C, and the rest.

Landscape, so the matrix (functions across the top, tasks under each) fits one page with up to
six columns: the type shrinks a step when a matrix is tall, and a matrix taller than a page
continues on the next one (every table is built with `splitInRow=1`: a row taller than the
frame would otherwise raise reportlab's LayoutError). Page two on: who vetted it, what the
room said per task, competencies, O*NET and OEWS facts, paths, gaps and open questions.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from focusgroup.export.fonts import markup
from focusgroup.export.pdf.theme import ACCENT, MARGIN, PAPER_TINT, Styles, build_pdf
from focusgroup.export.profile_pdf_page import PAGE, WIDTH
from focusgroup.export.profile_pdf_sections import later_pages, vetted_line
from focusgroup.export.profiles import SOURCE_EMPLOYERS, Function, JobProfile, Task

MATRIX_HEIGHT = PAGE[1] - 2 * MARGIN - 6 * 2.835 - 120
"""Room for the matrix under the title block on page one (points)."""
MATRIX_COLUMNS = 6
LEVEL_LABELS = {"entry": "Entry level", "mid": "Mid level", "advanced": "Advanced"}
FONT_STEPS = (8.5, 7.5, 6.8)
LACKING = "▲"
POORLY = "◆"
OURS = "★"


def write_profile_pdf(profile: JobProfile, path: Path, *, session_title: str = "") -> Path:
    styles = Styles()
    story: list[Flowable] = []
    story += _head(styles, profile)
    story += _matrix(styles, profile)
    story.append(PageBreak())
    story += later_pages(styles, profile, WIDTH)
    footer = f"{profile.occupation} · job profile v{profile.version}"
    if session_title:
        footer += f" · {session_title}"
    return build_pdf(
        path,
        story,
        footer_left=footer,
        title=f"{profile.occupation} job profile",
        subject=f"Job profile, version {profile.version}",
        pagesize=PAGE,
    )


def _head(styles: Styles, p: JobProfile) -> list[Flowable]:
    if p.uncoded:
        kind = "Skeleton (not yet crosswalked to O*NET)"
    else:
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
    out.append(styles.p(vetted_line(p), styles.small))
    out.append(Spacer(1, 6))
    return out


def _matrix(styles: Styles, p: JobProfile) -> list[Flowable]:
    title = "Job functions and tasks" if not p.uncoded else "What the room said (no functions yet)"
    out: list[Flowable] = [Paragraph(markup(title), styles.h2)]
    legend = (
        f"Functions across the top, tasks under each. {OURS} said by employers; "
        f"{LACKING} lacking in entry-level candidates; {POORLY} most often done poorly; "
        "votes: hands for training priority; level in brackets where one was set."
    )
    out += [styles.p(legend, styles.small), Spacer(1, 4)]
    functions = [f for f in p.functions if f.tasks] or list(p.functions)
    if not functions:
        return [*out, styles.p("No functions yet: to be defined with employers.")]
    for size in FONT_STEPS:
        tables = _tables(styles, functions, size)
        height = sum(t.wrap(WIDTH, MATRIX_HEIGHT)[1] for t in tables)
        if height <= MATRIX_HEIGHT:
            break
    return [*out, *tables]


def _tables(styles: Styles, functions: Sequence[Function], size: float) -> list[Flowable]:
    cell = ParagraphStyle(f"cell{size}", parent=styles.cell, fontSize=size, leading=size * 1.28)
    head_style = ParagraphStyle(
        f"head{size}", parent=styles.cell_head, fontSize=size, leading=size * 1.25
    )
    out: list[Flowable] = []
    for start in range(0, len(functions), MATRIX_COLUMNS):
        group = list(functions[start : start + MATRIX_COLUMNS])
        width = WIDTH / max(len(group), 3)
        head = [Paragraph(markup(f.name, bold=True), head_style) for f in group]
        cells = []
        for f in group:
            items: list[Flowable] = []
            for t in f.tasks:
                items += [Paragraph(task_markup(t), cell), Spacer(1, 3)]
            cells.append(items or "")
        # Function names are the room's words, shown whole: a name taller than a quarter page
        # can't be repeated on each page (reportlab can't split a repeated row), so it isn't.
        tall = max(h.wrap(width - 12, MATRIX_HEIGHT)[1] for h in head) > MATRIX_HEIGHT / 4
        table = Table(
            [head, cells],
            colWidths=[width] * len(group),
            repeatRows=0 if tall else 1,
            hAlign="LEFT",
            splitInRow=1,
        )
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                    ("BACKGROUND", (0, 1), (-1, -1), PAPER_TINT),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEAFTER", (0, 0), (-2, -1), 2, colors.white),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        out += [table, Spacer(1, 6)]
    return out


def task_markup(t: Task) -> str:
    marks = ""
    if t.source == SOURCE_EMPLOYERS:
        marks += f'<font color="#1f5f7a">{OURS}</font> '
    if t.lacking:
        marks += f'<font color="#b4541a">{LACKING}</font> '
    if t.underperformed:
        marks += f'<font color="#8e2c48">{POORLY}</font> '
    tail = []
    if t.level:
        tail.append(t.level)
    if t.votes:
        tail.append(f"{t.votes} vote{'s' if t.votes != 1 else ''}")
    suffix = f' <font color="#5f6b7a">({", ".join(tail)})</font>' if tail else ""
    return marks + markup(t.text) + suffix
