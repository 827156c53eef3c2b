"""Names and titles are one line (issue 12): refused with a line break at the CLI, the CSV
import (tests/imports) and the store; a paste into a name field keeps every word; an older
file that still holds a line break can still be mailed."""

from __future__ import annotations

import sqlite3
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from focusgroup.cli import main
from focusgroup.domain.errors import DomainError
from focusgroup.store import SessionStore
from tests.builders import tiny_protocol

BREAKS = ["\n", "\r", "\r\n", "\u2028", "\x85", "\v"]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("option", ["--title", "--facilitator"])
@pytest.mark.parametrize("brk", BREAKS)
def test_the_cli_refuses_a_line_break_in_a_title_or_name(
    tmp_path: Path, option: str, brk: str
) -> None:
    args = ["new", str(tmp_path / "a.db"), "--title", "T", option, f"Health{brk}care"]
    result = run(*args)
    assert result.exit_code != 0
    assert f"Invalid value for '{option}': it must be on one line" in result.output
    assert not (tmp_path / "a.db").exists()


@pytest.mark.parametrize("brk", BREAKS)
def test_the_store_refuses_line_breaks_in_names_and_titles(store: SessionStore, brk: str) -> None:
    for call in (
        lambda: store.add_participant(f"Zoë{brk}Quinn"),
        lambda: store.add_participant("Zoë", organization=f"Quinn{brk}Tools"),
        lambda: store.add_participant("Zoë", title=f"Head{brk}of HR"),
        lambda: store.update_session(title=f"A{brk}B"),
        lambda: store.update_session(facilitator=f"A{brk}B"),
    ):
        with pytest.raises(DomainError, match="must be on one line"):
            call()
    zoe = store.add_participant("Zoë Quinn")
    with pytest.raises(DomainError, match="must be on one line"):
        store.update_participant(zoe, name=f"Zoë{brk}Quinn")
    assert [p.name for p in store.participants()] == ["Zoë Quinn"]
    # Card text keeps its line breaks: an index card can have two lines.
    card = store.add_card(f"Welder{brk}nights")
    assert store.card(card).text == f"Welder{brk}nights"


async def test_a_pasted_name_keeps_every_line_as_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual import events
    from textual.widgets import Input

    from focusgroup.tui.app import make_app

    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    app = make_app(None, today=lambda: "2026-03-14")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        title = app.screen.query_one("#new-title", Input)
        await pilot.click("#new-title")
        title.post_message(events.Paste("Health care\r\nTri-county\n"))
        await pilot.pause()
        assert title.value == "Health care Tri-county"


def test_an_older_file_with_a_line_break_in_a_name_is_still_mailed(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with SessionStore.create(path, tiny_protocol(), title="Old meeting") as store:
        zoe = store.add_participant("Zoë Quinn", email="zoe@example.org")
        store.add_card("Welder", zoe)  # she was there: the summary goes to attendees
    conn = sqlite3.connect(path)  # written before the rule: straight into the file
    conn.execute("UPDATE participants SET name = 'Zoë\nQuinn\r\nBcc: all@example.org'")
    conn.execute("UPDATE sessions SET title = 'Old\nmeeting'")
    conn.commit()
    conn.close()
    outbox = tmp_path / "outbox"
    result = run("email", str(path), "--from", "Dana <dana@example.org>", "--outbox", str(outbox))
    assert result.exit_code == 0, result.output
    (eml,) = outbox.glob("*.eml")
    message = message_from_bytes(eml.read_bytes(), policy=policy.default)
    (to,) = message["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Zoë Quinn Bcc: all@example.org", "zoe@example.org")
    assert message["Bcc"] is None  # the line break did not start a header
    assert "\n" not in str(message["Subject"])
