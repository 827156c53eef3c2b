"""The e-mail screen: who gets the summary, their status, and sending with progress.

Self-contained: give it the store (and settings, or let it load them from the environment and
`mail.yaml`). Exporting and SMTP run in a thread worker; every outcome comes back to the UI
thread with `call_from_thread`, where it is recorded in the session before the next message
goes out, so the screen, the log and reality always agree.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from email.headerregistry import Address
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Input,
    Label,
    ProgressBar,
    Static,
    TextArea,
)

from focusgroup.domain.errors import FocusGroupError
from focusgroup.domain.text import plural
from focusgroup.mail import content as mail_content
from focusgroup.mail.message import Letter
from focusgroup.mail.recipients import Recipient, plan
from focusgroup.mail.sender import Outcome, SendReport, intent_record, send_all
from focusgroup.mail.settings import SmtpSettings, load_settings
from focusgroup.paths import exports_dir
from focusgroup.store import SessionStore
from focusgroup.tui.screens.dialogs import Dialog

if TYPE_CHECKING:
    from focusgroup.export.snapshot import SessionSnapshot

COLUMNS = ("Name", "Organization", "E-mail", "Status")


@dataclass(frozen=True)
class _Job:
    """Everything the worker needs, read on the UI thread before it starts."""

    settings: SmtpSettings
    snap: SessionSnapshot
    profiles: bool
    out_dir: Path
    subject: str
    cover: str
    sender: Address
    reply_to: Address | None
    due: list[Recipient]


class EmailScreen(Dialog[None]):
    """E-mail the summary to consenting participants. Escape closes (or stops a send)."""

    DEFAULT_CSS = """
    EmailScreen { align: center middle; }
    EmailScreen > #email-dialog {
        width: 94%; max-width: 130; height: 1fr; max-height: 50; margin: 1 0;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    EmailScreen #email-title { text-style: bold; }
    EmailScreen #email-settings { color: $text-muted; }
    EmailScreen #email-cover { height: 3; }
    EmailScreen #email-recipients { height: 1fr; min-height: 4; }
    EmailScreen #email-options { height: auto; margin-top: 1; }
    EmailScreen #email-checks { width: auto; height: auto; margin-right: 2; }
    EmailScreen #email-options Input { width: 1fr; }
    EmailScreen #email-progress { display: none; }
    EmailScreen #email-progress.running { display: block; }
    EmailScreen #email-status { height: auto; }
    EmailScreen #email-status.error { color: $error; }
    EmailScreen #email-password { display: none; }
    EmailScreen #email-password.needed { display: block; }
    EmailScreen #email-buttons { height: auto; align-horizontal: right; }
    EmailScreen #email-buttons Button { margin-left: 1; }
    """

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("ctrl+o", "mail_settings", "Mail settings", priority=True, id="email.settings"),
    ]

    def __init__(
        self,
        store: SessionStore,
        settings: SmtpSettings | None = None,
        *,
        with_profiles: bool = False,
    ) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self._settings_error = ""
        self._with_profiles = with_profiles
        self._recipients: list[Recipient] = []
        self._stop = threading.Event()
        self.sending = False
        self._warned_cover = False
        self.runs = 0
        """Finished send runs; lets a caller (or a test) tell a run has ended."""

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        title = self.store.session().title
        with Vertical(id="email-dialog"):
            yield Label(f"E-mail the summary: {title}", id="email-title", markup=False)
            yield Static("", id="email-settings", markup=False)
            yield Input(
                value=mail_content.default_subject(title), placeholder="Subject", id="email-subject"
            )
            yield TextArea(id="email-cover", soft_wrap=True, placeholder="Cover message (optional)")
            yield DataTable(id="email-recipients", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="email-options"):
                # One per line, compact: side by side, the third was cut off below 130
                # columns ("Also registered people who didn't").
                with Vertical(id="email-checks"):
                    yield Checkbox(
                        "Attach job profiles",
                        self._with_profiles,
                        id="email-profiles",
                        compact=True,
                    )
                    yield Checkbox(
                        "Send again to those already sent", id="email-resend", compact=True
                    )
                    yield Checkbox(
                        "Also registered people who didn't come", id="email-everyone", compact=True
                    )
                yield Input(
                    placeholder="SMTP password (Enter sends)", password=True, id="email-password"
                )
            yield ProgressBar(id="email-progress", show_eta=False)
            yield Static("", id="email-status", markup=False)
            with Horizontal(id="email-buttons"):
                yield Button("Mail settings (ctrl+o)", id="email-settings-button")
                yield Button("Send", id="email-send", variant="primary")
                yield Button("Close", id="email-close")

    def on_mount(self) -> None:
        if self.settings is None:
            try:
                self.settings = load_settings()
            except FocusGroupError as error:
                self._settings_error = str(error)
        table = self.query_one("#email-recipients", DataTable)
        for column in COLUMNS:
            table.add_column(column, key=column.lower())
        self._show_settings()
        self.refresh_recipients()

    def _show_settings(self) -> None:
        line = self.query_one("#email-settings", Static)
        if self._settings_error or self.settings is None:
            line.update(f"Mail settings: {self._settings_error} (ctrl+o to fix them)")
            return
        if not (self.settings.mail_from and self.settings.host):
            line.update("No sender or mail server yet: press Mail settings (ctrl+o) to set them.")
        else:
            line.update(f"From {self.settings.mail_from} via {self.settings.describe()}")
        self.query_one("#email-password").set_class(self.settings.needs_password, "needed")

    # -- recipients ---------------------------------------------------------------------------

    def refresh_recipients(self) -> None:
        resend = self.query_one("#email-resend", Checkbox).value
        everyone = self.query_one("#email-everyone", Checkbox).value
        # Attendees by default: a registration list also names people who didn't come.
        present = None if everyone else [p.id for p in self.store.attendees()]
        self._recipients = plan(
            self.store.participants(), self.store.sends(), resend=resend, present=present
        )
        table = self.query_one("#email-recipients", DataTable)
        table.clear()
        for r in self._recipients:
            p = r.participant
            # Text cells: a str cell is parsed as markup ("Bo [/] Chen" raised MarkupError).
            cells = (p.name, p.organization, r.email, r.describe())
            table.add_row(*(Text(cell) for cell in cells), key=str(p.id))
        due = sum(r.will_send for r in self._recipients)
        if not self.sending:
            self.query_one("#email-send", Button).disabled = due == 0
            total = plural(len(self._recipients), "participant")
            self._status(f"{due} of {total} will get the summary.")

    @on(Checkbox.Changed, "#email-resend")
    @on(Checkbox.Changed, "#email-everyone")
    def _resend_changed(self) -> None:
        self.refresh_recipients()

    @on(Button.Pressed, "#email-settings-button")
    def action_mail_settings(self) -> None:
        if self.sending:
            return
        from focusgroup.tui.screens.mail_settings import MailSettingsDialog

        def reload(saved: bool | None) -> None:
            if not saved:
                return
            try:
                self.settings, self._settings_error = load_settings(), ""
            except FocusGroupError as error:
                self.settings, self._settings_error = None, str(error)
            self._show_settings()

        self.app.push_screen(MailSettingsDialog(), reload)

    def status_of(self, participant_id: int) -> str:
        """The Status cell for one participant (used by tests and screen readers alike)."""
        table = self.query_one("#email-recipients", DataTable)
        return str(table.get_cell(str(participant_id), "status"))

    def _set_status_cell(self, recipient: Recipient, text: str) -> None:
        table = self.query_one("#email-recipients", DataTable)
        table.update_cell(str(recipient.participant.id), "status", Text(text))

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#email-status", Static)
        status.update(text)
        status.set_class(error, "error")

    # -- sending ------------------------------------------------------------------------------

    @on(Button.Pressed, "#email-send")
    @on(Input.Submitted, "#email-password")
    def action_send(self) -> None:
        if self.sending:
            return
        if self._settings_error or self.settings is None:
            self._status(f"Can't send: {self._settings_error}", error=True)
            return
        settings = self.settings
        if settings.needs_password:
            password = self.query_one("#email-password", Input).value
            if not password:
                self._status("Type the SMTP password first.", error=True)
                self.query_one("#email-password", Input).focus()
                return
            settings = settings.with_password(password)
        try:
            settings.check_for_sending()
            sender, reply_to = settings.sender(), settings.reply_address()
            snap = mail_content.snapshot(self.store)  # store reads stay on this thread
        except FocusGroupError as error:
            self._status(str(error), error=True)
            return
        subject = self.query_one("#email-subject", Input).value.strip()
        cover = self.query_one("#email-cover", TextArea).text
        profiles = self.query_one("#email-profiles", Checkbox).value
        due = [r for r in self._recipients if r.will_send]
        self.sending = True
        self._stop.clear()
        self.query_one("#email-send", Button).disabled = True
        progress = self.query_one("#email-progress", ProgressBar)
        progress.update(total=len(due), progress=0)
        progress.add_class("running")  # hidden until there is something to count
        self._status("Preparing the summary PDF…")
        out_dir = exports_dir(self.store.path)
        self._send_worker(
            _Job(settings, snap, profiles, out_dir, subject, cover, sender, reply_to, due)
        )

    @work(thread=True, exclusive=True, group="email", exit_on_error=False)
    def _send_worker(self, job: _Job) -> None:
        call = self.app.call_from_thread
        try:
            content = mail_content.build_content(job.snap, job.profiles, job.out_dir)
            letter = Letter(
                sender=job.sender,
                subject=job.subject or content.subject,
                content=content,
                cover=job.cover,
                reply_to=job.reply_to,
            )
            call(self._status, f"Connecting to {job.settings.describe()}…")
            report = send_all(
                job.settings,
                letter,
                job.due,
                on_outcome=lambda outcome: call(self._record, outcome),
                # Durable before the message goes: a kill then reads "may have been sent".
                on_intent=lambda recipient, message_id: call(
                    self._record_intent, recipient, message_id
                ),
                on_start=lambda recipient: call(self._starting, recipient),
                should_stop=self._stop.is_set,
            )
        except FocusGroupError as error:  # MailError included: one clear line
            call(self._finished, None, str(error))
        except Exception as error:  # never a traceback on the room's screen
            call(self._finished, None, f"Sending failed: {error}")
        else:
            call(self._finished, report, "")

    def _record_intent(self, recipient: Recipient, message_id: str) -> None:
        self.store.record_send_intent(**intent_record(recipient, message_id))

    def _starting(self, recipient: Recipient) -> None:
        self._set_status_cell(recipient, "sending…")
        self._status(f"Sending to {recipient.participant.name}…")

    def _record(self, outcome: Outcome) -> None:
        try:
            self.store.record_send(**outcome.as_send())
        except Exception as error:  # the message went; say so even if the log write failed
            self.notify(f"Could not record the send: {error}", severity="error", markup=False)
        self._set_status_cell(
            outcome.recipient, "sent ✓" if outcome.ok else f"failed: {outcome.error}"
        )
        self.query_one("#email-progress", ProgressBar).advance(1)

    def _finished(self, report: SendReport | None, error: str) -> None:
        self.sending = False
        self.runs += 1
        self.refresh_recipients()
        if report is None:
            self._status(error, error=True)
            return
        parts = [f"{len(report.sent)} sent", f"{len(report.failed)} failed"]
        if report.not_attempted:
            parts.append(f"{len(report.not_attempted)} not attempted")
        text = "Done: " + ", ".join(parts) + "."
        if report.fatal is not None:
            text += f" Stopped: {report.fatal}"
        elif report.failed:
            text += " Press Send to retry the failed ones."
        self._status(text, error=not report.ok)

    # -- closing ------------------------------------------------------------------------------

    @on(Button.Pressed, "#email-close")
    def action_close(self) -> None:
        if self.sending:
            # Mail already handed to the server can't be recalled: finish the current one.
            self._stop.set()
            self._status("Stopping after the current message…")
            return
        # A cover message is never dropped silently (Esc is also how one leaves the text
        # box): the first Esc keeps it and says so, a second one closes, as the wall's bar.
        if self.query_one("#email-cover", TextArea).text.strip() and not self._warned_cover:
            self._warned_cover = True
            self._status("Your cover message isn't sent yet: Esc again closes and drops it.")
            return
        self.dismiss(None)

    @on(TextArea.Changed, "#email-cover")
    def _cover_changed(self) -> None:
        self._warned_cover = False
