"""What every participant receives: the short summary (text + HTML) and the exported PDFs.

The exports package owns the summary and the PDFs; this module is the one place that calls
it, so the sender, the outbox and the e-mail screen only ever see a `MailContent`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from focusgroup.mail.errors import MailContentError

if TYPE_CHECKING:
    from focusgroup.store import SessionStore

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

    @property
    def attachments_size(self) -> int:
        return sum(len(a.data) for a in self.attachments)


ContentSource = Callable[["SessionStore", bool, Path], MailContent]
"""(store, with_profiles, out_dir) -> MailContent. The default exports the session."""


def default_subject(title: str) -> str:
    return f"{title}: summary and next steps" if title.strip() else "Summary and next steps"


def check_size(content: MailContent) -> None:
    if content.attachments_size > MAX_ATTACHMENTS_BYTES:
        megabytes = content.attachments_size / 1024 / 1024
        raise MailContentError(
            f"The attachments add up to {megabytes:.1f} MB, too large for most mail servers; "
            "send without --profiles or share the files another way."
        )


def export_content(store: SessionStore, with_profiles: bool, out_dir: Path) -> MailContent:
    """Export the summary (and the job profiles) with the exports package, then load them."""
    try:
        from focusgroup.export import mail_material
    except ImportError:
        raise MailContentError(
            "The summary export is not available in this build of focusgroup."
        ) from None
    material = mail_material(store, out_dir=out_dir, profiles=with_profiles)
    content = MailContent(
        subject=default_subject(store.session().title),
        text=material.text,
        html=material.html,
        attachments=tuple(Attachment.from_path(Path(p)) for p in material.pdfs),
    )
    check_size(content)
    return content
