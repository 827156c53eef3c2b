"""Shared fixtures: a protocol built in code, and fresh session files on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusgroup.domain.protocol import Protocol
from focusgroup.domain.protocol_schema import parse_protocol
from focusgroup.store import SessionStore


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own FOCUSGROUP_HOME so nothing touches the repo's sessions/."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("FOCUSGROUP_HOME", str(home))
    return home


TINY_PROTOCOL = """\
id: tiny
title: Tiny
purpose: A small protocol for tests, independent of the shipped ones.
levels:
  - {key: entry, label: Entry}
  - {key: mid, label: Mid}
  - {key: advanced, label: Advanced}
reasons:
  - {key: many, label: Need many, hotkey: "1"}
  - {key: hard, label: Hardest to fill, hotkey: "2"}
categories:
  - {name: Production, colour: blue}
  - {name: Office, colour: green}
card_kinds:
  - {key: occupation, label: Occupation, colour: yellow, symbol: "O"}
  - {key: category, label: Category, colour: orange, symbol: "#"}
  - {key: competency, label: Competency, colour: green, symbol: "+"}
tiers:
  - {key: workplace, label: Workplace, group: foundational}
  - {key: occupation-specific, label: Occupation-specific, group: technical}
topics:
  - {key: why-critical, label: Why critical, hotkey: "1"}
steps:
  - {title: Write cards, say: Write two., minutes: 5, collects: [occupation]}
  - {title: Third card, say: One more., minutes: 5, collects: [occupation], third_card: true}
"""


def tiny_protocol() -> Protocol:
    """A small protocol (two steps, two categories) stored like a real one."""
    return parse_protocol(TINY_PROTOCOL, "tiny.yaml")


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    s = SessionStore.create(tmp_path / "meeting.db", tiny_protocol(), title="Test meeting")
    yield s
    s.close()
