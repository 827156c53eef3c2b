"""The core (domain, store, exports, mail, crosswalk, CLI start-up) never imports Textual.

Exports and e-mail run headless and fast, and the layers stay honest (STYLE.md).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "focusgroup.domain.model",
    "focusgroup.domain.wall",
    "focusgroup.domain.protocol_loader",
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
