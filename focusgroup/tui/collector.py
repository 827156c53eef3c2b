"""The phones' collector when the wall runs it: one per app, on the app's own event loop.

The server shares the loop with the UI but writes through its own connection (in a thread), so
the wall sees phones' cards the way it sees the note-taker's: through its change poll.
"""

from __future__ import annotations

from typing import Any

from textual.app import App

_ATTRIBUTE = "_focusgroup_collector"


def running_in_app(app: App[Any]) -> bool:
    return getattr(app, _ATTRIBUTE, None) is not None


async def start_in_app(app: App[Any], host: str = "127.0.0.1") -> None:
    """Start (or restart on another address) the app's collector for its session."""
    from focusgroup.serve.collect import CollectServer

    previous = getattr(app, _ATTRIBUTE, None)
    state = "open"
    if previous is not None:
        from focusgroup.serve import collect_file

        state = collect_file.read_state(previous.session_path) or "open"
        await previous.stop()
        setattr(app, _ATTRIBUTE, None)
    store = app.store  # type: ignore[attr-defined]
    server = CollectServer(store.path, host=host, port=0)
    server.state = state
    await server.start()
    setattr(app, _ATTRIBUTE, server)


def stop_in_app(app: App[Any]) -> None:
    """At exit: phones no longer see a link that works; the socket closes with the loop."""
    from focusgroup.serve import collect_file

    server = getattr(app, _ATTRIBUTE, None)
    if server is None:
        return
    setattr(app, _ATTRIBUTE, None)
    collect_file.remove(server.session_path)
    server.store.close()
