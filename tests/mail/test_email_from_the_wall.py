"""`M` on the wall, as a facilitator would: the keyboard only, settings from mail.yaml, the real
exports, a real SMTP server (aiosmtpd). What arrives is read back with Python's email parser
(policy.default), the PDFs with pypdf, and every number in each body is checked against the
session file read with plain SQL (tests/export/room_session.py), never against our own code.
"""

from __future__ import annotations

import io
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest

from focusgroup.paths import exports_dir
from focusgroup.store import SessionStore
from focusgroup.tui.app import FocusGroupApp, make_app
from focusgroup.tui.screens.email import EmailScreen
from tests.export.room_session import REENGAGE_TEXT, TAKEAWAYS, build_room, facts_from_file
from tests.mail.builders import SmtpServer
from tests.tui.test_wall_tools import wait_for

FROM = "Jordan Ellis <jordan@example.org>"


def mail_yaml(home: Path, server: SmtpServer) -> None:
    (home / "mail.yaml").write_text(
        f"from: {FROM}\nhost: 127.0.0.1\nport: {server.port}\nsecurity: none\ntimeout: 5\n",
        encoding="utf-8",
    )


async def send_from_the_wall(app: FocusGroupApp, pilot) -> EmailScreen:
    """M, then Tab until Send has the focus, Enter; wait for the run to end."""
    await pilot.press("M")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, EmailScreen)
    for _ in range(20):
        if app.focused is not None and app.focused.id == "email-send":
            break
        await pilot.press("tab")
    assert app.focused.id == "email-send"
    before = screen.runs
    await pilot.press("enter")
    await wait_for(pilot, lambda: screen.runs > before, tries=600)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


