"""`focusgroup email` end to end against a real SMTP server on loopback."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from focusgroup.cli import main
from focusgroup.mail import content as mail_content
from focusgroup.paths import exports_dir
from focusgroup.store import SessionStore
from tests.mail.builders import PASSWORD, USER, SmtpServer, free_port

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

FROM = "Zoë Łukasiewicz <facilitator@example.org>"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (
        "FOCUSGROUP_SMTP_HOST",
        "FOCUSGROUP_SMTP_PORT",
        "FOCUSGROUP_SMTP_USER",
        "FOCUSGROUP_SMTP_PASSWORD",
        "FOCUSGROUP_SMTP_SECURITY",
        "FOCUSGROUP_SMTP_CAFILE",
        "FOCUSGROUP_MAIL_FROM",
        "FOCUSGROUP_MAIL_CONFIG",
    ):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(autouse=True)
def fake_pdf_export(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stands in for the exports package's PDF writer until it lands."""

    def export_pdfs(snap: object, with_profiles: bool, out_dir: Path) -> list[Path]:
        out_dir.mkdir(parents=True, exist_ok=True)
        pdf = out_dir / "summary.pdf"
        pdf.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
        return [pdf]

    monkeypatch.setattr(mail_content, "export_pdfs", export_pdfs)


def email(*args: str) -> Result:
    return CliRunner().invoke(main, ["email", *args])


def server_args(server: SmtpServer, *extra: str) -> list[str]:
    return ["--host", "127.0.0.1", "--port", str(server.port), "--security", "none", *extra]


def exported_pdf(meeting: SessionStore) -> Path:
    return exports_dir(meeting.path) / "summary.pdf"


def test_dry_run_lists_recipients_and_sends_nothing(
    meeting: SessionStore, smtp_server: SmtpServer
) -> None:
    result = email(str(meeting.path), "--dry-run", "--from", FROM, *server_args(smtp_server))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Would send to 3 of 5 participants:" in out
    assert "zoe@example.org" in out and "to send" in out
    assert "Sam Noconsent" in out and "skipped: no consent" in out
    assert "skipped: no e-mail" in out
    assert "Attached: summary.pdf" in out
    assert "Dry run: nothing was sent or recorded." in out
    assert smtp_server.messages == [] and meeting.sends() == []
    assert not exports_dir(meeting.path).exists()


def test_send_then_rerun_sends_nothing(meeting: SessionStore, smtp_server: SmtpServer) -> None:
    result = email(str(meeting.path), "--from", FROM, *server_args(smtp_server))
    assert result.exit_code == 0, result.output
    assert "Done: 3 sent, 0 failed." in result.output
    assert "Sam Noconsent (Quiet Co): skipped: no consent" in result.output
    assert len(smtp_server.messages) == 3
    pdf = exported_pdf(meeting).read_bytes()
    for received in smtp_server.messages:
        [attachment] = received.message.iter_attachments()
        assert attachment.get_content() == pdf

    again = email(str(meeting.path), "--from", FROM, *server_args(smtp_server))
    assert again.exit_code == 0, again.output
    assert "Nothing to send" in again.output and "use --resend" in again.output
    assert len(smtp_server.messages) == 3

    resend = email(str(meeting.path), "--from", FROM, "--resend", *server_args(smtp_server))
    assert resend.exit_code == 0 and len(smtp_server.messages) == 6


