"""The agenda step's timer as stored in the session, so closing the laptop doesn't reset it.

Stored times are wall-clock seconds (epoch): the meeting's time goes on while the app is
closed, so a reopened timer shows what the room's clock shows.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class TimerState:
    step: int
    """The agenda step this timer belongs to; another step starts a fresh timer."""
    duration: float
    """Seconds allowed, including minutes added with +."""
    elapsed: float
    """Seconds used before `running_since` (all of them when paused)."""
    running_since: float | None
    """Epoch seconds when it last started running; None while paused."""

    def elapsed_at(self, now: float) -> float:
        running = 0.0 if self.running_since is None else max(0.0, now - self.running_since)
        return self.elapsed + running

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> TimerState | None:
        """The stored state, or None when nothing (or something unreadable) is stored."""
        if not text:
            return None
        try:
            data = json.loads(text)
            since = data["running_since"]
            return cls(
                step=int(data["step"]),
                duration=float(data["duration"]),
                elapsed=float(data["elapsed"]),
                running_since=None if since is None else float(since),
            )
        except (ValueError, TypeError, KeyError):
            return None  # a damaged value: the timer simply starts the step afresh
