"""Sending over SMTP: one connection, one message per recipient, every outcome reported.

Connection problems before the first message (refused, timeout, TLS, login) raise one clear
`MailError` and nothing is attempted. After that, a recipient the server rejects is a failed
outcome and the run goes on; only a problem that stops every message (the From address
refused, the server gone for good) ends the run early, with the report of what did happen.

`on_intent(recipient, message_id)` is called before each message goes to the server and
`on_outcome` after the server's answer, before the next one starts: the caller records both
durably, so a run killed in between leaves a "sending" row (the next run says "may have been
sent" and skips it) and never a delivered message that looks unsent.
"""

from __future__ import annotations

import base64
import os
import smtplib
import socket
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypedDict

from focusgroup.mail.errors import (
    MailAuthError,
    MailConnectionError,
    MailError,
    MailSenderRefused,
    MailTLSError,
)
from focusgroup.mail.message import Letter, build_message
from focusgroup.mail.recipients import Recipient
from focusgroup.mail.settings import PASSWORD_ENV, SmtpSettings


class SendRecord(TypedDict):
    """One delivery attempt as the session's send log keeps it (`SessionStore.record_send`)."""

    participant_id: int | None
    email: str
    message_id: str
    status: str
    error: str


@dataclass(frozen=True)
class Outcome:
    recipient: Recipient
    message_id: str
    ok: bool
    error: str = ""

    unknown: bool = False
    """The connection failed mid-message: the server may or may not have it."""

    @property
    def status(self) -> str:
        return "sent" if self.ok else "unknown" if self.unknown else "failed"

    def as_send(self) -> SendRecord:
        """This attempt for the send log: `store.record_send(**outcome.as_send())`.

        E-mail never writes the session itself; whoever sends (the CLI, the e-mail screen)
        records each attempt, before the next message goes out.
        """
        return SendRecord(
            participant_id=self.recipient.participant.id,
            email=self.recipient.email,
            message_id=self.message_id,
            status=self.status,
            error=self.error,
        )


class IntentRecord(TypedDict):
    """A message about to go out (`SessionStore.record_send_intent`), before SMTP DATA."""

    participant_id: int | None
    email: str
    message_id: str


def intent_record(recipient: Recipient, message_id: str) -> IntentRecord:
    """What the `on_intent` callback records: `store.record_send_intent(**intent_record(...))`."""
    return IntentRecord(
        participant_id=recipient.participant.id, email=recipient.email, message_id=message_id
    )


@dataclass
class SendReport:
    outcomes: list[Outcome] = field(default_factory=list)
    not_attempted: list[Recipient] = field(default_factory=list)
    fatal: MailError | None = None
    """Why the run stopped early, if it did."""

    @property
    def sent(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.ok]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def ok(self) -> bool:
        return self.fatal is None and not self.failed


class _ConnectionLost(Exception):
    """The server went away mid-run; the message in flight may or may not have arrived."""


class _SenderRefused(Exception):
    """The server refused MAIL FROM: this message was not taken, and no other one will be."""

    def __init__(self, error: MailError, message_id: str) -> None:
        super().__init__(str(error))
        self.error = error
        self.message_id = message_id


def tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    """Certificate and host name are always verified; --cafile adds a CA, never disables."""
    return ssl.create_default_context(cafile=settings.cafile or None)


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    """An open, secured and logged-in connection, or a clear MailError."""
    settings.check_for_sending()
    host, port = settings.host, settings.effective_port
    client: smtplib.SMTP | None = None
    stage = "connect"
    try:
        if settings.security == "ssl":
            client = smtplib.SMTP_SSL(
                host, port, timeout=settings.timeout, context=tls_context(settings)
            )
        else:
            client = smtplib.SMTP(host, port, timeout=settings.timeout)
        client.ehlo()
        if settings.security == "starttls":
            stage = "starttls"
            client.starttls(context=tls_context(settings))
            client.ehlo()
        if settings.user:
            stage = "login"
            _login(client, settings.user, settings.password)
        return client
    except BaseException as error:
        if client is not None:
            _close(client)
        if isinstance(error, Exception):
            raise explain(error, settings, stage) from None
        raise


def check_connection(settings: SmtpSettings) -> str:
    """Connect, secure, log in and ask to send from the sender, then hang up.

    Returns what worked, raises a MailError. Servers that want STARTTLS or a login, or won't
    take this From address, only say so at MAIL FROM: asking there (then RSET, so nothing is
    sent) makes the test fail for the same reason a send would.
    """
    client = connect(settings)
    try:
        probed = _ask_to_send(client, settings)
    finally:
        _quit(client)
    login = f", logged in as {settings.user}" if settings.user else ""
    takes = f"; it takes mail from {probed}" if probed else ""
    return (
        f"Connected to {settings.host}:{settings.effective_port} ({settings.security}){login}"
        f"{takes}."
    )


