"""Every key the footer shows does something a person can see (issue 13: "every on-screen
instruction does what it says"). Each footer key is pressed in a fresh app; the test fails if
nothing observable changed: the screen, the focus, the store, the selection or marks, a
message on screen, or the app quitting."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusgroup.sample import sample_session
from focusgroup.tui.clock import fixed_clock
from focusgroup.tui.widgets.key_footer import KeyFooter


def fingerprint(app) -> tuple:
    screen = app.screen
    board = screen.query("WallBoard").first() if screen.query("WallBoard") else None
    return (
        type(screen).__name__,
        type(screen.focused).__name__ if screen.focused else None,
        app.store.last_event_id() if app.has_store else None,
        board.selected_card if board else None,
        tuple(sorted(getattr(getattr(screen, "options", None), "marked", ()) or ())),
        tuple(sorted(screen.classes)),
        len(app._notifications),
    )


async def footer_items(path: Path, role: str, size: tuple[int, int]) -> list:
    app = make_app_for(path, role)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        items, _ = app.screen.query_one(KeyFooter).items()
    app.store.close()
    return [i for i in items if i.enabled]


async def silent_footer_keys(path: Path, role: str, size: tuple[int, int], items: list) -> list:
    """The footer keys that change nothing visible, each pressed in a freshly opened seat."""
    silent = []
    for item in items:
        app = make_app_for(path, role)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            key = item.key.split(",")[0]
            if role == "note-taker" and len(key) == 1:
                await pilot.press("escape")  # single keys act on the seat's wall
                await pilot.pause()
            before = fingerprint(app)
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            quit_ = not app.is_running or app._exit_renderables or app.return_code is not None
            if not quit_ and fingerprint(app) == before:
                silent.append(f"{item.key_display} {item.description}")
        app.store.close()
    return silent


def make_app_for(path: Path, role: str):
    from focusgroup.tui.launch import session_app

    app = session_app(path, role, clock=fixed_clock())
    app.animation_level = "none"
    return app


@pytest.mark.parametrize("role", ["facilitator", "note-taker"])
async def test_every_footer_key_does_something(tmp_path: Path, role: str) -> None:
    path = tmp_path / "m.db"
    sample_session(path, cards=12).close()
    size = (200, 60)
    items = await footer_items(path, role, size)
    assert len(items) >= 5
    silent = await silent_footer_keys(path, role, size, items)
    assert silent == [], f"footer keys that did nothing visible: {silent}"
