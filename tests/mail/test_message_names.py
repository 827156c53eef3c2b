"""Names with any characters reach the recipient exactly: in the To, From and Reply-To
headers and in the greeting, as a mail program that follows RFC 2047 shows them.

Before: Python's folder (3.11, CPython gh-92081) could put the space between two words of a
long non-ASCII name between two encoded-words, where every compliant reader drops it:
"पन्ह त्र र्च कृकृ" arrived as "...र्चकृकृ", "Nguyễn Thị Minh ..." likewise.

How the names are read back: the message is parsed with `email.message_from_bytes(...,
policy=policy.default)`; the display name is decoded from the raw header with
`email.header.decode_header`, which follows RFC 2047 6.2 (whitespace between adjacent
encoded-words is ignored). policy.default's own `display_name` does not yet (CPython
gh-128110: it keeps that whitespace, so it shows a long name with a space added wherever
the name had to be split); it is checked only for names that fit one encoded-word.
"""

from __future__ import annotations

import html
import re
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from email.headerregistry import Address
from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from focusgroup.domain.fields import LINE_BREAKS
from focusgroup.mail.content import Attachment, MailContent
from focusgroup.mail.message import Letter, build_message

ODD_NAMES = [
    "Zoë Łukasiewicz",
    "Pat O'Brien, Jr.",
    'Ana "La Jefa" Ruiz',
    "Nguyễn Thị Minh Khai-Trần Hoàng Phương Anh",
    "محمد بن عبد الله الأنصاري الخزرجي",
    "שרה לוי-כהן",
    "山田太郎 やまだ たろう 株式会社山田製作所 代表取締役社長",
    "पन्ह पन्ह त्र र्च कृकृ ड्ड न्हृे",
    "Ørjan Ødegård 🇳🇴 (Nordic Steel) 👷‍♀️",
    "Dr. Anna-Lena Müller-Lüdenscheidt (Geschäftsführerin), Werk 2",
    "<script>alert(1)</script> & co; \\back\\slash",
    "=?utf-8?q?not_an_encoded_word?=",
]
# What a participant's name can hold: anything typed, but never a line break (the store
# refuses those) and no control characters.
TYPED = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=LINE_BREAKS)
NAMES = st.one_of(
    st.sampled_from(ODD_NAMES),
    st.text(TYPED, min_size=1, max_size=120).map(lambda s: " ".join(s.split())).filter(bool),
)
CONTENT = MailContent(
    subject="S",
    text="Summary.",
    html="<p>Summary.</p>",
    attachments=(Attachment("a.pdf", b"%PDF"),),
)
ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")


def shown_name(raw: str) -> str:
    """The display name of a raw `Name <addr>` header, as an RFC 2047 reader shows it."""
    text = raw.replace("\r\n", "")  # unfold
    display = text[: text.rindex("<")].strip()
    if display.startswith('"'):  # an ASCII quoted-string
        return re.sub(r"\\(.)", r"\1", display[1:-1])
    return str(make_header(decode_header(display)))


def parse(message: EmailMessage) -> tuple[EmailMessage, bytes]:
    data = message.as_bytes()  # what the outbox writes and smtplib sends
    return message_from_bytes(data, policy=policy.default), data  # type: ignore[return-value]


