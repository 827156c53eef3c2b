"""The store's boundary for failures: the database driver's errors become `StorageError`.

Everything above the store (the CLI, the app, exports) catches `FocusGroupError` and shows one
line; none of it imports sqlite3. Each public method of `SessionStore` is wrapped here once,
when the class is made, so a method added later is covered without remembering to.
"""

from __future__ import annotations

import functools
import inspect
import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

from focusgroup.domain.errors import StorageError

F = TypeVar("F", bound=Callable[..., Any])
C = TypeVar("C", bound=type)


def storage_errors(fn: F) -> F:
    """Run `fn`; a sqlite3 error it raises comes out as `StorageError` with the same text."""

    @functools.wraps(fn)
    def translated(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except sqlite3.Error as error:
            raise StorageError(_plain(error)) from error

    return translated  # type: ignore[return-value]


def translate_storage_errors(cls: C) -> C:
    """Wrap every public method (and class method) of `cls` and its bases in `storage_errors`."""
    for name in dir(cls):
        if name.startswith("_"):
            continue
        attr = inspect.getattr_static(cls, name)
        if isinstance(attr, classmethod):
            setattr(cls, name, classmethod(storage_errors(attr.__func__)))
        elif isinstance(attr, staticmethod):
            setattr(cls, name, staticmethod(storage_errors(attr.__func__)))
        elif inspect.isfunction(attr):
            setattr(cls, name, storage_errors(attr))
    return cls


def _plain(error: sqlite3.Error) -> str:
    """SQLite's words, with a full disk or a read-only file said plainly (never "damaged")."""
    from focusgroup.store import media

    code = int(getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
    if code == media.SQLITE_FULL:
        return f"the disk is full ({error}); free some space, then do it again"
    if code == media.SQLITE_READONLY:
        return f"the session file can't be written: read-only media or permissions ({error})"
    return str(error)
