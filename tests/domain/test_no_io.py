"""The domain is pure: importing all of it loads no SQLite, no Textual and no file helpers."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import focusgroup.domain

MODULES = sorted(
    f"focusgroup.domain.{m.name}" for m in pkgutil.iter_modules(focusgroup.domain.__path__)
)
NEVER = ("sqlite3", "sqlite_utils", "textual", "focusgroup.paths", "focusgroup.store")


def test_the_domain_imports_nothing_that_touches_files_or_screens() -> None:
    assert len(MODULES) >= 6  # model, wall, protocol, protocol_schema, yaml_nodes, text...
    code = (
        f"import sys, {', '.join(MODULES)}\n"
        f"loaded = [m for m in {NEVER!r} if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-500:]
