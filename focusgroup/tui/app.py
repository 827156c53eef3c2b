"""FocusGroupApp: one app for both seats, built in one place by `make_app`.

The app declares the screens it shows (the start screen, each seat's screen) and owns the
live session (`tui/live.py`): every store failure becomes a toast, this
seat's actions sync straight after, and the other seat's commits reach every screen as one
`SessionChanged`. Screens reach the app through `SessionApp`, never through this module.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from textual import on
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from focusgroup.store import SessionStore
from focusgroup.tui import clock as clocks
from focusgroup.tui.live import POLL_SECONDS, LiveSession
from focusgroup.tui.messages import SessionOpened
from focusgroup.tui.session_app import SessionApp

STYLES = Path(__file__).parent / "styles"


# The screens this app shows, declared in one place. Each module is imported when its screen
# is first shown, so opening the wall does not pay for the start screen's or the note-taker's
# widgets (nor they for the wall's). No screen imports this module.
def start_screen() -> Screen[Any]:
    from focusgroup.tui.screens.start import StartScreen

    return StartScreen()


def wall_screen() -> Screen[Any]:
    from focusgroup.tui.screens.wall import WallScreen

    return WallScreen()


def note_taker_screen() -> Screen[Any]:
    from focusgroup.tui.screens.note_taker import NoteTakerScreen

    return NoteTakerScreen()


ROLE_SCREENS: dict[str, Callable[[], Screen[Any]]] = {
    "facilitator": wall_screen,
    "note-taker": note_taker_screen,
}
"""Each seat's own screen, at the bottom of the stack while a session is open."""
COLLECT_SECONDS = 1.0
FULL_COLLECT_EVERY = 30
"""Garbage collection between events: the young generations each second, all every 30 s."""


