"""The session FILE argument every command takes, resolved one way (see `paths`), with the
hints a user needs when it names nothing."""

from __future__ import annotations

from pathlib import Path

from focusgroup.domain.errors import SessionFileError
from focusgroup.paths import is_bare_name, resolve_session


def session_path(value: str) -> Path:
    """The file `value` means, which may not exist yet (`new`, `restore`)."""
    if not value.strip():
        raise SessionFileError("Give a session name (e.g. spring) or a path to a .db file.")
    return resolve_session(value)


def existing_session(value: str) -> Path:
    """The file `value` means; refused when there is no session file there, with a hint
    when the user probably meant a file or folder of that name right here."""
    path = session_path(value)
    if path.is_dir():
        raise SessionFileError(f"{path} is a folder, not a session file.")
    if path.exists():
        return path
    message = f"No session file at {path}."
    here = Path(value)
    if is_bare_name(value) and here.exists():
        if here.is_dir():
            message += f" ({value} here is a folder: give a file inside it, e.g. {value}/NAME.db.)"
        else:
            message += f" (A bare name means sessions/; to use {value} here, give ./{value}.)"
    elif not path.suffix and path.with_suffix(".db").exists():
        message += f" (Did you mean {path.with_suffix('.db')}?)"
    raise SessionFileError(message)
