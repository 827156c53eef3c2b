"""The facilitator's join screen shows the running server's link and a QR code that decodes."""

from __future__ import annotations

import os

from textual.widgets import Static

from focusgroup.serve.join_file import join_file, write_join_file
from focusgroup.serve.qr import lines_to_matrix
from focusgroup.store import SessionStore
from focusgroup.tui.app import make_app
from focusgroup.tui.screens.join import JoinScreen
from tests.serve.test_qr import decode, render


async def test_join_screen_waits_for_the_server_then_shows_a_scannable_code(
    store: SessionStore,
) -> None:
    url = "http://192.168.1.20:8765/?token=abcdefghijklmnopqrstuvwx"
    app = make_app(store, "facilitator")
    async with app.run_test(size=(120, 50)) as pilot:
        app.push_screen(JoinScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JoinScreen)
        assert "No note-taker server" in str(screen.query_one("#join-url", Static).render())

        write_join_file(store.path, url)  # what `focusgroup serve` does once it listens
        assert oct(join_file(store.path).stat().st_mode & 0o777) == "0o600"
        for _ in range(50):
            await pilot.pause(0.05)
            if screen.url == url:
                break
        assert str(screen.query_one("#join-url", Static).render()) == url
        drawn = str(screen.query_one("#join-qr", Static).render()).split("\n")
        assert decode(render(lines_to_matrix(drawn))) == [url]
        await pilot.press("escape")
        assert not isinstance(app.screen, JoinScreen)


def test_a_join_file_left_by_a_dead_server_is_ignored(tmp_path) -> None:
    from focusgroup.serve.join_file import read_join_url

    session = tmp_path / "m.db"
    write_join_file(session, "http://x/?token=y")
    assert read_join_url(session) == "http://x/?token=y"
    data = join_file(session).read_text().replace(str(os.getpid()), "999999999")
    join_file(session).write_text(data)
    assert read_join_url(session) is None
