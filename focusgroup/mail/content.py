"""What every participant receives: the short summary (text + HTML) and the exported PDFs.

The exports package owns the summary and the PDFs; this module is the one place that calls
it, so the sender, the outbox and the e-mail screen only ever see a `MailContent`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from focusgroup.mail.errors import MailContentError

if TYPE_CHECKING:
    from focusgroup.export.snapshot import SessionSnapshot
    from focusgroup.store.reader import SessionReader

# Above this the message is likely to bounce at many mail servers (25 MB is common, and
# base64 grows attachments by a third).
MAX_ATTACHMENTS_BYTES = 15 * 1024 * 1024


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    path: Path | None = None
    mime_type: str = "application/pdf"

    @classmethod
    def from_path(cls, path: Path, mime_type: str = "application/pdf") -> Attachment:
        try:
            return cls(path.name, path.read_bytes(), path, mime_type)
        except OSError as error:
            raise MailContentError(f"Can't read the attachment {path}: {error.strerror}") from None


@dataclass(frozen=True)
class MailContent:
    subject: str
    """Default subject; a --subject flag replaces it."""
    text: str
    """The short summary as plain text (what we heard, next steps, when we'll be in touch)."""
    html: str
    """The same as an HTML fragment (no <html>/<body>: the message wraps it)."""
    attachments: tuple[Attachment, ...]
    personal: dict[int, str] = field(default_factory=dict)
    """Participant id -> their own paragraph: the job descriptions asked of that employer."""

    def personal_for(self, participant_id: int | None) -> str:
        return self.personal.get(participant_id, "") if participant_id is not None else ""

    @property
    def attachments_size(self) -> int:
        return sum(len(a.data) for a in self.attachments)


def default_subject(title: str) -> str:
    return f"{title}: summary and next steps" if title.strip() else "Summary and next steps"


def check_size(content: MailContent) -> None:
    if content.attachments_size > MAX_ATTACHMENTS_BYTES:
        megabytes = content.attachments_size / 1024 / 1024
        raise MailContentError(
            f"The attachments add up to {megabytes:.1f} MB, too large for most mail servers; "
            "send without the job profiles (untick Attach job profiles, or leave out "
            "--profiles) or share the files another way."
        )


def snapshot(store: SessionReader) -> SessionSnapshot:
    """Read the session once, on the store's thread; the rest can run in a worker."""
    from focusgroup.export.snapshot import take_snapshot

    return take_snapshot(store)


def build_content(snap: SessionSnapshot, with_profiles: bool, out_dir: Path) -> MailContent:
    """Export the PDFs and compose the short summary; safe to run in a worker thread."""
    from focusgroup.export.content import summarize
    from focusgroup.export.markdown import short_summary, short_summary_html
    from focusgroup.export.next_steps import job_description_request

    pdfs = export_pdfs(snap, with_profiles, out_dir)
    summary = summarize(snap)
    personal = {
        p.id: text for p in snap.participants if (text := job_description_request(summary, p.id))
    }
    content = MailContent(
        subject=default_subject(snap.session.title),
        text=short_summary(snap),
        html=short_summary_html(snap),
        attachments=tuple(Attachment.from_path(Path(p)) for p in pdfs),
        personal=personal,
    )
    check_size(content)
    return content


def export_content(store: SessionReader, with_profiles: bool, out_dir: Path) -> MailContent:
    return build_content(snapshot(store), with_profiles, out_dir)


def export_pdfs(snap: SessionSnapshot, with_profiles: bool, out_dir: Path) -> list[Path]:
    """The summary PDF, then the job profiles PDF(s) if asked: written by the exports package,
    into the folders the export dialog writes them to (the profiles in `profiles/`)."""
    from focusgroup.export.exporter import export_profiles, export_session
    from focusgroup.paths import profiles_dir

    pdfs = export_session(snap, out_dir, ["pdf"])
    if with_profiles:
        pdfs += export_profiles(snap, profiles_dir(out_dir), formats=("pdf",))
    return [p for p in pdfs if p.suffix.lower() == ".pdf"]
