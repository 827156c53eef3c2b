"""Shared fixtures: a protocol built in code, and fresh session files on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusgroup.store import SessionStore
from tests.builders import tiny_protocol


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own FOCUSGROUP_HOME so nothing touches the repo's sessions/."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("FOCUSGROUP_HOME", str(home))
    return home


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    s = SessionStore.create(tmp_path / "meeting.db", tiny_protocol(), title="Test meeting")
    yield s
    s.close()
