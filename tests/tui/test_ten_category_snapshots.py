"""Issue 13: snapshots of a ten-category wall at 80x24, 160x50 and 200x60 (fixed data, clock)."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusgroup.tui.app import make_app
from focusgroup.tui.clock import fixed_clock
from tests.tui.test_snapshots import no_blink
from tests.tui.test_wall_widths import ten_category_wall


@pytest.mark.parametrize("size", [(80, 24), (160, 50), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_ten_category_wall(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    store = ten_category_wall(tmp_path / "it.db", filled=6)
    app = make_app(store, "facilitator", clock=fixed_clock(), today=lambda: "2025-03-14")
    app.animation_level = "none"
    try:
        assert snap_compare(app, terminal_size=size, run_before=no_blink)
    finally:
        store.close()
