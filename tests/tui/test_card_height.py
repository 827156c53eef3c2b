"""The wall lays cards out by measured height; the measure must match how cards are drawn."""

from __future__ import annotations

import pytest

from focusgroup.tui.widgets.card_tile import CardView, render_card
from focusgroup.tui.widgets.wall_column import card_height

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
