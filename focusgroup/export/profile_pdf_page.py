"""The job profile PDF's page: US Letter landscape, so a six-column task matrix fits."""

from __future__ import annotations

from reportlab.lib.pagesizes import LETTER, landscape

from focusgroup.export.pdf.theme import MARGIN

PAGE = landscape(LETTER)
WIDTH = PAGE[0] - 2 * MARGIN
