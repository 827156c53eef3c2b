"""Entry points used by the command line. Textual is imported only when a UI actually starts."""

from __future__ import annotations

from pathlib import Path


def run_start_screen() -> None:
    """`focusgroup` with no arguments: recent sessions and a new-session form."""
    from focusgroup.tui.app import make_app

    make_app(None, "facilitator").run()


def run_session(path: Path, role: str = "facilitator", *, actor: str | None = None) -> None:
    """`focusgroup open FILE [--role ...]` and `focusgroup demo`.

    A file that can't be opened raises SessionFileError before any screen appears, so the
    command line prints one clear line instead of a half-drawn terminal.
    """
    from focusgroup.store import SessionStore
    from focusgroup.tui.app import make_app

    # The actor is who the undo history belongs to: the role for a terminal seat (so
    # ctrl+z works after reopening), one per browser tab under `serve`.
    store = SessionStore.open(Path(path), actor=actor or role)
    app = make_app(store, role)
    try:
        app.run()
    finally:
        store.close()
