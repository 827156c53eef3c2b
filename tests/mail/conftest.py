"""A real SMTP server on loopback (aiosmtpd) for the e-mail tests, plus a meeting to mail."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from focusgroup.mail.content import Attachment, MailContent
from focusgroup.store import SessionStore
from tests.mail.builders import PEOPLE, SmtpServer, _start, authenticator


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
