"""Injectable time sources, so the timer and the start form are deterministic in tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

Clock = Callable[[], float]
"""Seconds on a monotonic clock."""

Today = Callable[[], str]
"""Today's date as YYYY-MM-DD."""


def monotonic() -> float:
    return time.monotonic()


def today() -> str:
    return date.today().isoformat()


def fixed_clock(seconds: float = 0.0) -> Clock:
    """A clock that never moves (snapshots); tests can wrap a list to move it by hand."""
    return lambda: seconds
