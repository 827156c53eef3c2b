"""A wall column's lines as a list of row references: the pure layout under the widget.

A change rebuilds this list (microseconds) and the widget repaints only the lines whose row
reference differs, so a move touches a few lines of two columns rather than every line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from focusgroup.tui.wall_view import LaneView
from focusgroup.tui.widgets.card_tile import CardView

MIN_LANE = 3
"""Lines a lane takes at least (rule, title, one blank), so empty levels stay visible."""

Row = tuple[int, int] | tuple[str, int]
"""A line of the column: (card id, line of the card), ("title", lane), ("rule"|"blank", 0)."""

HeightOf = Callable[[int, CardView], int]
"""A card's height in lines, by card id and view (the widget caches them)."""


def natural_heights(lanes: Sequence[LaneView], height_of: HeightOf, *, tray: bool) -> list[int]:
    """Each lane's height before padding to its band (the board aligns levels with these)."""
    natural = []
    for lane in lanes:
        lines = (0 if tray else 1) + 1  # rule, title
        lines += sum(height_of(cid, view) + 1 for cid, view in lane.cards)
        natural.append(lines)
    return natural


def lane_rows(
    lanes: Sequence[LaneView], height_of: HeightOf, bands: Sequence[int], *, tray: bool
) -> tuple[list[Row], dict[int, tuple[int, int]]]:
    """The lanes as rows, each padded to its band (so levels line up across columns).

    Returns the rows and each card's span of rows (start, end).
    """
    rows: list[Row] = []
    spans: dict[int, tuple[int, int]] = {}
    for index, lane in enumerate(lanes):
        start = len(rows)
        if not tray:
            rows.append(("rule", 0))
        rows.append(("title", index))
        for cid, view in lane.cards:
            height = height_of(cid, view)
            spans[cid] = (len(rows), len(rows) + height)
            rows.extend((cid, line) for line in range(height))
            rows.append(("blank", 0))
        band = bands[index] if index < len(bands) else 0
        rows.extend([("blank", 0)] * (max(MIN_LANE, band) - (len(rows) - start)))
        rows.append(("blank", 0))  # the gap between levels
    return rows, spans


def lanes_of_rows(rows: Sequence[Row]) -> list[int]:
    """The lane each row belongs to: a lane starts at its rule (or, in the tray, its title)."""
    lane, out = 0, []
    for index, (what, which) in enumerate(rows):
        if what == "title":
            lane = which
        elif what == "rule" and index + 1 < len(rows) and rows[index + 1][0] == "title":
            lane = rows[index + 1][1]
        out.append(lane)
    return out


def thumb_span(scroll_y: int, height: int, total: int) -> tuple[int, int] | None:
    """The scroll thumb's lane lines (start, end), or None when the lanes fit."""
    if total <= height or height <= 0:
        return None
    top = scroll_y * height // total
    return (top, top + max(1, height * height // total))


NARROW_COLUMN = 11
"""An empty category's width when the wall is crowded: its header card, and room to drop cards."""
MIN_COLUMN = 11
"""The narrowest a column with cards gets before the wall scrolls sideways."""
MAX_COLUMN = 48
COMFORTABLE = 24
"""With this much per column or more, every column simply gets the same width."""
TRAY_COLUMN = 16
"""The Unsorted tray, while it holds cards, is at least this wide: new cards land there."""


def share_widths(total: int, counts: Sequence[int], *, tray_first: bool = True) -> list[int]:
    """Each column's width (its last cell is the gap) for a board `total` cells wide.

    The board's width is shared so every column is on screen when it can be (issue 13: ten
    categories at 160x50 beside the agenda). An even split when it gives every column a
    comfortable width; else empty columns go narrow and those with cards share the rest
    (the first column, the Unsorted tray, getting at least TRAY_COLUMN while it holds
    cards); only when even that leaves less than MIN_COLUMN does the board scroll sideways.
    Leftover cells go to the columns with cards, so the wall fills the board.
    """
    n = len(counts)
    if n == 0:
        return []
    if total // n >= COMFORTABLE:
        return [min(MAX_COLUMN, total // n)] * n
    floors = [NARROW_COLUMN if c == 0 else MIN_COLUMN for c in counts]
    if tray_first and counts[0]:  # as wide as fits, up to TRAY_COLUMN
        floors[0] = max(MIN_COLUMN, min(TRAY_COLUMN, total - sum(floors[1:])))
    if sum(floors) >= total:
        return floors  # too many columns for the board: the minimums, and it scrolls
    widths = list(floors)
    full = [i for i, c in enumerate(counts) if c] or list(range(n))
    spare = total - sum(widths)
    while spare > 0:
        growable = [i for i in full if widths[i] < MAX_COLUMN]
        if not growable:
            break
        # One cell at a time to the narrowest column with cards: they end up even.
        widths[min(growable, key=lambda i: (widths[i], i))] += 1
        spare -= 1
    return widths
