"""The look shared by every PDF: page size, type scale, colours, footer and page numbers.

Only imported when a PDF is built: reportlab is slow to import, and most commands need none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Table

from focusgroup.domain.text import one_line, shorten
from focusgroup.export.fonts import SANS, SANS_BOLD, draw_string, markup, register_fonts

PAGE = LETTER
MARGIN = 18 * mm
BOTTOM_MARGIN = MARGIN + 6 * mm
FRAME_WIDTH = PAGE[0] - 2 * MARGIN
FRAME_HEIGHT = PAGE[1] - MARGIN - BOTTOM_MARGIN - 12
"""The frame's usable height (SimpleDocTemplate's frame has 6 pt padding top and bottom)."""
MIN_LAST_PAGE_FILL = 0.2
"""A last page less full than this (80 % empty) is laid out again, tighter or looser."""
LAYOUT_SCALES = (1.0, 0.94, 0.88, 1.08, 1.16)
"""Type and spacing scales tried in turn until the last page is not nearly empty."""

INK = colors.HexColor("#1d2330")
MUTED = colors.HexColor("#5f6b7a")
RULE = colors.HexColor("#d5dbe3")
ACCENT = colors.HexColor("#1f5f7a")
ACCENT_LIGHT = colors.HexColor("#e3eef3")
PAPER_TINT = colors.HexColor("#f5f7fa")
LEVEL_COLOURS = (
    colors.HexColor("#e8f3ea"),
    colors.HexColor("#fdf3dc"),
    colors.HexColor("#f3e6f0"),
)
"""Entry, mid, advanced: light tints so the grid reads as a pathway left to right."""


_SCALED = ("fontSize", "leading", "spaceBefore", "spaceAfter")


class Styles:
    """Paragraph styles, built after the fonts are registered.

    `scale` grows or shrinks every size and space a little: the layout is tried at a few
    scales so the last page is never 80 % empty (`build_fitted`).
    """

    def __init__(self, scale: float = 1.0) -> None:
        register_fonts()
        self.scale = scale

        def _style(name: str, **kw: Any) -> ParagraphStyle:
            base: dict[str, Any] = {
                "fontName": SANS,
                "fontSize": 9.5,
                "leading": 13.5,
                "textColor": INK,
                "alignment": TA_LEFT,
            }
            base.update(kw)
            for key in _SCALED:
                if key in base:
                    base[key] = base[key] * scale
            return ParagraphStyle(name, **base)

        self.body = _style("body")
        self.body_bold = _style("body_bold", fontName=SANS_BOLD)
        self.list_item = _style("list_item", leftIndent=12, firstLineIndent=-12, spaceAfter=2)
        self.small = _style("small", fontSize=8, leading=10.5, textColor=MUTED)
        self.cell = _style("cell", fontSize=8.5, leading=11)
        self.cell_bold = _style("cell_bold", fontName=SANS_BOLD, fontSize=8.5, leading=11)
        self.cell_head = _style(
            "cell_head", fontName=SANS_BOLD, fontSize=8, leading=10, textColor=colors.white
        )
        self.title = _style("title", fontName=SANS_BOLD, fontSize=24, leading=29, spaceAfter=6)
        self.subtitle = _style("subtitle", fontSize=12, leading=16, textColor=MUTED)
        self.h1 = _style(
            "h1",
            fontName=SANS_BOLD,
            fontSize=15,
            leading=19,
            textColor=ACCENT,
            spaceBefore=14,
            spaceAfter=6,
            keepWithNext=1,
        )
        self.h2 = _style(
            "h2",
            fontName=SANS_BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=10,
            spaceAfter=3,
            keepWithNext=1,
        )
        self.label = _style(
            "label",
            fontName=SANS_BOLD,
            fontSize=7.5,
            leading=10,
            textColor=MUTED,
            spaceBefore=4,
            keepWithNext=1,
        )
        self.quote = _style(
            "quote", fontSize=10.5, leading=15, leftIndent=10, textColor=INK, spaceBefore=2
        )
        self.attribution = _style(
            "attribution", fontSize=8.5, leading=11, leftIndent=10, textColor=MUTED, spaceAfter=8
        )
        self.bullet = _style("bullet", leftIndent=11, bulletIndent=0, spaceAfter=2)

    def p(self, text: str, style: ParagraphStyle | None = None, *, bold: bool = False) -> Paragraph:
        """A paragraph of user text: always escaped and font-split, never parsed as markup."""
        return Paragraph(markup(text, bold=bold), style or self.body)

    def rich(self, html: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of *our* markup (already built from `markup()` pieces)."""
        return Paragraph(html, style or self.body)

    def bullets(self, texts: Sequence[str]) -> list[Flowable]:
        return [Paragraph(markup(t), self.bullet, bulletText="•") for t in texts]


