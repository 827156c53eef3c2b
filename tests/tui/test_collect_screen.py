"""`C` on the wall: the phones' card page runs inside the app, and phones' cards reach the wall."""

from __future__ import annotations

import re

import aiohttp
from textual.pilot import Pilot

from focusgroup.serve import collect_file
from focusgroup.tui.app import FocusGroupApp
from focusgroup.tui.screens.collect import CollectScreen
from tests.tui.builders import board, screen_text, shown


async def wait_for(pilot: Pilot, check, seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if check():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


async def send_from_phone(url: str, **fields: str) -> int:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(url) as r:
            page = await r.text()
        csrf = re.search(r"name='csrf' value='([0-9a-f]+)'", page).group(1)
        base = url.split("/?")[0]
        async with http.post(f"{base}/send", data={**fields, "csrf": csrf}) as r:
            return r.status


async def test_phone_cards_land_on_the_wall_and_undo_there(wall_app: FocusGroupApp) -> None:
    path = wall_app.store.path
    async with wall_app.run_test(size=(160, 50)) as pilot:
        await pilot.press("C")
        assert isinstance(wall_app.screen, CollectScreen)
        await wait_for(pilot, lambda: collect_file.read(path) is not None)
        url, state = collect_file.read(path)
        assert state == "open" and "//127.0.0.1:" in url  # loopback until told otherwise
        await wait_for(pilot, lambda: url in screen_text(wall_app))
        help_line = " ".join(str(wall_app.screen.query_one("#collect-help").render()).split())
        assert "press n to let phones on the room's network in" in help_line
        assert "Space pauses, x closes, o reopens, u takes back the last phone send" in help_line
        assert "Esc goes back to the wall" in help_line

        status = await send_from_phone(
            url, name="Bo [/] Chen", organization="Chen Works", first_card="Drone pilot [red]"
        )
        assert status == 200
        await pilot.press("escape")  # the help line: Esc goes back to the wall
        assert not isinstance(wall_app.screen, CollectScreen)
        card = next(c for c in wall_app.store.cards() if c.text == "Drone pilot [red]")
        # On the wall within a second, literally (its column wraps it after "pilot").
        await wait_for(
            pilot,
            lambda: card.id in board(wall_app).tiles and "Drone pilot" in shown(wall_app, card.id),
            seconds=1.5,
        )
        assert "[red]" in shown(wall_app, card.id)
        assert wall_app.store.participant(card.participant_id).name == "Bo [/] Chen"

        await pilot.press("ctrl+z")  # the wall's undo is the facilitator's: the card stays
        await pilot.pause(0.3)
        assert any(c.text == "Drone pilot [red]" for c in wall_app.store.cards())
        await pilot.press("C", "u")  # the help line: u takes back the last phone send
        await pilot.press("escape")
        await wait_for(pilot, lambda: "Drone pilot" not in screen_text(wall_app))
        assert all(c.text != "Drone pilot [red]" for c in wall_app.store.cards())


async def test_the_screens_keys_pause_close_reopen_and_open_the_room(
    wall_app: FocusGroupApp,
) -> None:
    from focusgroup.tui.collector import _ATTRIBUTE

    path = wall_app.store.path
    async with wall_app.run_test(size=(160, 50)) as pilot:
        await pilot.press("C")
        await wait_for(pilot, lambda: collect_file.read(path) is not None)
        url = collect_file.read(path)[0]
        await pilot.press("space")
        assert collect_file.read_state(path) == "paused"
        assert await send_from_phone(url, name="Ana", first_card="Welder") == 409
        await pilot.press("space")
        assert collect_file.read_state(path) == "open"
        await pilot.press("x")
        assert collect_file.read_state(path) == "closed"
        await wait_for(pilot, lambda: "Closed: phones see" in screen_text(wall_app))
        await pilot.press("o")
        assert collect_file.read_state(path) == "open"
        await pilot.press("n")
        await wait_for(pilot, lambda: getattr(wall_app, _ATTRIBUTE).host == "0.0.0.0")
        await wait_for(pilot, lambda: collect_file.read(path) is not None)
        assert collect_file.read_state(path) == "open"  # the state survives the move
        await pilot.press("C")  # C again (or Esc) goes back to the wall
        assert not isinstance(wall_app.screen, CollectScreen)
    assert collect_file.read(path) is None  # the app quit: the link no longer works


async def test_the_wall_title_shows_the_phones_state_and_the_projector_the_link(
    wall_app: FocusGroupApp,
) -> None:
    path = wall_app.store.path
    async with wall_app.run_test(size=(200, 50)) as pilot:
        await pilot.press("C")
        await wait_for(pilot, lambda: collect_file.read(path) is not None)
        url = collect_file.read(path)[0]
        await pilot.press("escape")
        title = wall_app.screen.query_one("#bar-title")
        await wait_for(pilot, lambda: "Phones: open" in str(title.render()))
        assert url not in str(title.render())  # the token is not on the laptop's own bar
        await pilot.press("v")  # projector view: the room can type the link too
        assert url in str(title.render())
        collect_file.set_state(path, "paused")
        await wait_for(pilot, lambda: "Phones: paused" in str(title.render()))
        assert url not in str(title.render())
