"""Entry points used by the command line. Textual is imported only when a UI actually starts."""

from __future__ import annotations

from pathlib import Path


def run_start_screen() -> None:
    """`focusgroup` with no arguments: recent sessions and a new-session form."""
    from focusgroup.tui.app import make_app

    make_app(None, "facilitator").run()


def run_session(path: Path, role: str = "facilitator") -> None:
    """`focusgroup open FILE [--role ...]` and `focusgroup demo`.

    A file that can't be opened raises SessionFileError before any screen appears, so the
    command line prints one clear line instead of a half-drawn terminal.
    """
    from focusgroup.store import SessionStore
    from focusgroup.tui.app import make_app

    store = SessionStore.open(Path(path), actor=role)
    app = make_app(store, role)
    try:
        app.run()
    finally:
        store.close()
