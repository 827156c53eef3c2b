"""One participant's e-mail: greeting, cover message, the short summary, the PDFs.

Built with `email.policy.SMTP` so headers with non-ASCII names are RFC 2047 encoded, lines
end in CRLF (what SMTP and desktop mail clients expect) and long lines are folded.
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP, Policy
from email.utils import format_datetime, localtime, make_msgid

from focusgroup import __version__
from focusgroup.domain.fields import joined_lines
from focusgroup.mail.content import MailContent
from focusgroup.mail.settings import ascii_domain


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
    _set_mailbox(message, "From", letter.sender)
    # Names and titles are refused with line breaks on the way in; a file from before that
    # may still hold one, and a header with a line break is refused (or worse, injected).
    to = Address(display_name=joined_lines(name).strip(), addr_spec=email.strip())
    _set_mailbox(message, "To", to)
    if letter.reply_to is not None:
        _set_mailbox(message, "Reply-To", letter.reply_to)
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


_EW_MAX = 75
"""RFC 2047: an encoded-word is at most 75 characters, delimiters included."""
_Q_LITERAL = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!*+-/")
"""What RFC 2047 (5.3) lets a phrase's Q-encoded text carry as itself."""


def _set_mailbox(message: EmailMessage, field: str, address: Address) -> None:
    """`field: Name <addr>`, the name encoded so every mail program shows it exactly.

    The email package's folder (Python 3.11; CPython gh-92081) splits a long non-ASCII name
    into encoded-words and may put the space between two words *between* two encoded-words,
    where RFC 2047 says a reader must ignore it: "Thị Minh" reached Thunderbird or Gmail as
    "ThịMinh". Here the whole name, spaces included, goes inside encoded-words of whole
    characters (Q or B, whichever is shorter, so most names take one), with only folding
    whitespace between them. The header keeps its parsed value, so `message[field]` and
    smtplib's envelope are unchanged; only how it is written out differs.
    """
    # An internationalised domain goes out in its ASCII (IDNA) form, in the header and so in
    # smtplib's envelope: as UTF-8 it needs SMTPUTF8, and the email package wrote it as an
    # encoded-word inside the address, which no mail program reads.
    address = Address(address.display_name, address.username, ascii_domain(address.domain))
    if address.display_name.isascii() and "=?" not in address.display_name:
        message[field] = address  # plain (quoted if need be): the folder handles ASCII well
        return
    # (An ASCII name holding "=?" is encoded too: written as is, readers would decode it.)
    header = message.policy.header_factory(field, address)  # type: ignore[attr-defined]
    name, mailbox = address.display_name, f"<{address.addr_spec}>"

    def fold(self: object, *, policy: Policy) -> str:
        width = policy.max_line_length or 78
        first = width - len(field) - 2  # after "To: "
        lines = [f"{field}:"]
        for word in [*_encoded_words(name, min(first, _EW_MAX), min(width - 1, _EW_MAX)), mailbox]:
            if len(lines[-1]) + 1 + len(word) > width and lines[-1] != f"{field}:":
                lines.append("")
            lines[-1] += " " + word
        return policy.linesep.join(lines) + policy.linesep

    header.__class__ = type(type(header).__name__, (type(header),), {"fold": fold})
    message[field] = header


def _encoded_words(text: str, first: int, rest: int) -> list[str]:
    """`text` as encoded-words of whole characters: the first at most `first` long, the
    others `rest` (never a UTF-8 sequence split across two words)."""
    words: list[str] = []
    chunk = b""
    for char in text:
        data = char.encode("utf-8", "surrogatepass")
        limit = rest if words else first
        if chunk and len(_encoded_word(chunk + data)) > limit:
            words.append(_encoded_word(chunk))
            chunk = b""
        chunk += data
    return [*words, _encoded_word(chunk)]


def _encoded_word(data: bytes) -> str:
    q = "".join(chr(b) if b in _Q_LITERAL else "_" if b == 0x20 else f"={b:02X}" for b in data)
    b64 = base64.b64encode(data).decode("ascii")
    return min(f"=?utf-8?q?{q}?=", f"=?utf-8?b?{b64}?=", key=len)


def _attached_line(content: MailContent) -> str:
    names = [a.filename for a in content.attachments]
    if not names:
        return ""
    return "Attached: " + ", ".join(names)


def _domain(sender: Address) -> str:
    # The Message-ID's right-hand side is the sender's domain, not this laptop's hostname
    # (which leaks the machine name and is often "localhost" in a hotel room).
    return ascii_domain(sender.domain) if sender.domain else "focusgroup.invalid"
