"""Seat processes we own: started without a shell, killed and reaped when the tab goes away.

textual-serve's `AppService` stops reading a seat's stdout when the websocket drops and then
only writes "quit" to its stdin; a child blocked writing a large frame never reads it, so it
ran on (and its seat counter was freed, so more processes ran than --max-seats). Here each
seat runs in its own process group, is asked to quit on disconnect, and is killed and reaped
if it has not exited within a timeout. The terminal size a client asks for is clamped: a
browser asking for a million columns would make the app build frames of that size.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import signal
from asyncio.subprocess import PIPE, Process
from collections.abc import Sequence
from typing import Any

from textual_serve.app_service import AppService

MAX_COLUMNS, MAX_ROWS = 400, 200
MIN_COLUMNS, MIN_ROWS = 20, 8
QUIT_TIMEOUT = 3.0
"""Seconds a seat gets to quit by itself after its tab closed, before it is killed."""


def clamp_size(width: int, height: int) -> tuple[int, int]:
    return (
        max(MIN_COLUMNS, min(MAX_COLUMNS, int(width))),
        max(MIN_ROWS, min(MAX_ROWS, int(height))),
    )


class SeatService(AppService):
    """One browser seat's app process, supervised."""

    def __init__(self, argv: Sequence[str], **kwargs: Any) -> None:
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = list(argv)

    @property
    def process(self) -> Process | None:
        return self._process

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        width, height = clamp_size(width, height)
        # No shell (it would be the child we kill, leaving the app orphaned) and a process
        # group of its own, so the kill reaches anything the seat started.
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=PIPE,
            stdout=PIPE,
            stderr=PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def set_terminal_size(self, width: int, height: int) -> None:
        await super().set_terminal_size(*clamp_size(width, height))

    async def stop(self, timeout: float = QUIT_TIMEOUT) -> None:
        """Ask the seat to quit; kill its process group if it hasn't within `timeout`; reap."""
        if self._task is not None:  # nothing relays output to the gone tab any more
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None
        process = self._process
        if process is not None:
            # Keep reading (and dropping) its output: a child blocked writing a frame must
            # be able to finish that write, and asyncio's wait() only returns once the
            # pipes have reached end-of-file.
            drain = asyncio.ensure_future(_discard(process))
            if process.returncode is None:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(self.send_meta({"type": "quit"}), timeout=1.0)
                try:
                    await asyncio.wait_for(process.wait(), timeout=timeout)
                except TimeoutError:
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.killpg(process.pid, signal.SIGKILL)
            await process.wait()  # reaped: no zombie, and the seat is free again
            drain.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await drain
        with contextlib.suppress(Exception):
            await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)


async def _discard(process: Process) -> None:
    async def read_all(stream: asyncio.StreamReader | None) -> None:
        while stream is not None and await stream.read(1 << 16):
            pass

    await asyncio.gather(read_all(process.stdout), read_all(process.stderr))
