"""A real SMTP server on loopback (aiosmtpd) that records what it receives, and the people to mail."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from focusgroup.mail.settings import SmtpSettings

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
    sender_reply: str = "553 5.7.1 <{address}>: Sender address rejected: not owned by user"
    """What a refused MAIL FROM is answered ({address} is filled in)."""
    refuse_sender_after: int | None = None
    """Take this many messages, then refuse MAIL FROM (a quota or rate limit mid-run)."""

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, _: Any):
        limit = self.refuse_sender_after
        if self.refuse_sender or (limit is not None and len(self.messages) >= limit):
            return self.sender_reply.format(address=address)
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, _: Any):
        if address in self.rejected:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    data_delay: float = 0.0
    """Seconds to think before answering DATA (a slow server: time to press Esc mid-send)."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.data_delay:
            await asyncio.sleep(self.data_delay)
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
