"""JoinScreen: the note-taker's join link and its QR code, on the facilitator's screen.

`focusgroup serve FILE` (another terminal) leaves its link beside the session file; this screen
shows it, and notices within a second when the server starts or stops. The link holds the secret
token, so the facilitator opens this screen only while the note-taker scans it.

For the lead: bind it on the wall, e.g. `Binding("j", "join", "Join link", id="wall.join")` and
`def action_join(self): self.app.push_screen(JoinScreen())`. `JoinScreen(url=...)` shows a
given link instead (e.g. from a server the app started itself).
"""

from __future__ import annotations

from pathlib import Path

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import Static

from focusgroup.serve.join_file import read_join_url
from focusgroup.serve.qr import qr_lines
from focusgroup.tui.screens.dialogs import Dialog
from focusgroup.tui.session_app import SessionApp

RECHECK_SECONDS = 0.5
QR_STYLE = "#ffffff on #000000"
"""Light modules as white blocks on black: reads right whatever the theme."""


class JoinScreen(Dialog[None]):
    """Shows the note-taker's join link as text and as a QR code."""

    app = getters.app(SessionApp)

    DEFAULT_CSS = """
    JoinScreen { align: center middle; }
    JoinScreen #join-box {
        width: auto; height: auto; max-width: 100%; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    JoinScreen #join-title { text-style: bold; width: auto; }
    JoinScreen #join-url, JoinScreen #join-help { width: auto; max-width: 90; }
    JoinScreen #join-qr { width: auto; height: auto; margin: 1 0; }
    """
    BINDINGS = [Binding("escape,j,q", "dismiss", "Close", id="join.close")]

    def __init__(self, url: str | None = None, *, session_path: Path | None = None) -> None:
        super().__init__()
        self.fixed_url = url
        self.session_path = session_path
        self.url: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="join-box"):
            yield Static("Note-taker seat: scan to join", id="join-title")
            yield Static(id="join-url")
            with Center():
                yield Static(id="join-qr")
            yield Static(id="join-help")

    def on_mount(self) -> None:
        if self.session_path is None:
            self.session_path = self.app.store.path if self.app.has_store else None
        self.check()
        self.show()  # also when there is no link yet: say how to start the server
        if self.fixed_url is None:
            self.set_interval(RECHECK_SECONDS, self.check)

    def check(self) -> None:
        url = self.fixed_url
        if url is None and self.session_path is not None:
            url = read_join_url(self.session_path)
        if url != self.url:
            self.url = url
            self.show()

    def show(self) -> None:
        url_box = self.query_one("#join-url", Static)
        qr_box = self.query_one("#join-qr", Static)
        help_box = self.query_one("#join-help", Static)
        if self.url is None:
            name = self.session_path.name if self.session_path else "FILE"
            url_box.update(Content("No note-taker server is running for this session."))
            qr_box.update(Content(""))
            qr_box.display = False
            help_box.update(
                Content.assemble(
                    "In another terminal, run:\n  ",
                    (f"focusgroup serve {name} --host 0.0.0.0", "bold"),
                    "\nThe link appears here as soon as it starts. Esc closes.",
                )
            )
            return
        url_box.update(Content.styled(self.url, "underline"))
        qr_box.update(Content.styled("\n".join(qr_lines(self.url)), QR_STYLE))
        qr_box.display = True
        help_box.update(
            Content.styled(
                "The link contains a secret: close this (Esc) once the note-taker has joined.",
                "dim",
            )
        )
