"""Imports driven through the real CLI on real files, with a session template per module."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from focusgroup.cli import main
from focusgroup.store import SessionStore
from tests.builders import tiny_protocol


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def assert_refused(result: Result, *needles: str) -> str:
    """One `Error:` message, exit 1, no traceback; returns the message."""
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: "), result.output
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in result.output, result.output
    return result.output


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty session made once; each test or example copies it (creating is slow)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    SessionStore.create(path, tiny_protocol(), title="Imports").close()
    return path


def fresh_session(template: Path, folder: Path, name: str = "m.db") -> Path:
    target = folder / name
    for leftover in folder.glob(name + "*"):
        leftover.unlink()
    shutil.copyfile(template, target)
    return target
