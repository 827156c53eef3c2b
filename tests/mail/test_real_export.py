"""The e-mail with the real exports: the attached PDFs are the exported files, byte for byte."""

from __future__ import annotations

import io

import pypdf
from click.testing import CliRunner

from focusgroup.cli import main
from focusgroup.paths import exports_dir
from focusgroup.store import SessionStore
from tests.mail.builders import SmtpServer

FROM = "Zoë Łukasiewicz <facilitator@example.org>"


def test_summary_and_profiles_attached_byte_identical(
    meeting: SessionStore, smtp_server: SmtpServer
) -> None:
    production = meeting.categories()[0].id
    zoe = meeting.participants()[0].id
    meeting.add_card("CNC Machinist", zoe, category_id=production, level="mid")
    meeting.add_card("Welder", zoe, category_id=production, level="entry")
    args = ["--host", "127.0.0.1", "--port", str(smtp_server.port), "--security", "none"]

    result = CliRunner().invoke(
        main, ["email", str(meeting.path), "--from", FROM, "--profiles", *args]
    )
    assert result.exit_code == 0, result.output
    assert len(smtp_server.messages) == 3

    out_dir = exports_dir(meeting.path)
    exported = {p.name: p.read_bytes() for p in out_dir.rglob("*.pdf")}
    assert len(exported) >= 2  # the summary and at least one job profile
    assert list(out_dir.glob("*.pdf")) == [out_dir / "test-meeting.pdf"]  # profiles: profiles/
    message = smtp_server.messages[0].message
    attached = {a.get_filename(): a.get_content() for a in message.iter_attachments()}
    assert attached == exported
    for data in attached.values():
        assert len(pypdf.PdfReader(io.BytesIO(data)).pages) >= 1
    body = message.get_body(("plain",)).get_content()
    assert "Thank you for taking part in Test meeting" in body and "CNC Machinist" in body


def test_attachments_too_large_say_what_to_untick_in_the_app_too() -> None:
    import pytest

    from focusgroup.mail.content import MAX_ATTACHMENTS_BYTES, Attachment, MailContent, check_size
    from focusgroup.mail.errors import MailContentError

    big = Attachment("profiles.pdf", b"%PDF" + b"\0" * MAX_ATTACHMENTS_BYTES)
    with pytest.raises(MailContentError) as refused:
        check_size(MailContent("S", "t", "<p>t</p>", (big,)))
    assert "too large for most mail servers" in str(refused.value)
    assert "untick Attach job profiles" in str(refused.value)  # the e-mail screen's option
    assert "--profiles" in str(refused.value)  # and the command line's
