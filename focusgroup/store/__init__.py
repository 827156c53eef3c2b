"""Session files: the only package that talks to SQLite."""

from focusgroup.store.session_store import SessionStore

__all__ = ["SessionStore"]
