"""The wall: the Unsorted tray and one column per category, each with a lane per level.

The board never recomposes. `apply(view)` diffs a new `WallView` against what is mounted and
touches only what changed, keeping a `card_id -> CardTile` map. Selection is a CSS class on
one tile (cheap), not widget focus (every focus change restyles the DOM).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.color import Color
from textual.containers import HorizontalScroll, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from focusgroup.tui.wall_view import ColumnKey, ColumnView, LaneView, PlaceKey, WallView
from focusgroup.tui.widgets.card_tile import CardTile


def header_content(column: ColumnView, folded: bool) -> Content:
    """Name and card count; competencies named for the whole category as a count (▲n).

    Headers are two lines high in every column, so the level lanes line up across the wall.
    """
    parts: list[str | tuple[str, str]] = [
        (f"{column.symbol} ", "bold"),
        (column.name, "bold"),
        "  ",
        (f"{column.count}", "bold reverse"),
    ]
    if column.competencies:
        parts += ["  ", (f"▲{len(column.competencies)}", "bold")]
    return Content.assemble(*parts)


class ColumnHeader(Static):
    """The category card at the top of a column, in the category's colour."""

    class Clicked(Message):
        def __init__(self, key: ColumnKey) -> None:
            super().__init__()
            self.key = key

    def __init__(self, column: ColumnView) -> None:
        super().__init__(
            header_content(column, False), classes="-tray" if column.key is None else ""
        )
        self.key = column.key
        self.column = column
        self.folded = False
        self._paint()

    def show(self, column: ColumnView, folded: bool) -> None:
        if (column, folded) == (self.column, self.folded):
            return
        colour_changed = column.colour != self.column.colour
        self.column, self.folded = column, folded
        self.update(header_content(column, folded))
        if colour_changed:
            self._paint()

    def _paint(self) -> None:
        if self.key is None or not self.column.colour:
            return
        try:
            colour = Color.parse(self.column.colour)
        except Exception:  # a hand-edited protocol colour we can't read: keep the default
            return
        self.styles.background = colour
        self.styles.color = colour.get_contrast_text(1.0)

    def on_click(self) -> None:
        self.post_message(self.Clicked(self.key))


class LaneTitle(Static):
    pass


class Lane(Vertical):
    """The cards of one place: a category at one level, or the tray."""

    def __init__(self, lane: LaneView, tiles: list[CardTile]) -> None:
        self.key: PlaceKey = lane.key
        self.label = lane.label
        self.count = len(lane.cards)
        self.title = LaneTitle(self._title(self.count))
        super().__init__(self.title, *tiles, classes="-tray" if lane.key[0] is None else "")
        self.card_ids: list[int] = [cid for cid, _ in lane.cards]

    def _title(self, count: int) -> Content:
        return Content.assemble((self.label.upper(), "bold"), (f" · {count}", "dim"))

    def set_count(self, count: int) -> None:
        if count != self.count:
            self.count = count
            self.title.update(self._title(count))


class WallColumn(Vertical):
    def __init__(self, column: ColumnView, lanes: list[Lane]) -> None:
        super().__init__(classes="-tray" if column.key is None else "")
        self.key = column.key
        self.header = ColumnHeader(column)
        self.body = VerticalScroll(*lanes, classes="column-body", can_focus=False)
        self.body.can_focus = False
        self.lanes = lanes

    def compose(self) -> Iterable[Widget]:
        yield self.header
        yield self.body


class WallKeys(Widget, can_focus=True):
    """Holds keyboard focus for the wall.

    A focus change restyles the focused widget's whole subtree; focusing this empty leaf
    instead of the board saves that walk over every card (about 0.4 s at 500 cards).
    """

    DEFAULT_CSS = "WallKeys { width: 0; height: 0; }"


