"""The wall lays cards out by measured height; the measure must match how cards are drawn."""

from __future__ import annotations

import pytest

from focusgroup.tui.widgets.card_tile import CardView, render_card
from focusgroup.tui.widgets.wall_paint import card_height

TEXTS = [
    "Welder",
    "Maintenance technician, second shift, keeps the whole line running",
    "Supercalifragilisticexpialidocious-machinist-without-spaces",
    "東京の工場の品質管理エンジニア",
    "Zoë's \u0645\u0647\u0646\u062f\u0633 RTL and emoji \U0001f527\U0001f529 mixed",
    "[bold]Lead hand[/] \\ $accent",
    "tab\tseparated\ttitle",
    "x" * 300,
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("width", [6, 12, 20, 33])
def test_measured_height_matches_the_drawn_card(text: str, width: int) -> None:
    view = CardView(text=text, who="Atlas Machining", reasons=("1", "2"), count=2, soc="51-4041")
    assert card_height(view, width) == len(render_card(view).wrap(width))


def _cells(strips: list) -> list[list[tuple[str, object]]]:
    """Each line as (character, style) per character: segment boundaries don't matter."""
    return [[(ch, seg.style) for seg in strip for ch in seg.text] for strip in strips]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("width", [8, 14, 22, 35])
@pytest.mark.parametrize("selected", [False, True])
def test_fast_card_painter_matches_the_plain_content_path(
    text: str, width: int, selected: bool
) -> None:
    """paint_card builds strips itself (the slow part of painting); it must draw exactly
    what rendering the card's Content segment by segment and cropping would."""
    from rich.segment import Segment
    from rich.style import Style
    from textual.strip import Strip

    from focusgroup.tui.widgets.wall_paint import Paint, card_padding, inner_width, paint_card

    colours = ["yellow", "white", "cyan", "red", "blue", "green", "magenta", "grey50", "black"]
    paint = Paint(*(Style(color="black", bgcolor=c) for c in colours), *[Style()] * 4)
    for view in (
        CardView(text=text, who="Atlas Machining", reasons=("1", "2"), count=2, soc="51-4041"),
        CardView(text=text, third_card=True, competencies=("Reads [b]prints[/]",), marked=True),
        CardView(text=text, projector=True, hands=7),
    ):
        body, edge_style, edge = paint.for_card(view, selected)
        pad = card_padding(view, width)
        expected = []
        for line in render_card(view).wrap(inner_width(view, width)):
            segments = [Segment(edge, edge_style), Segment(" " * pad, body)]
            segments += Segment.apply_style(line.render_segments(), body)
            expected.append(Strip(segments).crop_extend(0, width, body))
        painted = paint_card(view, width, selected, paint)
        assert _cells(painted) == _cells(expected)
        assert all(strip.cell_length == width for strip in painted)
