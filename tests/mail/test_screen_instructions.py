"""Every instruction the e-mail and mail settings screens show does what it says: each test
reads the words off the screen (a reworded line breaks its test) and then does exactly that,
with the keyboard, in the real app (`M` on the wall)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from textual.widgets import Button, Input, Select, Static

from focusgroup.mail.settings import ENV, PASSWORD_ENV, load_settings
from focusgroup.sample import sample_session
from focusgroup.tui.app import FocusGroupApp, make_app
from focusgroup.tui.screens.email import EmailScreen
from focusgroup.tui.screens.mail_settings import MailSettingsDialog
from tests.mail.builders import SmtpServer
from tests.tui.builders import screen_text
from tests.tui.test_wall_tools import wait_for


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (*ENV.values(), PASSWORD_ENV, "FOCUSGROUP_MAIL_CONFIG"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def app(tmp_path: Path):
    store = sample_session(tmp_path / "meeting.db", cards=6)
    ana = store.add_participant("Ana Ruiz", "Acme", email="ana@example.org")
    store.set_attended(ana, True)
    app = make_app(store, "facilitator", today=lambda: "2025-03-14")
    app.animation_level = "none"
    yield app
    store.close()


def shown(app: FocusGroupApp) -> str:
    return " ".join(screen_text(app).split())


async def open_email(app: FocusGroupApp, pilot) -> EmailScreen:
    await pilot.press("M")
    await pilot.pause()
    assert isinstance(app.screen, EmailScreen)
    return app.screen


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


async def test_no_settings_yet_press_mail_settings_ctrl_o(app: FocusGroupApp) -> None:
    """ "No sender or mail server yet: press Mail settings (ctrl+o) to set them." """
    async with app.run_test(size=(120, 40)) as pilot:
        await open_email(app, pilot)
        assert "No sender or mail server yet: press Mail settings (ctrl+o) to set them." in shown(
            app
        )
        await pilot.press("ctrl+o")  # with the cursor in the Subject field
        assert isinstance(app.screen, MailSettingsDialog)


async def test_the_mail_settings_button_says_ctrl_o_and_opens_with_enter(
    app: FocusGroupApp,
) -> None:
    """The button "Mail settings (ctrl+o)": Tab to it and Enter, or ctrl+o from the table."""
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_email(app, pilot)
        assert str(screen.query_one("#email-settings-button", Button).label) == (
            "Mail settings (ctrl+o)"
        )
        for _ in range(20):
            if app.focused.id == "email-settings-button":
                break
            await pilot.press("tab")
        await pilot.press("enter")
        assert isinstance(app.screen, MailSettingsDialog)
        await pilot.press("escape")
        screen.query_one("#email-recipients").focus()
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, MailSettingsDialog)


async def test_a_broken_mail_yaml_says_ctrl_o_to_fix_them(
    app: FocusGroupApp, isolated_home: Path
) -> None:
    """ "Mail settings: <what is wrong> (ctrl+o to fix them)": ctrl+o opens the form, and
    saving a good sender and server there makes the line say where mail goes from."""
    (isolated_home / "mail.yaml").write_text("host: smtp.example.org\nport: seventy\n", "utf-8")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_email(app, pilot)
        line = str(screen.query_one("#email-settings", Static).render())
        assert (
            line == "Mail settings: The SMTP port 'seventy' is not a number. (ctrl+o to fix them)"
        )
        await pilot.press("ctrl+o")
        dialog = app.screen
        assert isinstance(dialog, MailSettingsDialog)
        await type_text(pilot, "Dana <dana@example.org>")
        await pilot.press("tab", "tab", *"587", "enter")  # Sender, Server (kept), Port; Enter saves
        assert "Saved to" in str(dialog.query_one("#ms-status").render())
        await pilot.press("escape")
        line = str(screen.query_one("#email-settings", Static).render())
        assert line == "From Dana <dana@example.org> via smtp.example.org:587 (starttls)"


async def test_mail_settings_help_line_enter_ctrl_s_ctrl_t_esc(
    app: FocusGroupApp, isolated_home: Path, smtp_server: SmtpServer
) -> None:
    """ "Enter or ctrl+s saves · ctrl+t tests the connection · Esc closes" """
    saved = isolated_home / "mail.yaml"
    async with app.run_test(size=(120, 40)) as pilot:
        await open_email(app, pilot)
        await pilot.press("ctrl+o")
        dialog = app.screen
        assert "Enter or ctrl+s saves · ctrl+t tests the connection · Esc closes" in shown(app)
        await type_text(pilot, "Dana <dana@example.org>")
        await pilot.press("enter")  # Enter saves
        assert yaml.safe_load(saved.read_text("utf-8"))["from"] == "Dana <dana@example.org>"
        await pilot.press("tab")
        await type_text(pilot, "127.0.0.1")
        await pilot.press("tab")
        await type_text(pilot, str(smtp_server.port))
        await pilot.press("tab", "enter", "down", "down", "enter")  # Security: None
        await pilot.press("ctrl+s")  # ctrl+s saves (from the list, not only from a field)
        assert yaml.safe_load(saved.read_text("utf-8"))["security"] == "none"
        await pilot.press("ctrl+t")  # tests the connection
        status = dialog.query_one("#ms-status")
        await wait_for(pilot, lambda: "Connected" in str(status.render()), tries=200)
        assert str(status.render()) == (
            f"Connected to 127.0.0.1:{smtp_server.port} (none); it takes mail from "
            "dana@example.org."
        )
        await pilot.press("escape")  # Esc closes
        assert isinstance(app.screen, EmailScreen)
    assert smtp_server.messages == []  # testing sends nothing


@pytest.mark.parametrize(("choice", "port"), [(0, 587), (1, 465), (2, 25)])
async def test_port_blank_usual_follows_the_security_chosen(
    app: FocusGroupApp, isolated_home: Path, choice: int, port: int
) -> None:
    """The placeholders "Port (blank: usual)" and "STARTTLS (usually port 587)"...: a blank
    port is the usual one for the security picked, the one the label names."""
    async with app.run_test(size=(120, 40)) as pilot:
        await open_email(app, pilot)
        await pilot.press("ctrl+o")
        dialog = app.screen
        assert dialog.query_one("#ms-port", Input).placeholder == "Port (blank: usual)"
        await type_text(pilot, "dana@example.org")
        await pilot.press("tab")
        await type_text(pilot, "smtp.example.org")
        await pilot.press("tab", "tab", "enter", *["down"] * choice, "enter", "ctrl+s")
        label = str(
            dict((v, k) for k, v in dialog.query_one(Select)._options)[
                dialog.query_one(Select).value
            ]
        )
        assert f"port {port}" in label or port == 25
        assert load_settings().effective_port == port


async def test_esc_keeps_a_typed_cover_message_and_says_so(app: FocusGroupApp) -> None:
    """Esc closed the screen from inside the cover message box, and the words typed there
    were gone. The first Esc now keeps them and says "Esc again closes and drops it"."""
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_email(app, pilot)
        await pilot.press("tab")  # Subject -> the cover message
        assert app.focused.id == "email-cover"
        await type_text(pilot, "Thank you all for coming.")
        await pilot.press("escape")
        assert app.screen is screen
        assert "Esc again closes and drops it." in shown(app)
        assert screen.query_one("#email-cover").text == "Thank you all for coming."
        await pilot.press("escape")  # as the line says
        assert app.screen is not screen
        await open_email(app, pilot)
        await pilot.press("escape")  # nothing typed: one Esc closes
        assert not isinstance(app.screen, EmailScreen)
