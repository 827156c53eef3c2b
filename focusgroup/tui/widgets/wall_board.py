"""The wall: the Unsorted tray and one column per category, each with a lane per level.

The board never recomposes. `apply(view)` hands each column its lanes; a column is one
line-API widget (`wall_column.WallColumn`) that repaints only what is on screen, so a change
costs the same at 50 or 2,000 cards. Levels line up across category columns: every column
pads each level to the tallest one (a "band"). Selection is state the bodies paint, not
widget focus (a focus change restyles the DOM).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from textual import on
from textual.containers import HorizontalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from focusgroup.tui.wall_view import ColumnKey, ColumnView, LaneView, PlaceKey, WallView
from focusgroup.tui.widgets.card_tile import CardView, render_card
from focusgroup.tui.widgets.wall_column import WallColumn
from focusgroup.tui.widgets.wall_paint import HEADER_LINES, SharedPaint, header_height
from focusgroup.tui.widgets.wall_rows import MIN_COLUMN, share_widths


@dataclass(frozen=True)
class CardSlot:
    """A card as the wall shows it (what tests and the benchmark look up by card id)."""

    card_id: int
    view: CardView
    place: PlaceKey

    def render(self) -> Content:
        """The card's content, before it is wrapped to the column width."""
        return render_card(self.view)


class CardSlots(Mapping[int, CardSlot]):
    """`board.tiles`: card id -> CardSlot, a live view of what the wall shows."""

    def __init__(self, board: WallBoard) -> None:
        self._board = board

    def __getitem__(self, card_id: int) -> CardSlot:
        board = self._board
        return CardSlot(card_id, board.views[card_id], board.place_of[card_id])

    def __iter__(self) -> Iterator[int]:
        return iter(self._board.views)

    def __len__(self) -> int:
        return len(self._board.views)

    def __contains__(self, card_id: object) -> bool:
        return card_id in self._board.views


class WallKeys(Widget, can_focus=True):
    """Holds keyboard focus for the wall.

    A focus change restyles the focused widget's whole subtree; focusing this empty leaf
    instead of the board keeps that walk tiny.
    """

    DEFAULT_CSS = "WallKeys { width: 0; height: 0; }"


