"""End to end: the right link in, a real note-taker app process out, drawn over the websocket."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest

from focusgroup.serve.server import TOKEN_COOKIE, SeatServer
from focusgroup.store import SessionStore

pytestmark = pytest.mark.slow  # subprocesses: `make test-fast` leaves these out


async def test_a_browser_seat_runs_the_note_taker_screen(store: SessionStore) -> None:
    server = SeatServer(store.path, host="127.0.0.1", port=0)
    await server.start()
    base = f"http://127.0.0.1:{server.port}"
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/?token={server.token}") as page:
                assert page.status == 200
            headers = {"Cookie": f"{TOKEN_COOKIE}={server.token}"}
            async with http.ws_connect(
                f"{base}/ws?width=120&height=40", origin=base, headers=headers
            ) as ws:
                drawn = b""
                deadline = time.monotonic() + 20
                while b"note-taker seat" not in drawn:
                    assert time.monotonic() < deadline, "the seat never drew its screen"
                    message = await ws.receive(timeout=20)
                    assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT)
                    data = message.data
                    drawn += data if isinstance(data, bytes) else data.encode()
                assert server.seats == 1
        for _ in range(100):  # closing the tab ends the seat
            if server.seats == 0:
                break
            await asyncio.sleep(0.05)
        assert server.seats == 0
    finally:
        await server.stop()
