"""The core (domain, store, exports, mail, crosswalk, CLI start-up) never imports Textual.

Exports and e-mail run headless and fast, and the layers stay honest (STYLE.md).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # subprocesses: `make test-fast` leaves these out

CORE = [
    "focusgroup.domain.model",
    "focusgroup.domain.wall",
    "focusgroup.domain.protocol_schema",
    "focusgroup.protocol_files",
    "focusgroup.store",
    "focusgroup.importing",
    "focusgroup.demo",
    "focusgroup.cli",
    "focusgroup.export.snapshot",
    "focusgroup.export.markdown",
    "focusgroup.mail.sender",
    "focusgroup.crosswalk.search",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; assert 'textual' not in sys.modules, sorted(sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-500:]


def test_opening_a_session_for_the_wall_skips_sqlite_utils(tmp_path: Path) -> None:
    """sqlite-utils creates and upgrades files; opening an up-to-date one reads through plain
    sqlite3, which keeps its import (~35 ms, a fifth of a bare Textual start) off start-up."""
    from focusgroup.demo import build_demo
    from focusgroup.protocol_files import find_protocol

    path = tmp_path / "demo.db"
    build_demo(path, find_protocol("critical-occupations")).close()
    code = (
        "import sys\n"
        "from focusgroup.store import SessionStore\n"
        "from focusgroup.tui.app import make_app\n"
        "from focusgroup.tui.screens.wall import WallScreen\n"
        f"store = SessionStore.open({str(path)!r}, actor='facilitator')\n"
        "assert store.cards() and store.protocol().steps\n"
        "make_app(store, 'facilitator')\n"
        "assert 'sqlite_utils' not in sys.modules, 'sqlite_utils was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-800:]
