"""Export fixtures: one generated session per test worker, read back as a snapshot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from focusgroup.export.snapshot import SessionSnapshot, take_snapshot
from focusgroup.sample import PEOPLE, build_sample_session
from focusgroup.store.session_store import SessionStore

PARTICIPANT_NAMES = tuple(name for name, _, _ in PEOPLE)


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_session(tmp_path_factory.mktemp("sample") / "meeting.db")


@pytest.fixture(scope="session")
def sample_snap(sample_db: Path) -> SessionSnapshot:
    with SessionStore.open(sample_db) as store:
        return take_snapshot(store)


def pdf_text(path: Path) -> str:
    """All text of a PDF (pypdf), whitespace removed: table cells wrap words across lines."""
    from pypdf import PdfReader

    text = "".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return squash(text)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