@settings(max_examples=300, deadline=None)
@given(name=NAMES, sender=NAMES, reply=NAMES)
def test_names_survive_in_headers_and_greeting(name: str, sender: str, reply: str) -> None:
    letter = Letter(
        sender=Address(sender, addr_spec="dana@example.org"),
        subject="Summary",
        content=CONTENT,
        reply_to=Address(reply, addr_spec="team@example.org"),
    )
    parsed, data = parse(build_message(letter, name, "zoe@example.org", None))
    raw = dict(parsed.raw_items())
    for field, who, addr in (
        ("To", name, "zoe@example.org"),
        ("From", sender, "dana@example.org"),
        ("Reply-To", reply, "team@example.org"),
    ):
        [address] = parsed[field].addresses
        assert address.addr_spec == addr
        assert shown_name(raw[field]) == who, (field, raw[field])
        if len(ENCODED_WORD.findall(raw[field])) <= 1:
            assert address.display_name == who
    head = data.split(b"\r\n\r\n", 1)[0].decode("ascii")  # headers are 7-bit
    assert all(len(line) <= 78 for line in head.split("\r\n")), head
    assert all(len(word) <= 75 for word in ENCODED_WORD.findall(head))
    plain = parsed.get_body(("plain",)).get_content()
    rich = html.unescape(parsed.get_body(("html",)).get_content())
    assert f"Dear {name}," in plain and f"Dear {name}," in rich


def test_a_long_non_ascii_name_keeps_every_space() -> None:
    """The example the old folder broke: the split fell on a space, left between words."""
    name = "पन्ह पन्ह त्र र्च कृकृ ड्ड न्हृे إلا بسم الله"
    letter = Letter(sender=Address("Dana", addr_spec="d@example.org"), subject="S", content=CONTENT)
    parsed, _ = parse(build_message(letter, name, "zoe@example.org", None))
    raw = dict(parsed.raw_items())["To"]
    assert len(ENCODED_WORD.findall(raw)) > 1  # it does need more than one encoded-word
    assert shown_name(raw) == name


IDN = ["bücher.example", "пример.испытание", "例え.テスト", "münchen.de", "ñandú.example"]


@settings(max_examples=60, deadline=None)
@given(domain=st.sampled_from(IDN), name=NAMES)
def test_an_internationalised_domain_goes_out_in_its_ascii_form(domain: str, name: str) -> None:
    """'ana@bücher.example' was written as 'ana@=?utf-8?q?b=C3=BCcher?=.example' (an
    encoded-word inside the address, which no mail program reads) and the envelope carried
    raw UTF-8 that a server without SMTPUTF8 refuses. IDNA is what DNS and servers use."""
    ascii = domain.encode("idna").decode("ascii")
    letter = Letter(
        sender=Address("Dana", addr_spec=f"dana@{domain}"), subject="S", content=CONTENT
    )
    parsed, data = parse(build_message(letter, name, f"ana@{domain}", None))
    assert parsed["To"].addresses[0].addr_spec == f"ana@{ascii}"
    assert parsed["From"].addresses[0].addr_spec == f"dana@{ascii}"
    assert str(parsed["Message-ID"]).endswith(f"@{ascii}>")
    data.split(b"\r\n\r\n", 1)[0].decode("ascii")  # every header 7-bit
    assert shown_name(dict(parsed.raw_items())["To"]) == name


def test_an_internationalised_domain_through_a_real_server(
    store, smtp_server, content: MailContent
) -> None:
    from focusgroup.mail.recipients import Status, plan
    from focusgroup.mail.sender import send_all

    ana = store.add_participant("Ana Bücher", "Bücher GmbH", email="ana@bücher.example")
    long_label = "ü" * 64  # no IDNA form: a DNS label is at most 63 characters
    bad = store.add_participant("Bad Domain", "X", email=f"bo@{long_label}.example")
    recipients = plan(store.participants(), store.sends())
    assert {r.participant.id: r.status for r in recipients} == {
        ana: Status.DUE,
        bad: Status.BAD_ADDRESS,  # no IDNA form: skipped with a reason, not a crash
    }
    settings = smtp_server.settings()
    letter = Letter(sender=settings.sender(), subject="S", content=content)
    report = send_all(settings, letter, recipients, on_outcome=lambda outcome: None)
    assert report.ok and len(report.sent) == 1
    [received] = smtp_server.messages
    assert received.rcpt_tos == ["ana@xn--bcher-kva.example"]
    assert received.message["To"].addresses[0].addr_spec == "ana@xn--bcher-kva.example"
