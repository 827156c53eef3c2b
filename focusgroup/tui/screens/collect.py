"""CollectScreen: employers send their cards from their phones; the room scans the code here.

Opened with `C` on the wall. If `focusgroup collect` already runs for this session (another
terminal), it shows that collector's link and controls it through the collect file. Otherwise
it starts one inside the app, on this machine only (loopback) until the facilitator lets phones
in from the room's network (`n`). Cards arrive in Unsorted as the room sends them; the wall
keeps its usual undo. The in-app collector stops when the app quits.
"""

from __future__ import annotations

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import Static

from focusgroup.serve import collect_file
from focusgroup.serve.qr import qr_lines
from focusgroup.tui.screens.dialogs import Dialog
from focusgroup.tui.session_app import SessionApp

RECHECK_SECONDS = 0.5
QR_STYLE = "#ffffff on #000000"
STATE_WORDS = {
    "open": "Open: cards land in Unsorted as they are sent.",
    "paused": "Paused: phones keep what they typed and can't send until you resume.",
    "closed": "Closed: phones see \u201ccards are closed\u201d.",
}


class CollectScreen(Dialog[None]):
    """The phones' join link as text and QR code, with pause, close and the room's network."""

    app = getters.app(SessionApp)

    DEFAULT_CSS = """
    CollectScreen { align: center middle; }
    CollectScreen #collect-box {
        width: auto; height: auto; max-width: 100%; max-height: 100%; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    CollectScreen #collect-title { text-style: bold; width: auto; }
    CollectScreen #collect-url, CollectScreen #collect-state, CollectScreen #collect-help {
        width: auto; max-width: 90;
    }
    CollectScreen #collect-qr { width: auto; height: auto; margin: 1 0; }
    """
    BINDINGS = [
        Binding("space", "toggle_pause", "Pause/resume", id="collect.pause"),
        Binding("x", "close_cards", "Close cards", id="collect.close"),
        Binding("o", "reopen", "Reopen", id="collect.reopen"),
        Binding("n", "room_network", "Room network", id="collect.lan"),
        Binding("u", "take_back", "Take back last phone send", id="collect.undo"),
        Binding("escape,C", "dismiss", "Back to wall", id="collect.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shown: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="collect-box"):
            yield Static("Send your cards from your phone: scan the code", id="collect-title")
            yield Static(id="collect-url")
            with Center():
                yield Static(id="collect-qr")
            yield Static(id="collect-state")
            yield Static(id="collect-help")

    def on_mount(self) -> None:
        if collect_file.read(self.app.store.path) is None:
            self.start_collector()
        self.refresh_view()
        self.set_interval(RECHECK_SECONDS, self.refresh_view)

    @work(exclusive=True, group="collect")
    async def start_collector(self, host: str = "127.0.0.1") -> None:
        from focusgroup.tui.collector import start_in_app

        try:
            await start_in_app(self.app, host)
        except (OSError, ImportError) as error:
            self.app.notify(f"Can't start collecting: {error}", severity="error", markup=False)
        self.refresh_view()

    def refresh_view(self) -> None:
        found = collect_file.read(self.app.store.path)
        if found == self.shown:
            return
        self.shown = found
        url_box = self.query_one("#collect-url", Static)
        qr_box = self.query_one("#collect-qr", Static)
        state_box = self.query_one("#collect-state", Static)
        help_box = self.query_one("#collect-help", Static)
        if found is None:
            url_box.update(Content("Starting the card page…"))
            qr_box.display = False
            state_box.update(Content(""))
            help_box.update(Content(""))
            return
        url, state = found
        url_box.update(Content.styled(url, "underline"))
        qr_box.update(Content.styled("\n".join(qr_lines(url)), QR_STYLE))
        qr_box.display = True
        state_box.update(Content.styled(STATE_WORDS.get(state, state), "bold"))
        from focusgroup.tui.collector import running_in_app

        local = "//127.0.0.1:" in url or "//localhost:" in url or "//[::1]:" in url
        if not local:
            where = "Phones on this network with the link can send cards. "
        elif running_in_app(self.app):
            where = (
                "Only this laptop can open it now: press n to let phones on the room's network in. "
            )
        else:
            where = (
                "Only that computer can open it: restart `focusgroup collect` with "
                "--host 0.0.0.0 for phones. "
            )
        help_box.update(
            Content.styled(
                where + "Space pauses, x closes, o reopens, u takes back the last phone send, "
                "Esc goes back to the wall (collecting goes on).",
                "dim",
            )
        )

    def _set(self, state: str) -> None:
        if not collect_file.set_state(self.app.store.path, state):
            self.app.notify("No collector is running for this session.", severity="warning")
        self.refresh_view()

    def action_toggle_pause(self) -> None:
        found = collect_file.read(self.app.store.path)
        if found is not None and found[1] != "closed":
            self._set("paused" if found[1] == "open" else "open")

    def action_close_cards(self) -> None:
        self._set("closed")

    def action_reopen(self) -> None:
        self._set("open")

    def action_take_back(self) -> None:
        """Undo the phones' last send (their own seat: the wall's ctrl+z stays the wall's)."""
        from focusgroup.domain.errors import FocusGroupError
        from focusgroup.domain.model import Seat
        from focusgroup.store import SessionStore

        try:
            with SessionStore.open(self.app.store.path, actor=Seat.PHONES.value) as phones:
                undone = phones.undo()
        except FocusGroupError as error:
            self.app.notify(str(error), severity="warning", markup=False)
            return
        self.app.sync_now()
        if undone is None:
            self.app.notify("No phone send to take back.", markup=False)
        else:
            self.app.notify(f"Taken back: {undone.action}", markup=False)

    def action_room_network(self) -> None:
        from focusgroup.tui.collector import running_in_app

        if not running_in_app(self.app):
            self.app.notify(
                "This collector was started in another terminal; restart it with --host 0.0.0.0.",
                severity="warning",
                markup=False,
            )
            return
        self.start_collector("0.0.0.0")