class WallBoard(HorizontalScroll, can_focus=False, inherit_bindings=False):
    """Columns side by side; keys act on the selected card (bindings live on the screen)."""

    class SelectionChanged(Message):
        def __init__(self, card_id: int | None, column: ColumnKey) -> None:
            super().__init__()
            self.card_id = card_id
            self.column = column

    def __init__(self, view: WallView, *, board_width: int = 120, id: str | None = None) -> None:
        super().__init__(id=id)
        self.width_hint = self.column_width(board_width, len(view.columns))
        """Column width, known before the first layout so startup lays the wall out once."""
        self.columns: dict[ColumnKey, WallColumn] = {}
        self.lanes: dict[PlaceKey, Lane] = {}
        self.tiles: dict[int, CardTile] = {}
        self.place_of: dict[int, PlaceKey] = {}
        self.column_order: list[ColumnKey] = []
        self.selected_card: int | None = None
        self.selected_column: ColumnKey = None
        self.folded = False
        self._initial = view

    # -- building -------------------------------------------------------------------------------

    def compose(self) -> Iterable[Widget]:
        view = self._initial
        for column in view.columns:
            yield self._make_column(column, view.lanes.get(column.key, []))
        self.column_order = [c.key for c in view.columns]
        first = next(iter(view.card_ids()), None)
        self.selected_card = first
        self.selected_column = self.place_of[first][0] if first is not None else None

    def on_mount(self) -> None:
        self._paint_selection(None, None)

    MIN_COLUMN, MAX_COLUMN = 22, 48

    def on_resize(self) -> None:
        self._fit_columns()

    def column_width(self, board_width: int, count: int) -> int:
        """Share the width between the columns; below MIN_COLUMN each, scroll sideways."""
        return max(self.MIN_COLUMN, min(self.MAX_COLUMN, board_width // max(1, count) - 1))

    def _fit_columns(self) -> None:
        width = self.column_width(self.size.width, len(self.columns))
        if width == self.width_hint:
            return
        # Restyling every column relayouts the wall: only when the width really changes.
        self.width_hint = width
        for column in self.columns.values():
            column.styles.width = width

    def _make_column(self, column: ColumnView, lane_views: list[LaneView]) -> WallColumn:
        lanes = []
        for lane_view in lane_views:
            tiles = [self._make_tile(cid, cv, lane_view.key) for cid, cv in lane_view.cards]
            lane = Lane(lane_view, tiles)
            self.lanes[lane_view.key] = lane
            lanes.append(lane)
        wall_column = WallColumn(column, lanes)
        wall_column.styles.width = self.width_hint
        self.columns[column.key] = wall_column
        return wall_column

    def _make_tile(self, card_id: int, view: object, place: PlaceKey) -> CardTile:
        tile = CardTile(card_id, view)  # type: ignore[arg-type]
        self.tiles[card_id] = tile
        self.place_of[card_id] = place
        return tile

    # -- applying a new view --------------------------------------------------------------------

    def apply(self, view: WallView, folded: bool = False) -> None:
        """Bring the mounted wall in line with `view`, touching only what changed."""
        self.folded = folded
        wanted_columns = [c.key for c in view.columns]
        for key in [k for k in self.columns if k not in wanted_columns]:
            column = self.columns.pop(key)
            for lane in column.lanes:
                self.lanes.pop(lane.key, None)
                for cid in lane.card_ids:
                    if self.place_of.get(cid) == lane.key:
                        self.tiles.pop(cid, None)
                        self.place_of.pop(cid, None)
            column.remove()
        previous: WallColumn | None = None
        for column_view in view.columns:
            column = self.columns.get(column_view.key)
            if column is None:
                column = self._make_column(column_view, view.lanes.get(column_view.key, []))
                if previous is None:
                    self.mount(column, before=0)
                else:
                    self.mount(column, after=previous)
            else:
                column.header.show(column_view, folded)
            previous = column
        if wanted_columns != self.column_order:
            self._order(self, [self.columns[k] for k in wanted_columns])
            self.column_order = wanted_columns
            self._fit_columns()

        wanted_cards = {cid for cid in view.card_ids()}
        for cid in [c for c in self.tiles if c not in wanted_cards]:
            self._drop_tile(cid)
        for lanes in view.lanes.values():
            for lane_view in lanes:
                self._apply_lane(lane_view)
        self._repair_selection()

    def _drop_tile(self, card_id: int) -> None:
        tile = self.tiles.pop(card_id)
        place = self.place_of.pop(card_id, None)
        lane = self.lanes.get(place) if place else None
        if lane is not None and card_id in lane.card_ids:
            lane.card_ids.remove(card_id)
        tile.remove()

    def _apply_lane(self, lane_view: LaneView) -> None:
        lane = self.lanes.get(lane_view.key)
        if lane is None:
            return
        wanted = [cid for cid, _ in lane_view.cards]
        if lane.label != lane_view.label:
            lane.label = lane_view.label
        if wanted == lane.card_ids:
            for cid, card in lane_view.cards:
                self.tiles[cid].show(card)
            lane.set_count(len(wanted))
            return
        # Cards that moved here from another lane get a fresh tile (widgets can't be re-parented).
        previous: Widget = lane.title
        for cid, card in lane_view.cards:
            tile = self.tiles.get(cid)
            if tile is not None and self.place_of.get(cid) != lane_view.key:
                self._drop_tile(cid)
                tile = None
            if tile is None:
                tile = self._make_tile(cid, card, lane_view.key)
                lane.mount(tile, after=previous)
            else:
                tile.show(card)
            previous = tile
        self._order(lane, [lane.title, *(self.tiles[cid] for cid in wanted)])
        lane.card_ids = wanted
        lane.set_count(len(wanted))

    @staticmethod
    def _order(parent: Widget, wanted: list[Widget]) -> None:
        """Reorder children to `wanted` with as few moves as the lists differ."""
        members = set(wanted)
        current = [w for w in parent.children if w in members]
        if current == wanted:
            return
        for before, widget in zip(wanted, wanted[1:], strict=False):
            parent.move_child(widget, after=before)

    # -- selection ------------------------------------------------------------------------------

    def column_cards(self, key: ColumnKey) -> list[int]:
        column = self.columns.get(key)
        if column is None:
            return []
        return [cid for lane in column.lanes for cid in lane.card_ids]

    def select_card(self, card_id: int | None, *, scroll: bool = True) -> None:
        old_card, old_column = self.selected_card, self.selected_column
        if card_id is not None and card_id in self.tiles:
            self.selected_card = card_id
            self.selected_column = self.place_of[card_id][0]
        else:
            self.selected_card = None
        self._paint_selection(old_card, old_column)
        if scroll and self.selected_card is not None:
            self.tiles[self.selected_card].scroll_visible(animate=False, immediate=True)
        self.post_message(self.SelectionChanged(self.selected_card, self.selected_column))

    def select_column(self, key: ColumnKey) -> None:
        cards = self.column_cards(key)
        old_card, old_column = self.selected_card, self.selected_column
        self.selected_column = key
        if cards:
            self.select_card(cards[0])
            return
        self.selected_card = None
        self._paint_selection(old_card, old_column)
        column = self.columns.get(key)
        if column is not None:
            column.scroll_visible(animate=False, immediate=True)
        self.post_message(self.SelectionChanged(None, key))

    def _paint_selection(self, old_card: int | None, old_column: ColumnKey) -> None:
        if old_card is not None and old_card in self.tiles:
            self.tiles[old_card].remove_class("-selected")
        if self.selected_card is not None:
            self.tiles[self.selected_card].add_class("-selected")
        if old_column in self.columns:
            self.columns[old_column].header.remove_class("-current")
        if self.selected_column in self.columns:
            self.columns[self.selected_column].header.add_class("-current")

    def _repair_selection(self) -> None:
        """After a change, keep the selection on the same card, or near where it was."""
        if self.selected_card is not None and self.selected_card in self.tiles:
            self._paint_selection(None, None)
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

    @on(CardTile.Clicked)
    def _clicked_tile(self, event: CardTile.Clicked) -> None:
        self.screen.set_focus(self.screen.query_one(WallKeys))
        self.select_card(event.tile.card_id, scroll=False)

    @on(ColumnHeader.Clicked)
    def _clicked_header(self, event: ColumnHeader.Clicked) -> None:
        self.screen.set_focus(self.screen.query_one(WallKeys))
        self.select_column(event.key)
