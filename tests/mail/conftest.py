"""A real SMTP server on loopback (aiosmtpd) for the e-mail tests, plus a meeting to mail."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from focusgroup.mail.content import Attachment, MailContent
from focusgroup.mail.settings import SmtpSettings
from focusgroup.store import SessionStore

USER, PASSWORD = "facilitator", "s3cret pässword"

PEOPLE = [
    # name, organization, email, consent
    ("Zoë Łukasiewicz", "Acme Fabrication", "zoe@example.org", True),
    ("Nguyễn Thị Minh Khai", "Delta Logistics", "minh@example.net", True),
    ("Pat O'Brien, Jr.", "Riverside College", "pat@example.edu", True),
    ("Sam Noconsent", "Quiet Co", "sam@example.com", False),
    ("Alex Noemail", "Walk-in Ltd", "", False),
]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    login: str | None

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.data, policy=policy.default)  # type: ignore[return-value]


@dataclass
class Collector:
    """aiosmtpd handler: keeps every message; misbehaves on request."""

    messages: list[Received] = field(default_factory=list)
    rejected: set[str] = field(default_factory=set)
    """Recipients refused with 550 at RCPT."""
    hang_up_on: set[str] = field(default_factory=set)
    """Recipients whose message gets a 421 (server closing) instead of being accepted."""
    refuse_sender: bool = False

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, _: Any):
        if self.refuse_sender:
            return f"553 5.7.1 <{address}>: Sender address rejected: not owned by user"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, _: Any):
        if address in self.rejected:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if set(envelope.rcpt_tos) & self.hang_up_on:
            return "421 4.3.2 Service shutting down"
        login = session.auth_data.login.decode() if session.authenticated else None
        self.messages.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content, login)
        )
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any):
    ok = (
        isinstance(data, LoginPassword)
        and data.login.decode() == USER
        and data.password.decode() == PASSWORD
    )
    return AuthResult(success=ok, handled=False, auth_data=data)


@dataclass
class SmtpServer:
    controller: Controller
    handler: Collector
    port: int

    @property
    def messages(self) -> list[Received]:
        return self.handler.messages

    def settings(self, **overrides: Any) -> SmtpSettings:
        values: dict[str, Any] = {
            "host": "127.0.0.1",
            "port": self.port,
            "security": "none",
            "timeout": 5.0,
            "mail_from": "Zoë Łukasiewicz <facilitator@example.org>",
        }
        values.update(overrides)
        return SmtpSettings(**values)


def _start(**smtp_kwargs: Any) -> SmtpServer:
    handler = Collector()
    port = free_port()
    controller = Controller(
        handler, hostname="127.0.0.1", port=port, ready_timeout=5.0, **smtp_kwargs
    )
    controller.start()
    return SmtpServer(controller, handler, port)


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = _start()
    yield server
    server.controller.stop()


@pytest.fixture
def auth_server() -> Iterator[SmtpServer]:
    """Login required, allowed over plain text (loopback only) so a wrong password is testable."""
    server = _start(authenticator=authenticator, auth_require_tls=False, auth_required=True)
    yield server
    server.controller.stop()


@pytest.fixture
def ssl_server(ca: trustme.CA) -> Iterator[SmtpServer]:
    """Implicit TLS from the first byte (port 465 style)."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    server = _start(ssl_context=context)
    yield server
    server.controller.stop()


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls_server(ca: trustme.CA) -> Iterator[SmtpServer]:
    """STARTTLS required, then login; certificate for 127.0.0.1 signed by a throwaway CA."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    server = _start(
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator,
        auth_required=True,
    )
    yield server
    server.controller.stop()


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "test-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture
def pdf_file(tmp_path: Path) -> Path:
    """Stands in for an exported PDF; binary content with every byte value."""
    path = tmp_path / "Résumé du groupe.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    return path


@pytest.fixture
def content(pdf_file: Path) -> MailContent:
    return MailContent(
        subject="Advanced manufacturing: summary and next steps",
        text="What we heard\n- Machinists are hardest to fill.\n\nNext steps\n- We'll call in May.",
        html="<h2>What we heard</h2><ul><li>Machinists are hardest to fill.</li></ul>",
        attachments=(Attachment.from_path(pdf_file),),
    )


@pytest.fixture
def meeting(store: SessionStore) -> SessionStore:
    # Everyone came (marked present): mail goes to attendees by default (issue 13).
    for name, organization, email, consent in PEOPLE:
        pid = store.add_participant(name, organization, email=email, consent=consent)
        store.set_attended(pid, True)
    return store