def test_subject_reply_to_and_cover_message(
    meeting: SessionStore, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    cover = tmp_path / "cover.txt"
    cover.write_text("Merci à tous !\n\nSee you in May.", encoding="utf-8")
    result = email(
        str(meeting.path),
        "--from",
        FROM,
        "--subject",
        "Résumé: Advanced manufacturing",
        "--reply-to",
        "Nguyễn Văn An <an@example.org>",
        "--message-file",
        str(cover),
        *server_args(smtp_server),
    )
    assert result.exit_code == 0, result.output
    message = smtp_server.messages[0].message
    assert message["Subject"] == "Résumé: Advanced manufacturing"
    assert message["Reply-To"].addresses[0].display_name == "Nguyễn Văn An"
    assert "Merci à tous !" in message.get_body(("plain",)).get_content()
    assert "<p>Merci à tous !</p>" in message.get_body(("html",)).get_content()


def test_one_rejected_address_others_still_sent(
    meeting: SessionStore, smtp_server: SmtpServer
) -> None:
    smtp_server.handler.rejected.add("pat@example.edu")
    result = email(str(meeting.path), "--from", FROM, *server_args(smtp_server))
    assert result.exit_code == 1
    assert "FAILED  Pat O'Brien, Jr. <pat@example.edu>: address rejected: 550" in result.output
    assert "Done: 2 sent, 1 failed." in result.output
    assert "Error: 1 message failed" in result.output  # one, not "message(s)"
    assert "Traceback" not in result.output
    assert {s.email: s.status for s in meeting.sends()}["pat@example.edu"] == "failed"


def test_server_down(meeting: SessionStore) -> None:
    args = ["--host", "127.0.0.1", "--port", str(free_port()), "--security", "none"]
    result = email(str(meeting.path), "--from", FROM, *args)
    assert result.exit_code == 1
    assert (
        result.output.strip()
        .splitlines()[-1]
        .startswith("Error: Could not connect to the mail server 127.0.0.1:")
    )
    assert "connection refused" in result.output and "Traceback" not in result.output
    assert meeting.sends() == []


def test_wrong_password(
    meeting: SessionStore, auth_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOCUSGROUP_SMTP_PASSWORD", "not it")
    result = email(str(meeting.path), "--from", FROM, "--user", USER, *server_args(auth_server))
    assert result.exit_code == 1
    assert "Error: The mail server refused the login for 'facilitator'" in result.output
    assert "check the user name and the password in FOCUSGROUP_SMTP_PASSWORD." in result.output
    assert meeting.sends() == [] and auth_server.messages == []


def test_settings_from_environment_and_config_file(
    meeting: SessionStore,
    tls_server: SmtpServer,
    ca_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = tmp_path / "mail.yaml"
    config.write_text(
        f"host: 127.0.0.1\nport: {tls_server.port}\nsecurity: starttls\nuser: {USER}\n"
        f"from: '{FROM}'\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("FOCUSGROUP_SMTP_CAFILE", str(ca_file))
    monkeypatch.setenv("FOCUSGROUP_SMTP_PASSWORD", PASSWORD)
    result = email(str(meeting.path), "--config", str(config))
    assert result.exit_code == 0, result.output
    assert "(starttls)" in result.output and len(tls_server.messages) == 3


def test_no_password_and_no_terminal_is_a_clear_error(
    meeting: SessionStore, auth_server: SmtpServer
) -> None:
    result = email(str(meeting.path), "--from", FROM, "--user", USER, *server_args(auth_server))
    assert result.exit_code == 1
    assert "Error: The mail server needs a password for 'facilitator'" in result.output


def test_password_is_never_a_flag_or_in_a_config_file(meeting: SessionStore, tmp_path: Path):
    flag = email(str(meeting.path), "--password", "x")
    assert flag.exit_code == 2 and "No such option" in flag.output
    config = tmp_path / "mail.yaml"
    config.write_text("host: mail.example.org\npassword: hunter2\n", encoding="utf-8")
    result = email(str(meeting.path), "--config", str(config), "--dry-run")
    assert result.exit_code == 1 and "holds a password" in result.output


def test_missing_host_and_sender(meeting: SessionStore) -> None:
    no_host = email(str(meeting.path), "--from", FROM)
    assert no_host.exit_code == 1 and "Error: No mail server: use --host" in no_host.output
    no_from = email(str(meeting.path), "--host", "127.0.0.1")
    assert no_from.exit_code == 1 and "Error: No sender address" in no_from.output
    bad_from = email(str(meeting.path), "--host", "127.0.0.1", "--from", "not an address")
    assert bad_from.exit_code == 1 and "is not a valid e-mail address" in bad_from.output


def test_outbox_writes_one_eml_per_recipient(
    meeting: SessionStore, tmp_path: Path, smtp_server: SmtpServer
) -> None:
    outbox = tmp_path / "outbox"
    result = email(str(meeting.path), "--from", FROM, "--outbox", str(outbox))
    assert result.exit_code == 0, result.output
    files = sorted(outbox.glob("*.eml"))
    assert [f.name for f in files] == [
        "001-zoe-lukasiewicz.eml",  # Ł folds to L (one slug for every file name)
        "002-nguyen-thi-minh-khai.eml",
        "003-pat-o-brien-jr.eml",
    ]
    raw = files[0].read_bytes()
    assert b"\r\n" in raw and raw.split(b"\r\n\r\n", 1)[0].isascii()
    message = message_from_bytes(raw, policy=policy.default)
    assert message["X-Unsent"] == "1"
    assert message["To"].addresses[0].display_name == "Zoë Łukasiewicz"
    assert message["From"].addresses[0].display_name == "Zoë Łukasiewicz"
    assert message["Message-ID"].endswith("@example.org>")
    assert message.get_body(("plain",)).get_content().startswith("Dear Zoë Łukasiewicz,")
    assert message.get_body(("html",)) is not None
    [attachment] = message.iter_attachments()
    assert attachment.get_content() == exported_pdf(meeting).read_bytes()
    # Nothing went out and nothing is marked as sent.
    assert meeting.sends() == [] and smtp_server.messages == []


def test_cli_mails_attendees_unless_everyone(
    meeting: SessionStore, smtp_server: SmtpServer
) -> None:
    """Issue 13: a registered no-show is skipped by default; --everyone includes them."""
    no_show = meeting.add_participant("Nia Noshow", "Absent Inc", email="nia@example.org")
    assert no_show not in {p.id for p in meeting.attendees()}
    result = email(str(meeting.path), "--dry-run", "--from", FROM, *server_args(smtp_server))
    assert result.exit_code == 0, result.output
    assert "Would send to 3 of 6 participants:" in result.output
    assert "Nia Noshow" in result.output and "skipped: not at the meeting" in result.output
    result = email(
        str(meeting.path), "--dry-run", "--everyone", "--from", FROM, *server_args(smtp_server)
    )
    assert "Would send to 4 of 6 participants:" in result.output
