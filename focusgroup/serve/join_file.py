"""Where a running `focusgroup serve` leaves its join link for the facilitator's join screen.

A small JSON file beside the session (`.serve/<stem>.json`, readable by this user only), written
once the port is bound and removed at exit. A file left by a crashed server is ignored: its
process id no longer runs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path


def join_file(session_path: Path) -> Path:
    return session_path.parent / ".serve" / f"{session_path.stem}.json"


def write_join_file(session_path: Path, url: str) -> Path:
    path = join_file(session_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Created 0600 from the start: the link carries the secret token.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"url": url, "pid": os.getpid()}, handle)
    return path


def read_join_url(session_path: Path) -> str | None:
    """The join link of a server running for this session, or None."""
    try:
        data = json.loads(join_file(session_path).read_text(encoding="utf-8"))
        pid, url = int(data["pid"]), str(data["url"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # runs, as another user
    return url


def remove_join_file(session_path: Path) -> None:
    join_file(session_path).unlink(missing_ok=True)