class _Shown(HTMLParser):
    """The HTML body as a reader sees it: blocks on their own lines, list items numbered."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.numbers: list[int | None] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("ol", "ul"):
            self.numbers.append(0 if tag == "ol" else None)
        elif tag == "li" and self.numbers and self.numbers[-1] is not None:
            self.numbers[-1] += 1
            self.out.append(f"\n{self.numbers[-1]}. ")
        elif tag in ("li", "p", "h3", "br", "div", "title"):
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ol", "ul") and self.numbers:
            self.numbers.pop()

    def handle_data(self, data: str) -> None:
        self.out.append(data)


def body_texts(message) -> tuple[str, str]:
    plain = message.get_body(("plain",)).get_content()
    reader = _Shown()
    reader.feed(message.get_body(("html",)).get_content())
    return plain, "".join(reader.out)


def expected_recipients(db: Path) -> set[str]:
    """Attendees (marked present, or who gave anything) with an address who consented."""
    conn = sqlite3.connect(db)
    gave = {
        pid
        for table in ("cards", "notes", "competencies", "commitments")
        for (pid,) in conn.execute(f"SELECT participant_id FROM {table}")
    }
    rows = conn.execute("SELECT id, email, consent, attended FROM participants").fetchall()
    conn.close()
    return {e for pid, e, consent, came in rows if e and consent and (came or pid in gave)}


def check_numbers(text: str, db: Path) -> None:
    """Every number in `text` is one the session file gives; nothing numeric is left over."""
    facts = facts_from_file(db)
    conn = sqlite3.connect(db)
    (date,) = conn.execute("SELECT date FROM sessions").fetchone()
    dues = [d for (d,) in conn.execute("SELECT due FROM commitments") if d]
    literal = [t for (t,) in conn.execute("SELECT text FROM cards")]
    literal += [t for (t,) in conn.execute("SELECT text FROM notes")]
    literal += [t for (t,) in conn.execute("SELECT text FROM takeaways")]
    literal += [t for r in conn.execute("SELECT offer, detail FROM commitments") for t in r if t]
    conn.close()
    checked = 0

    def seen(match: re.Match[str]) -> str:
        nonlocal checked
        checked += 1
        return " "

    # "1. Welder (Production, Mid level): named by 2 employers", in the listed order.
    listed = re.findall(r"(\d+)\. (.+?) \([^()]*\): named by (\d+) employers?", text)
    order = facts.shortlist or facts.order
    assert listed, text
    for position, name, employers in listed:
        assert order[int(position) - 1] == name
        assert facts.stacks[name].employers == int(employers), name
    text = re.sub(r"\d+\. .+? \([^()]*\): named by \d+ employers?", seen, text)
    most = max(s.employers for s in facts.stacks.values())
    attending = len(facts.attending_orgs)
    for employers, of in re.findall(r"named by (\d+) employers of (\d+)", text):
        assert (int(employers), int(of)) == (most, attending)
    text = re.sub(r"named by \d+ employers of \d+", seen, text)
    for count in re.findall(r"given most often \((\d+) times", text):
        assert int(count) == max(facts.reason_tally.values())
    text = re.sub(r"given most often \(\d+ times", seen, text)
    for first in re.findall(r"these are the first (\d+)", text):
        assert int(first) == len(listed)
    text = re.sub(r"these are the first \d+", seen, text)
    for value in [date, *dues]:
        assert value in text, value
        text = text.replace(value, " ")
    text = text.replace(REENGAGE_TEXT, " ")  # the re-engagement date, as written out
    for value in sorted(set(literal), key=len, reverse=True):
        text = text.replace(value.strip(), " ")  # numbers typed by people, not computed
    assert not re.findall(r"\d", text), f"unchecked numbers left: {text!r}"
    assert checked >= 2


@pytest.mark.parametrize(
    "room_kind",
    [
        pytest.param({}, id="shortlist-and-takeaways"),
        pytest.param({"shortlist": False, "takeaways": False}, id="top-of-the-wall-and-proposals"),
    ],
)
async def test_the_wall_mails_the_real_pdfs_and_true_numbers(
    tmp_path: Path, isolated_home: Path, smtp_server: SmtpServer, room_kind: dict
) -> None:
    db = build_room(tmp_path / "room.db", **room_kind)
    mail_yaml(isolated_home, smtp_server)
    store = SessionStore.open(db)
    try:
        app = make_app(store, "facilitator", today=lambda: "2026-11-30")
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await send_from_the_wall(app, pilot)
            status = str(screen.query_one("#email-status").render())
            wanted = expected_recipients(db)
            assert status == f"Done: {len(wanted)} sent, 0 failed.", status
        sends = {s.email: s for s in store.sends()}
    finally:
        store.close()

    received = {m.rcpt_tos[0]: m for m in smtp_server.messages}
    assert set(received) == wanted and len(smtp_server.messages) == len(wanted)  # once each
    exported = {p.name: p.read_bytes() for p in exports_dir(db).glob("*.pdf")}
    assert exported
    for address, got in received.items():
        message = got.message
        assert not message.defects
        assert sends[address].status == "sent"
        assert sends[address].message_id == str(message["Message-ID"])  # logged as sent
        attached = {a.get_filename(): a.get_content() for a in message.iter_attachments()}
        assert attached == exported  # the files on disk, byte for byte
        for data in attached.values():
            pages = pypdf.PdfReader(io.BytesIO(data)).pages
            assert "Metro manufacturing roundtable" in pages[0].extract_text()
        plain, shown = body_texts(message)
        for text in (plain, shown):
            check_numbers(text, db)
        if not room_kind:
            assert all(t in plain for t in TAKEAWAYS)


async def test_each_employer_is_asked_for_the_cards_the_file_says_they_wrote(
    tmp_path: Path, isolated_home: Path, smtp_server: SmtpServer
) -> None:
    db = build_room(tmp_path / "room.db")
    mail_yaml(isolated_home, smtp_server)
    store = SessionStore.open(db)
    try:
        async with make_app(store, "facilitator").run_test(size=(120, 40)) as pilot:
            await send_from_the_wall(pilot.app, pilot)
    finally:
        store.close()
    conn = sqlite3.connect(db)
    for got in smtp_server.messages:
        (pid,) = conn.execute(
            "SELECT id FROM participants WHERE email = ?", [got.rcpt_tos[0]]
        ).fetchone()
        wrote = {
            t for (t,) in conn.execute("SELECT text FROM cards WHERE participant_id = ?", [pid])
        }
        plain, _ = body_texts(got.message)
        personal = plain.split("Attached:", 1)[0]
        named = re.findall(r"“([^”]+)”", personal.split(" on your cards", 1)[0])
        assert set(named) == wrote and len(named) == len(wrote), (got.rcpt_tos, named)
    conn.close()
