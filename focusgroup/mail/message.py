"""One participant's e-mail: greeting, cover message, the short summary, the PDFs.

Built with `email.policy.SMTP` so headers with non-ASCII names are RFC 2047 encoded, lines
end in CRLF (what SMTP and desktop mail clients expect) and long lines are folded.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, localtime, make_msgid

from focusgroup import __version__
from focusgroup.domain.fields import joined_lines
from focusgroup.mail.content import MailContent


@dataclass(frozen=True)
class Letter:
    """What is the same for every recipient of one run."""

    sender: Address
    subject: str
    content: MailContent
    cover: str = ""
    """The facilitator's own words, above the summary."""
    reply_to: Address | None = None


def build_message(
    letter: Letter, name: str, email: str, participant_id: int | None = None
) -> EmailMessage:
    """The message for one recipient, with a fresh Message-ID and their own request."""
    message = EmailMessage(policy=SMTP)
    message["From"] = letter.sender
    # Names and titles are refused with line breaks on the way in; a file from before that
    # may still hold one, and a header with a line break is refused (or worse, injected).
    message["To"] = Address(display_name=joined_lines(name).strip(), addr_spec=email.strip())
    if letter.reply_to is not None:
        message["Reply-To"] = letter.reply_to
    message["Subject"] = joined_lines(letter.subject)
    message["Date"] = format_datetime(localtime())
    message["Message-ID"] = make_msgid(domain=_domain(letter.sender))
    message["MIME-Version"] = "1.0"
    message["X-Mailer"] = f"focusgroup {__version__}"
    text, body_html = compose(letter, name, participant_id)
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(body_html, subtype="html", charset="utf-8")
    for attachment in letter.content.attachments:
        maintype, _, subtype = attachment.mime_type.partition("/")
        message.add_attachment(
            attachment.data, maintype=maintype, subtype=subtype, filename=attachment.filename
        )
    return message


def compose(letter: Letter, name: str, participant_id: int | None = None) -> tuple[str, str]:
    """Plain-text and HTML bodies for one recipient."""
    greeting = f"Dear {name.strip()}," if name.strip() else "Hello,"
    cover = letter.cover.strip()
    attached = _attached_line(letter.content)
    personal = letter.content.personal_for(participant_id).strip()
    text_parts = [greeting, cover, personal, attached, letter.content.text.strip()]
    text = "\n\n".join(p for p in text_parts if p) + "\n"
    cover_html = "".join(
        f"<p>{html.escape(paragraph).replace(chr(10), '<br>')}</p>"
        for paragraph in cover.split("\n\n")
        if paragraph.strip()
    )
    attached_html = f"<p><em>{html.escape(attached)}</em></p>" if attached else ""
    personal_html = f"<p>{html.escape(personal)}</p>" if personal else ""
    body = (
        f"<p>{html.escape(greeting)}</p>{cover_html}{personal_html}{attached_html}\n"
        f"{letter.content.html.strip()}\n"
    )
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(letter.subject)}</title></head>\n"
        f'<body style="font-family: sans-serif; line-height: 1.4">\n{body}</body></html>\n'
    )
    return text, page


def _attached_line(content: MailContent) -> str:
    names = [a.filename for a in content.attachments]
    if not names:
        return ""
    return "Attached: " + ", ".join(names)


def _domain(sender: Address) -> str:
    # The Message-ID's right-hand side is the sender's domain, not this laptop's hostname
    # (which leaks the machine name and is often "localhost" in a hotel room).
    return sender.domain or "focusgroup.invalid"
