"""Export fixtures: one generated session per test worker, read back as a snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusgroup.export.snapshot import SessionSnapshot, take_snapshot
from focusgroup.sample import build_sample_session
from focusgroup.store.session_store import SessionStore


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_session(tmp_path_factory.mktemp("sample") / "meeting.db")


@pytest.fixture(scope="session")
def sample_snap(sample_db: Path) -> SessionSnapshot:
    with SessionStore.open(sample_db) as store:
        return take_snapshot(store)