def _ask_to_send(client: smtplib.SMTP, settings: SmtpSettings) -> str:
    """MAIL FROM the sender, then RSET: the address the server accepted ("" if not asked)."""
    sender = settings.sender().addr_spec
    if not sender.isascii():  # would need SMTPUTF8; the send itself finds out
        return ""
    try:
        code, reply = client.mail(sender)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, reply, sender)
        client.rset()
    except (smtplib.SMTPException, OSError) as error:
        raise explain(error, settings, "mail") from None
    return sender


def _login(client: smtplib.SMTP, user: str, password: str) -> None:
    if (user + password).isascii():
        client.login(user, password)
        return
    # smtplib encodes credentials as ASCII; AUTH PLAIN is defined over UTF-8 (RFC 4616),
    # so a password like "pässword" goes out by hand rather than failing with a codec error.
    client.ehlo_or_helo_if_needed()
    if not client.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server.")
    if "PLAIN" not in client.esmtp_features["auth"].upper().split():
        raise smtplib.SMTPAuthenticationError(
            504, b"the server offers no login method that accepts a non-ASCII password"
        )
    token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode()
    code, reply = client.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def explain(error: BaseException, settings: SmtpSettings, stage: str = "connect") -> MailError:
    """Turn a socket, TLS or SMTP exception into one line a facilitator can act on."""
    where = f"{settings.host}:{settings.effective_port}"
    if isinstance(error, MailError):
        return error
    if isinstance(error, ConnectionRefusedError):
        return MailConnectionError(
            f"Could not connect to the mail server {where}: connection refused "
            "(check --host and --port)."
        )
    if isinstance(error, socket.gaierror):
        return MailConnectionError(
            f"Unknown mail server {settings.host!r}: the name did not resolve."
        )
    # smtplib reports a read timeout as "Connection unexpectedly closed: timed out".
    timed_out = isinstance(error, smtplib.SMTPServerDisconnected) and "timed out" in str(error)
    if isinstance(error, TimeoutError) or timed_out:
        return MailConnectionError(
            f"The mail server {where} did not answer within {settings.timeout:g} s."
        )
    if isinstance(error, ssl.SSLCertVerificationError):
        detail = error.verify_message or error.reason or str(error)
        return MailTLSError(
            f"TLS failure: the certificate of {settings.host} could not be verified ({detail}); "
            "if your organisation uses its own CA, pass it with --cafile."
        )
    if isinstance(error, ssl.SSLError):
        return MailTLSError(
            f"TLS failure talking to {where}: {error.reason or error}; check --security "
            "(usually ssl for port 465, starttls for 587)."
        )
    if isinstance(error, smtplib.SMTPAuthenticationError):
        # Name the variable only when the password came from it: in the app it was typed.
        source = f"the password in {PASSWORD_ENV}" if os.environ.get(PASSWORD_ENV) else "password"
        return MailAuthError(
            f"The mail server refused the login for {settings.user!r} ({_reply(error)}); "
            f"check the user name and {source}."
        )
    if isinstance(error, smtplib.SMTPNotSupportedError):
        if stage == "starttls":
            return MailTLSError(
                f"The mail server {where} does not offer STARTTLS; use --security ssl, or none "
                "on a trusted network."
            )
        if stage == "login":
            return MailAuthError(
                f"The mail server {where} does not offer login on this connection; "
                "try --security starttls or ssl."
            )
        return MailConnectionError(f"The mail server {where} does not support this: {error}")
    if isinstance(error, smtplib.SMTPSenderRefused):
        return _explain_mail_from(error, where)
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return MailConnectionError(f"The mail server {where} closed the connection unexpectedly.")
    if isinstance(error, smtplib.SMTPResponseException):
        return MailConnectionError(f"The mail server {where} refused us: {_reply(error)}.")
    if isinstance(error, OSError):
        return MailConnectionError(
            f"Could not talk to the mail server {where}: {error.strerror or error}."
        )
    return MailConnectionError(f"Sending failed talking to {where}: {error}")


