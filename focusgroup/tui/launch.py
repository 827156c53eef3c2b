"""Entry points used by the command line. Textual is imported only when a UI actually starts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from focusgroup.tui.app import FocusGroupApp


def run_start_screen() -> None:
    """`focusgroup` with no arguments: recent sessions and a new-session form."""
    from focusgroup.tui.app import make_app

    make_app(None, "facilitator").run()


def session_app(
    path: Path, role: str = "facilitator", *, actor: str | None = None, **options: Any
) -> FocusGroupApp:
    """The app exactly as `focusgroup open FILE --role ROLE` builds it (tests use this too,
    so a snapshot of the note-taker's seat is the seat the command line starts).

    The actor is who the undo history belongs to: the role for a terminal seat (so ctrl+z
    works after reopening), one per browser tab under `serve`. `options` go to `make_app`
    (a fixed clock in tests). The caller closes `app.store`.
    """
    from focusgroup.store import SessionStore
    from focusgroup.tui.app import make_app

    store = SessionStore.open(Path(path), actor=actor or role)
    return make_app(store, role, **options)


def run_session(path: Path, role: str = "facilitator", *, actor: str | None = None) -> None:
    """`focusgroup open FILE [--role ...]` and `focusgroup demo`.

    A file that can't be opened raises SessionFileError before any screen appears, so the
    command line prints one clear line instead of a half-drawn terminal.
    """
    app = session_app(path, role, actor=actor)
    store = app.store
    try:
        app.run()
    finally:
        store.close()
