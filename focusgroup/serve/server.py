"""textual-serve behind a secret join link: the note-taker's seat in a browser.

textual-serve has no authentication, no Origin check, and spawns one app process per websocket
(see ENGINEERING.md §3). `SeatServer` wraps its aiohttp app with one middleware that, before any
handler runs (so before anything is spawned):

- refuses requests whose Host header is not this machine (DNS rebinding);
- requires the secret token, from `?token=` or from the cookie set by the first good page load;
- refuses websocket upgrades whose Origin is not this server (cross-site websocket hijacking);
- caps the number of live seats (every seat is another process writing the session file).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import shlex
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from aiohttp.web_runner import GracefulExit
from textual_serve.server import Server, to_int

from focusgroup.serve.network import (
    allowed_hosts,
    free_port,
    is_wildcard,
    lan_address,
    same_origin,
    token_matches,
    url_host,
)
from focusgroup.serve.supervisor import SeatService, clamp_size

log = logging.getLogger("focusgroup.serve")

TOKEN_COOKIE = "focusgroup_token"
TOKEN_BYTES = 18
"""144 bits; 24 URL-safe characters keep the QR code small enough for a terminal."""
DEFAULT_PORT = 8765
DEFAULT_MAX_SEATS = 3
TITLE = "focusgroup: note-taker"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def seat_argv(session_path: Path, role: str = "note-taker", actor: str = "") -> list[str]:
    """The program each browser seat runs; `actor` names the seat in the undo history."""
    argv = [sys.executable, "-m", "focusgroup.tui.seat", str(session_path.resolve())]
    argv += ["--role", role]
    return argv + (["--actor", actor] if actor else [])


def seat_command(session_path: Path, role: str = "note-taker") -> str:
    """The same as one shell command (what `textual serve` would be given)."""
    return " ".join(shlex.quote(part) for part in seat_argv(session_path, role))


def seat_actor(slot: int, role: str = "note-taker") -> str:
    """Each browser tab is its own writer: tab 2's ctrl+z never takes back tab 1's note."""
    return f"{role} (browser {slot})"


class SeatServer(Server):
    """Serves the note-taker seat of one session file to browsers that know the token."""

    def __init__(
        self,
        session_path: str | Path,
        *,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        token: str | None = None,
        max_seats: int = DEFAULT_MAX_SEATS,
        command: str | None = None,
        seat_argv_factory: Callable[[int], list[str]] | None = None,
    ) -> None:
        self.session_path = Path(session_path)
        self.token = token or secrets.token_urlsafe(TOKEN_BYTES)
        self.max_seats = max_seats
        self.services: dict[int, SeatService] = {}
        """Seat slot (1, 2...) -> its app process, until that process has been reaped."""
        self.seat_argv = seat_argv_factory or (
            lambda slot: seat_argv(self.session_path, "note-taker", seat_actor(slot))
        )
        port = port or free_port("127.0.0.1" if is_wildcard(host) else host)
        public_host = lan_address() if is_wildcard(host) else host
        super().__init__(
            command or seat_command(self.session_path),
            host=host,
            port=port,
            title=TITLE,
            public_url=f"http://{url_host(public_host)}:{port}",
        )
        self.allowed_hosts = allowed_hosts(host, public_host, port)
        self._runner: web.AppRunner | None = None

    @property
    def join_url(self) -> str:
        """What the note-taker opens (or scans): the page, with the secret token."""
        return f"{self.public_url}/?token={self.token}"

    # -- the guard ------------------------------------------------------------------------------

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.host not in self.allowed_hosts:
            raise web.HTTPForbidden(text="Unknown host name for this focusgroup server.\n")
        from_query = request.query.get("token", "")
        offered = from_query or request.cookies.get(TOKEN_COOKIE, "")
        if not token_matches(offered, self.token):
            raise web.HTTPForbidden(text="This link needs the join token printed by serve.\n")
        if request.path == "/ws":
            if not same_origin(request.headers.get("Origin", ""), self.allowed_hosts):
                raise web.HTTPForbidden(text="Websocket refused: wrong origin.\n")
            if self.seats >= self.max_seats:
                raise web.HTTPServiceUnavailable(text="All note-taker seats are in use.\n")
        response = await handler(request)
        if from_query and request.path == "/" and not response.prepared:
            # The page's own websocket and static requests carry no token; the cookie does.
            response.set_cookie(
                TOKEN_COOKIE, self.token, httponly=True, samesite="Strict", path="/"
            )
        if not response.prepared:
            response.headers["Referrer-Policy"] = "no-referrer"  # keep the token out of logs
            response.headers["Cache-Control"] = "no-store"
        return response

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.insert(0, self.guard)
        return app

    # -- handlers ---------------------------------------------------------------------------------

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """textual-serve's page, with URLs built from the (checked) Host the browser used.

        The stock page uses `public_url`; opened as localhost instead of 127.0.0.1, its
        websocket would go to another host and arrive without the cookie.
        """
        base = f"{request.host}"
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"ws://{base}/ws",
            "config": {"static": {"url": f"http://{base}/static/"}},
            "application": {"name": self.title},
        }

    @property
    def seats(self) -> int:
        """Seat processes alive (or not yet reaped) right now: what --max-seats counts."""
        return len(self.services)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handler, with the seat process supervised (see supervisor.py)."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width, height = clamp_size(
            to_int(request.query.get("width", "80"), 80),
            to_int(request.query.get("height", "24"), 24),
        )
        slot = next(n for n in range(1, self.max_seats + 2) if n not in self.services)
        service = SeatService(
            self.seat_argv(slot),
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        self.services[slot] = service  # counted before it starts, freed once reaped
        try:
            await websocket.prepare(request)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            pass
        except Exception as error:
            log.warning("seat %d ended: %s", slot, error)
        finally:
            # Shielded: the handler may itself be cancelled when the client vanishes.
            await asyncio.shield(self._end_seat(slot, service, websocket))
        return websocket

    async def _end_seat(
        self, slot: int, service: SeatService, websocket: web.WebSocketResponse
    ) -> None:
        try:
            await service.stop()
        finally:
            self.services.pop(slot, None)  # reaped: the seat is free
        with contextlib.suppress(Exception):
            # A vanished client never answers the closing handshake; don't wait the default 10 s.
            await asyncio.wait_for(websocket.close(), timeout=1.0)

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: the CLI prints its own banner with the join link once the port is bound."""

    # -- running ----------------------------------------------------------------------------------

    async def start(self) -> None:
        """Start serving inside the running event loop (tests, or the facilitator's app)."""
        self._runner = web.AppRunner(await self._make_app(), handle_signals=False)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def serve(self, debug: bool = False, on_ready: Callable[[], None] | None = None) -> None:
        """Serve until Ctrl+C. `on_ready` runs once the port is bound."""
        self.debug = debug
        self.initialize_logging()
        # textual-serve #27: serve() can fail with "There is no current event loop".
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        except NotImplementedError:
            pass

        def ready(*_: object) -> None:  # aiohttp calls this after the sites are bound
            if on_ready is not None:
                on_ready()

        try:
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                print=ready,
                access_log=None,  # its lines would print the secret token (`GET /?token=...`)
            )
        except GracefulExit:
            pass
