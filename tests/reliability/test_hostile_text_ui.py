"""Hostile text on the wall: every card, participant and category shown literally, no crash,
no markup action. One app run with all the samples (an app per hypothesis example is slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusgroup.store import SessionStore
from tests.builders import tiny_protocol
from tests.reliability.nasty import SAMPLES, one_line


@pytest.fixture(autouse=True)
def _no_animation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


async def test_hostile_text_is_shown_literally_on_the_wall(tmp_path: Path) -> None:
    from focusgroup.tui.app import make_app
    from focusgroup.tui.widgets.wall_board import WallBoard

    store = SessionStore.create(tmp_path / "m.db", tiny_protocol(), title="[bold]Evil[/] $accent")
    ids = {}
    for text in SAMPLES:
        person = store.add_participant(one_line(text[:200]))  # names are one line
        category = store.add_category(text[:200])
        ids[store.add_card(text, person, category_id=category, level="entry")] = text
    app = make_app(store, "facilitator")
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        tiles = app.screen.query_one(WallBoard).tiles
        for card_id, text in ids.items():
            shown = tiles[card_id].render()
            plain = shown.plain if hasattr(shown, "plain") else str(shown)
            if text.isprintable():
                assert text in plain, f"{text[:40]!r} not shown literally: {plain[:80]!r}"
            # No user text may become a link or an action ([@click=...]).
            spans = getattr(shown, "spans", [])
            assert not any("click" in str(span.style) for span in spans), text[:40]
        # A markup-looking card added live (the sync path) must not crash the app either.
        app.perform(store.add_card, "Ann [/] [@click=app.quit]boom[/]")
        await pilot.pause()
        assert app.is_running
        assert not [n for n in app._notifications if n.severity == "error"]
    store.close()
