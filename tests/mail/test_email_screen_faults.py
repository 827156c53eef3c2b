"""The e-mail screen when the mail server misbehaves, with the real exports and aiosmtpd.

For each fault: one clear line on the screen (no traceback, the app still running), the
send log saying exactly what happened (no row left 'sending', nothing marked sent that the
server did not take), and pressing Send again reaches only those not reached, once.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from focusgroup.mail.recipients import Status, plan
from focusgroup.mail.settings import PASSWORD_ENV, SmtpSettings
from focusgroup.store import SessionStore
from tests.mail.builders import PASSWORD, USER, SmtpServer

from .test_email_screen import TinyApp, send_and_wait, status_text

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

EVERYONE = ["minh@example.net", "pat@example.edu", "zoe@example.org"]


@pytest.fixture(autouse=True)
def no_password_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)


def received(server: SmtpServer) -> list[str]:
    return sorted(r for m in server.messages for r in m.rcpt_tos)


def log_is_truthful(store: SessionStore, server: SmtpServer) -> None:
    """The log never says 'sending' after a run, and 'sent' exactly for what the server has."""
    sends = store.sends()
    assert all(s.status in ("sent", "failed") for s in sends), [s.status for s in sends]
    sent = sorted(s.email for s in sends if s.status == "sent")
    assert sent == received(server)
    statuses = plan(store.participants(), store.sends())
    assert all(r.status is not Status.UNKNOWN for r in statuses)


async def test_a_recipient_refused_mid_batch_is_retried_alone(
    meeting: SessionStore, smtp_server: SmtpServer
) -> None:
    smtp_server.handler.rejected.add("minh@example.net")
    app = TinyApp(meeting, smtp_server.settings())
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await send_and_wait(app, pilot)
        assert status_text(screen) == (
            "Done: 2 sent, 1 failed. Press Send to retry the failed ones."
        )
        log_is_truthful(meeting, smtp_server)
        assert "1 of 5 participants will get the summary." not in status_text(screen)
        smtp_server.handler.rejected.clear()  # the address was fixed at the server's end
        await send_and_wait(app, pilot)
        assert status_text(screen) == "Done: 1 sent, 0 failed."
        assert app.is_running
    assert received(smtp_server) == EVERYONE  # each once
    log_is_truthful(meeting, smtp_server)


async def test_a_wrong_password_is_one_line_then_the_right_one_sends(
    meeting: SessionStore, auth_server: SmtpServer
) -> None:
    app = TinyApp(meeting, auth_server.settings(user=USER))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = app.screen
        screen.query_one("#email-password", Input).value = "wrong"
        await send_and_wait(app, pilot, until="refused the login")
        line = status_text(screen)
        assert line.startswith(f"The mail server refused the login for '{USER}' (535")
        # The password was typed here: the line doesn't send anyone to an environment variable.
        assert line.endswith("; check the user name and password.")
        assert "\n" not in line and "Traceback" not in line
        assert meeting.sends() == [] and auth_server.messages == []
        screen.query_one("#email-password", Input).value = PASSWORD
        await send_and_wait(app, pilot)
        assert status_text(screen) == "Done: 3 sent, 0 failed."
    assert received(auth_server) == EVERYONE
    log_is_truthful(meeting, auth_server)


@pytest.mark.parametrize(
    ("server_fixture", "security", "told"),
    [
        ("smtp_server", "ssl", "TLS failure"),  # SSL/TLS chosen, the server talks plain
        ("smtp_server", "starttls", "does not offer STARTTLS"),  # no STARTTLS on offer
        ("tls_server", "none", "--security starttls"),  # the server wants STARTTLS first
        ("tls_server", "starttls", "could not be verified"),  # a CA the laptop doesn't trust
    ],
)
async def test_a_tls_mismatch_is_one_line_and_sends_nothing(
    meeting: SessionStore,
    request: pytest.FixtureRequest,
    server_fixture: str,
    security: str,
    told: str,
) -> None:
    server: SmtpServer = request.getfixturevalue(server_fixture)
    settings = server.settings(security=security)
    if server_fixture == "tls_server" and security == "starttls":
        settings = server.settings(security="starttls", user=USER, password=PASSWORD)
    app = TinyApp(meeting, settings)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await send_and_wait(app, pilot, until="\0")  # until the run ends
        line = status_text(screen)
        assert told in line, line
        assert "Traceback" not in line and app.is_running and not screen.sending
    assert server.messages == []
    log_is_truthful(meeting, server)
    due = [r for r in plan(meeting.participants(), meeting.sends()) if r.will_send]
    assert len(due) == 3  # nothing lost: all three go on the next run


async def test_escape_while_sending_stops_after_the_current_message(
    meeting: SessionStore, smtp_server: SmtpServer
) -> None:
    """Esc during a send: 'Stopping after the current message…'; the rest stay due."""
    smtp_server.handler.data_delay = 1.0  # a slow server: Esc lands during the first message
    app = TinyApp(meeting, smtp_server.settings())
    async with app.run_test(size=(140, 45)) as pilot:
        screen = app.screen
        before = screen.runs
        await pilot.click("#email-send")
        for _ in range(200):
            await pilot.pause(0.05)
            if status_text(screen).startswith("Sending to"):
                break
        await pilot.press("escape")
        assert status_text(screen) == "Stopping after the current message…"
        for _ in range(200):
            await pilot.pause(0.05)
            if screen.runs > before:
                break
        assert status_text(screen) == "Done: 1 sent, 0 failed, 2 not attempted."
        assert app.screen is screen  # still open: what happened is on screen
        await pilot.press("escape")
        assert app.screen is not screen
    assert len(smtp_server.messages) == 1
    log_is_truthful(meeting, smtp_server)
    due = [r for r in plan(meeting.participants(), meeting.sends()) if r.will_send]
    assert len(due) == 2


async def test_an_unreachable_server_names_host_and_port(meeting: SessionStore) -> None:
    settings = SmtpSettings(
        host="no-such-host.invalid", port=2525, security="none", timeout=5,
        mail_from="f@example.org",
    )  # fmt: skip
    app = TinyApp(meeting, settings)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await send_and_wait(app, pilot, until="\0")
        assert status_text(screen) == (
            "Unknown mail server 'no-such-host.invalid': the name did not resolve."
        )
        assert app.is_running
    assert meeting.sends() == []
