"""Profiles default to the room's shortlist (issue 14), in its order; else the top five."""

from __future__ import annotations

from pathlib import Path

from focusgroup.export.exporter import export_profiles
from tests.export.room_session import build_room, facts_from_file


def test_profiles_default_to_the_shortlist(tmp_path: Path) -> None:
    room = build_room(tmp_path / "room.db")
    facts = facts_from_file(room)
    paths = export_profiles(room, tmp_path / "p", formats=("yaml",), onet_lookup=None)
    names = [p.name for p in paths]
    assert len(names) == len(facts.shortlist) == 3
    assert names[0].startswith("profile-zebra-press-operator")
    assert names[1].startswith("profile-welder")
    assert names[2].startswith("profile-quality-engineer")


def test_without_a_shortlist_profiles_are_the_top_five(tmp_path: Path) -> None:
    room = build_room(tmp_path / "room.db", shortlist=False)
    paths = export_profiles(room, tmp_path / "p", formats=("yaml",), onet_lookup=None)
    assert len(paths) == 5
