"""Painting a wall column's parts into strips: pure functions of a view, a width and styles.

Cards are measured cheaply (line counts only: measuring every card is most of the wall's
start-up) and painted into strips only when a line of them is first on screen; the widget
(`wall_column.WallColumn`) caches those strips. Nothing here knows about widgets or layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.content import Content
from textual.strip import Strip
from textual.style import Style as ContentStyle

from focusgroup.tui.wall_view import ColumnView, LaneView
from focusgroup.tui.widgets.card_tile import CardView, card_plain, render_card

EDGE, SELECTED_EDGE = "▌", "█"
HEADER_LINES = 2
"""Lines of a column's header card (name and count) at least; a blank line follows it."""
MAX_HEADER_LINES = 4
"""A narrow column's long name wraps onto up to this many lines (then it is cut)."""


def header_lines(column: ColumnView, width: int) -> list[Content]:
    """The header card's text wrapped to a column `width` cells wide (after a leading space).

    Words wrap whole where that fits in MAX_HEADER_LINES; a long name in a narrow column is
    folded anywhere instead, so all of it shows rather than being cut off.
    """
    content = header_content(column)
    room = max(1, width - 1)
    lines = content.wrap(room)
    if len(lines) > MAX_HEADER_LINES:
        size = len(content.plain)
        lines = [content[i : i + room] for i in range(0, size, room)]
    return lines


def header_height(column: ColumnView, width: int) -> int:
    """Lines the header card needs at this column width (HEADER_LINES..MAX_HEADER_LINES)."""
    return max(HEADER_LINES, min(MAX_HEADER_LINES, len(header_lines(column, width))))


def header_content(column: ColumnView) -> Content:
    """Name and card count; competencies named for the whole category as a count (▲n)."""
    parts: list[str | tuple[str, str]] = [
        (f"{column.symbol} ", "bold"),
        (column.name, "bold"),
        "  ",
        (f"{column.count}", "bold reverse"),
    ]
    if column.competencies:
        parts += ["  ", (f"▲{len(column.competencies)}", "bold")]
    return Content.assemble(*parts)


def lane_title(lane: LaneView, width: int = 0) -> Content:
    """ "ENTRY LEVEL · 3"; in a narrow column the level's short name ("ENTRY 3"), so the
    level still reads instead of being cut to "ENTRY LEV"."""
    full = Content.assemble((lane.label.upper(), "bold"), (f" · {len(lane.cards)}", "dim"))
    if not width or full.cell_length <= width:
        return full
    short = (lane.key[1] or lane.label).split("-")[0].upper()
    count = f" {len(lane.cards)}"
    if len(short) + len(count) > width:
        count = ""
    return Content.assemble((short, "bold"), (count, "dim"))


def card_height(view: CardView, width: int) -> int:
    """Lines the card takes when wrapped to `width`, without painting it.

    Counts with the same line divider `Content.wrap` uses (rich's `divide_line`), without
    building the wrapped lines: measuring every card is most of the wall's start-up.
    """
    plain = card_plain(view)
    if "\t" in plain:  # tabs expand by cell position: let Content do it exactly
        return len(render_card(view).wrap(width))
    total = 0
    for line in plain.split("\n"):
        total += 1 if cell_len(line) <= width else len(divide_line(line, width, fold=True)) + 1
    return total


NARROW_CARD = 14
"""Cards narrower than this drop their side padding: the text needs every cell."""


def card_padding(view: CardView, width: int = NARROW_CARD) -> int:
    if width < NARROW_CARD:
        return 0
    return 2 if view.projector else 1


def inner_width(view: CardView, width: int) -> int:
    """Text width inside a card `width` cells wide: the edge mark, then padding each side."""
    return max(2, width - 1 - 2 * card_padding(view, width))


