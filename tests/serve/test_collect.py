"""The phones' card page over real HTTP: token, CSRF, limits, and cards landing in the file."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import aiohttp
import pytest

from focusgroup.domain.model import UNSORTED, Seat
from focusgroup.serve import collect_file
from focusgroup.serve.collect import MAX_BODY, SENDS_PER_MINUTE, CollectServer
from focusgroup.serve.network import free_port
from focusgroup.store import SessionStore
from tests.builders import tiny_protocol


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    path = tmp_path / "meeting.db"
    store = SessionStore.create(path, tiny_protocol(), title="Phones [b]meeting[/b]")
    store.add_participant("Ana Ruiz", "Ruiz Tools")
    store.close()
    return path


@pytest.fixture
async def server(session_file: Path):
    srv = CollectServer(session_file, port=free_port())
    await srv.start()
    yield srv
    await srv.stop()


class Phone:
    """One phone: its own cookie jar, opened from the join link."""

    def __init__(self, server: CollectServer) -> None:
        self.server = server
        self.base = f"http://127.0.0.1:{server.port}"
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.csrf = ""

    async def open(self) -> str:
        async with self.http.get(
            self.server.join_url.replace(self.server.public_host, "127.0.0.1")
        ) as r:
            assert r.status == 200
            page = await r.text()
        self.csrf = re.search(r"name='csrf' value='([0-9a-f]+)'", page).group(1)
        return page

    async def post(self, route: str, data: dict | list, **headers: str) -> tuple[int, str]:
        form = list(data.items()) if isinstance(data, dict) else list(data)
        form.append(("csrf", self.csrf))
        async with self.http.post(f"{self.base}/{route}", data=form, headers=headers) as r:
            return r.status, await r.text()

    async def close(self) -> None:
        await self.http.close()


def cards_in(path: Path) -> list:
    with SessionStore.open(path) as store:
        return store.cards()


async def test_a_phone_sends_two_cards_exactly_as_typed(
    server: CollectServer, session_file: Path
) -> None:
    phone = Phone(server)
    page = await phone.open()
    for label in ("Name", "Organization", "First card", "Second card", "Send"):
        assert label in page
    assert "Phones [b]meeting[/b]" in page  # the title as text, escaped for HTML
    status, page = await phone.post(
        "send",
        [
            ("name", "Ana Ruiz"),
            ("organization", "Ruiz Tools"),
            ("first_card", "Welder [bold]AWS[/]"),
            ("second_card", "CNC machinist <b>"),
            ("reason_first_card", "hard"),
        ],
    )
    assert status == 200 and "Received. Thank you!" in page
    assert "CNC machinist &lt;b&gt;" in page and "<b>" not in page.split("Received from")[1]
    cards = cards_in(session_file)
    assert [c.text for c in cards] == ["Welder [bold]AWS[/]", "CNC machinist <b>"]
    assert all(c.level == UNSORTED and c.category_id is None for c in cards)
    assert cards[0].reasons == ("hard",)
    with SessionStore.open(session_file) as store:
        people = store.participants()
        assert len(people) == 1  # matched the registered Ana Ruiz, not a new person
        assert {c.participant_id for c in cards} == {people[0].id}
    await phone.close()


async def test_a_typo_is_fixed_until_the_facilitator_places_the_card(
    server: CollectServer, session_file: Path
) -> None:
    phone = Phone(server)
    await phone.open()
    await phone.post("send", {"name": "Zoë Quinn", "organization": "Quinn", "first_card": "Weldr"})
    card = cards_in(session_file)[0]
    status, page = await phone.post("fix", {"card": str(card.id), "text": "Welder"})
    assert status == 200 and "Saved." in page
    assert cards_in(session_file)[0].text == "Welder"
    with SessionStore.open(session_file, actor=Seat.FACILITATOR.value) as wall:
        wall.move_card(card.id, wall.categories()[0].id, "entry")
    status, page = await phone.post("fix", {"card": str(card.id), "text": "Welder II"})
    assert status == 400 and "The facilitator has placed that card" in page
    assert cards_in(session_file)[0].text == "Welder"
    # Another phone can never fix (or see) this phone's card.
    other = Phone(server)
    page = await other.open()
    assert "Welder" not in page and "Zoë" not in page
    status, _ = await other.post("fix", {"card": str(card.id), "text": "Hacked"})
    assert status == 400
    await phone.close()
    await other.close()


async def test_a_phone_send_is_its_own_seat_to_take_back(
    server: CollectServer, session_file: Path
) -> None:
    phone = Phone(server)
    await phone.open()
    await phone.post("send", {"name": "New Person", "organization": "Acme", "first_card": "Buyer"})
    with SessionStore.open(session_file, actor=Seat.FACILITATOR.value) as wall:
        assert wall.can_undo() is None  # the wall's ctrl+z never takes a phone's card by surprise
    with SessionStore.open(session_file, actor=Seat.PHONES.value) as phones:
        assert "New Person" in phones.can_undo()
        phones.undo()
        assert phones.cards() == []
        assert [p.name for p in phones.participants()] == ["Ana Ruiz"]
    await phone.close()


async def test_cards_typed_before_the_step_changed_are_kept(
    server: CollectServer, session_file: Path
) -> None:
    phone = Phone(server)
    await phone.open()  # the page shows First and Second card
    with SessionStore.open(session_file, actor=Seat.FACILITATOR.value) as wall:
        wall.set_step(1)  # the facilitator moves on to the third-card step meanwhile
    status, _ = await phone.post(
        "send", {"name": "Ana Ruiz", "first_card": "Welder", "second_card": "Buyer"}
    )
    assert status == 200
    assert sorted(c.text for c in cards_in(session_file)) == ["Buyer", "Welder"]
    await phone.close()


async def test_a_phone_sends_two_cards_and_one_third_card(
    server: CollectServer, session_file: Path
) -> None:
    phone = Phone(server)
    await phone.open()
    await phone.post("send", {"name": "Ana Ruiz", "first_card": "Welder"})
    status, page = await phone.post("send", {"name": "Ana Ruiz", "second_card": "Buyer"})
    assert status == 200 and "You have sent your cards" in page and "Second card" not in page
    status, page = await phone.post("send", {"name": "Ana Ruiz", "second_card": "A third?"})
    assert status == 400 and "You have sent your two cards" in page
    with SessionStore.open(session_file, actor=Seat.FACILITATOR.value) as wall:
        wall.set_step(1)
    async with phone.http.get(f"{phone.base}/") as r:
        assert "Third card" in await r.text()
    assert (await phone.post("send", {"name": "Ana Ruiz", "third_card": "Robot tech"}))[0] == 200
    status, page = await phone.post("send", {"name": "Ana Ruiz", "third_card": "Another"})
    assert status == 400 and "third card" in page
    assert sorted((c.text, c.third_card) for c in cards_in(session_file)) == [
        ("Buyer", False),
        ("Robot tech", True),
        ("Welder", False),
    ]


async def test_send_works_again_once_the_facilitator_resumes(
    server: CollectServer, session_file: Path
) -> None:
    phone = Phone(server)
    collect_file.set_state(session_file, "paused")
    page = await phone.open()
    assert "<button type='submit'>Send</button>" in page  # pressable: no reload after a pause
    status, _ = await phone.post("send", {"name": "Ana Ruiz", "first_card": "Welder"})
    assert status == 409
    collect_file.set_state(session_file, "open")
    status, _ = await phone.post("send", {"name": "Ana Ruiz", "first_card": "Welder"})
    assert status == 200 and [c.text for c in cards_in(session_file)] == ["Welder"]
    await phone.close()


async def test_an_unaccented_name_is_the_registered_person_and_only_typed_words_come_back(
    server: CollectServer, session_file: Path
) -> None:
    with SessionStore.open(session_file) as store:
        store.add_participant("Zoë Łukasz", "Secret Org")
    phone = Phone(server)
    await phone.open()
    async with phone.http.get(f"{phone.base}/names?q=zoe%20luk") as r:
        assert await r.json() == ["Zoë Łukasz"]
    status, page = await phone.post("send", {"name": "Zoe Lukasz", "first_card": "Welder"})
    assert status == 200
    with SessionStore.open(session_file) as store:
        assert [p.name for p in store.participants()] == ["Ana Ruiz", "Zoë Łukasz"]
    assert "Secret Org" not in page  # the phone sees what it typed, not the registration
    await phone.close()


async def test_garbled_text_is_refused_not_stored(
    server: CollectServer, session_file: Path
) -> None:
    phone = Phone(server)
    await phone.open()
    body = f"name=%ff%fe&first_card=Welder&csrf={phone.csrf}"
    async with phone.http.post(
        f"{phone.base}/send",
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    ) as r:
        assert r.status == 400 and "did not arrive intact" in await r.text()
    assert cards_in(session_file) == []
    await phone.close()


async def test_the_phone_cap_counts_phones_that_sent_not_page_loads(session_file: Path) -> None:
    server = CollectServer(session_file, port=free_port(), max_phones=1)
    await server.start()
    try:
        for _ in range(3):  # page loads without keeping cookies take no place
            visitor = Phone(server)
            await visitor.open()
            await visitor.close()
        first, second = Phone(server), Phone(server)
        await first.open()
        await second.open()
        assert (await first.post("send", {"name": "Ana Ruiz", "first_card": "Welder"}))[0] == 200
        status, _ = await second.post("send", {"name": "Bo", "first_card": "Buyer"})
        assert status == 503
        assert (await first.post("send", {"name": "Ana Ruiz", "second_card": "Buyer"}))[0] == 200
        await first.close()
        await second.close()
    finally:
        await server.stop()


async def test_refusals_keep_what_was_typed(server: CollectServer, session_file: Path) -> None:
    phone = Phone(server)
    await phone.open()
    status, page = await phone.post("send", {"name": "", "first_card": "Machinist & co"})
    assert status == 400 and "Your name is needed" in page
    assert "value='Machinist &amp; co'" in page
    status, page = await phone.post("send", {"name": "Ana\nRuiz", "first_card": "Welder"})
    assert status == 400 and "one line" in page
    status, page = await phone.post(
        "send", [("name", "Ana"), ("first_card", "Welder"), ("reason_first_card", "evil")]
    )
    assert status == 400
    collect_file.set_state(session_file, "paused")
    status, page = await phone.post("send", {"name": "Ana Ruiz", "first_card": "Welder"})
    assert status == 409 and "value='Welder'" in page and "paused" in page.lower()
    collect_file.set_state(session_file, "closed")
    async with phone.http.get(f"{phone.base}/") as r:
        assert "Cards are closed" in await r.text()
    status, _ = await phone.post("send", {"name": "Ana Ruiz", "first_card": "Welder"})
    assert status == 409
    assert cards_in(session_file) == []
    await phone.close()


async def test_the_guard_refuses_strangers_forgeries_and_floods(
    server: CollectServer, session_file: Path
) -> None:
    base = f"http://127.0.0.1:{server.port}"
    async with aiohttp.ClientSession() as stranger:
        for url in (f"{base}/", f"{base}/?token=wrong", f"{base}/names?q=ana"):
            async with stranger.get(url) as r:
                assert r.status == 403
        async with stranger.post(f"{base}/send", data={"name": "x", "first_card": "y"}) as r:
            assert r.status == 403
        async with stranger.get(
            f"{base}/?token={server.token}", headers={"Host": "evil.example"}
        ) as r:
            assert r.status == 403
    phone = Phone(server)
    await phone.open()
    data = {"name": "Ana Ruiz", "first_card": "Welder"}
    status, _ = await phone.post("send", data, Origin="http://evil.example")
    assert status == 403  # a cross-site POST
    async with phone.http.post(f"{base}/send", data=data) as r:  # no CSRF token
        assert r.status == 403
    status, text = await phone.post("send", {"name": "A", "first_card": "x" * (MAX_BODY * 2)})
    assert status == 413 and "Traceback" not in text
    async with phone.http.post(
        f"{base}/send", data=b"\xff\xfe{", headers={"Content-Type": "application/json"}
    ) as r:
        assert r.status == 415
    assert cards_in(session_file) == []
    for _ in range(SENDS_PER_MINUTE):
        await phone.post("send", {"name": "Ana Ruiz", "first_card": "Welder"})
    status, _ = await phone.post("send", {"name": "Ana Ruiz", "first_card": "One too many"})
    assert status == 429
    await phone.close()


async def test_type_ahead_offers_a_few_registered_names_only_after_three_letters(
    server: CollectServer,
) -> None:
    phone = Phone(server)
    await phone.open()
    async with phone.http.get(f"{phone.base}/names?q=an") as r:
        assert await r.json() == []
    async with phone.http.get(f"{phone.base}/names?q=ana%20r") as r:
        assert await r.json() == ["Ana Ruiz"]
    await phone.close()


async def test_the_third_card_step_asks_for_the_third_card(
    server: CollectServer, session_file: Path
) -> None:
    with SessionStore.open(session_file, actor=Seat.FACILITATOR.value) as wall:
        wall.set_step(1)  # the tiny protocol's third-card step
    phone = Phone(server)
    page = await phone.open()
    assert "Third card" in page and "First card" not in page
    await phone.post("send", {"name": "Ana Ruiz", "third_card": "Robot tech"})
    assert [c.third_card for c in cards_in(session_file)] == [True]
    await phone.close()


async def test_25_phones_at_once_lose_nothing(server: CollectServer, session_file: Path) -> None:
    phones = [Phone(server) for _ in range(25)]
    await asyncio.gather(*(p.open() for p in phones))
    results = await asyncio.gather(
        *(
            p.post(
                "send",
                {
                    "name": f"Person {i}",
                    "organization": f"Org {i}",
                    "first_card": f"Card {i}a",
                    "second_card": f"Card {i}b",
                },
            )
            for i, p in enumerate(phones)
        )
    )
    assert all(status == 200 for status, _ in results)
    texts = sorted(c.text for c in cards_in(session_file))
    assert texts == sorted(f"Card {i}{x}" for i in range(25) for x in "ab")
    await asyncio.gather(*(p.close() for p in phones))


@pytest.mark.slow
def test_collect_command_prints_the_link_and_stops_cleanly_on_ctrl_c(session_file: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time
    import urllib.request

    port = free_port()
    child = subprocess.Popen(
        [sys.executable, "-m", "focusgroup", "collect", str(session_file), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "120"},
    )
    try:
        link = ""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not link:
            line = child.stdout.readline()
            found = re.search(r"http://127\.0\.0\.1:\d+/\?token=\S+", line)
            link = found.group(0) if found else ""
        assert link, child.stderr.read()
        import http.cookiejar

        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        with opener.open(link) as response:  # the token moves from the link into a cookie
            assert response.status == 200 and "First card" in response.read().decode()
        assert collect_file.read(session_file) is not None
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=15)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, err
    assert "Stopped collecting." in out and "Traceback" not in err
    assert collect_file.read(session_file) is None