class FocusGroupApp(SessionApp):
    """The facilitator's wall or the note-taker's screen, over one session file."""

    TITLE = "focusgroup"
    CSS_PATH = [
        STYLES / "app.tcss",
        STYLES / "wall.tcss",
        STYLES / "agenda.tcss",
        STYLES / "dialogs.tcss",
        STYLES / "start.tcss",
        STYLES / "note_taker.tcss",
    ]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
        # Priority: undo means the session, even while typing in the quick-entry bar.
        Binding("ctrl+z", "undo", "Undo", priority=True, id="app.undo"),
        Binding("ctrl+y", "redo", "Redo", priority=True, id="app.redo"),
        Binding("f1", "help", "Help", id="app.help"),
    ]

    def __init__(
        self,
        store: SessionStore | None,
        role: str = "facilitator",
        *,
        clock: clocks.Clock = clocks.monotonic,
        today: clocks.Today = clocks.today,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        super().__init__(role, clock=clock, today=today, poll_seconds=poll_seconds)
        if store is not None:
            self.live = LiveSession(self, store, owned=False)
        self._collect_on_exit = False
        self._collections = 0

    def get_default_screen(self) -> Screen[Any]:
        """The session's own screen at the bottom of the stack, not an empty default one.

        Textual repaints a screen left underneath and then the whole screen above it on every
        refresh: a full-screen update per action instead of the few lines that changed.
        """
        if self.live is None:
            return super().get_default_screen()
        return self.role_screen()

    def on_load(self) -> None:
        # Start-up makes a few hundred thousand long-lived objects; the collector walking
        # them again and again while they are made was a large part of opening a big wall.
        # Once the first screen is painted they are frozen, and collection runs on a timer
        # between keypresses (see _collect_garbage) until the app closes.
        self._collect_on_exit = gc.isenabled()
        gc.disable()

    def on_mount(self) -> None:
        self.watch_terminal()
        if self.live is None:
            self.push_screen(start_screen())
        else:
            self._begin_session()
        self.call_after_refresh(self._freeze_startup_objects)

    def _freeze_startup_objects(self) -> None:
        """Move everything built at start-up out of the garbage collector's sight.

        The wall makes many long-lived objects; without this, periodic full collections
        walk them all and show up as hitches in the middle of a keypress. (No collection
        first: that alone would cost more start-up than it saves.)
        """
        gc.freeze()
        if self._collect_on_exit:
            self.set_interval(COLLECT_SECONDS, self._collect_garbage, name="garbage-collection")

    def _collect_garbage(self) -> None:
        """Collect on a timer instead of whenever allocations cross a threshold.

        Automatic collections fell in the middle of repaints (a keypress rebuilds the wall's
        read model), enough to push the slowest keypresses past the latency target (README,
        Speed). Here they run between events;
        a full collection every FULL_COLLECT_EVERY ticks keeps long-lived cycles in check.
        """
        self._collections += 1
        gc.collect(2 if self._collections % FULL_COLLECT_EVERY == 0 else 1)

    def _resume_collection(self) -> None:
        if self._collect_on_exit:
            self._collect_on_exit = False
            gc.enable()

    @on(SessionOpened)
    def open_session(self, message: SessionOpened) -> None:
        """Switch from the start screen to the session it opened or created."""
        if self.live is not None:
            self.live.close()
        self.live = LiveSession(self, message.store, owned=True)
        self._begin_session(switch=True)

    def _begin_session(self, switch: bool = False) -> None:
        live = self.live
        assert live is not None
        self.sub_title = live.store.session().title
        if switch:  # from the start screen; otherwise the role screen is the default screen
            self.switch_screen(self.role_screen())
        live.start(self.poll_seconds)

    def role_screen(self) -> Screen[Any]:
        return ROLE_SCREENS.get(self.role, wall_screen)()

    def on_unmount(self) -> None:
        self._resume_collection()  # automatic collection again, for whatever runs next
        from focusgroup.tui.collector import stop_in_app

        stop_in_app(self)  # the phones' card page, when the wall started one
        if self.live is not None:
            self.live.close()

    # -- undo, redo, help -----------------------------------------------------------------------

    def action_undo(self) -> None:
        if not self.has_store:
            return
        event = self.perform(self.store.undo)
        if event is not None:
            self.notify(f"Undone: {event.action}", markup=False, timeout=3)
        elif self.store.can_undo() is None:
            self.notify(self._nothing_to_undo(), markup=False, timeout=6)

    def _nothing_to_undo(self) -> str:
        """Say so, and point at the command line's last change: no seat's ctrl+z reaches it."""
        cli = self.store.last_undoable_of("cli")
        if cli is None:
            return "Nothing to undo."
        return (
            f"Nothing to undo on this seat. The last command-line change, “{cli.action}”, "
            f"is undone with: focusgroup undo {self.store.path}"
        )

    def action_redo(self) -> None:
        if not self.has_store:
            return
        event = self.perform(self.store.redo)
        if event is not None:
            self.notify(f"Redone: {event.action}", markup=False, timeout=3)
        elif self.store.can_redo() is None:
            self.notify("Nothing to redo.", timeout=2)

    def action_help(self) -> None:
        from focusgroup.tui.screens.help import HelpScreen  # a modal, opened on demand

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # -- command palette ------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every action with a description on the current screen, named with its key."""
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            node, action = active.node, binding.action
            shown = self.get_key_display(binding)
            yield SystemCommand(
                binding.description,
                f"key: {shown or key}",
                lambda node=node, action=action: self.call_later(self.run_action, action, node),
            )
        yield from super().get_system_commands(screen)


def make_app(
    store: SessionStore | None,
    role: str = "facilitator",
    *,
    clock: clocks.Clock = clocks.monotonic,
    today: clocks.Today = clocks.today,
    poll_seconds: float = POLL_SECONDS,
) -> FocusGroupApp:
    """Build the app the same way for the command line, the tests and the benchmark.

    `store=None` opens the start screen (session list and new-session form).
    """
    return FocusGroupApp(store, role, clock=clock, today=today, poll_seconds=poll_seconds)
