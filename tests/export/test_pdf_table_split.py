"""A table row a hair taller than the page still lays out (found by test_profile_layout).

reportlab splits a row across pages only when both pieces are at least `splitInRow` points
tall; at 1 pt a row up to 1 pt taller than the frame stopped the whole export. Every PDF we
write goes through `build_pdf`, so the row is built at exactly that overflow here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from focusgroup.export.fonts import register_fonts
from focusgroup.export.pdf.theme import BOTTOM_MARGIN, MARGIN, PAGE, build_pdf
from tests.export.builders import pdf_text

FRAME_HEIGHT = PAGE[1] - MARGIN - BOTTOM_MARGIN - 12  # a Frame pads 6 pt above and below
LINES = 40
CELL_PADDING = 8  # 4 above and 4 below, set on the table


@pytest.mark.parametrize("overflow", [0.001, 0.1, 0.4, 0.99, 1.5, 30.0])
def test_a_row_just_taller_than_the_page_is_split_not_refused(
    tmp_path: Path, overflow: float
) -> None:
    register_fonts()  # the footer's font
    leading = (FRAME_HEIGHT + overflow - CELL_PADDING) / LINES
    style = ParagraphStyle("line", fontName="Helvetica", fontSize=min(leading - 1, 10))
    style.leading = leading
    cell = [Paragraph(f"line {n}", style) for n in range(1, LINES + 1)]
    table = Table([[cell]], colWidths=[300])
    table.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 4),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))  # fmt: skip
    out = build_pdf(tmp_path / "tall.pdf", [table], footer_left="test", title="Tall row")
    text = pdf_text(out)
    assert all(f"line{n}" in text for n in range(1, LINES + 1))
