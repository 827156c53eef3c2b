"""Session files for combining: demo meetings, an older-schema file, a damaged and a newer one."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from focusgroup.demo import build_demo
from focusgroup.protocol_files import find_protocol
from focusgroup.store import SessionStore
from focusgroup.store.file_format import APPLICATION_ID, SCHEMA_VERSION


@dataclass(frozen=True)
class Meetings:
    spring: Path
    autumn: Path
    old: Path
    damaged: Path
    newer: Path

    @property
    def good(self) -> list[Path]:
        return [self.spring, self.autumn, self.old]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _demo(path: Path, title: str) -> Path:
    store = build_demo(path, find_protocol("critical-occupations"))
    store.update_session(title=title)
    store.close()
    return path


def _autumn_changes(path: Path) -> None:
    """A second meeting that codes more of the wall differently and flags its own gap."""
    with SessionStore.open(path) as store:
        by_text = {card.text: card for card in store.cards()}
        store.set_soc(
            by_text["Welder"].id, soc_code="51-4121", onet_code="51-4121.06", soc_title="Welders"
        )
        store.set_soc(
            by_text["Maintenance tech"].id,
            soc_code="49-9041",
            onet_code="49-9041.00",
            soc_title="Industrial Machinery Mechanics",
        )
        store.add_competency(
            "Hydraulics troubleshooting", card_id=by_text["Maintenance tech"].id, lacking=True
        )


def _version_1_file(path: Path) -> Path:
    """A meeting saved before migration m002, with two employers' cards."""
    from sqlite_utils import Database

    from focusgroup.store.schema import migrations

    protocol = find_protocol("critical-occupations")
    db = Database(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.apply(db, stop_before="m002_protocol_json")
    db["sessions"].insert(
        {
            "id": 1,
            "title": "Old meeting",
            "protocol_id": protocol.id,
            "protocol_yaml": protocol.source_text,
            "created_at": "2025-03-01T10:00:00.000+00:00",
            "date": "2025-03-01",
        }
    )
    db["participants"].insert_all(
        [
            {"id": 1, "name": "Ann Old", "organization": "Old Works", "email": "ann@old.example"},
            {"id": 2, "name": "Ben Old", "organization": "Old Tools", "email": ""},
        ]
    )
    reason = protocol.reasons[0].key
    db["cards"].insert_all(
        [
            {
                "id": 1,
                "text": "Machinist",
                "participant_id": 1,
                "level": "mid",
                "position": 0,
                "soc_code": "51-4041",
                "soc_title": "Machinists",
                "reasons": f'["{reason}"]',
                "stack_id": None,
                "created_at": "2025-03-01",
            },
            {
                "id": 2,
                "text": "CNC operator",
                "participant_id": 2,
                "level": "entry",
                "position": 1,
                "soc_code": "",
                "soc_title": "",
                "reasons": "[]",
                "stack_id": 1,
                "created_at": "2025-03-01",
            },
            {
                "id": 3,
                "text": "Forklift driver",
                "participant_id": 2,
                "level": "entry",
                "position": 2,
                "soc_code": "",
                "soc_title": "",
                "reasons": "[]",
                "stack_id": None,
                "created_at": "2025-03-01",
            },
        ]
    )
    db.execute("PRAGMA user_version = 1")
    db.conn.commit()
    db.close()
    return path


def _damage(source: Path, path: Path) -> Path:
    shutil.copy(source, path)
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 2 : page * 4] = b"\x5a" * (page * 2)  # two pages of table b-tree overwritten
    path.write_bytes(bytes(data))
    return path


def _newer(source: Path, path: Path) -> Path:
    shutil.copy(source, path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    return path


@pytest.fixture(scope="session")
def meeting_files(tmp_path_factory: pytest.TempPathFactory) -> Meetings:
    folder = tmp_path_factory.mktemp("meetings")
    spring = _demo(folder / "spring.db", "Spring manufacturing meeting")
    autumn = _demo(folder / "autumn.db", "Autumn manufacturing meeting")
    _autumn_changes(autumn)
    for path in (spring, autumn):  # fold the WAL in, so a copy is the whole meeting
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    return Meetings(
        spring=spring,
        autumn=autumn,
        old=_version_1_file(folder / "old.db"),
        damaged=_damage(spring, folder / "damaged.db"),
        newer=_newer(spring, folder / "newer.db"),
    )


@pytest.fixture
def meetings(meeting_files: Meetings, tmp_path: Path) -> Meetings:
    """Fresh copies per test, so a test that changes one cannot affect another."""
    copies = {}
    for name in ("spring", "autumn", "old", "damaged", "newer"):
        source = getattr(meeting_files, name)
        copies[name] = tmp_path / source.name
        shutil.copy(source, copies[name])
    return Meetings(**copies)
