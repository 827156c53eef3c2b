"""A tiny O*NET text release written in the test, and an index built from it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from focusgroup.crosswalk import index
from tests.crosswalk.builders import write_reference, write_tiny_release


@pytest.fixture
def tiny_index(tmp_path: Path) -> Iterator[Path]:
    """The tiny release built as the user's imported index (FOCUSGROUP_HOME is per test)."""
    from focusgroup.crosswalk.build import build_index

    release = write_tiny_release(tmp_path / "db_30_9_text")
    soc, oes = write_reference(tmp_path / "ref")
    index.reset()
    build_index(release, index.user_index_path(), soc_dir=soc, oes_dir=oes)
    yield index.user_index_path()
    index.reset()


@pytest.fixture(autouse=True)
def fresh_connection() -> Iterator[None]:
    """Each test opens the index it expects (packaged or imported), not a neighbour's."""
    index.reset()
    yield
    index.reset()
