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
    PDFs e-mail attaches, so the files are always found in the same place (the job
    profiles in its `profiles/` subfolder: `profiles_dir`).
    """
    return home() / "exports" / Path(session_path).stem


def profiles_dir(export_folder: Path) -> Path:
    """Where the job profiles go inside an export folder: its `profiles/` subfolder.

    The one rule for the app's export dialog, the PDFs e-mail attaches (the app's e-mail
    screen and `focusgroup email --profiles`) and `focusgroup profiles` without `--out`, so
    the profiles are never written twice, to two folders.
    """
    return Path(export_folder) / "profiles"


def backups_dir(session_path: Path) -> Path:
    """Rolling backups sit beside the session file, never inside it.

    Keyed by the whole file name: `spring.db` and `spring.old` are two meetings, and a
    restore must never bring back the other one.
    """
    return session_path.parent / ".backups" / session_path.name


def builtin_protocol_dirs() -> list[Path]:
    """Built-in protocols: inside the wheel, or at the top of a source checkout."""
    candidates = [PACKAGE_DIR / "_builtin_protocols", PACKAGE_DIR.parent / "protocols"]
    return [p for p in candidates if p.is_dir()]


def user_protocol_dirs() -> list[Path]:
    """Protocols a user dropped in; these win over built-ins with the same id."""
    candidates = [home() / "protocols"]
    builtin = {p.resolve() for p in builtin_protocol_dirs()}
    return [p for p in candidates if p.is_dir() and p.resolve() not in builtin]


def is_bare_name(value: str) -> bool:
    """`spring` or `spring.db`: no folder part at all (`./spring.db` has one: `.`)."""
    separators = {"/", os.sep, os.altsep or "/"}
    return (
        not any(sep in value for sep in separators)
        and not value.startswith("~")
        and value not in (".", "..")
    )


def resolve_session(value: str | Path) -> Path:
    """The session file a user means.

    A bare name is a file in sessions/ (under FOCUSGROUP_HOME, else where the command
    runs), `.db` optional: `spring` and `spring.db` both mean
    `sessions/spring.db`. A path with a folder part (`./spring.db`, `out/spring.db`,
    `~/spring.db`, an absolute path) means exactly that path, nothing added. Every command
    resolves its FILE this way, so `new ./x.db` and `open ./x.db` agree.
    """
    text = str(value)
    # Absolute, so every message names the one file meant, wherever the command ran.
    if is_bare_name(text):
        return (sessions_dir() / (text if text.endswith(".db") else f"{text}.db")).absolute()
    return Path(text).expanduser().absolute()
