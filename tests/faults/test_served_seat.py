"""The served seat under faults (issue 21): a dropped tab's process is killed and reaped.

Before: when a browser tab dropped while its app process was writing a large frame,
textual-serve stopped reading the process's output and only wrote "quit" to its input,
which the blocked process never read; it ran on, its seat was counted free, and more
processes ran than --max-seats.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from focusgroup.serve import supervisor
from focusgroup.serve.server import TOKEN_COOKIE, SeatServer, seat_actor, seat_argv
from focusgroup.store import SessionStore

# A seat that starts like a Textual app, then writes huge frames forever and never reads stdin.
FLOODING_SEAT = r"""
import json, os, sys
with open(sys.argv[1] + ".tmp", "w") as f:
    json.dump({"pid": os.getpid(), "columns": os.environ["COLUMNS"], "rows": os.environ["ROWS"]}, f)
os.replace(sys.argv[1] + ".tmp", sys.argv[1])
out = sys.stdout.buffer
out.write(b"__GANGLION__\n")
frame = b"x" * (4 * 1024 * 1024)
while True:
    out.write(b"D" + len(frame).to_bytes(4, "big") + frame)
    out.flush()
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def wait_for(condition, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


@pytest.fixture
async def flooding_server(store: SessionStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(supervisor, "QUIT_TIMEOUT", 1.0)
    script = tmp_path / "flood.py"
    script.write_text(FLOODING_SEAT)
    infos: list[Path] = []

    def argv(slot: int) -> list[str]:
        info = tmp_path / f"seat-{len(infos)}.json"
        infos.append(info)
        return [sys.executable, str(script), str(info)]

    server = SeatServer(store.path, host="127.0.0.1", port=0, max_seats=1, seat_argv_factory=argv)
    await server.start()
    server.infos = infos  # type: ignore[attr-defined]
    yield server
    await server.stop()


async def _seat(server: SeatServer, info: Path) -> dict:
    await wait_for(info.exists)
    return json.loads(info.read_text())


async def test_a_dropped_tab_kills_and_reaps_a_seat_stuck_writing(flooding_server) -> None:
    server = flooding_server
    base = f"http://127.0.0.1:{server.port}"
    headers = {"Cookie": f"{TOKEN_COOKIE}={server.token}"}
    async with aiohttp.ClientSession() as http:
        ws = await http.ws_connect(
            f"{base}/ws?width=1000000&height=99999", origin=base, headers=headers, max_msg_size=0
        )
        seat = await _seat(server, server.infos[0])
        assert (seat["columns"], seat["rows"]) == ("400", "200")  # clamped
        first = await ws.receive(timeout=10)  # the first huge frame arrives
        assert first.type == aiohttp.WSMsgType.BINARY and len(first.data) == 4 * 1024 * 1024
        assert server.seats == 1 and alive(seat["pid"])
        # The tab drops: the connection is cut without a closing handshake, mid-frame.
        ws._writer.transport.abort()  # type: ignore[attr-defined]
        await wait_for(lambda: server.seats == 0)
        assert not alive(seat["pid"])  # killed and reaped (no zombie either)

        # The seat is free again: a new tab gets a new process.
        ws2 = await http.ws_connect(f"{base}/ws", origin=base, headers=headers)
        second = await _seat(server, server.infos[1])
        assert second["pid"] != seat["pid"] and alive(second["pid"])
        # While it runs, --max-seats 1 turns a third tab away.
        with pytest.raises(aiohttp.WSServerHandshakeError) as full:
            await http.ws_connect(f"{base}/ws", origin=base, headers=headers)
        assert full.value.status == 503
        await ws2.close()
        await wait_for(lambda: server.seats == 0)
        assert not alive(second["pid"])


def test_each_browser_tab_is_its_own_writer(store: SessionStore, tmp_path: Path) -> None:
    """Tab 2's ctrl+z never takes back tab 1's note."""
    argv1, argv2 = (
        seat_argv(store.path, "note-taker", seat_actor(1)),
        seat_argv(store.path, "note-taker", seat_actor(2)),
    )
    actor1 = argv1[argv1.index("--actor") + 1]
    actor2 = argv2[argv2.index("--actor") + 1]
    assert actor1 != actor2 and "note-taker" != actor1
    tab1 = SessionStore.open(store.path, actor=actor1)
    tab2 = SessionStore.open(store.path, actor=actor2)
    try:
        tab1.add_note("Tab one's note")
        tab2.add_note("Tab two's note")
        assert tab2.undo() is not None
        assert tab2.undo() is None  # nothing more of tab 2's
        assert [n.text for n in tab1.notes()] == ["Tab one's note"]
    finally:
        tab1.close()
        tab2.close()


def test_the_seat_program_opens_the_file_as_its_actor(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from focusgroup.tui import launch, seat

    seen: list[tuple] = []
    monkeypatch.setattr(
        launch, "run_session", lambda path, role, actor=None: seen.append((role, actor))
    )
    argv = seat_argv(store.path, "note-taker", seat_actor(2))
    seat.main(argv[3:])
    assert seen == [("note-taker", "note-taker (browser 2)")]
