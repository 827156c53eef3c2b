"""The e-mail screen, driven with Textual's Pilot on a tiny app, against a loopback SMTP server."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from focusgroup.mail import content as mail_content
from focusgroup.mail.settings import SmtpSettings
from focusgroup.store import SessionStore
from focusgroup.tui.screens.email import EmailScreen
from tests.mail.builders import PASSWORD, USER, SmtpServer, free_port

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


@pytest.fixture(autouse=True)
def fake_pdf_export(monkeypatch: pytest.MonkeyPatch, pdf_file: Path) -> None:
    monkeypatch.setattr(mail_content, "export_pdfs", lambda snap, profiles, out_dir: [pdf_file])


class TinyApp(App[None]):
    def __init__(self, store: SessionStore, settings: SmtpSettings) -> None:
        super().__init__()
        self.store, self.settings = store, settings

    def on_mount(self) -> None:
        self.push_screen(EmailScreen(self.store, self.settings))


async def send_and_wait(app: TinyApp, pilot: Pilot[None], until: str = "Done") -> EmailScreen:
    """Press Send and wait (bounded) until the status line says the run is over."""
    screen = app.screen
    assert isinstance(screen, EmailScreen)
    before = screen.runs
    await pilot.click("#email-send")
    for _ in range(200):
        await pilot.pause(0.05)
        if screen.runs > before or until in status_text(screen):
            break
    else:
        raise AssertionError(f"the send did not finish: {status_text(screen)!r}")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


def status_text(screen: EmailScreen) -> str:
    return str(screen.query_one("#email-status", Static).render())


async def test_lists_recipients_and_sends_with_progress(
    meeting: SessionStore, smtp_server: SmtpServer, pdf_file: Path
) -> None:
    app = TinyApp(meeting, smtp_server.settings())
    async with app.run_test(size=(140, 45)) as pilot:
        screen = app.screen
        assert isinstance(screen, EmailScreen)
        ids = {p.name: p.id for p in meeting.participants()}
        assert screen.status_of(ids["Zoë Łukasiewicz"]) == "to send"
        assert screen.status_of(ids["Sam Noconsent"]) == "skipped: no consent"
        assert "3 of 5 participants" in status_text(screen)

        await send_and_wait(app, pilot)
        assert len(smtp_server.messages) == 3
        assert screen.status_of(ids["Zoë Łukasiewicz"]).startswith("already sent")
        assert "Done: 3 sent, 0 failed." in status_text(screen)
        assert screen.query_one("#email-progress").progress == 3
        assert [s.status for s in meeting.sends()] == ["sent"] * 3
        [attachment] = smtp_server.messages[0].message.iter_attachments()
        assert attachment.get_content() == pdf_file.read_bytes()
        # Nothing left to send: the button is off until "send again" is ticked.
        assert screen.query_one("#email-send", Button).disabled
        await pilot.click("#email-resend")
        await pilot.pause()
        assert not screen.query_one("#email-send", Button).disabled

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EmailScreen)


async def test_rejected_address_shows_in_its_row(
    meeting: SessionStore, smtp_server: SmtpServer
) -> None:
    smtp_server.handler.rejected.add("minh@example.net")
    app = TinyApp(meeting, smtp_server.settings())
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await send_and_wait(app, pilot)
        minh = next(p.id for p in meeting.participants() if p.email == "minh@example.net")
        assert screen.status_of(minh).startswith("retry (last attempt failed: address rejected")
        assert "Done: 2 sent, 1 failed." in status_text(screen)


async def test_server_down_shows_one_line_and_records_nothing(meeting: SessionStore) -> None:
    settings = SmtpSettings(
        host="127.0.0.1", port=free_port(), security="none", timeout=5, mail_from="f@example.org"
    )
    app = TinyApp(meeting, settings)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await send_and_wait(app, pilot)
        assert "connection refused" in status_text(screen)
        assert not screen.sending
        assert meeting.sends() == []


async def test_asks_for_the_password_in_the_screen(
    meeting: SessionStore, auth_server: SmtpServer
) -> None:
    app = TinyApp(meeting, auth_server.settings(user=USER))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await send_and_wait(app, pilot, until="Type the SMTP password first.")
        assert auth_server.messages == []

        screen.query_one("#email-password", Input).value = PASSWORD
        await send_and_wait(app, pilot)
        assert len(auth_server.messages) == 3, status_text(screen)


async def test_the_password_asked_for_is_typed_and_enter_sends(
    meeting: SessionStore, auth_server: SmtpServer
) -> None:
    """ "Type the SMTP password first." puts the cursor in the field; typing it and pressing
    Enter sends (Enter used to do nothing there). The progress bar shows only once sending."""
    app = TinyApp(meeting, auth_server.settings(user=USER))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await send_and_wait(app, pilot, until="Type the SMTP password first.")
        assert not screen.query_one("#email-progress").display  # nothing running, no bar
        assert app.focused is screen.query_one("#email-password", Input)
        for key in PASSWORD:
            await pilot.press("space" if key == " " else key)
        before = screen.runs
        await pilot.press("enter")
        for _ in range(200):
            await pilot.pause(0.05)
            if screen.runs > before:
                break
        assert "Done: 3 sent, 0 failed." in status_text(screen)
        assert screen.query_one("#email-progress").display
        assert len(auth_server.messages) == 3
