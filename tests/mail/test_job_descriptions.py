"""Each employer's e-mail asks for the job descriptions of the occupations they wrote (issue 14)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from focusgroup.cli import main
from tests.export.room_session import REENGAGE_TEXT, build_room

from .conftest import SmtpServer

FROM = "Jordan Ellis <facilitator@example.org>"


def test_each_employer_is_asked_for_their_own_occupations(
    tmp_path: Path, smtp_server: SmtpServer
) -> None:
    room = build_room(tmp_path / "room.db")
    args = ["--host", "127.0.0.1", "--port", str(smtp_server.port), "--security", "none"]
    result = CliRunner().invoke(main, ["email", str(room), "--from", FROM, *args])
    assert result.exit_code == 0, result.output
    bodies = {
        m.rcpt_tos[0]: m.message.get_body(("plain",)).get_content() for m in smtp_server.messages
    }
    htmls = {
        m.rcpt_tos[0]: m.message.get_body(("html",)).get_content() for m in smtp_server.messages
    }
    ann = bodies["ann@example.org"]
    # Ann wrote "Welder" and, as her third card, "Pipe welder" (stacked with Bo's card).
    assert "You wrote “Welder” and “Pipe welder” on your cards." in ann
    assert "Welder/fabricator" not in ann.split("What we heard", 1)[0]
    assert "hiring authorities" in ann and "high-performing employees" in ann
    assert (
        "You wrote “Welder/fabricator” and “Machinist” on your cards." in bodies["bo@example.org"]
    )
    assert (
        "You wrote “Zebra-press operator”, “Assembler” and “Mold setter”"
        in bodies["cy@example.org"]
    )
    assert "You wrote “Welder”" in htmls["ann@example.org"]
    # The support partner wrote nothing: no request, the summary all the same. The no-show
    # is not mailed by default: the summary goes to attendees (issue 13; --everyone for all).
    assert "You wrote" not in bodies["gil@example.org"]
    assert "What we heard:" in bodies["gil@example.org"]
    assert "fay@example.org" not in bodies
    # The e-mail's summary carries the same true counts and the date.
    assert "Zebra-press operator (Production, Entry level): named by 2 employers" in ann
    assert REENGAGE_TEXT in ann
    assert "The room's shortlist:" in ann


def test_an_employer_who_wrote_no_card_is_still_invited_to_nominate(
    tmp_path: Path, smtp_server: SmtpServer
) -> None:
    """Hal came and offered a plant tour but wrote no card: no occupations to name, yet the
    guide's invitation to nominate hiring authorities and high performers is for him too."""
    import sqlite3

    from focusgroup.store.session_store import SessionStore

    room = build_room(tmp_path / "room.db")
    with SessionStore.open(room) as store:
        hal = store.add_participant("Hal Hart", "Hart Tool", email="hal@example.org")
        store.add_commitment("plant tour", participant_id=hal)
    with sqlite3.connect(room) as conn:
        (cards,) = conn.execute(
            "SELECT COUNT(*) FROM cards WHERE participant_id = ?", [hal]
        ).fetchone()
        shortlist = [t for (t,) in conn.execute("SELECT text FROM cards WHERE shortlist > 0 ORDER BY shortlist")]  # fmt: skip
    assert cards == 0 and shortlist
    args = ["--host", "127.0.0.1", "--port", str(smtp_server.port), "--security", "none"]
    result = CliRunner().invoke(main, ["email", str(room), "--from", FROM, *args])
    assert result.exit_code == 0, result.output
    bodies = {
        m.rcpt_tos[0]: m.message.get_body(("plain",)).get_content() for m in smtp_server.messages
    }
    hal_body = bodies["hal@example.org"]
    personal = hal_body.split("Attached:", 1)[0]
    assert "You wrote" not in personal
    assert "hiring authorities" in personal and "high-performing employees" in personal
    assert "job description" in personal
    # The support partner listens: no card, and nothing to nominate.
    assert "hiring authorities" not in bodies["gil@example.org"].split("Attached:", 1)[0]
