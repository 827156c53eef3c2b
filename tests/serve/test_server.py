"""The browser seat's guard, over real HTTP on loopback: token, Origin, Host, seat cap."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

import focusgroup.serve.server
from focusgroup.serve.server import TOKEN_COOKIE, SeatServer, seat_command
from focusgroup.store import SessionStore


class FakeAppService:
    """Stands in for textual-serve's AppService: records spawns instead of running the app."""

    started: list[tuple[int, int]] = []

    def __init__(self, command: str, **_: object) -> None:
        self.command = command

    async def start(self, width: int, height: int) -> None:
        FakeAppService.started.append((width, height))

    async def stop(self) -> None:
        pass

    async def send_bytes(self, data: bytes) -> None:
        pass

    async def set_terminal_size(self, width: int, height: int) -> None:
        pass


@pytest.fixture
async def server(store: SessionStore, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[SeatServer]:
    FakeAppService.started = []
    monkeypatch.setattr(focusgroup.serve.server, "SeatService", FakeAppService)
    seat_server = SeatServer(store.path, host="127.0.0.1", port=0, max_seats=1)
    await seat_server.start()
    yield seat_server
    await seat_server.stop()


def base(server: SeatServer) -> str:
    return f"http://127.0.0.1:{server.port}"


async def test_page_needs_the_token(server: SeatServer) -> None:
    """No token or a wrong one: 403, and no app process is started."""
    async with aiohttp.ClientSession() as http:
        for url in ("/", "/?token=wrong", f"/?token={server.token}x", "/static/js/textual.js"):
            async with http.get(base(server) + url) as response:
                assert response.status == 403, url
                assert TOKEN_COOKIE not in response.cookies
    assert FakeAppService.started == []


async def test_right_token_serves_the_app_page_and_sets_the_cookie(server: SeatServer) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(server.join_url.replace(server.public_url, base(server))) as page:
            assert page.status == 200
            html = await page.text()
            assert 'class="textual-terminal"' in html
            assert f'data-session-websocket-url="ws://127.0.0.1:{server.port}/ws"' in html
            assert page.headers["Referrer-Policy"] == "no-referrer"
            cookie = page.cookies[TOKEN_COOKIE]
            assert cookie.value == server.token
            assert cookie["httponly"] and cookie["samesite"] == "Strict"
        # The page's own assets come with the cookie, not the token.
        headers = {"Cookie": f"{TOKEN_COOKIE}={server.token}"}
        async with http.get(base(server) + "/static/js/textual.js", headers=headers) as asset:
            assert asset.status == 200


async def test_websocket_without_token_is_refused(server: SeatServer) -> None:
    async with aiohttp.ClientSession() as http:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(base(server) + "/ws", origin=base(server))
        assert refused.value.status == 403
    assert FakeAppService.started == []


async def test_cross_origin_websocket_is_refused(server: SeatServer) -> None:
    """Even with the cookie (a page on another site can make the browser send it)."""
    headers = {"Cookie": f"{TOKEN_COOKIE}={server.token}"}
    async with aiohttp.ClientSession() as http:
        for origin in ("http://evil.example", f"http://127.0.0.1:{server.port + 1}", None):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(base(server) + "/ws", origin=origin, headers=headers)
            assert refused.value.status == 403, origin
    assert FakeAppService.started == []


async def test_same_origin_websocket_with_cookie_starts_one_seat(server: SeatServer) -> None:
    headers = {"Cookie": f"{TOKEN_COOKIE}={server.token}"}
    async with aiohttp.ClientSession() as http:
        url = base(server) + "/ws?width=100&height=30"
        async with http.ws_connect(url, origin=base(server), headers=headers) as ws:
            await ws.send_json(["ping", "1"])
            assert await ws.receive_json(timeout=5) == ["pong", "1"]
            assert FakeAppService.started == [(100, 30)]
            # max_seats=1: a second tab is turned away rather than spawning another process.
            with pytest.raises(aiohttp.WSServerHandshakeError) as full:
                await http.ws_connect(url, origin=base(server), headers=headers)
            assert full.value.status == 503
    assert FakeAppService.started == [(100, 30)]


async def test_foreign_host_header_is_refused(server: SeatServer) -> None:
    """DNS rebinding: a name pointing at us is not one of ours, token or not."""
    async with aiohttp.ClientSession() as http:
        headers = {"Host": f"rebind.example:{server.port}"}
        async with http.get(f"{base(server)}/?token={server.token}", headers=headers) as page:
            assert page.status == 403


def test_tokens_are_random_and_the_command_quotes_the_path(tmp_path: Path) -> None:
    odd = tmp_path / "it's a meeting; rm -rf.db"
    first, second = SeatServer(odd, port=1), SeatServer(odd, port=1)
    assert first.token != second.token and len(first.token) >= 24
    assert first.host == "127.0.0.1"
    assert "'\"'\"'" in seat_command(odd)  # shlex-quoted apostrophe
    assert first.join_url == f"http://127.0.0.1:1/?token={first.token}"
