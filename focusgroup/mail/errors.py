"""Mail errors a facilitator can read: each one is a single line saying what to fix."""

from __future__ import annotations

from focusgroup.domain.errors import FocusGroupError


class MailError(FocusGroupError):
    """Base for everything that can go wrong sending the summary."""


class MailSettingsError(MailError):
    """SMTP settings that are missing or make no sense (no host, unknown security mode...)."""


class MailConnectionError(MailError):
    """The mail server could not be reached, or the connection dropped."""


class MailAuthError(MailError):
    """The mail server refused the login."""


class MailTLSError(MailError):
    """The encrypted connection could not be set up or the certificate did not verify."""


class MailSenderRefused(MailError):
    """The server refused the From address; no message can go out with it."""


class MailContentError(MailError):
    """The summary or its attachments could not be prepared."""
