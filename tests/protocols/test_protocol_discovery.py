"""User protocols in $FOCUSGROUP_HOME/protocols are listed, override built-ins, and a broken
one does not hide the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusgroup.domain.errors import ProtocolError
from focusgroup.protocol_files import find_protocol, is_builtin, list_protocols

BUILTIN = Path(__file__).resolve().parents[2] / "protocols"
MINIMAL = Path(__file__).resolve().parent / "minimal.yaml"


@pytest.fixture
def user_dir(isolated_home: Path) -> Path:
    folder = isolated_home / "protocols"
    folder.mkdir()
    return folder


def test_user_protocol_is_listed(user_dir: Path) -> None:
    (user_dir / "mine.yaml").write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    listed = {p.id: path for p, path in list_protocols()}
    assert listed["minimal"] == user_dir / "mine.yaml"
    assert not is_builtin(listed["minimal"])
    assert is_builtin(listed["critical-occupations"])
    assert find_protocol("minimal").title == "Minimal"


def test_user_protocol_overrides_builtin_with_same_id(user_dir: Path) -> None:
    text = (BUILTIN / "critical-occupations.yaml").read_text(encoding="utf-8")
    text = text.replace('title: "Critical occupations: the sticky wall"', "title: Our own wall")
    (user_dir / "wall.yml").write_text(text, encoding="utf-8")
    listed = list_protocols()
    ids = [p.id for p, _ in listed]
    assert ids.count("critical-occupations") == 1
    protocol, path = next((p, path) for p, path in listed if p.id == "critical-occupations")
    assert protocol.title == "Our own wall" and path == user_dir / "wall.yml"
    assert find_protocol("critical-occupations").title == "Our own wall"


def test_broken_user_file_does_not_hide_others(user_dir: Path) -> None:
    (user_dir / "broken.yaml").write_text("id: x\ntitle: [\n", encoding="utf-8")
    (user_dir / "mine.yaml").write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    (user_dir / "notes.txt").write_text("not a protocol", encoding="utf-8")
    errors: list[ProtocolError] = []
    ids = {p.id for p, _ in list_protocols(errors)}
    assert ids >= {"minimal", "critical-occupations", "critical-competencies"}
    assert len(errors) == 1 and "broken.yaml, line 3" in str(errors[0])
    assert {p.id for p, _ in list_protocols()} == ids  # without a list, errors are skipped


def test_two_user_files_with_one_id(user_dir: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (user_dir / name).write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    errors: list[ProtocolError] = []
    listed = {p.id: path for p, path in list_protocols(errors)}
    assert listed["minimal"].name == "a.yaml"
    assert len(errors) == 1 and "already used by" in str(errors[0])


def test_find_by_path_and_unknown_id(user_dir: Path) -> None:
    assert find_protocol(str(MINIMAL)).id == "minimal"
    (user_dir / "broken.yaml").write_text("- a list\n", encoding="utf-8")
    with pytest.raises(ProtocolError) as caught:
        find_protocol("no-such-meeting")
    message = str(caught.value)
    assert '"no-such-meeting"' in message
    assert "critical-competencies, critical-occupations" in message
    assert "broken.yaml" in message
    with pytest.raises(ProtocolError, match="no such protocol file"):
        find_protocol("missing/file.yaml")