def _explain_mail_from(error: smtplib.SMTPSenderRefused, where: str) -> MailError:
    """The server's answer to MAIL FROM: the address, or something before it, is the problem.

    Servers say "530 Must issue a STARTTLS command first" or "530 Authentication required"
    here, and 4xx when they are busy or rate-limiting: none of those is about --from.
    """
    reply = _reply(error)
    said = reply.casefold()
    if "starttls" in said or "tls" in said.split():
        return MailTLSError(
            f"The mail server {where} takes mail only over an encrypted connection ({reply}); "
            "use --security starttls (Security in Mail settings)."
        )
    if error.smtp_code == 530 or "authenticat" in said:
        return MailAuthError(
            f"The mail server {where} wants a login before it takes mail ({reply}); set "
            "--user (Login in Mail settings); the password is asked for when sending."
        )
    if 400 <= error.smtp_code < 500:
        return MailConnectionError(
            f"The mail server {where} is not taking mail right now ({reply}); try again "
            "later: only those not sent yet will get it."
        )
    sender = error.sender.decode() if isinstance(error.sender, bytes) else error.sender
    return MailSenderRefused(
        f"The mail server refused the sender address {sender} ({reply}); check --from."
    )


def send_all(
    settings: SmtpSettings,
    letter: Letter,
    recipients: Sequence[Recipient],
    *,
    on_outcome: Callable[[Outcome], None],
    on_intent: Callable[[Recipient, str], object] | None = None,
    on_start: Callable[[Recipient], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> SendReport:
    """Send `letter` to each recipient. Raises MailError only if nothing could be attempted."""
    report = SendReport()
    queue = [r for r in recipients if r.will_send]
    if not queue:
        return report
    client = connect(settings)
    try:
        for index, recipient in enumerate(queue):
            if should_stop is not None and should_stop():
                report.not_attempted.extend(queue[index:])
                break
            if client.sock is None:
                # The server hung up (a 421 reply or a dropped line): dial again once.
                try:
                    client = connect(settings)
                except MailError as error:
                    report.fatal = error
                    report.not_attempted.extend(queue[index:])
                    break
            if on_start is not None:
                on_start(recipient)
            try:
                outcome = _send_one(client, settings, letter, recipient, on_intent)
            except _ConnectionLost as lost:
                outcome = Outcome(
                    recipient, str(lost.args[1]), False, str(lost.args[0]), unknown=True
                )
                _close(client)
            except _SenderRefused as refused:
                # Refused at MAIL FROM, before the message was handed over: not sent, and its
                # intent row must say so (failed, retried next run), never "may have been
                # sent". No message can go out now, so the run stops with the rest untried.
                outcome = Outcome(recipient, refused.message_id, False, str(refused.error))
                report.outcomes.append(outcome)
                on_outcome(outcome)
                report.fatal = refused.error
                report.not_attempted.extend(queue[index + 1 :])
                break
            report.outcomes.append(outcome)
            on_outcome(outcome)
    finally:
        _quit(client)
    return report


def _send_one(
    client: smtplib.SMTP,
    settings: SmtpSettings,
    letter: Letter,
    recipient: Recipient,
    on_intent: Callable[[Recipient, str], object] | None = None,
) -> Outcome:
    try:
        message = build_message(
            letter, recipient.participant.name, recipient.email, recipient.participant.id
        )
    except (ValueError, TypeError) as error:
        return Outcome(recipient, "", False, f"could not build the message: {error}")
    message_id = str(message["Message-ID"])
    if on_intent is not None:
        on_intent(recipient, message_id)  # durable before MAIL FROM, so before DATA
    try:
        refused = client.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        replies = [_reply_parts(*reply) for reply in error.recipients.values()]
        return Outcome(recipient, message_id, False, "address rejected: " + "; ".join(replies))
    except smtplib.SMTPSenderRefused as error:
        raise _SenderRefused(explain(error, settings), message_id) from None
    except smtplib.SMTPNotSupportedError:
        return Outcome(
            recipient, message_id, False, "the server can't deliver to a non-ASCII address"
        )
    except smtplib.SMTPServerDisconnected:
        raise _ConnectionLost("the connection dropped while sending", message_id) from None
    except smtplib.SMTPResponseException as error:
        return Outcome(recipient, message_id, False, f"message refused: {_reply(error)}")
    except OSError as error:  # timeouts, resets: state unknown, so the next run retries it
        raise _ConnectionLost(
            f"the connection failed while sending ({error.strerror or error})", message_id
        ) from None
    if refused:
        replies = [_reply_parts(*reply) for reply in refused.values()]
        return Outcome(recipient, message_id, False, "address rejected: " + "; ".join(replies))
    return Outcome(recipient, message_id, True)


def _reply(error: smtplib.SMTPResponseException) -> str:
    return _reply_parts(error.smtp_code, error.smtp_error)


def _reply_parts(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return f"{code} {' '.join(text.split())}".strip()


def _quit(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        _close(client)


def _close(client: smtplib.SMTP) -> None:
    try:
        client.close()
    except OSError:
        pass