class WallBoard(HorizontalScroll, can_focus=False, inherit_bindings=False):
    """Columns side by side; keys act on the selected card (bindings live on the screen)."""

    class SelectionChanged(Message):
        def __init__(self, card_id: int | None, column: ColumnKey) -> None:
            super().__init__()
            self.card_id = card_id
            self.column = column

    BLANK = True
    """Columns cover the board; a full repaint skips its own background lines."""

    def __init__(self, view: WallView, *, board_width: int = 120, id: str | None = None) -> None:
        super().__init__(id=id)
        self.widths = self.share(board_width, view.columns)
        """Each column's width, known before the first layout so startup lays it out once."""
        self.columns: dict[ColumnKey, WallColumn] = {}
        self.views: dict[int, CardView] = {}
        self.place_of: dict[int, PlaceKey] = {}
        self.tiles = CardSlots(self)
        self.column_order: list[ColumnKey] = []
        self.selected_card: int | None = None
        self.selected_column: ColumnKey = None
        self.folded = False
        self._initial = view
        self._paint = SharedPaint()

    # -- building -------------------------------------------------------------------------------

    def compose(self) -> Iterable[Widget]:
        view = self._initial
        for column in view.columns:
            yield self._make_column(column)
        self._show_lanes(view)
        self.column_order = [c.key for c in view.columns]
        self._fit_headers()
        first = next(iter(view.card_ids()), None)
        self.selected_card = first
        self.selected_column = self.place_of[first][0] if first is not None else None

    def on_mount(self) -> None:
        self._paint_selection()

    def on_resize(self) -> None:
        self._fit_columns()
        if self.selected_card is not None:
            # After a resize the selected card is still on screen (issue 13).
            self.call_after_refresh(self._keep_selection_in_view)

    def _keep_selection_in_view(self) -> None:
        if self.selected_card is not None and self.selected_card in self.views:
            self.scroll_to_card(self.selected_card)

    @staticmethod
    def share(board_width: int, columns: Iterable[ColumnView]) -> dict[ColumnKey, int]:
        """Column widths by key: the board's width shared out (`wall_rows.share_widths`)."""
        columns = list(columns)
        widths = share_widths(board_width, [c.count for c in columns])
        return {c.key: w for c, w in zip(columns, widths, strict=True)}

    def _fit_columns(self) -> None:
        widths = self.share(self.size.width, (c.column for c in self._ordered_columns()))
        if widths == self.widths:
            return
        # Restyling a column relayouts the wall: only those whose width really changes.
        changed = [key for key, width in widths.items() if self.widths.get(key) != width]
        self.widths = widths
        for key in changed:
            column = self.columns[key]
            column.styles.width = widths[key]
            column.set_width(WallColumn.card_width_for(widths[key]))
        self._fit_headers()
        self._align(force=True)

    def _fit_headers(self) -> None:
        """Every header as tall as the tallest needs: long names wrap in narrow columns,
        and the lanes below stay level across the wall."""
        lines = max(
            (header_height(c.column, c.card_width) for c in self.columns.values()),
            default=HEADER_LINES,
        )
        for column in self.columns.values():
            column.set_header_lines(lines)

    def _ordered_columns(self) -> list[WallColumn]:
        order = [k for k in self.column_order if k in self.columns]
        order += [k for k in self.columns if k not in order]
        return [self.columns[k] for k in order]

    def _make_column(self, column: ColumnView) -> WallColumn:
        width = self.widths.get(column.key, MIN_COLUMN)
        wall_column = WallColumn(column, width, self._scrolled, self._paint)
        self.columns[column.key] = wall_column
        return wall_column

    # -- applying a new view --------------------------------------------------------------------

    def apply(self, view: WallView, folded: bool = False) -> None:
        """Bring the wall in line with `view`; columns repaint only if their lanes changed."""
        self.folded = folded
        wanted_columns = [c.key for c in view.columns]
        for key in [k for k in self.columns if k not in wanted_columns]:
            self.columns.pop(key).remove()
        previous: WallColumn | None = None
        for column_view in view.columns:
            column = self.columns.get(column_view.key)
            if column is None:
                column = self._make_column(column_view)
                if previous is None:
                    self.mount(column, before=0)
                else:
                    self.mount(column, after=previous)
            else:
                column.show_header(column_view)
            previous = column
        if wanted_columns != self.column_order:
            self._order(self, [self.columns[k] for k in wanted_columns])
            self.column_order = wanted_columns
        if self.is_mounted and self.size.width:
            self._fit_columns()  # a column gained its first card or lost its last: reshare
        self._fit_headers()
        self._show_lanes(view)
        self._repair_selection()

    def _show_lanes(self, view: WallView) -> None:
        views: dict[int, CardView] = {}
        place_of: dict[int, PlaceKey] = {}
        changed: list[WallColumn] = []
        for key, column in self.columns.items():
            lanes: list[LaneView] = view.lanes.get(key, [])
            for lane in lanes:
                for cid, card in lane.cards:
                    views[cid] = card
                    place_of[cid] = lane.key
            before = column.lanes
            column.show(lanes)
            if column.lanes is not before:
                changed.append(column)
        self.views, self.place_of = views, place_of
        self._align(changed)

    def _align(self, changed: Iterable[WallColumn] = (), force: bool = False) -> None:
        """Pad each level to the tallest across the category columns, so levels line up.

        Only columns whose lanes or bands changed lay out again.
        """
        bands = self.bands()
        for column in self.columns.values():
            body = column
            wanted = () if body.tray else bands
            if force or column in changed or tuple(wanted) != tuple(body.bands):
                body.place_rows(wanted)

    def bands(self) -> list[int]:
        heights: list[int] = []
        for column in self.columns.values():
            if column.tray:
                continue
            for index, height in enumerate(column.natural):
                if index < len(heights):
                    heights[index] = max(heights[index], height)
                else:
                    heights.append(height)
        return heights

    def _scrolled(self, body: WallColumn, y: float) -> None:
        """Category columns scroll together, so the aligned levels stay side by side."""
        for column in self.columns.values():
            other = column
            if other is not body and not other.tray and other.scroll_y != y:
                other.scroll_y = y

    def show_card(self, card_id: int, view: CardView) -> None:
        """Repaint one card with a changed view (a mark), without a new WallView."""
        place = self.place_of.get(card_id)
        column = self.columns.get(place[0]) if place else None
        if column is None:
            return
        self.views[card_id] = view
        column.set_card(card_id, view)
        self._align()

    @staticmethod
    def _order(parent: Widget, wanted: list[Widget]) -> None:
        """Reorder children to `wanted` with as few moves as the lists differ."""
        members = set(wanted)
        current = [w for w in parent.children if w in members]
        if current == wanted:
            return
        for before, widget in zip(wanted, wanted[1:], strict=False):
            parent.move_child(widget, after=before)

    # -- reading the wall (tests, screen) ---------------------------------------------------

    def column_cards(self, key: ColumnKey) -> list[int]:
        column = self.columns.get(key)
        return column.card_ids if column is not None else []

    def lane_cards(self, place: PlaceKey) -> list[int]:
        column = self.columns.get(place[0])
        if column is None:
            return []
        for lane in column.lanes:
            if lane.key == place:
                return [cid for cid, _ in lane.cards]
        return []

    def card_lines(self, card_id: int) -> list[str]:
        """The card's lines as painted on the wall (wrapped, with its edge mark)."""
        return [strip.text for strip in self._body_of(card_id).card_strips(card_id)]

    def card_offset(self, card_id: int) -> tuple[Widget, tuple[int, int]]:
        """Where to click a card: its column body and an offset in it (scrolled into view)."""
        body = self._body_of(card_id)
        body.scroll_to_card(card_id)
        return body, body.card_offset(card_id)

    def _body_of(self, card_id: int) -> WallColumn:
        return self.columns[self.place_of[card_id][0]]

    # -- selection ------------------------------------------------------------------------------

    def select_card(self, card_id: int | None, *, scroll: bool = True) -> None:
        if card_id is not None and card_id in self.views:
            self.selected_card = card_id
            self.selected_column = self.place_of[card_id][0]
        else:
            self.selected_card = None
        self._paint_selection()
        if scroll and self.selected_card is not None:
            self.scroll_to_card(self.selected_card)
        self.post_message(self.SelectionChanged(self.selected_card, self.selected_column))

    def scroll_to_card(self, card_id: int) -> None:
        place = self.place_of.get(card_id)
        column = self.columns.get(place[0]) if place else None
        if column is not None:
            column.scroll_to_card(card_id)
            self.scroll_to_widget(column, animate=False, immediate=True)

    def select_column(self, key: ColumnKey) -> None:
        cards = self.column_cards(key)
        self.selected_column = key
        if cards:
            self.select_card(cards[0])
            return
        self.selected_card = None
        self._paint_selection()
        column = self.columns.get(key)
        if column is not None:
            self.scroll_to_widget(column, animate=False, immediate=True)
        self.post_message(self.SelectionChanged(None, key))

    def _paint_selection(self) -> None:
        """Each column shows its part of the selection (both no-ops when unchanged)."""
        for key, column in self.columns.items():
            current = key == self.selected_column
            column.select(self.selected_card if current else None)
            column.set_current(current)

    def _repair_selection(self) -> None:
        """After a change, keep the selection on the same card, or near where it was."""
        if self.selected_card is not None and self.selected_card in self.views:
            self.selected_column = self.place_of[self.selected_card][0]
            self._paint_selection()
            return
        if self.selected_column not in self.columns:
            self.selected_column = self.column_order[0] if self.column_order else None
        cards = self.column_cards(self.selected_column)
        self.select_card(cards[0] if cards else None, scroll=False)
        if not cards:
            self.select_column(self.selected_column)

    def move_selection(self, columns: int = 0, rows: int = 0) -> None:
        if rows:
            cards = self.column_cards(self.selected_column)
            if not cards:
                return
            if self.selected_card not in cards:
                self.select_card(cards[0])
                return
            index = cards.index(self.selected_card) + rows
            self.select_card(cards[max(0, min(len(cards) - 1, index))])
            return
        if columns and self.column_order:
            index = (
                self.column_order.index(self.selected_column)
                if (self.selected_column in self.column_order)
                else 0
            )
            index = max(0, min(len(self.column_order) - 1, index + columns))
            target = self.column_order[index]
            if target == self.selected_column:
                return
            level = self.place_of[self.selected_card][1] if self.selected_card else None
            same_level = [c for c in self.column_cards(target) if self.place_of[c][1] == level]
            if same_level:
                self.select_card(same_level[0])
            else:
                self.select_column(target)

    @on(WallColumn.CardClicked)
    def _clicked_card(self, event: WallColumn.CardClicked) -> None:
        self.screen.set_focus(self.screen.query_one(WallKeys))
        self.select_card(event.card_id, scroll=False)

    @on(WallColumn.HeaderClicked)
    def _clicked_header(self, event: WallColumn.HeaderClicked) -> None:
        self.screen.set_focus(self.screen.query_one(WallKeys))
        self.select_column(event.key)
