"""The gap analysis as a PDF for the career pathway support team.

The coverage matrix puts occupations down the side and programs across the top as P1, P2 ...
(keyed in a table under it), so ten programs fit a portrait page at a readable size; more
programs continue in further blocks of `COLUMNS_PER_BLOCK`. Cells carry a symbol as well as a
tint, so the matrix reads in black and white.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from focusgroup.domain.gaps import COVERAGE_MEANING, COVERED, NOT_COVERED, PARTLY
from focusgroup.domain.programs import Program
from focusgroup.export.fonts import markup
from focusgroup.export.gaps_content import NONE_FOUND, SYMBOLS, findings
from focusgroup.export.gaps_data import GapDocument
from focusgroup.export.pdf.theme import (
    ACCENT,
    FRAME_WIDTH,
    PAPER_TINT,
    RULE,
    Styles,
    build_pdf,
    section,
)

COLUMNS_PER_BLOCK = 10
OCCUPATION_WIDTH = 150.0
FILLS = {
    COVERED: colors.HexColor("#d6ecd9"),
    PARTLY: colors.HexColor("#fbe7b5"),
    NOT_COVERED: colors.white,
}


def write_gaps_pdf(doc: GapDocument, path: Path) -> Path:
    styles = Styles()
    story: list[Flowable] = []
    story += _head(styles, doc)
    story += _coverage(styles, doc)
    for part in findings(doc):
        items = styles.bullets(part.lines) if part.lines else [styles.p(NONE_FOUND)]
        head = [*section(styles, part.title), styles.p(part.intro, styles.small), Spacer(1, 2)]
        story.append(KeepTogether([*head, items[0]]))  # a heading never ends a page
        story += items[1:]
    story += _questions(styles, doc)
    title = f"Gap analysis: {doc.session.title}"
    return build_pdf(
        path,
        story,
        footer_left=f"{doc.session.title} \u00b7 education and training gap analysis",
        title=title,
        subject="Education and training asset inventory and gap analysis",
    )


def _head(styles: Styles, doc: GapDocument) -> list[Flowable]:
    r = doc.report
    out: list[Flowable] = [
        styles.p("Education and training gap analysis", styles.title),
        styles.p(doc.session.title, styles.subtitle),
    ]
    place = " \u00b7 ".join(x for x in (doc.session.region, doc.session.date) if x.strip())
    if place:
        out.append(styles.p(place, styles.subtitle))
    out.append(Spacer(1, 6))
    occupations = f"{len(r.occupations)} occupation{'s' if len(r.occupations) != 1 else ''}"
    programs = f"{len(r.programs)} program{'s' if len(r.programs) != 1 else ''}"
    out.append(
        styles.p(f"Analysed: {occupations} ({doc.scope}) against {programs} in the inventory.")
    )
    return out


def _coverage(styles: Styles, doc: GapDocument) -> list[Flowable]:
    r = doc.report
    out = section(styles, "Coverage")
    out += [
        styles.rich(f"{markup(SYMBOLS[k])} <b>{markup(k)}</b>: {markup(v)}", styles.small)
        for k, v in COVERAGE_MEANING.items()
    ]
    out.append(Spacer(1, 4))
    if not (r.occupations and r.programs):
        missing = "occupations on the wall" if not r.occupations else "programs in the inventory"
        return [*out, styles.p(f"No {missing} yet, so there is no matrix.")]
    programs = list(r.programs)
    for start in range(0, len(programs), COLUMNS_PER_BLOCK):
        out.append(_matrix(styles, doc, programs[start : start + COLUMNS_PER_BLOCK]))
        out.append(Spacer(1, 6))
    out.append(_key(styles, doc))
    return out


def _matrix(styles: Styles, doc: GapDocument, block: list[Program]) -> Flowable:
    r = doc.report
    cell_width = min(48.0, (FRAME_WIDTH - OCCUPATION_WIDTH) / max(len(block), 1))
    head = [styles.p("Occupation", styles.cell_head)] + [
        styles.p(f"P{doc.program_number(p)}", styles.cell_head) for p in block
    ]
    data = [head]
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
    ]
    mark = ParagraphStyle("coverage_mark", parent=styles.cell, alignment=TA_CENTER)
    head[1:] = [
        styles.p(
            f"P{doc.program_number(p)}",
            ParagraphStyle("coverage_key", parent=styles.cell_head, alignment=TA_CENTER),
        )
        for p in block
    ]
    for row, (i, occupation) in enumerate(enumerate(r.occupations), 1):
        name = [markup(occupation.name, bold=True)]
        if occupation.lacking:
            name.append(
                "<font size=7 color='#5f6b7a'>lacking: "
                f"{markup('; '.join(occupation.lacking))}</font>"
            )
        cells = [styles.rich("<br/>".join(name), styles.cell)]
        for col, program in enumerate(block, 1):
            cell = r.cell(i, program)
            cells.append(styles.rich(f"<font size=11>{markup(SYMBOLS[cell.status])}</font>", mark))
            style.append(("BACKGROUND", (col, row), (col, row), FILLS[cell.status]))
        data.append(cells)
    table = Table(data, colWidths=[OCCUPATION_WIDTH] + [cell_width] * len(block), repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _key(styles: Styles, doc: GapDocument) -> Flowable:
    head = ["Key", "Program", "Credential", "Institution", "Level"]
    data = [[styles.p(h, styles.cell_head) for h in head]]
    for p in doc.report.programs:
        data.append(
            [
                styles.p(f"P{doc.program_number(p)}", styles.cell_bold),
                styles.p(p.program, styles.cell),
                styles.p(p.credential or "\u2014", styles.cell),
                styles.p(p.institution or "\u2014", styles.cell),
                styles.p(p.level or "\u2014", styles.cell),
            ]
        )
    widths = [34, 148, 130, 140, FRAME_WIDTH - 452]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, PAPER_TINT]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _questions(styles: Styles, doc: GapDocument) -> list[Flowable]:
    heading = section(styles, "The guide's questions for the gap analysis")
    out: list[Flowable] = []
    for n, answer in enumerate(doc.questions, 1):
        label = "" if answer.answered else "<b>Needs data:</b> "
        block: list[Flowable] = [
            styles.rich(f"<b>{n}.</b> <i>{markup(answer.question)}</i>", styles.body),
            styles.rich(f"{label}{markup(answer.answer)}", styles.bullet),
            Spacer(1, 3 * mm / 2),
        ]
        # The heading travels with the first question: never alone at the foot of a page.
        out.append(KeepTogether([*heading, *block] if n == 1 else block))
    return out
