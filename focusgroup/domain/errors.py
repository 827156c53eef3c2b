"""Errors a facilitator can read: every message says what went wrong in the room's words."""

from __future__ import annotations


class FocusGroupError(Exception):
    """Base for every error we show to a user as one clear line."""


class DomainError(FocusGroupError):
    """An operation that does not make sense for the meeting (empty card, unknown category...)."""


class SessionFileError(FocusGroupError):
    """A session file that cannot be opened: missing, not a session, corrupt or too new."""


class ProtocolError(FocusGroupError):
    """A protocol (facilitation script) that is missing or does not validate."""


class UndoConflict(DomainError):
    """Undo or redo would overwrite a change made since, by this seat or the other one."""


class StorageError(SessionFileError):
    """The session file could not be read or written just now (locked, disk full, damaged).

    The store raises it in place of the database's own errors, so callers above the store
    handle one family of errors and never import the database driver.
    """
