"""A deterministic meeting (built-in protocol, 12 cards, fixed clock) and helpers to drive it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from focusgroup.sample import sample_session
from focusgroup.store import SessionStore
from focusgroup.tui.app import FocusGroupApp, make_app
from tests.tui.builders import ManualClock


@pytest.fixture
def wall_store(tmp_path: Path) -> Iterator[SessionStore]:
    store = sample_session(tmp_path / "meeting.db", cards=12)
    yield store
    store.close()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def wall_app(wall_store: SessionStore, clock: ManualClock) -> FocusGroupApp:
    app = make_app(wall_store, "facilitator", clock=clock, today=lambda: "2025-03-14")
    app.animation_level = "none"
    return app
