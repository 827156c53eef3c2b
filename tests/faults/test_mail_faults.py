"""Mail faults: a send killed mid-run is never repeated blindly; one mailbox, one message.

A real SMTP server (aiosmtpd) on loopback and the real `focusgroup email` command.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from focusgroup.cli import main
from focusgroup.store import SessionStore
from tests.conftest import tiny_protocol
from tests.mail.builders import Collector, SmtpServer, _start

FROM = "Dana Whitfield <dana@example.org>"


class KillingCollector(Collector):
    """Accepts each message, but first SIGKILLs the sending process after the first one:
    the server has the message, the sender never learns so and can't record it."""

    def __init__(self) -> None:
        super().__init__()
        self.kill_pid: int | None = None
        self.killed = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        reply = await super().handle_DATA(server, session, envelope)
        if self.kill_pid is not None and not self.killed.is_set():
            os.kill(self.kill_pid, signal.SIGKILL)
            self.killed.set()
        return reply


@pytest.fixture
def killing_server() -> SmtpServer:
    from aiosmtpd.controller import Controller

    from tests.mail.builders import free_port

    handler = KillingCollector()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, ready_timeout=5.0)
    controller.start()
    yield SmtpServer(controller, handler, port)
    controller.stop()


@pytest.fixture
def server() -> SmtpServer:
    s = _start()
    yield s
    s.controller.stop()


def meeting(path: Path, people: list[tuple[str, str]]) -> Path:
    with SessionStore.create(path, tiny_protocol(), title="Spring") as store:
        for name, email in people:
            pid = store.add_participant(name, "Acme", email=email)
            store.set_attended(pid, True)  # they came: the summary goes to attendees (issue 13)
        store.add_card("Welder")
    return path


def args(server: SmtpServer, db: Path, *extra: str) -> list[str]:
    host = ["--host", "127.0.0.1", "--port", str(server.port), "--security", "none"]
    return ["email", str(db), *host, "--from", FROM, *extra]


def email(server: SmtpServer, db: Path, *extra: str) -> Result:
    return CliRunner().invoke(main, args(server, db, *extra))


def received(server: SmtpServer) -> list[str]:
    return sorted(r for m in server.messages for r in m.rcpt_tos)


def test_a_send_killed_after_the_server_accepted_it_is_not_sent_again(
    killing_server: SmtpServer, tmp_path: Path
) -> None:
    db = meeting(
        tmp_path / "spring.db",
        [("Ana Ruiz", "ana@example.org"), ("Bo Chen", "bo@example.org"), ("Cy", "cy@example.org")],
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "focusgroup", *args(killing_server, db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "FOCUSGROUP_HOME": str(tmp_path)},
    )
    killing_server.handler.kill_pid = proc.pid
    proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    assert received(killing_server) == ["ana@example.org"]  # the server has it

    with SessionStore.open(db) as store:
        (intent,) = store.sends()
    assert intent.status == "sending" and intent.email == "ana@example.org"
    delivered = message_from_bytes(killing_server.messages[0].data, policy=policy.default)
    assert intent.message_id == delivered["Message-ID"]  # recorded before DATA

    dry = email(killing_server, db, "--dry-run")
    assert dry.exit_code == 0, dry.output
    ana_line = next(line for line in dry.output.splitlines() if "<ana@example.org>" in line)
    assert "may have been sent" in ana_line and "--resend" in ana_line
    assert "Would send to 2 of 3" in dry.output

    again = email(killing_server, db)
    assert again.exit_code == 0, again.output
    assert "1 may have been sent by an earlier run (use --resend)" in again.output
    assert received(killing_server) == ["ana@example.org", "bo@example.org", "cy@example.org"]

    resent = email(killing_server, db, "--resend")
    assert resent.exit_code == 0, resent.output
    assert received(killing_server).count("ana@example.org") == 2
    with SessionStore.open(db) as store:
        statuses = [(s.email, s.status) for s in store.sends()]
    assert ("ana@example.org", "sending") not in statuses[1:]  # the resend completed its row


def test_one_mailbox_gets_one_message(server: SmtpServer, tmp_path: Path) -> None:
    db = meeting(
        tmp_path / "spring.db",
        [
            ("Ana Ruiz", "ana@example.org"),
            ("Ana Ruiz (again)", "ana@example.org"),
            ("A. Ruiz", " ANA@Example.org"),
            ("Bo Chen", "bo@example.org"),
        ],
    )
    dry = email(server, db, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "Would send to 2 of 4 participants" in dry.output
    assert dry.output.count("same address as Ana Ruiz") == 2
    assert "2 participant record(s) share an address" in dry.output

    sent = email(server, db)
    assert sent.exit_code == 0, sent.output
    assert received(server) == ["ana@example.org", "bo@example.org"]
    assert email(server, db).exit_code == 0
    assert len(server.messages) == 2  # the second run sends nothing: both mailboxes have it
    resent = email(server, db, "--resend")
    assert resent.exit_code == 0, resent.output
    assert received(server) == ["ana@example.org"] * 2 + ["bo@example.org"] * 2


def test_a_connection_dropped_mid_message_may_have_been_sent(
    server: SmtpServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault: the line drops while the message is in flight (no answer from the server)."""
    import smtplib

    db = meeting(tmp_path / "spring.db", [("Ana Ruiz", "ana@example.org")])
    real = smtplib.SMTP.data

    def drop(self: smtplib.SMTP, msg: Any) -> Any:
        real(self, msg)  # the server accepts it ...
        self.close()  # ... and the answer never reaches us
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(smtplib.SMTP, "data", drop)
    first = email(server, db)
    assert first.exit_code == 1
    assert "UNKNOWN Ana Ruiz <ana@example.org>" in first.output
    monkeypatch.setattr(smtplib.SMTP, "data", real)
    second = email(server, db)
    assert "may have been sent" in second.output
    assert received(server) == ["ana@example.org"]
