"""Fixtures for the injected-fault tests (issue 21)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.faults.long_text import build_long_session


@pytest.fixture(scope="module")
def long_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A meeting with 10,000 characters in every field anyone can type."""
    return build_long_session(tmp_path_factory.mktemp("long") / "long.db")
