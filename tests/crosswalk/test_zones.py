"""Job zone against the level the room gave a card: flag big gaps, never correct them."""

from __future__ import annotations

import pytest

from focusgroup.crosswalk.zones import level_disagreement


@pytest.mark.parametrize(
    ("zone", "level"),
    [(4, "entry"), (5, "entry"), (5, " Entry "), (1, "advanced")],
)
def test_big_gaps_are_flagged(zone: int, level: str) -> None:
    flag = level_disagreement(zone, level)
    assert flag is not None and f"job zone {zone}" in flag


@pytest.mark.parametrize(
    ("zone", "level"),
    [(1, "entry"), (3, "entry"), (5, "mid"), (1, "mid"), (2, "advanced"), (5, "advanced"),
     (4, "unsorted"), (None, "entry"), (9, "entry")],
)  # fmt: skip
def test_plausible_or_unknown_pairs_are_not_flagged(zone: int | None, level: str) -> None:
    assert level_disagreement(zone, level) is None
