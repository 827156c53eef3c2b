"""A session with planted gap findings, built once per worker (it is only read)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.programs.planted import build_planted


@pytest.fixture(scope="session")
def planted_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_planted(tmp_path_factory.mktemp("planted"))


@pytest.fixture(scope="session")
def planted_out(planted_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three documents written by the real command."""
    from click.testing import CliRunner

    from focusgroup.cli import main

    out = tmp_path_factory.mktemp("gaps")
    result = CliRunner().invoke(main, ["gaps", str(planted_db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    files = {p.suffix.lstrip("."): p for p in out.iterdir()}
    assert set(files) == {"pdf", "md", "json"}
    return files
