"""The open session, live: every action through `perform`, the other seat's changes, backups.

Two seats (the wall and the note-taker) share one session file. This seat's actions go through
`perform`, which turns any store failure into a toast and syncs straight after; a timer polls
`PRAGMA data_version` (microseconds) and reads the journal only when the other seat committed.
Either way every screen gets one `SessionChanged` with the new events. A second timer keeps a
rolling backup, and a file deleted or replaced under the app is noticed before work goes to
nowhere. The app owns one `LiveSession` per open session file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App
from textual.timer import Timer

from focusgroup.domain.errors import FocusGroupError, SessionFileError, StorageError
from focusgroup.store import SessionStore
from focusgroup.store.backups import backup_if_due, live_file_replaced
from focusgroup.tui.messages import SessionChanged

T = TypeVar("T")

POLL_SECONDS = 0.25
"""How often to look for the other seat's changes (each look costs microseconds)."""
BACKUP_CHECK_SECONDS = 60.0
BACKUP_EVERY_SECONDS = 180.0
"""A rolling backup at most three minutes old, whenever work was done since the last one."""


class ActionFailed(Exception):
    """Raised by `perform(..., strict=True)` after the failure was shown to the user."""


class LiveSession:
    """One open session file as the running app sees it."""

    def __init__(self, app: App[Any], store: SessionStore, *, owned: bool) -> None:
        """`owned`: the app opened the store itself (from the start screen), so it closes it."""
        self._app = app
        self.store = store
        self.owned = owned
        self.last_seen = 0
        """The last event this seat has shown; everything after it is news."""
        self._data_version = -1
        self._timers: list[Timer] = []
        self._warned_replaced = False

    def start(self, poll_seconds: float = POLL_SECONDS) -> None:
        """Begin polling for the other seat and keeping backups (call once the app runs)."""
        app = self._app
        self.last_seen = self.store.last_event_id()
        self._data_version = self.store.data_version()
        self._timers = [
            app.set_interval(poll_seconds, self.poll_changes, name="session-sync"),
            app.set_interval(BACKUP_CHECK_SECONDS, self.backup_now, name="session-backup"),
        ]
        self.backup_now(every=0)

    def close(self) -> None:
        for timer in self._timers:
            timer.stop()
        self._timers = []
        if self.owned:
            self.store.close()

    # -- this seat's actions ------------------------------------------------------------------

    def perform(self, fn: Callable[..., T], *args: Any, strict: bool = False, **kwargs: Any) -> T:
        """Run one store action on the UI thread (sub-millisecond), then sync.

        Failures become a toast, never a traceback. Returns the action's result, or None when it
        failed (or raises `ActionFailed` with `strict=True`, for callers that must not go on).
        """
        notify = self._app.notify
        try:
            result = fn(*args, **kwargs)
        except StorageError as error:  # the file itself failed: locked, full disk, damaged
            notify(f"Could not save: {error}", severity="error", markup=False, timeout=10)
            if strict:
                raise ActionFailed(str(error)) from error
            return None  # type: ignore[return-value]
        except FocusGroupError as error:
            if isinstance(error, SessionFileError):
                notify(str(error), severity="error", markup=False)
            else:
                notify(str(error), severity="warning", markup=False)
            if strict:
                raise ActionFailed(str(error)) from error
            return None  # type: ignore[return-value]
        finally:
            self.sync_now()
        return result

    # -- the other seat -------------------------------------------------------------------------

    def poll_changes(self) -> None:
        """Cheap check for the other seat's commits; reads the log only when it moved."""
        self.guard_live_file()
        try:
            version = self.store.data_version()
        except StorageError as error:
            self._app.notify(
                f"Can't read the session file: {error}", severity="error", markup=False
            )
            return
        if version != self._data_version:
            self._data_version = version
            self.sync_now()

    def sync_now(self) -> None:
        """Read every event after `last_seen` and tell every screen about them."""
        try:
            events = tuple(self.store.events_since(self.last_seen))
        except FocusGroupError as error:
            self._app.notify(f"Can't read changes: {error}", severity="error", markup=False)
            return
        if not events:
            return
        self.last_seen = events[-1].id
        for screen in self._app.screen_stack:
            screen.post_message(SessionChanged(events))

    # -- the file on disk -----------------------------------------------------------------------

    def backup_now(self, every: float = BACKUP_EVERY_SECONDS) -> None:
        """Take a rolling backup if one is due; a failure is shown, never fatal."""
        try:
            backup_if_due(self.store, every=every)
        except (OSError, StorageError) as error:
            self._app.notify(f"Couldn't write a backup: {error}", severity="warning", markup=False)

    def guard_live_file(self) -> None:
        """Notice a session file deleted or replaced under us, before work goes to nowhere.

        SQLite keeps writing to a deleted file's inode. If the file is gone, write it back
        from the open connection (which still has everything) and carry on with that copy.
        """
        store = self.store
        if not live_file_replaced(store):
            return
        notify = self._app.notify
        path = store.path
        if path.exists():
            if not self._warned_replaced:
                self._warned_replaced = True
                notify(
                    f"{path} was replaced by another program. Quit (ctrl+q) and open it "
                    "again to see what it holds now; changes made here go to the old copy.",
                    severity="error",
                    markup=False,
                    timeout=30,
                )
            return
        try:
            store.backup_to(path)
            rescued = SessionStore.open(path, actor=store.actor)
        except (OSError, FocusGroupError) as error:
            notify(
                f"The session file was deleted and can't be written back: {error}. "
                "Restore it with: focusgroup restore",
                severity="error",
                markup=False,
            )
            return
        store.close()
        self.store, self.owned = rescued, True
        notify(
            f"{path.name} was deleted while open; focusgroup wrote it back from what is on "
            "screen. Nothing was lost.",
            severity="warning",
            markup=False,
            timeout=15,
        )
