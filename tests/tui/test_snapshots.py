"""Snapshots of the main screens at 80x24 and 160x50: fixed data, fixed clock, fixed date."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from focusgroup import paths
from focusgroup.sample import sample_session
from focusgroup.store import SessionStore
from focusgroup.tui.app import FocusGroupApp, make_app
from focusgroup.tui.clock import fixed_clock

SIZES = [(80, 24), (160, 50)]


def app_for(store: SessionStore | None) -> FocusGroupApp:
    app = make_app(store, clock=fixed_clock(), today=lambda: "2025-03-14")
    app.animation_level = "none"
    return app


@pytest.fixture
def snap_store(tmp_path: Path):
    store = sample_session(tmp_path / "meeting.db", cards=16)
    # Markup-looking and long text, shown literally and wrapped inside the card.
    store.add_card("[bold]Lead hand[/] — second shift, keeps the whole line running", None)
    yield store
    store.close()


async def no_blink(pilot: Pilot) -> None:
    for widget in pilot.app.screen.query("Input"):
        widget.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_wall(snap_compare, snap_store: SessionStore, size: tuple[int, int]) -> None:
    assert snap_compare(app_for(snap_store), terminal_size=size, run_before=no_blink)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_projector(snap_compare, snap_store: SessionStore, size: tuple[int, int]) -> None:
    assert snap_compare(app_for(snap_store), press=["f5"], terminal_size=size)


def test_stack_dialog(snap_compare, snap_store: SessionStore) -> None:
    async def open_stack(pilot: Pilot) -> None:
        await pilot.pause()  # the wall is mounted
        lead = next(c for c in snap_store.cards() if c.members)
        pilot.app.screen.query_one("WallBoard").select_card(lead.id)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app_for(snap_store), terminal_size=(80, 24), run_before=open_stack)


def test_participants(snap_compare, snap_store: SessionStore) -> None:
    assert snap_compare(app_for(snap_store), press=["p"], terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_start_screen(snap_compare, size: tuple[int, int]) -> None:
    folder = paths.sessions_dir()
    folder.mkdir(parents=True)
    sample_session(folder / "2025-03-14-manufacturing.db", cards=6).close()
    (folder / "broken.db").write_bytes(b"not a database")
    assert snap_compare(app_for(None), terminal_size=size, run_before=no_blink)
