"""One wall column: ONE line-API widget drawing the category header, every lane and card.

A widget per card made every layout and composite pass grow with the wall; a header widget
and a container per column put more widgets into every full repaint. Here a column is a
`ScrollView`: its first lines are the header, fixed; below it the lanes scroll. Painting is
`wall_paint` and the row layout `wall_rows` (both pure); this widget caches their results
by (view, width, selected) and repaints only the lines that show something else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from focusgroup.tui.wall_view import ColumnKey, ColumnView, LaneView
from focusgroup.tui.widgets.card_tile import CardView
from focusgroup.tui.widgets.wall_paint import (
    HEADER_LINES,
    Paint,
    SharedPaint,
    card_height,
    inner_width,
    lane_title,
    paint_card,
    paint_header,
    parse_colour,
    scroll_mark,
)
from focusgroup.tui.widgets.wall_rows import (
    Row,
    lane_rows,
    lanes_of_rows,
    natural_heights,
    thumb_span,
)

TOP = HEADER_LINES + 1
"""Screen lines above the lanes at the usual header height: the header, then a blank line."""


class WallColumn(ScrollView, can_focus=False):
    """A category (or the Unsorted tray): header on top, every lane below, drawn line by line;
    selection and clicks handled here."""

    COMPONENT_CLASSES = {
        "wall-card",
        "wall-card--third",
        "wall-card--marked",
        "wall-card--selected",
        "wall-card--edge",
        "wall-card--edge-marked",
        "wall-card--edge-selected",
        "wall-lane--title",
        "wall-lane--rule",
        "wall-header",
        "wall-header--tray",
        "wall-header--current",
    }

    class CardClicked(Message):
        def __init__(self, card_id: int) -> None:
            super().__init__()
            self.card_id = card_id

    class HeaderClicked(Message):
        def __init__(self, key: ColumnKey) -> None:
            super().__init__()
            self.key = key

    def __init__(
        self,
        column: ColumnView,
        width: int,
        on_scroll: Callable[[WallColumn, float], None] | None = None,
        shared: SharedPaint | None = None,
    ) -> None:
        tray = column.key is None
        super().__init__(classes="-tray" if tray else "")
        self.key = column.key
        self.column = column
        """What the header shows (name, count, colour)."""
        self.current = False
        """The selection is in this column (the header is underlined)."""
        self.tray = tray
        self.on_scroll = None if tray else on_scroll
        """Called when the lanes scroll, so the board can scroll the aligned columns along."""
        self.styles.width = width
        self.card_width = self.card_width_for(width)
        self.lanes: Sequence[LaneView] = ()
        self.selected: int | None = None
        self.bands: Sequence[int] = ()
        self.natural: list[int] = []
        """Each lane's height before padding to the band (the board aligns levels with it)."""
        self.rows: list[Row] = []
        self.spans: dict[int, tuple[int, int]] = {}
        self._views: dict[int, CardView] = {}
        self._heights: dict[int, tuple[CardView, int, int]] = {}
        self._strips: dict[int, tuple[tuple[CardView, int, bool], list[Strip]]] = {}
        self._header: tuple[tuple[ColumnView, int, bool], list[Strip]] | None = None
        self._paint: Paint | None = None
        self._shared = shared or SharedPaint()
        self._mark_key: tuple[int, int, int] | None = None
        self._mark_span: tuple[int, int] | None = None
        self._dirty_cards: set[int] = set()
        """Cards whose look changed since the last layout: their lines are repainted."""
        self._lane_at: list[int] = []
        """For each row, the lane it belongs to (for the pinned level title)."""
        self.header_lines = HEADER_LINES
        """The header card's height; the board gives every column the same (so lanes line
        up) and raises it when a narrow column's name needs more lines."""

    @property
    def top(self) -> int:
        """Screen lines above the lanes: the header, then a blank line."""
        return self.header_lines + 1

    def set_header_lines(self, lines: int) -> None:
        if lines == self.header_lines:
            return
        self.header_lines = lines
        self._header = None
        self._mark_key = None
        self.place_rows()
        self.repaint()

    @staticmethod
    def card_width_for(column_width: int) -> int:
        """Cards keep the last cell for the scroll mark (and the gap to the next column)."""
        return max(4, column_width - 1)

    @property
    def card_ids(self) -> list[int]:
        return [cid for lane in self.lanes for cid, _ in lane.cards]

    @property
    def lane_height(self) -> int:
        """Screen lines the lanes get below the header."""
        return max(0, self.size.height - self.top)

    # -- the header ----------------------------------------------------------------------------

    def show_header(self, column: ColumnView) -> None:
        if column != self.column:
            self.column = column
            self._repaint_header()

    def set_current(self, current: bool) -> None:
        if current != self.current:
            self.current = current
            self._repaint_header()

    def _repaint_header(self) -> None:
        # Fixed height: repaint its lines without relaying out the screen.
        if self.is_mounted:
            self.refresh(Region(0, 0, self.size.width, self.header_lines))

    def header_strips(self) -> list[Strip]:
        """The header's lines: the category card (name, count) in its colour, then a gap."""
        width = self.card_width
        key = (self.column, width, self.current)
        if self._header is not None and self._header[0] == key:
            return self._header[1]
        strips = paint_header(
            self.column, width, self.current, self._colour(), self.paint(), self.header_lines
        )
        self._header = (key, strips)
        return strips

    def _colour(self) -> Color | None:
        if self.tray or not self.column.colour:
            return None
        return parse_colour(self.column.colour)

    # -- what to show ------------------------------------------------------------------------

    def show(self, lanes: Sequence[LaneView]) -> bool:
        """Take new lanes; returns True if the natural lane heights changed."""
        if tuple(lanes) == tuple(self.lanes):
            return False
        self.lanes = tuple(lanes)
        views = {cid: view for lane in self.lanes for cid, view in lane.cards}
        self._dirty_cards |= {cid for cid, view in views.items() if self._views.get(cid) != view}
        self._views = views
        for stale in self._heights.keys() - self._views.keys():
            del self._heights[stale]
            self._strips.pop(stale, None)
        return self._measure()

    def set_width(self, width: int) -> bool:
        if width == self.card_width:
            return False
        self.card_width = width
        return self._measure()

    def set_card(self, card_id: int, view: CardView) -> None:
        """One card's view changed in place (a mark): same place, maybe another height."""
        lanes = []
        for lane in self.lanes:
            cards = tuple((cid, view if cid == card_id else v) for cid, v in lane.cards)
            lanes.append(LaneView(lane.key, lane.label, cards))
        self.show(lanes)
        self.place_rows()

    def select(self, card_id: int | None) -> None:
        if card_id == self.selected:
            return
        previous, self.selected = self.selected, card_id
        # Heights don't change with selection: repaint just the two cards' lines.
        self.repaint_rows(
            row
            for cid in (previous, card_id)
            if cid in self.spans
            for row in range(*self.spans[cid])
        )

    def _height(self, card_id: int, view: CardView) -> int:
        cached = self._heights.get(card_id)
        if cached is not None and cached[1] == self.card_width and cached[0] == view:
            return cached[2]
        height = card_height(view, inner_width(view, self.card_width))
        self._heights[card_id] = (view, self.card_width, height)
        return height

    def _measure(self) -> bool:
        natural = natural_heights(self.lanes, self._height, tray=self.tray)
        changed = natural != self.natural
        self.natural = natural
        return changed

    def place_rows(self, bands: Sequence[int] | None = None) -> None:
        """Lay the lanes out as rows, each padded to its band (so levels line up).

        (Not `layout` nor `arrange`: those are Widget's own, which Textual calls itself.)
        """
        if bands is not None:
            self.bands = tuple(bands)
        rows, spans = lane_rows(self.lanes, self._height, self.bands, tray=self.tray)
        old_top, old_mark = self.scroll_offset.y, self._mark_lines()
        old_rows, self.rows, self.spans = self.rows, rows, spans
        self._lane_at = lanes_of_rows(rows)
        size = Size(self.card_width, len(rows) + self.top)
        dirty, self._dirty_cards = self._dirty_cards, set()
        if size != self.virtual_size:
            # The column's own size is fixed (1fr), so a taller wall needs no screen relayout
            # (`virtual_size` is a layout reactive): set it quietly, update the scroll range.
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
        new_mark = self._mark_lines()
        if self.scroll_offset.y != old_top or (old_mark is None) != (new_mark is None):
            # Scrolled (clamped to shorter lanes), or the track appeared or went: every line.
            self.repaint()
            return
        # Repaint only lines that show something else now: a move touches a few lines of
        # two columns, not every line of every column. The scroll mark in the last cell
        # moves only when the column's length changes enough to shift it.
        changed = (
            i
            for i in range(max(len(old_rows), len(rows)))
            if i >= len(old_rows) or i >= len(rows) or old_rows[i] != rows[i]
        )
        restyled = (row for cid in dirty if cid in spans for row in range(*spans[cid]))
        marked = (old_top + y for y in (old_mark or set()) ^ (new_mark or set()))
        titles = (i for i, row in enumerate(rows) if row[0] == "title")  # counts change
        sticky = (self.scroll_offset.y,)  # the pinned level title on the first lane line
        self.repaint_rows((*changed, *restyled, *marked, *titles, *sticky))

    def repaint_rows(self, rows: Iterable[int]) -> None:
        """Repaint the given rows of the lane list, where they are on screen."""
        if not self.is_mounted:
            return
        top, height, width = self.scroll_offset.y, self.lane_height, self.size.width
        visible = sorted({row - top for row in rows if 0 <= row - top < height})
        if visible:
            self.refresh(*(Region(0, self.top + y, width, 1) for y in visible))

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # ScrollView compares the compositor's virtual size (the viewport) with ours (every
        # lane), which always differ, so each screen relayout redid the scroll update.
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    def repaint(self) -> None:
        """Repaint the visible lines only: a full refresh also redraws the scrollbar (slow)."""
        if self.is_mounted:
            self.refresh(Region(0, 0, self.size.width, self.size.height))

    # -- painting ------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._paint = None  # colours changed (theme, projector class): repaint from the CSS
        self._shared.paint = None
        self._strips.clear()
        self._header = None

    def paint(self) -> Paint:
        if self._paint is None:
            self._paint = self._shared.paint = self._shared.paint or self._read_paint()
        return self._paint

    def _read_paint(self) -> Paint:
        style = self.get_component_rich_style
        blank = self.rich_style

        def edge(name: str) -> Style:
            return Style(color=style(name).color)

        return Paint(
            card=style("wall-card"),
            third=style("wall-card--third"),
            marked=style("wall-card--marked"),
            selected=style("wall-card--selected"),
            edge=edge("wall-card--edge"),
            edge_marked=edge("wall-card--edge-marked"),
            edge_selected=edge("wall-card--edge-selected"),
            title=style("wall-lane--title"),
            rule=style("wall-lane--rule"),
            blank=blank,
            header=style("wall-header"),
            header_tray=style("wall-header--tray"),
            header_current=style("wall-header--current", partial=True),
        )

    def card_strips(self, card_id: int) -> list[Strip]:
        view = self._views[card_id]
        key = (view, self.card_width, card_id == self.selected)
        cached = self._strips.get(card_id)
        if cached is not None and cached[0] == key:
            return cached[1]
        strips = paint_card(view, self.card_width, key[2], self.paint())
        self._strips[card_id] = (key, strips)
        return strips

    def render_line(self, y: int) -> Strip:
        width, height = self.size  # a computed property: read once per line, not per helper
        paint = self.paint()
        top = self.top
        if y < top:
            strip = self.header_strips()[y]
            return self._fit(Strip([*strip, Segment(" ", paint.blank)], self.card_width + 1), width)
        y -= top
        scroll_y = self.scroll_offset.y
        row = y + scroll_y
        if row >= len(self.rows):
            return Strip.blank(width, paint.blank)
        what, index = self.rows[row]
        if y == 0 and scroll_y > 0 and what != "title" and self.lanes:
            # Scrolled down: the first lane line keeps the level's title in sight (issue 13),
            # so the room always knows whether it is looking at entry, mid or advanced.
            what, index = "title", self._lane_at[row]
        if isinstance(what, int):
            strips = self.card_strips(what)
            strip = strips[index] if index < len(strips) else Strip.blank(width, paint.blank)
        elif what == "title":
            title = lane_title(self.lanes[index], self.card_width - 1)
            strip = Strip(Segment.apply_style(title.render_segments(), paint.title))
            strip = Strip([Segment(" ", paint.title), *strip])
        elif what == "rule":
            strip = Strip([Segment("╌" * self.card_width, paint.rule)])
        else:
            strip = Strip.blank(width, paint.blank)
        strip = strip.crop_extend(0, self.card_width, paint.blank)
        mark = scroll_mark(y, self._thumb(scroll_y, height - top), paint)
        return self._fit(Strip([*strip, mark], self.card_width + 1), width)

    def _fit(self, line: Strip, width: int) -> Strip:
        if width == self.card_width + 1:
            return line
        return line.crop_extend(0, width, self.paint().blank)

    def _mark_lines(self) -> set[int] | None:
        """Lane lines (below the header) showing the scroll thumb; None when the lanes fit."""
        span = self._thumb(self.scroll_offset.y, self.lane_height)
        return set(range(*span)) if span else None

    def _thumb(self, scroll_y: int, height: int) -> tuple[int, int] | None:
        """The scroll thumb's lane lines (start, end), or None when the lanes fit."""
        total = len(self.rows)
        key = (scroll_y, height, total)
        if key != self._mark_key:  # once per repaint, not once per line
            self._mark_key = key
            self._mark_span = thumb_span(scroll_y, height, total)
        return self._mark_span

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.on_scroll is not None and old_value != new_value:
            self.on_scroll(self, new_value)

    # -- selection and clicks -----------------------------------------------------------------

    def card_at(self, row: int) -> int | None:
        if 0 <= row < len(self.rows):
            what = self.rows[row][0]
            if isinstance(what, int):
                return what
        return None

    def card_offset(self, card_id: int) -> tuple[int, int]:
        """Where a card's first line is on screen, relative to the column (for clicks)."""
        start, _ = self.spans[card_id]
        return 2, self.top + start - self.scroll_offset.y

    def scroll_to_card(self, card_id: int) -> None:
        span = self.spans.get(card_id)
        if span is not None:
            start, end = span
            # One blank line above and below keeps the card's neighbours in sight. Lane rows
            # are drawn `top` lines down, so the lanes' window is that much shorter.
            region = Region(0, max(0, start - 1), self.card_width, end - start + 2)
            self.scroll_to_region(
                region,
                spacing=Spacing(0, 0, self.top, 0),
                animate=False,
                immediate=True,
                force=True,
            )

    def on_click(self, event: events.Click) -> None:
        event.stop()
        if event.y < self.top:
            if event.y < self.header_lines:
                self.post_message(self.HeaderClicked(self.key))
            return
        card_id = self.card_at(event.y - self.top + self.scroll_offset.y)
        if card_id is not None:
            self.post_message(self.CardClicked(card_id))
