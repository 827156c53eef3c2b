"""Issue 13: mail settings set in the app (no command line on the day), saved to the same
mail.yaml the CLI reads, the password never written; test the connection, then send; and the
summary goes to attendees by default."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from textual.app import App
from textual.widgets import Checkbox, Input, Select, Static

from focusgroup.mail import content as mail_content
from focusgroup.mail.settings import ENV, PASSWORD_ENV, load_settings
from focusgroup.store import SessionStore
from focusgroup.tui.screens.email import EmailScreen
from focusgroup.tui.screens.mail_settings import MailSettingsDialog
from tests.mail.builders import PASSWORD, USER, SmtpServer

from .test_email_screen import send_and_wait, status_text

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, pdf_file: Path) -> None:
    for var in (*ENV.values(), PASSWORD_ENV, "FOCUSGROUP_MAIL_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(mail_content, "export_pdfs", lambda snap, profiles, out_dir: [pdf_file])


class MailApp(App[None]):
    def __init__(self, store: SessionStore) -> None:
        super().__init__()
        self.store = store

    def on_mount(self) -> None:
        self.push_screen(EmailScreen(self.store))  # settings from mail.yaml, as in the room


def fill(screen: MailSettingsDialog, server: SmtpServer) -> None:
    screen.query_one("#ms-from", Input).value = "Dana Whitfield <dana@example.org>"
    screen.query_one("#ms-host", Input).value = "127.0.0.1"
    screen.query_one("#ms-port", Input).value = str(server.port)
    screen.query_one("#ms-security", Select).value = "none"
    screen.query_one("#ms-user", Input).value = USER


async def test_settings_entered_in_the_app_are_what_the_cli_reads_and_mail_goes_out(
    meeting: SessionStore, auth_server: SmtpServer, isolated_home: Path
) -> None:
    app = MailApp(meeting)
    async with app.run_test(size=(140, 45)) as pilot:
        line = str(app.screen.query_one("#email-settings", Static).render())
        assert "press Mail settings (ctrl+o)" in line
        await pilot.press("ctrl+o")
        dialog = app.screen
        assert isinstance(dialog, MailSettingsDialog)
        fill(dialog, auth_server)
        dialog.query_one("#ms-password", Input).value = PASSWORD
        await pilot.press("ctrl+t")  # saves, then tests the connection with the password
        for _ in range(100):
            await pilot.pause(0.05)
            if "Connected" in str(dialog.query_one("#ms-status").render()):
                break
        assert f"logged in as {USER}" in str(dialog.query_one("#ms-status").render())
        saved = isolated_home / "mail.yaml"
        text = saved.read_text(encoding="utf-8")
        assert PASSWORD not in text and "password" not in yaml.safe_load(text)
        cli = load_settings()  # exactly what `focusgroup email` uses
        assert (cli.mail_from, cli.host, cli.port, cli.security, cli.user) == (
            "Dana Whitfield <dana@example.org>",
            "127.0.0.1",
            auth_server.port,
            "none",
            USER,
        )
        await pilot.press("escape")
        screen = app.screen
        assert isinstance(screen, EmailScreen)
        assert f"via {USER}@127.0.0.1:{auth_server.port}" in str(
            screen.query_one("#email-settings", Static).render()
        )
        screen.query_one("#email-password", Input).value = PASSWORD  # asked for when sending
        await send_and_wait(app, pilot)
        assert "Done: 3 sent, 0 failed." in status_text(screen)
        assert len(auth_server.messages) == 3
        assert PASSWORD not in saved.read_text(encoding="utf-8")
        assert PASSWORD.encode() not in meeting.path.read_bytes()


async def test_a_bad_setting_is_one_line_and_nothing_is_written(
    meeting: SessionStore, smtp_server: SmtpServer, isolated_home: Path
) -> None:
    app = MailApp(meeting)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("ctrl+o")
        dialog = app.screen
        fill(dialog, smtp_server)
        dialog.query_one("#ms-port", Input).value = "seventy"
        await pilot.press("ctrl+s")
        assert "is not a number" in str(dialog.query_one("#ms-status").render())
        assert not (isolated_home / "mail.yaml").exists()
        dialog.query_one("#ms-port", Input).value = "1"  # nothing listens there
        dialog.query_one("#ms-user", Input).value = ""
        await pilot.press("ctrl+t")
        for _ in range(100):
            await pilot.pause(0.05)
            status = str(dialog.query_one("#ms-status").render())
            if not status.startswith("Connecting"):
                break
        assert "Connected" not in status and status.strip()
        assert app.is_running


async def test_the_summary_goes_to_attendees_unless_asked_for_everyone(
    store: SessionStore, smtp_server: SmtpServer
) -> None:
    came = store.add_participant("Ana", "Acme", email="ana@example.org", consent=True)
    store.set_attended(came, True)
    wrote = store.add_participant("Bo", "Beta", email="bo@example.org", consent=True)
    store.add_card("Welder", wrote)
    no_show = store.add_participant("Cy", "Gamma", email="cy@example.org", consent=True)
    from .test_email_screen import TinyApp

    app = TinyApp(store, smtp_server.settings())
    async with app.run_test(size=(140, 45)) as pilot:
        screen = app.screen
        assert screen.status_of(no_show) == "skipped: not at the meeting"
        assert screen.status_of(came) == "to send" and screen.status_of(wrote) == "to send"
        assert "2 of 3 participants" in status_text(screen)
        screen.query_one("#email-everyone", Checkbox).value = True
        await pilot.pause()
        assert screen.status_of(no_show) == "to send"
        screen.query_one("#email-everyone", Checkbox).value = False
        await pilot.pause()
        await send_and_wait(app, pilot)
        assert sorted(m.rcpt_tos[0] for m in smtp_server.messages) == [
            "ana@example.org",
            "bo@example.org",
        ]


async def test_saving_the_form_keeps_the_reply_to_written_in_the_file(
    meeting: SessionStore, smtp_server: SmtpServer, isolated_home: Path
) -> None:
    """The form has no Reply-To field; saving it used to drop `reply_to:` from mail.yaml,
    so replies went to the sender instead of the team's mailbox."""
    saved = isolated_home / "mail.yaml"
    saved.write_text(
        "from: Dana Whitfield <dana@example.org>\nhost: 127.0.0.1\n"
        f"port: {smtp_server.port}\nsecurity: none\nreply_to: Team <team@example.org>\n",
        encoding="utf-8",
    )
    app = MailApp(meeting)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("ctrl+o")
        dialog = app.screen
        assert isinstance(dialog, MailSettingsDialog)
        dialog.query_one("#ms-host", Input).focus()
        await pilot.press("end", "backspace", "1", "enter")  # retype the last digit; Enter saves
        assert "Saved to" in str(dialog.query_one("#ms-status").render())
        assert yaml.safe_load(saved.read_text(encoding="utf-8"))["reply_to"] == (
            "Team <team@example.org>"
        )
        await pilot.press("escape")
        screen = await send_and_wait(app, pilot)
        assert "Done: 3 sent, 0 failed." in status_text(screen)
    assert {str(m.message["Reply-To"]) for m in smtp_server.messages} == {"Team <team@example.org>"}


