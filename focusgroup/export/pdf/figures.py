"""Figures: the wall as a grid, the reason bar chart, the follow-up QR code.

All vector (reportlab graphics and tables), so they stay sharp when printed and need no
Pillow. Labels are Paragraphs, so any script renders in them.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from focusgroup.domain.model import Card
from focusgroup.domain.wall import Wall
from focusgroup.export.fonts import markup
from focusgroup.export.pdf.theme import (
    ACCENT,
    ACCENT_LIGHT,
    FRAME_WIDTH,
    INK,
    LEVEL_COLOURS,
    MUTED,
    RULE,
    Styles,
    parse_colour,
    tint,
)
from focusgroup.export.snapshot import SessionSnapshot

CELL_LIMIT = 8
"""Occupations shown per grid cell; the ranked list below the figure has them all."""


def wall_grid(styles: Styles, snap: SessionSnapshot, wall: Wall) -> Flowable:
    """Categories down the side, levels across (entry → advanced): the wall, as a pathway."""
    levels = wall.levels
    # A competencies meeting's tasks come from the profile: nobody wrote them, so they are
    # shown in the wall's order with no count of employers.
    tasks = snap.is_competency_session
    head = [Paragraph("", styles.cell_head)] + [
        Paragraph(markup(snap.level_label(lv)), styles.cell_head) for lv in levels
    ]
    rows: list[list[object]] = [head]
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.white),
        ("LINEAFTER", (0, 0), (-1, -1), 2, colors.white),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]
    for r, cat in enumerate(wall.categories, start=1):
        colour = parse_colour(cat.colour, MUTED)
        row: list[object] = [Paragraph(markup(cat.name, bold=True), styles.cell)]
        style += [
            ("BACKGROUND", (0, r), (0, r), tint(colour, 0.7)),
            ("LINEBEFORE", (0, r), (0, r), 4, colour),
        ]
        for c, level in enumerate(levels, start=1):
            cards = list(wall.cell(cat.id, level))
            if not tasks:
                cards.sort(key=lambda k: (-k.employers, -k.hands))
            row.append(_cell(styles, cards, counted=not tasks))
            style.append(("BACKGROUND", (c, r), (c, r), LEVEL_COLOURS[(c - 1) % 3]))
        rows.append(row)
    if wall.unsorted:
        rows.append(
            [Paragraph(markup("Not yet sorted", bold=True), styles.cell)]
            + [_cell(styles, list(wall.unsorted), counted=not tasks)]
            + [""] * (len(levels) - 1)
        )
        n = len(rows) - 1
        style += [("SPAN", (1, n), (-1, n)), ("BACKGROUND", (0, n), (-1, n), colors.whitesmoke)]
    first = 34 * mm
    widths = [first] + [(FRAME_WIDTH - first) / len(levels)] * len(levels)
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1, style=TableStyle(style))
    return table


def _cell(styles: Styles, cards: Sequence[Card], *, counted: bool) -> list[Flowable] | str:
    if not cards:
        return ""
    items: list[Flowable] = []
    for card in cards[:CELL_LIMIT]:
        # Distinct employers: one employer's first and third card in a stack count once.
        n = card.employers if counted else 0
        badge = f' <font color="#1f5f7a"><b>{n}</b></font>' if n > 1 else ""
        items.append(Paragraph(markup(card.text) + badge, styles.cell))
    if len(cards) > CELL_LIMIT:
        items.append(Paragraph(f"+ {len(cards) - CELL_LIMIT} more", styles.small))
    return items


def reason_chart(styles: Styles, counts: Sequence[tuple[str, int]]) -> Flowable:
    """A horizontal bar chart of why-critical reasons; one table row per reason."""
    top = max((n for _, n in counts), default=1) or 1
    bar_width = FRAME_WIDTH * 0.5
    rows = []
    for label, n in counts:
        drawing = Drawing(bar_width, 12)
        drawing.add(Rect(0, 1, bar_width, 10, fillColor=ACCENT_LIGHT, strokeColor=None))
        drawing.add(Rect(0, 1, max(2, bar_width * n / top), 10, fillColor=ACCENT, strokeColor=None))
        rows.append(
            [Paragraph(markup(label), styles.cell), drawing, Paragraph(f"<b>{n}</b>", styles.cell)]
        )
    table = Table(
        rows, colWidths=[FRAME_WIDTH * 0.38, bar_width + 6, FRAME_WIDTH * 0.08], splitInRow=1
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE),
            ]
        )
    )
    return table


QR_MAX_BYTES = 2331
"""The most a QR code holds at error correction M (version 40, byte mode)."""


def qr_code(url: str, size: float = 34 * mm) -> Drawing | None:
    """The follow-up link as a vector QR code (error correction M, 4-module quiet zone).

    None when the link is longer than any QR code holds: the link is still printed.
    """
    from reportlab.graphics.barcode.qr import QrCodeWidget

    if len(url.encode("utf-8")) > QR_MAX_BYTES:
        return None
    widget = QrCodeWidget(url, barLevel="M", barWidth=size, barHeight=size, barBorder=4)
    widget.barFillColor = INK
    drawing = Drawing(size, size)
    drawing.add(widget)
    return drawing
