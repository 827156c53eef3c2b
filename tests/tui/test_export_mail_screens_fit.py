"""The export, e-mail and mail settings screens, reached and used with the keyboard only, at
the terminal sizes the app supports: every control can be reached with Tab, is on screen
when it has the focus (not clipped, not covered by another), and shows all of its label.

Before: the Security list in Mail settings was one column wide at every size (nobody could
see or pick STARTTLS / SSL / none); at 80x24 the Export button, status and help line of the
export dialog were below its bottom edge; the e-mail screen cut "Also registered people who
didn't come" to "Also registered people who didn't".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select

from focusgroup.sample import sample_session
from focusgroup.tui.app import FocusGroupApp, make_app
from tests.tui.builders import screen_text

SIZES = [(80, 24), (120, 40), (160, 50)]


def _label(widget: Widget) -> str:
    """The words a control shows: a button's or checkbox's label, a list's choice."""
    if isinstance(widget, Button | Checkbox):
        return str(widget.label)
    if isinstance(widget, Select):
        return str(dict((v, k) for k, v in widget._options).get(widget.value, ""))
    return ""


def _hit(app: FocusGroupApp, widget: Widget) -> bool:
    """The widget is what the terminal shows at the middle of its region."""
    region = widget.region
    if not region.width or not region.height:
        return False
    try:
        found, _ = app.screen.get_widget_at(region.x + region.width // 2, region.y)
    except Exception:
        return False
    return found is widget or widget in found.ancestors


async def _tab_through(app: FocusGroupApp, pilot) -> list[Widget]:
    """Every control Tab reaches, in order, each checked while it has the focus."""
    seen: list[Widget] = []
    problems: list[str] = []
    for _ in range(40):
        widget = app.focused
        assert widget is not None
        if widget in seen:
            break
        seen.append(widget)
        await pilot.pause()
        name = f"{type(widget).__name__}#{widget.id}"
        if not _hit(app, widget):
            problems.append(f"{name} is not on screen when focused ({widget.region})")
        label = _label(widget)
        if label and label not in " ".join(screen_text(app).split()):
            problems.append(f"{name}: {label!r} is not shown in full")
        if isinstance(widget, Select) and widget.region.width < len(label) + 4:
            problems.append(f"{name} is {widget.region.width} columns wide")
        await pilot.press("tab")
    assert not problems, f"{app.size}: " + "; ".join(problems)
    return seen


@pytest.fixture
def app(tmp_path: Path):
    store = sample_session(tmp_path / "meeting.db", cards=6)
    ana = store.add_participant("Ana Ruiz", "Acme", email="ana@example.org")
    store.set_attended(ana, True)  # someone to send to: the Send button is enabled
    app = make_app(store, "facilitator", today=lambda: "2025-03-14")
    app.animation_level = "none"
    yield app
    store.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_export_dialog_every_control_reachable_and_shown(app: FocusGroupApp, size) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.press("E")
        await pilot.pause()
        reached = await _tab_through(app, pilot)
        ids = {w.id for w in reached}
        assert {"export-folder", "export-pdf", "export-csv", "export-anonymous"} <= ids
        assert {"export-go", "export-close"} <= ids
        app.screen.query_one("#export-close", Button).focus()
        await pilot.pause()
        help_line = str(app.screen.query_one(".dialog-help", Label).render())
        assert help_line in screen_text(app)  # the help line is on screen by the buttons


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_mail_settings_every_control_reachable_and_shown(app: FocusGroupApp, size) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.press("M")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        reached = await _tab_through(app, pilot)
        ids = {w.id for w in reached}
        assert {"ms-from", "ms-host", "ms-port", "ms-security", "ms-user", "ms-password"} <= ids
        assert {"ms-save", "ms-test", "ms-close"} <= ids
        # No two fields drawn over each other (the port row used to cover the login).
        fields = [app.screen.query_one(f"#ms-{n}") for n in ("from", "host", "port", "user")]
        for i, one in enumerate(fields):
            for other in fields[i + 1 :]:
                assert not one.region.overlaps(other.region), (one.id, other.id)


async def test_mail_settings_security_is_picked_with_the_keyboard(
    app: FocusGroupApp, isolated_home: Path
) -> None:
    import yaml

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("M", "ctrl+o")
        await pilot.pause()
        await pilot.press(*"Dana <dana@example.org>", "tab", *"smtp.example.org", "tab", "tab")
        assert isinstance(app.focused, Select) and app.focused.id == "ms-security"
        await pilot.press("enter", "down", "enter")  # open the list, one down, choose
        await pilot.pause()
        assert "SSL/TLS (usually port 465)" in screen_text(app)
        await pilot.press("ctrl+s")
        saved = yaml.safe_load((isolated_home / "mail.yaml").read_text(encoding="utf-8"))
        assert saved == {"from": "Dana <dana@example.org>", "host": "smtp.example.org",
                         "security": "ssl"}  # fmt: skip


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_email_screen_every_control_reachable_and_shown(app: FocusGroupApp, size) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.press("M")
        await pilot.pause()
        reached = await _tab_through(app, pilot)
        ids = {w.id for w in reached}
        assert {"email-subject", "email-cover", "email-recipients"} <= ids
        assert {"email-profiles", "email-resend", "email-everyone"} <= ids
        assert {"email-settings-button", "email-send", "email-close"} <= ids
        # The password field, when a login needs one, is on screen as well.
        screen = app.screen
        screen.query_one("#email-password").set_class(True, "needed")
        screen.query_one("#email-password", Input).focus()
        await pilot.pause()
        assert _hit(app, screen.query_one("#email-password"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_security_choice_shows_in_full_on_one_line(app: FocusGroupApp, size) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.press("M", "ctrl+o")
        await pilot.pause()
        select = app.screen.query_one("#ms-security", Select)
        for value in ("starttls", "ssl", "none"):
            select.value = value
            select.focus()
            await pilot.pause()
            label = _label(select)
            assert label in " ".join(screen_text(app).split()), label
            assert select.region.height == 3, (label, select.region)  # not wrapped
