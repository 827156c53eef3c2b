"""Sending through a real SMTP server on loopback: delivery, headers, failures, STARTTLS."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from focusgroup.mail.content import MailContent
from focusgroup.mail.errors import (
    MailAuthError,
    MailConnectionError,
    MailSenderRefused,
    MailTLSError,
)
from focusgroup.mail.message import Letter
from focusgroup.mail.recipients import Status, plan
from focusgroup.mail.sender import Outcome, intent_record, send_all
from focusgroup.mail.settings import SmtpSettings
from focusgroup.store import SessionStore
from tests.mail.builders import PASSWORD, USER, SmtpServer, free_port

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def letter_for(settings: SmtpSettings, content: MailContent, **extra: object) -> Letter:
    return Letter(
        sender=settings.sender(),
        subject=content.subject,
        content=content,
        reply_to=settings.reply_address(),
        **extra,  # type: ignore[arg-type]
    )


def run(store: SessionStore, settings: SmtpSettings, content: MailContent, *, resend=False):
    """Send as `focusgroup email` and the e-mail screen do: intent first, then the outcome."""
    recipients = plan(store.participants(), store.sends(), resend=resend)

    def record(outcome: Outcome) -> None:
        store.record_send(**outcome.as_send())

    return send_all(
        settings,
        letter_for(settings, content),
        recipients,
        on_outcome=record,
        on_intent=lambda r, message_id: store.record_send_intent(**intent_record(r, message_id)),
    )


def test_one_message_per_consenting_participant(
    meeting: SessionStore, smtp_server: SmtpServer, content: MailContent, pdf_file: Path
) -> None:
    settings = smtp_server.settings(reply_to="Nguyễn Văn An <an@example.org>")
    report = run(meeting, settings, content)

    assert report.ok and len(report.sent) == 3
    assert sorted(r for m in smtp_server.messages for r in m.rcpt_tos) == [
        "minh@example.net",
        "pat@example.edu",
        "zoe@example.org",
    ]
    by_rcpt = {m.rcpt_tos[0]: m for m in smtp_server.messages}
    assert all(len(m.rcpt_tos) == 1 for m in smtp_server.messages)
    assert smtp_server.messages[0].mail_from == "facilitator@example.org"

    zoe = by_rcpt["zoe@example.org"].message
    # Non-ASCII display names travel RFC 2047-encoded and come back exactly.
    raw_headers = by_rcpt["zoe@example.org"].data.split(b"\r\n\r\n", 1)[0]
    assert raw_headers.isascii()
    assert zoe["To"].addresses[0].display_name == "Zoë Łukasiewicz"
    assert zoe["To"].addresses[0].addr_spec == "zoe@example.org"
    assert zoe["From"].addresses[0].display_name == "Zoë Łukasiewicz"
    assert zoe["Reply-To"].addresses[0].display_name == "Nguyễn Văn An"
    minh = by_rcpt["minh@example.net"].message
    assert minh["To"].addresses[0].display_name == "Nguyễn Thị Minh Khai"
    pat = by_rcpt["pat@example.edu"].message
    assert pat["To"].addresses[0].display_name == "Pat O'Brien, Jr."

    # Plain and HTML alternatives, and the PDF byte-identical to the file on disk.
    plain = zoe.get_body(("plain",)).get_content()
    assert plain.startswith("Dear Zoë Łukasiewicz,") and "Machinists" in plain
    assert "<h2>What we heard</h2>" in zoe.get_body(("html",)).get_content()
    attachments = list(zoe.iter_attachments())
    assert [a.get_filename() for a in attachments] == [pdf_file.name]
    assert attachments[0].get_content_type() == "application/pdf"
    assert attachments[0].get_content() == pdf_file.read_bytes()

    # Every send is on record with the Message-ID that went out.
    sends = meeting.sends()
    assert [s.status for s in sends] == ["sent"] * 3
    assert {s.message_id for s in sends} == {m.message["Message-ID"] for m in smtp_server.messages}


def test_second_run_sends_nothing_and_resend_sends_again(
    meeting: SessionStore, smtp_server: SmtpServer, content: MailContent
) -> None:
    settings = smtp_server.settings()
    run(meeting, settings, content)
    again = run(meeting, settings, content)
    assert again.outcomes == [] and len(smtp_server.messages) == 3
    assert [r.status for r in plan(meeting.participants(), meeting.sends())].count(Status.SENT) == 3

    resent = run(meeting, settings, content, resend=True)
    assert len(resent.sent) == 3 and len(smtp_server.messages) == 6


def test_rejected_address_does_not_stop_the_rest(
    meeting: SessionStore, smtp_server: SmtpServer, content: MailContent
) -> None:
    smtp_server.handler.rejected.add("minh@example.net")
    report = run(meeting, smtp_server.settings(), content)

    assert not report.ok and report.fatal is None
    assert [o.recipient.email for o in report.sent] == ["zoe@example.org", "pat@example.edu"]
    [failed] = report.failed
    assert failed.recipient.email == "minh@example.net"
    assert failed.error.startswith("address rejected: 550")
    statuses = {s.email: s.status for s in meeting.sends()}
    assert statuses == {
        "zoe@example.org": "sent",
        "minh@example.net": "failed",
        "pat@example.edu": "sent",
    }

    # Fixed on the server side: the next run tries only the one that failed.
    smtp_server.handler.rejected.clear()
    retry = run(meeting, smtp_server.settings(), content)
    assert [o.recipient.email for o in retry.sent] == ["minh@example.net"]


def test_server_down_is_one_clear_error_and_nothing_recorded(
    meeting: SessionStore, content: MailContent
) -> None:
    settings = SmtpSettings(
        host="127.0.0.1", port=free_port(), security="none", timeout=5, mail_from="f@example.org"
    )
    with pytest.raises(MailConnectionError, match="connection refused"):
        run(meeting, settings, content)
    assert meeting.sends() == []


def test_wrong_password_is_one_clear_error_and_nothing_recorded(
    meeting: SessionStore, auth_server: SmtpServer, content: MailContent
) -> None:
    settings = auth_server.settings(user=USER, password="wrong")
    with pytest.raises(MailAuthError, match="refused the login for 'facilitator'"):
        run(meeting, settings, content)
    assert meeting.sends() == [] and auth_server.messages == []


def test_login_then_send(
    meeting: SessionStore, auth_server: SmtpServer, content: MailContent
) -> None:
    report = run(meeting, auth_server.settings(user=USER, password=PASSWORD), content)
    assert len(report.sent) == 3
    assert {m.login for m in auth_server.messages} == {USER}


def test_starttls_verifies_the_certificate_with_the_given_ca(
    meeting: SessionStore, tls_server: SmtpServer, content: MailContent, ca_file: Path
) -> None:
    settings = tls_server.settings(
        security="starttls", cafile=str(ca_file), user=USER, password=PASSWORD
    )
    report = run(meeting, settings, content)
    assert len(report.sent) == 3 and len(tls_server.messages) == 3


def test_starttls_with_an_untrusted_certificate_fails_clearly(
    meeting: SessionStore, tls_server: SmtpServer, content: MailContent
) -> None:
    settings = tls_server.settings(security="starttls", user=USER, password=PASSWORD)
    with pytest.raises(MailTLSError, match="certificate of 127.0.0.1 could not be verified"):
        run(meeting, settings, content)
    assert meeting.sends() == [] and tls_server.messages == []


def test_plain_connection_to_a_tls_only_server_cannot_log_in(
    meeting: SessionStore, tls_server: SmtpServer, content: MailContent
) -> None:
    settings = tls_server.settings(security="none", user=USER, password=PASSWORD)
    with pytest.raises(MailAuthError, match="does not offer login"):
        run(meeting, settings, content)
    assert meeting.sends() == []


def test_ssl_against_a_plain_server_is_a_tls_failure(
    meeting: SessionStore, smtp_server: SmtpServer, content: MailContent
) -> None:
    with pytest.raises(MailTLSError, match="TLS failure"):
        run(meeting, smtp_server.settings(security="ssl"), content)
    assert meeting.sends() == []


def test_server_hanging_up_mid_run_reconnects_for_the_rest(
    meeting: SessionStore, smtp_server: SmtpServer, content: MailContent
) -> None:
    smtp_server.handler.hang_up_on.add("minh@example.net")
    report = run(meeting, smtp_server.settings(), content)
    assert [o.recipient.email for o in report.sent] == ["zoe@example.org", "pat@example.edu"]
    [failed] = report.failed
    assert failed.recipient.email == "minh@example.net" and failed.error.startswith("message")
    assert "421" in failed.error and report.fatal is None
    assert sorted(m.rcpt_tos[0] for m in smtp_server.messages) == [
        "pat@example.edu",
        "zoe@example.org",
    ]


def test_refused_sender_stops_the_run_and_nothing_looks_sent(
    meeting: SessionStore, smtp_server: SmtpServer, content: MailContent
) -> None:
    smtp_server.handler.refuse_sender = True
    report = run(meeting, smtp_server.settings(), content)
    assert isinstance(report.fatal, MailSenderRefused)
    assert "refused the sender address facilitator@example.org (553" in str(report.fatal)
    assert report.sent == [] and len(report.failed) == 1 and len(report.not_attempted) == 2
    # The message tried was refused before it was handed over: logged as failed, never
    # "may have been sent" (which only --resend, mailing everyone again, would clear).
    assert [s.status for s in meeting.sends()] == ["failed"]
    again = plan(meeting.participants(), meeting.sends())
    assert [r.status for r in again if r.will_send] == [Status.RETRY, Status.DUE, Status.DUE]


MAIL_FROM_REFUSALS = [
    # (the server's answer to MAIL FROM, what the facilitator is told, what they are not)
    ("553 5.7.1 <{address}>: Sender address rejected", MailSenderRefused, "check --from"),
    ("530 5.7.0 Must issue a STARTTLS command first", MailTLSError, "--security starttls"),
    ("530 5.7.0 Authentication required", MailAuthError, "set --user"),
    ("421 4.7.0 Too many messages, slow down", MailConnectionError, "try again later"),
    ("451 4.7.1 Sending quota exceeded, try later", MailConnectionError, "try again later"),
]


@pytest.mark.parametrize(("reply", "kind", "advice"), MAIL_FROM_REFUSALS)
def test_mail_from_refused_mid_run_says_why_and_the_rest_go_next_time_once(
    meeting: SessionStore,
    smtp_server: SmtpServer,
    content: MailContent,
    reply: str,
    kind: type,
    advice: str,
) -> None:
    """A quota, a rate limit or a server wanting TLS or a login answers MAIL FROM: the run
    stops with that reason (not "check --from" unless the address is the problem), what
    went is logged as sent, the refused one as failed, and the next run sends only the rest."""
    smtp_server.handler.sender_reply = reply
    smtp_server.handler.refuse_sender_after = 1
    report = run(meeting, smtp_server.settings(), content)
    assert isinstance(report.fatal, kind) and advice in str(report.fatal), report.fatal
    if kind is not MailSenderRefused:
        assert "check --from" not in str(report.fatal)
    assert reply.split()[0] in str(report.fatal)  # the server's own code, for the IT desk
    assert [o.recipient.email for o in report.sent] == ["zoe@example.org"]
    assert [s.status for s in meeting.sends()] == ["sent", "failed"]

    smtp_server.handler.refuse_sender_after = None
    report = run(meeting, smtp_server.settings(), content)
    assert report.ok and [o.recipient.email for o in report.sent] == [
        "minh@example.net",
        "pat@example.edu",
    ]
    received = sorted(r for m in smtp_server.messages for r in m.rcpt_tos)
    assert received == ["minh@example.net", "pat@example.edu", "zoe@example.org"]  # once each


def test_plain_connection_to_a_server_that_wants_starttls_says_so(
    meeting: SessionStore, tls_server: SmtpServer, content: MailContent
) -> None:
    """A real server requiring STARTTLS, reached with --security none (a TLS mismatch)."""
    report = run(meeting, tls_server.settings(security="none"), content)
    assert isinstance(report.fatal, MailTLSError)
    assert "--security starttls" in str(report.fatal) and "check --from" not in str(report.fatal)
    assert tls_server.messages == []
    assert all(
        r.status is not Status.UNKNOWN for r in plan(meeting.participants(), meeting.sends())
    )


def test_implicit_tls_with_the_test_ca(
    meeting: SessionStore, ssl_server: SmtpServer, content: MailContent, ca_file: Path
) -> None:
    report = run(meeting, ssl_server.settings(security="ssl", cafile=str(ca_file)), content)
    assert len(report.sent) == 3 and len(ssl_server.messages) == 3


def test_a_server_that_never_answers_times_out_clearly(
    meeting: SessionStore, content: MailContent
) -> None:
    with socket.socket() as silent:  # accepts the connection (backlog) but never greets
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        settings = SmtpSettings(
            host="127.0.0.1",
            port=silent.getsockname()[1],
            security="none",
            timeout=0.5,
            mail_from="f@example.org",
        )
        with pytest.raises(MailConnectionError, match=r"did not answer within 0.5 s"):
            run(meeting, settings, content)
    assert meeting.sends() == []
