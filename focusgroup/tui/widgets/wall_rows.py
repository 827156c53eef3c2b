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


def thumb_span(scroll_y: int, height: int, total: int) -> tuple[int, int] | None:
    """The scroll thumb's lane lines (start, end), or None when the lanes fit."""
    if total <= height or height <= 0:
        return None
    top = scroll_y * height // total
    return (top, top + max(1, height * height // total))