@dataclass(frozen=True)
class Paint:
    """Rich styles for a column's parts, read from wall.tcss (component classes)."""

    card: Style
    third: Style
    marked: Style
    selected: Style
    edge: Style
    edge_marked: Style
    edge_selected: Style
    title: Style
    rule: Style
    blank: Style
    header: Style
    header_tray: Style
    header_current: Style

    def for_card(self, view: CardView, selected: bool) -> tuple[Style, Style, str]:
        """(body style, edge style, edge character) for a card in this state."""
        if selected:
            return self.selected, self.selected + self.edge_selected, SELECTED_EDGE
        if view.marked:
            return self.marked, self.marked + self.edge_marked, EDGE
        body = self.third if view.third_card else self.card
        return body, body + self.edge, EDGE


@lru_cache(maxsize=256)
def _parse_style(style: str | ContentStyle) -> ContentStyle:
    return ContentStyle.parse(style) if isinstance(style, str) else style


@lru_cache(maxsize=256)
def _rich_style(style: ContentStyle) -> Style:
    return style.rich_style


def line_segments(line: Content) -> list[Segment]:
    """`line.render_segments()`, parsing the cards' few style names once rather than per line
    (half the cost of painting a card)."""
    return [
        Segment(text, _rich_style(style) if style else None)
        for text, style in line.render(ContentStyle.null(), "", parse_style=_parse_style)
    ]


def paint_card(view: CardView, width: int, selected: bool, paint: Paint) -> list[Strip]:
    """The card as `width`-cell strips: edge mark, padding, wrapped text, padding."""
    body, edge_style, edge = paint.for_card(view, selected)
    pad = card_padding(view, width)
    inner = inner_width(view, width)
    strips = []
    for line in render_card(view).wrap(inner):
        segments = [Segment(edge, edge_style)]
        if pad:
            segments.append(Segment(" " * pad, body))
        segments += Segment.apply_style(line_segments(line), body)
        room = width - 1 - pad - line.cell_length
        if room >= 0:  # always, for wrapped text: pad it out and build the strip once
            if room:
                segments.append(Segment(" " * room, body))
            strips.append(Strip(segments, width))
        else:
            strips.append(Strip(segments).crop_extend(0, width, body))
    return strips


def paint_header(
    column: ColumnView,
    width: int,
    current: bool,
    colour: Color | None,
    paint: Paint,
    height: int = HEADER_LINES,
) -> list[Strip]:
    """A column's header lines: the category card (name, count) in its colour, then a gap."""
    style = paint.header_tray if column.key is None else paint.header
    if colour is not None:
        ink = colour.get_contrast_text(1.0)
        style += Style(color=ink.rich_color, bgcolor=colour.rich_color)
    if current:
        style += paint.header_current
    lines = header_lines(column, width)[:height]
    strips = []
    for index in range(height):
        segments = [Segment(" ", style)]
        if index < len(lines):
            segments += Segment.apply_style(lines[index].render_segments(), style)
        strips.append(Strip(segments).crop_extend(0, width, style))
    strips.append(Strip.blank(width, paint.blank))
    return strips


def parse_colour(colour: str) -> Color | None:
    """A category's colour, or None for one we can't read (a hand-edited protocol colour)."""
    try:
        return Color.parse(colour)
    except Exception:  # keep the default header style rather than fail the wall
        return None


class SharedPaint:
    """One Paint for every column of a board: they share their CSS, so the thirteen component
    styles are read once at start-up rather than once per column."""

    paint: Paint | None = None


def scroll_mark(y: int, thumb: tuple[int, int] | None, paint: Paint) -> Segment:
    """The last cell of lane line `y`: a thumb where the view is, when the lanes scroll.

    Drawn by the column rather than by a Textual scrollbar: those re-render on every screen
    relayout (one per column) and dominated every action.
    """
    if thumb is None:
        return Segment(" ", paint.blank)
    if thumb[0] <= y < thumb[1]:
        return Segment("\u2503", paint.title)
    return Segment("\u2502", paint.rule)
