"""Mail settings in the app: sender, server, port, security and login, saved to `mail.yaml`.

The same file the command line reads (`focusgroup email`), never the session file. The
password is not a setting: it is typed here only to test the connection (and on the e-mail
screen when sending), and is never written anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from focusgroup.domain.errors import FocusGroupError
from focusgroup.mail.settings import (
    SECURITY_MODES,
    SmtpSettings,
    config_file_path,
    load_settings,
    overridden_by_environment,
    save_config,
    saved_values,
)
from focusgroup.tui.screens.dialogs import Dialog

SECURITY_LABELS = {
    "starttls": "STARTTLS (usually port 587)",
    "ssl": "SSL/TLS (usually port 465)",
    "none": "None (server on this computer)",
}


class MailSettingsDialog(Dialog[bool]):
    """Dismissed with True once settings were saved (the e-mail screen reloads them)."""

    # Self-contained (the e-mail screen opens it, also in apps without focusgroup's styles).
    # The port and security row used to take the row's default height (1fr: a tenth of the
    # screen, or one line at 80x24, covering the login) and left the Security list one
    # column wide; the box scrolls when a short terminal can't hold it all.
    DEFAULT_CSS = """
    MailSettingsDialog .mail-settings-box { overflow-y: auto; }
    MailSettingsDialog .ms-row { height: auto; }
    MailSettingsDialog #ms-port { width: 26; }
    MailSettingsDialog #ms-security { width: 1fr; }
    MailSettingsDialog .dialog-buttons { height: auto; }
    """

    BINDINGS = [
        Binding("escape", "close", "Close", id="mail-settings.close"),
        Binding("ctrl+s", "save", "Save", priority=True, id="mail-settings.save"),
        Binding("ctrl+t", "test", "Test connection", priority=True, id="mail-settings.test"),
    ]
    HELP = "Enter or ctrl+s saves · ctrl+t tests the connection · Esc closes"

    def __init__(self) -> None:
        super().__init__(classes="dialog")
        self.saved = False

    def compose(self) -> Iterable[Widget]:
        # The fields show the file, not the merged settings: a file with one bad value
        # (the e-mail screen says "ctrl+o to fix them") used to open as an empty form, and
        # saving it wiped the rest; environment values would have been copied into the file.
        s = saved_values()
        security = s.get("security", "starttls").strip().lower()
        with Vertical(classes="dialog-box mail-settings-box"):
            yield Label("Mail settings", classes="dialog-title")
            yield Label(f"Saved to {config_file_path()}", markup=False, classes="dialog-field")
            yield Input(
                s.get("mail_from", ""),
                placeholder="Sender, e.g. Ana Ruiz <ana@example.org>",
                id="ms-from",
            )
            yield Input(
                s.get("host", ""), placeholder="Mail server, e.g. smtp.example.org", id="ms-host"
            )
            with Horizontal(classes="ms-row"):
                yield Input(s.get("port", ""), placeholder="Port (blank: usual)", id="ms-port")
                yield Select(
                    [(label, key) for key, label in SECURITY_LABELS.items()],
                    value=security if security in SECURITY_MODES else "starttls",
                    allow_blank=False,
                    id="ms-security",
                )
            yield Input(s.get("user", ""), placeholder="Login (blank: no login)", id="ms-user")
            yield Input(
                placeholder="Password, only to test (never saved)", password=True, id="ms-password"
            )
            overrides = overridden_by_environment()
            if overrides:
                yield Label(
                    "Set in the environment, and winning over this file: " + ", ".join(overrides),
                    markup=False,
                )
            yield Static("", id="ms-status", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="ms-save")
                yield Button("Test connection", id="ms-test")
                yield Button("Close", id="ms-close")
            yield Label(self.HELP, classes="dialog-help", markup=False)

    def on_mount(self) -> None:
        self.query_one("#ms-from", Input).focus()

    def values(self) -> dict[str, str]:
        def value(name: str) -> str:
            return self.query_one(f"#ms-{name}", Input).value.strip()

        return {
            "from": value("from"),
            "host": value("host"),
            "port": value("port"),
            "security": str(self.query_one("#ms-security", Select).value),
            "user": value("user"),
        }

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#ms-status", Static)
        status.update(text)
        status.set_class(error, "error")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ms-save")
    def action_save(self) -> bool:
        try:
            path = save_config(self.values())
        except FocusGroupError as error:
            self._status(str(error), error=True)
            return False
        self.saved = True
        self._status(f"Saved to {path}. The password is asked for when sending.")
        return True

    @on(Button.Pressed, "#ms-test")
    def action_test(self) -> None:
        """Save first (what is tested is what the e-mail screen will use), then connect."""
        if not self.action_save():
            return
        try:
            settings = load_settings()
        except FocusGroupError as error:
            self._status(str(error), error=True)
            return
        password = self.query_one("#ms-password", Input).value
        if settings.needs_password:
            if not password:
                self._status("Type the password to test the login (it is not saved).", error=True)
                self.query_one("#ms-password", Input).focus()
                return
            settings = settings.with_password(password)
        self._status(f"Connecting to {settings.host or '(no server)'}…")
        self._test_worker(settings)

    @work(thread=True, exclusive=True, group="mail-test", exit_on_error=False)
    def _test_worker(self, settings: SmtpSettings) -> None:
        from focusgroup.mail.sender import check_connection

        call = self.app.call_from_thread
        try:
            result = check_connection(settings)
        except FocusGroupError as error:
            call(self._status, str(error), error=True)
        except Exception as error:  # never a traceback in the room
            call(self._status, f"Connection failed: {error}", error=True)
        else:
            call(self._status, result)

    @on(Button.Pressed, "#ms-close")
    def action_close(self) -> None:
        self.dismiss(self.saved)