class HeadingRule(Flowable):  # type: ignore[misc]  # reportlab ships no types
    """A thin accent line under a section heading."""

    def __init__(self, width: float = FRAME_WIDTH) -> None:
        super().__init__()
        self.width, self.height = width, 8
        self.keepWithNext = True

    def draw(self) -> None:
        self.canv.setStrokeColor(ACCENT)
        self.canv.setLineWidth(1.2)
        self.canv.line(0, 7, 36, 7)
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.5)
        self.canv.line(36, 7, self.width, 7)


def section(styles: Styles, title: str) -> list[Flowable]:
    return [Paragraph(markup(title), styles.h1), HeadingRule()]


def keep_together(flowables: Sequence[Flowable]) -> KeepTogether:
    """Keep `flowables` on one page, measured at their true height.

    A KeepTogether nested in another reports itself as 16,777,215 points tall (reportlab's
    "force a split"), so the outer block, measured with it, never fits anywhere and always
    starts a new page: an occupation with a quote box got a page to itself. Nested blocks are
    flattened into this one instead; keeping the whole together keeps each part together.
    """
    flat: list[Flowable] = []

    def add(items: Sequence[Flowable]) -> None:
        for item in items:
            if isinstance(item, KeepTogether):
                add(item._content)
            else:
                flat.append(item)

    add(flowables)
    return KeepTogether(flat)


def build_pdf(
    path: Path,
    story: list[Flowable],
    *,
    footer_left: str,
    title: str,
    author: str = "",
    subject: str = "",
    pagesize: tuple[float, float] = PAGE,
) -> Path:
    """Lay out `story` with the shared footer ("title · date" and "Page N of M").

    `pagesize` lets a document go landscape (a job profile's task matrix).
    """
    _layout(
        path,
        story,
        footer_left=footer_left,
        title=title,
        author=author,
        subject=subject,
        pagesize=pagesize,
    )
    return path


def build_fitted(path: Path, story: Callable[[Styles], list[Flowable]], **options: Any) -> Path:
    """Lay out `story(styles)`, trying `LAYOUT_SCALES` until the last page is not nearly empty.

    A tighter scale pulls a few lines back onto the page before; a looser one spreads the
    last pages so the end is not a page of white. The first layout that passes is kept,
    else the one with the fullest last page.
    """
    best: tuple[float, float] | None = None
    for scale in LAYOUT_SCALES:
        pages, fill = _layout(path, story(Styles(scale)), **options)
        if pages == 1 or fill >= MIN_LAST_PAGE_FILL:
            return path
        if best is None or fill > best[1]:
            best = (scale, fill)
    assert best is not None
    _layout(path, story(Styles(best[0])), **options)
    return path


class _Doc(SimpleDocTemplate):  # type: ignore[misc]  # reportlab ships no types
    """Remembers how far down the last page the story reached."""

    last_y = 0.0
    top_y = 1.0
    bottom_y = 0.0

    def afterFlowable(self, flowable: Flowable) -> None:
        frame = getattr(self, "frame", None)
        if frame is None:  # between pages (a page break): nothing drawn yet on the new one
            return
        self.last_y = frame._y
        self.top_y = frame._y2 - frame._topPadding
        self.bottom_y = frame._y1p

    @property
    def last_fill(self) -> float:
        height = self.top_y - self.bottom_y
        return (self.top_y - self.last_y) / height if height > 0 else 1.0


