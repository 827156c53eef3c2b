"""`focusgroup email`: send the summary to participants, list who would get it, or write .eml."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from focusgroup.domain.text import plural
from focusgroup.mail.errors import MailError, MailSettingsError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from focusgroup.mail.message import Letter
    from focusgroup.mail.recipients import Recipient
    from focusgroup.mail.settings import SmtpSettings
    from focusgroup.store import SessionStore


def _read_cover(message: str | None, message_file: Path | None) -> str:
    if message and message_file:
        raise click.UsageError("Use --message or --message-file, not both.")
    if message_file is not None:
        try:
            return message_file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise MailSettingsError(f"{message_file} is not UTF-8 text.") from None
    return message or ""


def _ask_password(settings: SmtpSettings) -> SmtpSettings:
    from focusgroup.mail.settings import PASSWORD_ENV

    if not settings.needs_password:
        return settings
    if not sys.stdin.isatty():
        raise MailSettingsError(
            f"The mail server needs a password for {settings.user!r}: set {PASSWORD_ENV} "
            "(there is no terminal to ask in)."
        )
    password = click.prompt(
        f"SMTP password for {settings.user} at {settings.host}", hide_input=True, err=True
    )
    return settings.with_password(password)


def _size(data_len: int) -> str:
    return f"{data_len / 1024:.0f} KB" if data_len < 1024 * 1024 else f"{data_len / 1048576:.1f} MB"


@click.command()
@click.argument("file")
@click.option("--profiles", is_flag=True, help="Attach the job profiles PDF(s) too.")
@click.option(
    "--subject", default=None, help="Subject (default: '<title>: summary and next steps')."
)
@click.option("--from", "mail_from", default=None, help="Sender, e.g. 'Ana Ruiz <ana@wb.org>'.")
@click.option("--reply-to", "reply_to", default=None, help="Where replies go, if not the sender.")
@click.option("--message", default=None, help="A cover message above the summary.")
@click.option(
    "--message-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Read the cover message from a UTF-8 text file.",
)
@click.option("--dry-run", is_flag=True, help="Show who would receive what; send nothing.")
@click.option(
    "--outbox",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write one .eml per recipient into this folder instead of sending.",
)
@click.option("--resend", is_flag=True, help="Send again to those already sent to.")
@click.option(
    "--everyone",
    is_flag=True,
    help="Include registered participants not marked present (default: attendees only).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="YAML file with host, port, user, security, cafile, from, reply_to.",
)
@click.option("--host", default=None, help="SMTP server [FOCUSGROUP_SMTP_HOST].")
@click.option("--port", type=int, default=None, help="SMTP port [FOCUSGROUP_SMTP_PORT].")
@click.option("--user", default=None, help="SMTP login [FOCUSGROUP_SMTP_USER].")
@click.option(
    "--security",
    type=click.Choice(["none", "starttls", "ssl"]),
    default=None,
    help="Encryption [FOCUSGROUP_SMTP_SECURITY]; default starttls.",
)
@click.option(
    "--cafile",
    type=click.Path(dir_okay=False),
    default=None,
    help="Extra CA certificate to trust [FOCUSGROUP_SMTP_CAFILE].",
)
def email(
    file: str,
    profiles: bool,
    subject: str | None,
    mail_from: str | None,
    reply_to: str | None,
    message: str | None,
    message_file: Path | None,
    dry_run: bool,
    outbox: Path | None,
    resend: bool,
    everyone: bool,
    config_file: Path | None,
    host: str | None,
    port: int | None,
    user: str | None,
    security: str | None,
    cafile: str | None,
) -> None:
    """E-mail the summary PDF to every participant with an address who consented.

    Each send is recorded in the session; running again sends only to those not yet sent.
    The SMTP password comes from FOCUSGROUP_SMTP_PASSWORD or a prompt, never a flag.
    """
    from focusgroup.cli.session_file import existing_session
    from focusgroup.mail import content as mail_content
    from focusgroup.mail.message import Letter
    from focusgroup.mail.recipients import SKIPPED, Status, plan
    from focusgroup.mail.settings import load_settings
    from focusgroup.paths import exports_dir
    from focusgroup.store import SessionStore

    if dry_run and outbox is not None:
        raise click.UsageError("Use --dry-run or --outbox, not both.")
    cover = _read_cover(message, message_file)
    settings = load_settings(
        {
            "host": host,
            "port": port,
            "user": user,
            "security": security,
            "cafile": cafile,
            "mail_from": mail_from,
            "reply_to": reply_to,
        },
        config_file=config_file,
    )
    # Fail on missing settings before the (slower) export, not after it.
    if outbox is not None:
        settings.sender()
    elif not dry_run:
        settings.check_for_sending()

    path = existing_session(file)
    click.echo(f"Session: {path}")
    with SessionStore.open(path, actor="cli") as store:
        present = None if everyone else [p.id for p in store.attendees()]
        recipients = plan(store.participants(), store.sends(), resend=resend, present=present)
        due = [r for r in recipients if r.will_send]
        title = store.session().title
        if not due and not dry_run:
            _print_plan(recipients, header=f"Nothing to send for “{title}”.")
            done = sum(r.status is Status.SENT for r in recipients)
            unknown = sum(r.status is Status.UNKNOWN for r in recipients)
            if done:
                click.echo(
                    f"All {plural(done, 'consenting participant')} already have it; use --resend."
                )
            if unknown:
                click.echo(
                    f"{unknown} may have been sent by a run that stopped mid-send; check with "
                    "them, then use --resend if it did not arrive."
                )
            return

        if dry_run:  # export to a scratch folder: a dry run leaves nothing behind
            with tempfile.TemporaryDirectory(prefix="focusgroup-mail-") as scratch:
                content = mail_content.export_content(store, profiles, Path(scratch))
        else:
            out_dir = exports_dir(path)
            content = mail_content.export_content(store, profiles, out_dir)
            click.echo(f"Exported {plural(len(content.attachments), 'PDF')} to {out_dir}")
        reply = settings.reply_address()
        letter_subject = subject or content.subject

        if dry_run:
            sender = settings.sender() if settings.mail_from else None
            click.echo(f"Summary e-mail for “{title}”")
            click.echo(f"  From:     {sender or '(not set: use --from or FOCUSGROUP_MAIL_FROM)'}")
            if reply is not None:
                click.echo(f"  Reply-To: {reply}")
            click.echo(f"  Subject:  {letter_subject}")
            for attachment in content.attachments:
                click.echo(f"  Attached: {attachment.filename} ({_size(len(attachment.data))})")
            body = "short summary (text and HTML)" + (" after your cover message" if cover else "")
            click.echo(f"  Body:     {body}")
            if settings.host:
                click.echo(f"  Server:   {settings.describe()}")
            _print_plan(
                recipients,
                header=f"Would send to {len(due)} of {plural(len(recipients), 'participant')}:",
            )
            duplicates = sum(r.status is Status.DUPLICATE for r in recipients)
            if duplicates:
                click.echo(
                    f"{duplicates} participant record(s) share an address with another: "
                    "each mailbox gets one message."
                )
            click.echo("Dry run: nothing was sent or recorded.")
            return

        letter = Letter(
            sender=settings.sender(),
            subject=letter_subject,
            content=content,
            cover=cover,
            reply_to=reply,
        )
        if outbox is not None:
            from focusgroup.mail.outbox import write_outbox

            written = write_outbox(outbox, letter, recipients)
            for item in written:
                click.echo(f"  wrote  {item.path.name}  ({item.recipient.participant.name})")
            click.echo(
                f"Wrote {plural(len(written), 'message')} to {outbox}. Open each in your mail "
                "program to send it; nothing was recorded as sent."
            )
            return

        settings = _ask_password(settings)
        _send(store, settings, letter, recipients)
        skipped = [r for r in recipients if r.status in SKIPPED]
        if skipped:
            click.echo(f"Not sent to {plural(len(skipped), 'participant')}:")
            for r in skipped:
                click.echo(f"  {r.participant.label}: {r.describe()}")


def _send(
    store: SessionStore,
    settings: SmtpSettings,
    letter: Letter,
    recipients: Sequence[Recipient],
) -> None:
    from focusgroup.mail.recipients import Status
    from focusgroup.mail.sender import Outcome, intent_record, send_all

    def on_outcome(outcome: Outcome) -> None:
        # Recorded before the next message goes out, so the log always matches reality.
        store.record_send(**outcome.as_send())
        who = f"{outcome.recipient.participant.name} <{outcome.recipient.email}>"
        if outcome.ok:
            click.echo(f"  sent    {who}")
        elif outcome.unknown:
            click.echo(f"  UNKNOWN {who}: {outcome.error}; it may have been sent")
        else:
            click.echo(f"  FAILED  {who}: {outcome.error}")

    click.echo(f"Sending “{letter.subject}” via {settings.describe()}")
    report = send_all(
        settings,
        letter,
        recipients,
        on_outcome=on_outcome,
        on_intent=lambda recipient, message_id: store.record_send_intent(
            **intent_record(recipient, message_id)
        ),
    )
    already = sum(r.status is Status.SENT and not r.resend for r in recipients)
    unknown = [r for r in recipients if r.status is Status.UNKNOWN and not r.resend]
    parts = [f"{len(report.sent)} sent", f"{len(report.failed)} failed"]
    if unknown:
        parts.append(f"{len(unknown)} may have been sent by an earlier run (use --resend)")
    if report.not_attempted:
        parts.append(f"{len(report.not_attempted)} not attempted")
    if already:
        parts.append(f"{already} already sent before (use --resend)")
    click.echo("Done: " + ", ".join(parts) + ".")
    if report.fatal is not None:
        raise report.fatal
    if report.failed:
        raise MailError(
            f"{plural(len(report.failed), 'message')} failed (listed above); run the same command "
            "again to retry only those."
        )


def _print_plan(recipients: Sequence[Recipient], header: str) -> None:
    click.echo(header)
    width = max((len(r.participant.label) for r in recipients), default=0)
    for r in recipients:
        address = f"<{r.email}>" if r.email else ""
        click.echo(f"  {r.participant.label:<{width}}  {address:<32}  {r.describe()}")


COMMANDS: list[click.Command] = [email]
