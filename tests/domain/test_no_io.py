"""The domain is pure: importing any of it loads no SQLite, no Textual and no file helpers."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import focusgroup.domain

MODULES = sorted(
    f"focusgroup.domain.{m.name}" for m in pkgutil.iter_modules(focusgroup.domain.__path__)
)


@pytest.mark.parametrize("module", MODULES)
def test_a_domain_module_imports_nothing_that_touches_files_or_screens(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "loaded = [m for m in ('sqlite3', 'sqlite_utils', 'textual', 'focusgroup.paths',"
        " 'focusgroup.store', 'focusgroup.protocol_files') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-500:]
