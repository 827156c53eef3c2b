"""The command line as a filter: `focusgroup crosswalk FILE | head` stops quietly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from focusgroup.sample import sample_session

pytestmark = pytest.mark.slow


def test_a_reader_that_stops_early_gets_no_error_line(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    sample_session(path, cards=60).close()
    cli = subprocess.Popen(
        [sys.executable, "-m", "focusgroup", "crosswalk", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert cli.stdout is not None and cli.stderr is not None
    first = cli.stdout.readline()
    cli.stdout.close()  # as `| head -1` does
    errors = cli.stderr.read().decode()
    cli.wait(timeout=60)
    assert first.startswith(b"Crosswalk for ")
    assert "Error" not in errors and "Traceback" not in errors, errors