def _layout(
    path: Path,
    story: list[Flowable],
    *,
    footer_left: str,
    title: str,
    author: str = "",
    subject: str = "",
    pagesize: tuple[float, float] = PAGE,
) -> tuple[int, float]:
    """Build the file; returns (pages, how full the last page is, 0..1)."""

    def canvasmaker(*args: Any, **kwargs: Any) -> Canvas:
        return _NumberedCanvas(footer_left, *args, **kwargs)

    doc = _Doc(
        str(path),
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        author=author,
        subject=subject,
        creator="focusgroup",
    )
    split_rows_across_pages(story)
    doc.build(story, canvasmaker=canvasmaker)
    return doc.page, doc.last_fill


SPLIT_PIECE_MIN = 1e-6
"""Least height of a table row's piece on either side of a page break (reportlab's splitInRow)."""


def split_rows_across_pages(flowables: Sequence[Any]) -> None:
    """Let every table row, however tall, continue on the next page.

    reportlab raises LayoutError for a table row taller than a page (a 1,500-character card,
    a long quote in its box) unless the table splits inside rows. Set here, for every table
    of every document (nested ones too), rather than remembered at each `Table(...)`.
    """
    for flowable in flowables:
        if isinstance(flowable, Table):
            # reportlab reads splitInRow as the least height (pt) of either piece: at 1, a row
            # under 1 pt taller than the page could not be split at all (LayoutError).
            flowable.splitInRow = SPLIT_PIECE_MIN
            if type(flowable) is Table:
                flowable.__class__ = _RowSplittingTable
            for row in getattr(flowable, "_cellvalues", ()):
                for cell in row:
                    split_rows_across_pages(cell if isinstance(cell, list | tuple) else [cell])
        content = getattr(flowable, "_content", None)  # KeepTogether and friends
        if isinstance(content, list | tuple):
            split_rows_across_pages(content)


class _RowSplittingTable(Table):  # type: ignore[misc]  # reportlab ships no types
    """reportlab's Table, except that a row split across pages is top-aligned.

    reportlab splits a vertically centred ("MIDDLE") cell as if its content started halfway
    down the row: a short cell beside a tall one (a coverage mark beside a long occupation) is
    put off to the next piece, and the next, each a sliver of the row under a repeated header,
    until pages of bare headers; and a piece that does keep it pads it down by half the whole
    row, off the piece. Centring means nothing for a row that runs over a page, so the cells
    of a row being split become top-aligned (its own cell styles: other rows keep theirs).
    reportlab makes the pieces with `self.__class__`, so they split the same way.
    """

    def _splitCell(self, value: Any, style: Any, *args: Any) -> Any:
        if getattr(style, "valign", "TOP") != "TOP":
            style.valign = "TOP"
        return super()._splitCell(value, style, *args)


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no types
    """Defers each page until the end so the footer can say "of M" (one layout pass)."""

    def __init__(self, footer: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        y = MARGIN - 2 * mm
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        width = self._pagesize[0]
        self.line(MARGIN, y + 9, width - MARGIN, y + 9)
        self.setFillColor(MUTED)
        draw_string(self, MARGIN, y, _clip(self._footer, 95), size=7.5)
        draw_string(
            self,
            width - MARGIN,
            y,
            f"Page {self._pageNumber} of {total}",
            size=7.5,
            align="right",
        )
        self.restoreState()


def _clip(text: str, limit: int) -> str:
    return shorten(one_line(text), limit)


def tint(colour: Any, amount: float = 0.82) -> Any:
    """Mix a colour with white (category header cards are strong colours; cells want a wash)."""
    r, g, b = colour.red, colour.green, colour.blue
    return colors.Color(r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


_NAMED = {name.lower(): value for name, value in colors.getAllNamedColors().items()}


def parse_colour(value: str, fallback: Any = ACCENT) -> Any:
    """A category colour ("orange", "#3c78d8") without passing user text to toColor's eval."""
    value = (value or "").strip().lower()
    if len(value) == 7 and value.startswith("#"):
        try:
            return colors.HexColor(value)
        except ValueError:
            return fallback
    return _NAMED.get(value.replace(" ", ""), fallback)


Decorate = Callable[[Canvas, Any], None]
