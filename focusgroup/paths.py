"""Where session files and protocols live.

`FOCUSGROUP_HOME` moves both (handy for tests and for a shared laptop account); otherwise
sessions go in `./sessions` and user protocols in `./protocols`, next to where the app runs.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def home() -> Path:
    """The folder that holds `sessions/` and user `protocols/`."""
    env = os.environ.get("FOCUSGROUP_HOME")
    return Path(env).expanduser() if env else Path.cwd()


def sessions_dir() -> Path:
    return home() / "sessions"


def exports_dir(session_path: Path) -> Path:
    """Where a session's documents go unless told otherwise: `exports/<session name>/`.

    The one default for `focusgroup export` and `profiles`, the app's export dialog and the
    PDFs e-mail attaches, so the files are always found in the same place.
    """
    return home() / "exports" / Path(session_path).stem


def backups_dir(session_path: Path) -> Path:
    """Rolling backups sit beside the session file, never inside it."""
    return session_path.parent / ".backups" / session_path.stem


def builtin_protocol_dirs() -> list[Path]:
    """Built-in protocols: inside the wheel, or at the top of a source checkout."""
    candidates = [PACKAGE_DIR / "_builtin_protocols", PACKAGE_DIR.parent / "protocols"]
    return [p for p in candidates if p.is_dir()]


def user_protocol_dirs() -> list[Path]:
    """Protocols a user dropped in; these win over built-ins with the same id."""
    candidates = [home() / "protocols"]
    builtin = {p.resolve() for p in builtin_protocol_dirs()}
    return [p for p in candidates if p.is_dir() and p.resolve() not in builtin]


def resolve_session(value: str | Path) -> Path:
    """The session file a user means: a bare name is a file in sessions/, `.db` optional."""
    path = Path(value).expanduser()
    if path.suffix == "":
        path = path.with_suffix(".db")
    if len(path.parts) == 1 and not path.exists():
        path = sessions_dir() / path
    return path
