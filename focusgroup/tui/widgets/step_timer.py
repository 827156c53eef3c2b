"""A countdown for the current agenda step: pause, extend, and a warning as time runs out.

Time comes from the app's injectable clock, so snapshots and tests are deterministic.
"""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from focusgroup.domain.timer import TimerState
from focusgroup.tui.clock import Clock

WARN_SECONDS = 60
"""Under a minute left: the timer turns amber and says so once."""


def format_seconds(seconds: float) -> str:
    whole = int(abs(seconds) + (0 if seconds >= 0 else 0.999))
    minutes, secs = divmod(whole, 60)
    return f"{minutes:02d}:{secs:02d}"


class StepTimer(Static):
    """Counts down from the step's minutes; colour and words change near and past the end."""

    class Warning(Message):
        """Posted once per step when a minute is left, and once when time is up."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, clock: Clock, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.clock = clock
        self.duration = 0.0
        self.started = clock()
        self.paused_at: float | None = None
        self._warned: set[str] = set()

    def on_mount(self) -> None:
        self.set_interval(0.5, self.tick, name="step-timer")
        self.tick()

    # -- state -------------------------------------------------------------------------------

    def restart(self, minutes: float) -> None:
        self.duration = minutes * 60
        self.started = self.clock()
        self.paused_at = None
        self._warned.clear()
        self.tick()

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    @property
    def elapsed(self) -> float:
        end = self.paused_at if self.paused_at is not None else self.clock()
        return end - self.started

    @property
    def remaining(self) -> float:
        return self.duration - self.elapsed

    def toggle_pause(self) -> bool:
        """Pause or resume; returns True when now paused."""
        if self.paused_at is None:
            self.paused_at = self.clock()
        else:
            self.started += self.clock() - self.paused_at
            self.paused_at = None
        self.tick()
        return self.paused

    def state(self, step: int, now_wall: float) -> TimerState:
        """What to store so a reopened app shows the same time (`now_wall`: epoch seconds)."""
        return TimerState(
            step=step,
            duration=self.duration,
            elapsed=self.elapsed,
            running_since=None if self.paused else now_wall,
        )

    def restore(self, state: TimerState, now_wall: float) -> None:
        """Carry on from a stored state: running time kept counting while the app was shut."""
        now = self.clock()
        self.duration = state.duration
        self.started = now - state.elapsed_at(now_wall)
        self.paused_at = now if state.running_since is None else None
        self._warned.clear()
        if self.remaining <= WARN_SECONDS:
            self._warned.add("minute")  # already said before closing; don't repeat it
        if self.remaining < 0:
            self._warned.add("over")
        self.tick()

    def extend(self, seconds: float = 60) -> None:
        self.duration += seconds
        if self.remaining > WARN_SECONDS:
            self._warned.clear()
        self.tick()

    # -- drawing -----------------------------------------------------------------------------

    def tick(self) -> None:
        left = self.remaining
        self.set_class(0 <= left <= WARN_SECONDS, "-warning")
        self.set_class(left < 0, "-over")
        self.set_class(self.paused, "-paused")
        if left < 0:
            text = Content.assemble((f"+{format_seconds(left)} OVER", "bold"))
            self._warn_once("over", "Time is up for this step.")
        else:
            text = Content.assemble((format_seconds(left), "bold"), " left")
            if left <= WARN_SECONDS:
                self._warn_once("minute", "One minute left for this step.")
        if self.paused:
            text = text + Content(" · PAUSED")
        # Fixed width in CSS: the once-a-second tick must not relayout the whole wall.
        self.update(text, layout=False)

    def _warn_once(self, key: str, text: str) -> None:
        if key not in self._warned and self.duration > 0:
            self._warned.add(key)
            self.post_message(self.Warning(text))
