"""Where the details of an unexpected error go, so the user sees one line and we keep the rest.

The command line and the app both show a bug as one sentence; its traceback is appended to
`focusgroup-errors.log` in the temporary folder, for whoever fixes it.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path

from focusgroup import __version__


def log_path() -> Path:
    return Path(tempfile.gettempdir()) / "focusgroup-errors.log"


def record(error: BaseException) -> Path | None:
    """Append `error`'s traceback to the log; returns the log's path, or None if unwritable."""
    path = log_path()
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now(UTC).isoformat()} focusgroup {__version__}\n")
            handle.write(" ".join(sys.argv) + "\n")
            handle.write("".join(traceback.format_exception(error)))
    except OSError:
        return None
    return path


def describe(error: BaseException) -> str:
    """`Type: message` on one line (at most 200 characters of message)."""
    text = " ".join(str(error).split())
    text = text if len(text) <= 200 else text[:199] + "\u2026"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