async def _test_connection(pilot, dialog: MailSettingsDialog) -> str:
    await pilot.press("ctrl+t")
    for _ in range(200):
        await pilot.pause(0.05)
        status = str(dialog.query_one("#ms-status").render())
        if not status.startswith(("Connecting", "Saved")):
            return status
    raise AssertionError(f"the test did not finish: {status!r}")


@pytest.mark.parametrize(
    ("server_fixture", "user", "told"),
    [
        ("tls_server", "", "--security starttls"),  # a server that wants STARTTLS first
        ("auth_server", "", "wants a login"),  # one that wants a login first
    ],
)
async def test_test_connection_fails_when_sending_would(
    meeting: SessionStore,
    isolated_home: Path,
    request: pytest.FixtureRequest,
    server_fixture: str,
    user: str,
    told: str,
) -> None:
    """'Connected' used to mean only that the greeting and login worked; such servers refuse
    at MAIL FROM, so the test passed and the send failed in the room. The test now asks to
    send from the sender (then resets: nothing is sent)."""
    server: SmtpServer = request.getfixturevalue(server_fixture)
    app = MailApp(meeting)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("ctrl+o")
        dialog = app.screen
        fill(dialog, server)
        dialog.query_one("#ms-user", Input).value = user
        status = await _test_connection(pilot, dialog)
        assert told in status and "Connected" not in status, status
        assert app.is_running
    assert server.messages == []


async def test_test_connection_says_the_server_takes_mail_from_the_sender(
    meeting: SessionStore, auth_server: SmtpServer, isolated_home: Path
) -> None:
    app = MailApp(meeting)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("ctrl+o")
        dialog = app.screen
        fill(dialog, auth_server)
        dialog.query_one("#ms-password", Input).value = PASSWORD
        status = await _test_connection(pilot, dialog)
        assert status == (
            f"Connected to 127.0.0.1:{auth_server.port} (none), logged in as {USER}; "
            "it takes mail from dana@example.org."
        )
    assert auth_server.messages == []


async def test_the_form_edits_the_file_not_the_environment(
    meeting: SessionStore, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With FOCUSGROUP_SMTP_HOST set, the form was filled from the merged settings, and
    saving copied the environment's server into mail.yaml for good."""
    saved = isolated_home / "mail.yaml"
    saved.write_text("from: Dana <dana@example.org>\nhost: file.example.org\n", "utf-8")
    monkeypatch.setenv("FOCUSGROUP_SMTP_HOST", "env.example.org")
    app = MailApp(meeting)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("ctrl+o")
        dialog = app.screen
        assert dialog.query_one("#ms-host", Input).value == "file.example.org"
        assert "FOCUSGROUP_SMTP_HOST" in " ".join(
            str(label.render()) for label in dialog.query("Label")
        )
        await pilot.press("enter")
    assert yaml.safe_load(saved.read_text("utf-8"))["host"] == "file.example.org"
