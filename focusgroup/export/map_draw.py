"""Draw laid-out career pathway map pages: as a PDF (reportlab canvas) and as an SVG.

Both take the same `PageLayout`, so the printed page and the slide are the same picture.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as _xml_escape

from focusgroup.export.map_layout import PAGE_H, PAGE_W, Arrow, PageLayout

PALETTE = {
    "ink": "#1d2330",
    "muted": "#5f6b7a",
    "rule": "#b9c3cf",
    "accent": "#1f5f7a",
    "paper": "#f5f7fa",
    "white": "#ffffff",
    "level0": "#e8f3ea",
    "level1": "#fdf3dc",
    "level2": "#f3e6f0",
}
"""Light level tints (entry, mid, advanced) as in the summary PDF; ink prints in greyscale."""


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """Text for an SVG element: XML-escaped, with the control characters XML forbids removed."""
    return _xml_escape(_NOT_XML.sub("", text))


def _head(points: list[tuple[float, float]], size: float = 4.5) -> list[tuple[float, float]]:
    """The arrowhead triangle at the last point, pointing along the last segment."""
    (x0, y0), (x1, y1) = points[-2], points[-1]
    dx, dy = x1 - x0, y1 - y0
    length = max((dx * dx + dy * dy) ** 0.5, 0.001)
    ux, uy = dx / length, dy / length
    bx, by = x1 - ux * size, y1 - uy * size
    return [
        (x1, y1),
        (bx - uy * size * 0.55, by + ux * size * 0.55),
        (bx + uy * size * 0.55, by - ux * size * 0.55),
    ]


def write_pdf(layouts: list[PageLayout], path: Path, *, title: str) -> Path:
    from reportlab.lib import colors
    from reportlab.pdfgen.canvas import Canvas

    from focusgroup.export.fonts import draw_string, register_fonts

    register_fonts()
    canvas = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor("focusgroup")
    ink = {k: colors.HexColor(v) for k, v in PALETTE.items()}
    for page in layouts:
        for box in page.boxes:
            canvas.setFillColor(ink[box.fill])
            canvas.setStrokeColor(ink[box.stroke] if box.stroke else ink[box.fill])
            canvas.setLineWidth(0.6)
            # Square corners: a rounded one is four Bézier curves of numbers to format.
            canvas.rect(box.x, box.y, box.w, box.h, stroke=1, fill=1)
        canvas.setStrokeColor(ink["accent"])
        canvas.setFillColor(ink["accent"])
        canvas.setLineWidth(1.1)
        for arrow in page.arrows:
            _pdf_arrow(canvas, arrow)
        colour = None
        for line in page.lines:
            if line.colour != colour:
                colour = line.colour
                canvas.setFillColor(ink[colour])
            runs = _runs(line.text, line.bold)
            if len(runs) == 1 and line.align == "left":  # most lines: one font, no measuring
                canvas.setFont(runs[0][0], line.size)
                canvas.drawString(line.x, line.y, runs[0][1])
                continue
            draw_string(
                canvas, line.x, line.y, line.text, size=line.size, bold=line.bold, align=line.align
            )
        canvas.showPage()
    canvas.save()
    return path


@functools.lru_cache(maxsize=8192)
def _runs(text: str, bold: bool) -> tuple[tuple[str, str], ...]:
    from focusgroup.export.fonts import SANS, SANS_BOLD, font_runs

    return tuple(font_runs(text, SANS_BOLD if bold else SANS))


def _pdf_arrow(canvas: Any, arrow: Arrow) -> None:
    path = canvas.beginPath()
    path.moveTo(*arrow.points[0])
    for point in arrow.points[1:]:
        path.lineTo(*point)
    canvas.drawPath(path, stroke=1, fill=0)
    head = canvas.beginPath()
    tip = _head(arrow.points)
    head.moveTo(*tip[0])
    for point in tip[1:]:
        head.lineTo(*point)
    head.close()
    canvas.drawPath(head, stroke=0, fill=1)


def render_svg(layouts: list[PageLayout]) -> str:
    """All pages stacked vertically in one SVG (one page for one pathway)."""
    height = PAGE_H * max(1, len(layouts))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{PAGE_W:.0f}pt" height="{height:.0f}pt" '
        f'viewBox="0 0 {PAGE_W:.0f} {height:.0f}" font-family="DejaVu Sans, Verdana, sans-serif">',
        f'<rect width="{PAGE_W:.0f}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    for index, page in enumerate(layouts):
        offset = PAGE_H * index

        def y(value: float, offset: float = offset) -> float:
            return offset + PAGE_H - value

        out.append(f'<g id="page-{index + 1}">')
        for box in page.boxes:
            stroke = PALETTE[box.stroke] if box.stroke else PALETTE[box.fill]
            out.append(
                f'<rect x="{box.x:.1f}" y="{y(box.y + box.h):.1f}" width="{box.w:.1f}" '
                f'height="{box.h:.1f}" fill="{PALETTE[box.fill]}" '
                f'stroke="{stroke}" stroke-width="0.6"/>'
            )
        for arrow in page.arrows:
            points = " ".join(f"{px:.1f},{y(py):.1f}" for px, py in arrow.points)
            head = " ".join(f"{px:.1f},{y(py):.1f}" for px, py in _head(arrow.points))
            out.append(
                f'<polyline points="{points}" fill="none" stroke="{PALETTE["accent"]}" '
                'stroke-width="1.1"/>'
            )
            out.append(f'<polygon points="{head}" fill="{PALETTE["accent"]}"/>')
        for line in page.lines:
            weight = ' font-weight="bold"' if line.bold else ""
            if line.align == "right":
                weight += ' text-anchor="end"'
            out.append(
                f'<text x="{line.x:.1f}" y="{y(line.y):.1f}" font-size="{line.size:.1f}" '
                f'fill="{PALETTE[line.colour]}"{weight}>{escape(line.text)}</text>'
            )
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
