"""Phones in the room: a small web server where employers type their own cards.

One page, served from the facilitator's laptop over the room's network. Every route needs the
secret token (from the join link, then a cookie); every POST needs the phone's CSRF token and,
when the browser sends one, an Origin of this server; bodies are capped; each phone is rate
limited; the number of phones is capped. A phone only ever sees the cards it sent itself.

Cards go through `CollectionDesk`, i.e. the store's own actions, written as the facilitator's
seat (undoable on the wall). The same server runs inside the wall (a key) or on its own
(`focusgroup collect`); either way the state (open, paused, closed) is read from the collect
file beside the session, so the wall can pause or close a collector it did not start.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import signal
import time
from collections import deque
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from focusgroup.domain.collection import (
    ALL_FIELDS,
    SubmissionError,
    card_fields,
    parse_submission,
)
from focusgroup.domain.errors import FocusGroupError
from focusgroup.domain.model import Seat
from focusgroup.serve import collect_file
from focusgroup.serve.collect_desk import CollectionDesk
from focusgroup.serve.collect_page import PageState, render_page
from focusgroup.serve.network import (
    allowed_hosts,
    free_port,
    lan_address,
    same_origin,
    token_matches,
    url_host,
)
from focusgroup.store import SessionStore

DEFAULT_PORT = 8766
DEFAULT_MAX_PHONES = 60
TOKEN_COOKIE = "fg_collect_token"
PHONE_COOKIE = "fg_phone"
MAX_BODY = 8 * 1024
"""A full form is under 2 KB; anything bigger is not from our page."""
PHONE_ID_LENGTH = 20
"""A phone cookie is 22 URL-safe characters; shorter is not one we issued (the CSRF token,
an HMAC of it, proves the rest)."""
SENDS_PER_MINUTE = 12
"""Per phone: a person sends two or three times; a script sends hundreds."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class CollectServer:
    """Serves the card page for one session file."""

    def __init__(
        self,
        session_path: str | Path,
        *,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        token: str | None = None,
        max_phones: int = DEFAULT_MAX_PHONES,
    ) -> None:
        self.session_path = Path(session_path)
        self.host = host
        self.port = port or free_port("127.0.0.1" if host in ("", "0.0.0.0", "::") else host)
        self.token = token or secrets.token_urlsafe(18)
        self.max_phones = max_phones
        self.public_host = lan_address() if host in ("", "0.0.0.0", "::") else host
        self.allowed_hosts = allowed_hosts(host, self.public_host, self.port)
        self.store = SessionStore.open(self.session_path, actor=Seat.PHONES.value)
        self.desk = CollectionDesk(self.store)
        self.state = "open"
        """Used when no collect file is written (tests of the server alone)."""
        self._csrf_key = secrets.token_bytes(32)
        self._lock = asyncio.Lock()
        self._sends: dict[str, deque[float]] = {}
        self._runner: web.AppRunner | None = None

    @property
    def join_url(self) -> str:
        return f"http://{url_host(self.public_host)}:{self.port}/?token={self.token}"

    def current_state(self) -> str:
        return collect_file.read_state(self.session_path) or self.state

    # -- the guard --------------------------------------------------------------------------

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.host not in self.allowed_hosts:
            raise web.HTTPForbidden(text="Unknown host name for this focusgroup server.\n")
        from_query = request.query.get("token", "")
        offered = from_query or request.cookies.get(TOKEN_COOKIE, "")
        if not token_matches(offered, self.token):
            raise web.HTTPForbidden(text="This page needs the join link shown on the wall.\n")
        if request.method == "POST":
            origin = request.headers.get("Origin")
            if origin is not None and not same_origin(origin, self.allowed_hosts):
                raise web.HTTPForbidden(text="Refused: this form was not sent from this page.\n")
        elif request.method not in ("GET", "HEAD"):
            raise web.HTTPMethodNotAllowed(request.method, ["GET", "POST"])
        if from_query and request.method == "GET" and request.path == "/":
            # Keep the token out of the address bar and history: a cookie carries it from here.
            response: web.StreamResponse = web.Response(status=303, headers={"Location": "/"})
            response.set_cookie(
                TOKEN_COOKIE, self.token, httponly=True, samesite="Strict", path="/"
            )
        else:
            response = await handler(request)
        if not response.prepared:
            # same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on
            # the page's own form posts, and the Origin check below refuses them.
            response.headers["Referrer-Policy"] = "same-origin"
            response.headers["Cache-Control"] = "no-store"
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["Content-Security-Policy"] = (
                "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                "connect-src 'self'; form-action 'self'; frame-ancestors 'none'"
            )
        return response

    def _csrf(self, phone: str) -> str:
        return hmac.new(self._csrf_key, phone.encode(), hashlib.sha256).hexdigest()

    # -- routes -----------------------------------------------------------------------------

    async def page(self, request: web.Request) -> web.Response:
        phone = request.cookies.get(PHONE_COOKIE, "")
        new_phone = len(phone) < PHONE_ID_LENGTH
        if new_phone:  # counted against the cap only once it sends (page loads are free)
            phone = secrets.token_urlsafe(16)
        notice = "Received. Thank you! You can fix a typo below." if "sent" in request.query else ""
        if "fixed" in request.query:
            notice = "Saved."
        response = await self._render(phone, notice=notice)
        if new_phone:
            response.set_cookie(PHONE_COOKIE, phone, httponly=True, samesite="Strict", path="/")
        return response

    async def send(self, request: web.Request) -> web.Response:
        phone, form = await self._checked_form(request)
        values = {
            k: v for k, v in form.items() if isinstance(v, str) and not k.startswith("reason_")
        }
        ticked = {
            name: [v for v in form.getall(f"reason_{name}", []) if isinstance(v, str)]
            for name in ALL_FIELDS
        }
        state = self.current_state()
        if state != "open":
            message = (
                "Cards are closed."
                if state == "closed"
                else "Paused for a moment: your cards are kept here; press Send again when the "
                "facilitator resumes."
            )
            return await self._render(phone, values, ticked, error=message, status=409)
        async with self._lock:
            third = await asyncio.to_thread(self.desk.third_card_step)
            keys = [key for key, _ in await asyncio.to_thread(self.desk.reasons)]
            try:
                submission = parse_submission(
                    values, third_card_step=third, reason_keys=keys, reasons_for=ticked
                )
                await asyncio.to_thread(self.desk.submit, phone, submission)
            except SubmissionError as error:
                refused = (str(error), error.field)
            except FocusGroupError as error:
                refused = (str(error), "")
            else:
                raise web.HTTPSeeOther("./?sent=1")
        return await self._render(
            phone, values, ticked, error=refused[0], error_field=refused[1], status=400
        )

    async def fix(self, request: web.Request) -> web.Response:
        phone, form = await self._checked_form(request)
        if self.current_state() == "closed":
            return await self._render(phone, error="Cards are closed.", status=409)
        try:
            card_id = int(str(form.get("card", "")))
        except ValueError:
            raise web.HTTPBadRequest(text="Malformed form.\n") from None
        text = str(form.get("text", ""))
        async with self._lock:
            try:
                await asyncio.to_thread(self.desk.fix, phone, card_id, text)
            except FocusGroupError as error:
                message = str(error)
            else:
                raise web.HTTPSeeOther("./?fixed=1")
        return await self._render(phone, error=message, error_field="fix", status=400)

    async def names(self, request: web.Request) -> web.Response:
        typed = request.query.get("q", "")[:120]
        async with self._lock:
            found = await asyncio.to_thread(self.desk.suggestions, typed)
        return web.json_response(found)

    # -- helpers ----------------------------------------------------------------------------

    async def _checked_form(self, request: web.Request) -> tuple[str, Any]:
        phone = request.cookies.get(PHONE_COOKIE, "")
        if len(phone) < PHONE_ID_LENGTH:
            raise web.HTTPForbidden(text="Open the card page from the join link first.\n")
        if phone not in self.desk.phones and len(self.desk.phones) >= self.max_phones:
            raise web.HTTPServiceUnavailable(
                text=f"This room's card page is full ({self.max_phones} phones).\n"
            )
        if not self._allow_send(phone):
            raise web.HTTPTooManyRequests(text="Too many sends from this phone; wait a minute.\n")
        if request.content_type not in ("application/x-www-form-urlencoded", "multipart/form-data"):
            raise web.HTTPUnsupportedMediaType(text="Send the form from the card page.\n")
        try:
            form = await request.post()
        except web.HTTPRequestEntityTooLarge:
            raise web.HTTPRequestEntityTooLarge(
                max_size=MAX_BODY,
                actual_size=request.content_length or 0,
                text="That is too much text for one card page.\n",
            ) from None
        except (ValueError, UnicodeDecodeError):
            raise web.HTTPBadRequest(text="Malformed form.\n") from None
        offered = str(form.get("csrf", ""))
        if not hmac.compare_digest(offered, self._csrf(phone)):
            raise web.HTTPForbidden(text="Refused: this form was not sent from this page.\n")
        return phone, form

    def _allow_send(self, phone: str) -> bool:
        now = time.monotonic()
        recent = self._sends.setdefault(phone, deque())
        while recent and now - recent[0] > 60:
            recent.popleft()
        if len(recent) >= SENDS_PER_MINUTE:
            return False
        recent.append(now)
        return True

    async def _render(
        self,
        phone: str,
        values: dict[str, str] | None = None,
        ticked: dict[str, list[str]] | None = None,
        *,
        error: str = "",
        error_field: str = "",
        notice: str = "",
        status: int = 200,
    ) -> web.Response:
        async with self._lock:
            facts = await asyncio.to_thread(self._page_facts, phone)
            title, third, reasons, (who, sent), prompt, (firsts_left, thirds_left) = facts
            if values is None:
                values = await asyncio.to_thread(self.desk.identity, phone)
        fields = card_fields(third)
        if third:
            fields = fields if thirds_left else ()
        else:
            fields = fields[len(fields) - firsts_left :] if firsts_left else ()
        # A page refused after the step changed keeps the boxes its person typed in.
        fields = tuple(dict.fromkeys((*fields, *(f for f in ALL_FIELDS if (values or {}).get(f)))))
        page = PageState(
            title=title,
            state=self.current_state(),
            csrf=self._csrf(phone),
            card_fields=fields,
            prompt=prompt,
            reasons=reasons,
            values=values or {},
            ticked=ticked or {},
            error=error,
            error_field=error_field,
            sent_as=who,
            sent=sent,
            notice=notice,
        )
        return web.Response(text=render_page(page), content_type="text/html", status=status)

    def _page_facts(self, phone: str) -> tuple[Any, ...]:
        return (
            self.store.session().title,
            self.desk.third_card_step(),
            self.desk.reasons(),
            self.desk.sent(phone),
            self.desk.prompt(),
            self.desk.cards_left(phone),
        )

    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self.guard])
        app.router.add_get("/", self.page)
        app.router.add_post("/send", self.send)
        app.router.add_post("/fix", self.fix)
        app.router.add_get("/names", self.names)
        return app

    # -- running ----------------------------------------------------------------------------

    async def start(self) -> None:
        """Serve inside the running event loop (the wall, or tests)."""
        self._runner = web.AppRunner(self.make_app(), handle_signals=False, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        collect_file.write(self.session_path, self.join_url, self.state)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        collect_file.remove(self.session_path)
        self.store.close()

    def serve(self, on_ready: Callable[[], None] | None = None) -> None:
        """Serve until Ctrl+C or SIGTERM (the `collect` command)."""
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            loop.add_signal_handler(signal.SIGINT, loop.stop)
            loop.add_signal_handler(signal.SIGTERM, loop.stop)
        except NotImplementedError:
            pass
        try:
            loop.run_until_complete(self.start())
            if on_ready is not None:
                on_ready()
            loop.run_forever()
        except KeyboardInterrupt:
            pass
        finally:
            loop.run_until_complete(self.stop())
            loop.close()
