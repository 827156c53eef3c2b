"""Shared fixtures: a protocol built in code, and fresh session files on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusgroup.domain.protocol import (
    CardKind,
    CategorySeed,
    Level,
    Protocol,
    Reason,
    Step,
    Tier,
)
from focusgroup.store import SessionStore


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own FOCUSGROUP_HOME so nothing touches the repo's sessions/."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("FOCUSGROUP_HOME", str(home))
    return home


def tiny_protocol() -> Protocol:
    """A small protocol made in code, independent of the YAML files."""
    return Protocol(
        id="tiny",
        title="Tiny",
        purpose="Tests",
        levels=(Level("entry", "Entry"), Level("mid", "Mid"), Level("advanced", "Advanced")),
        reasons=(Reason("many", "Need many", "1"), Reason("hard", "Hardest to fill", "2")),
        categories=(CategorySeed("Production", "blue"), CategorySeed("Office", "green")),
        card_kinds=(CardKind("occupation", "Occupation", "yellow", "\u25a0"),),
        tiers=(Tier("workplace", "Workplace", "foundational"),),
        steps=(Step("Write cards", "Write two."), Step("Third card", "One more.", third_card=True)),
    )


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    s = SessionStore.create(tmp_path / "meeting.db", tiny_protocol(), title="Test meeting")
    yield s
    s.close()
