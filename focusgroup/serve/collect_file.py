"""Where a running collector leaves its join link and its state for the wall.

`.serve/<stem>.collect.json` beside the session (readable by this user only: the link carries
the token). The wall reads the link to show it on the projector and writes the state (open,
paused, closed) to pause or close a collector started in another terminal. A file left by a
crashed collector is ignored: its process no longer runs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

STATES = ("open", "paused", "closed")


def collect_file(session_path: Path) -> Path:
    return session_path.parent / ".serve" / f"{session_path.stem}.collect.json"


def write(session_path: Path, url: str, state: str, pid: int | None = None) -> Path:
    path = collect_file(session_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"url": url, "pid": pid or os.getpid(), "state": state}, handle)
    os.replace(temporary, path)  # a reader never sees half a file
    return path


def read(session_path: Path) -> tuple[str, str] | None:
    """(join link, state) of a collector running for this session, or None."""
    try:
        data = json.loads(collect_file(session_path).read_text(encoding="utf-8"))
        pid, url, state = int(data["pid"]), str(data["url"]), str(data["state"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return url, state if state in STATES else "open"


def read_state(session_path: Path) -> str | None:
    found = read(session_path)
    return found[1] if found else None


def set_state(session_path: Path, state: str) -> bool:
    """Pause, resume or close a running collector; False when none runs."""
    found = read(session_path)
    if found is None:
        return False
    data = json.loads(collect_file(session_path).read_text(encoding="utf-8"))
    write(session_path, found[0], state, pid=int(data["pid"]))
    return True


def remove(session_path: Path) -> None:
    collect_file(session_path).unlink(missing_ok=True)
