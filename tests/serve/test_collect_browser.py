"""A phone-sized Chromium fills the card page by its labels and the cards reach the session file.

Chromium comes from the Debian packages (`.ci/run` installs it); Playwright drives it with that
executable, since it cannot download its own browsers here.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from focusgroup.serve.collect import CollectServer
from focusgroup.serve.network import free_port
from focusgroup.store import SessionStore
from tests.builders import tiny_protocol

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (apt-get install chromium)"),
    pytest.mark.slow,
]


@pytest.fixture
def running(tmp_path: Path):
    """The collector in its own thread and event loop, as `focusgroup collect` runs it."""
    import asyncio

    path = tmp_path / "meeting.db"
    SessionStore.create(path, tiny_protocol(), title="Phones in the room").close()
    server = CollectServer(path, port=free_port())
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(server.start())
        ready.set()
        loop.run_forever()
        loop.run_until_complete(server.stop())

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(10)
    yield server, path
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


def test_a_phone_browser_sends_cards_and_fixes_a_typo(running) -> None:
    server, path = running
    url = server.join_url.replace(server.public_host, "127.0.0.1")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 360, "height": 740}, is_mobile=True)
        page.goto(url)
        # Nothing wider than the phone: no sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.get_by_label("Name").fill("Zoë Quinn")
        page.get_by_label("Organization").fill("Quinn Tools [red]")
        page.get_by_label("First card").fill("Weldr")
        page.get_by_label("Second card").fill("CNC machinist")
        page.get_by_label("Hardest to fill").first.check()
        page.get_by_role("button", name="Send").click()
        page.wait_for_selector("text=Received. Thank you!")
        page.get_by_label("Fix a typo").first.fill("Welder")
        page.get_by_role("button", name="Save").first.click()
        page.wait_for_selector("text=Saved.")
        page.screenshot(path=str(path.with_suffix(".png")), full_page=True)
        browser.close()
    with SessionStore.open(path) as store:
        cards = store.cards()
        assert [c.text for c in cards] == ["Welder", "CNC machinist"]
        assert cards[0].reasons == ("hard",)
        person = store.participant(cards[0].participant_id)
        assert (person.name, person.organization) == ("Zoë Quinn", "Quinn Tools [red]")
