"""No worker error ends the app (issue 21): it is shown, and the meeting stays open.

Before: a 1,500-character card made the PDF raise reportlab's LayoutError inside the export
worker, and Textual ended the whole app (`WorkerFailed`) in front of the room.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from focusgroup.sample import sample_session
from focusgroup.store import SessionStore
from focusgroup.tui.app import FocusGroupApp, make_app
from focusgroup.tui.screens.export import ExportDialog
from tests.faults.long_text import long_text


@pytest.fixture
def long_store(tmp_path: Path):
    store = sample_session(tmp_path / "meeting.db", cards=12)
    store.add_card(long_text("card"), category_id=store.categories()[0].id, level="entry")
    yield store
    store.close()


def app_for(store: SessionStore) -> FocusGroupApp:
    app = make_app(store, "facilitator", today=lambda: "2025-03-14")
    app.animation_level = "none"
    return app


async def wait_for(pilot, condition, seconds: float = 60.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")


def messages(app: FocusGroupApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def export_with_ctrl_s(app: FocusGroupApp, pilot, out: Path) -> ExportDialog:
    await pilot.press("E")
    dialog = app.screen
    assert isinstance(dialog, ExportDialog)
    dialog.query_one("#export-folder", Input).value = str(out)
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: not dialog.busy and getattr(dialog, "written", None) is not None)
    return dialog


async def test_export_of_a_10000_character_card_keeps_the_meeting_open(
    long_store: SessionStore, tmp_path: Path
) -> None:
    app = app_for(long_store)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await export_with_ctrl_s(app, pilot, tmp_path / "out")
        names = {p.name for p in dialog.written}
        assert any(n.endswith(".pdf") and not n.startswith("profile-") for n in names), names
        assert {".md", ".json", ".csv"} <= {Path(n).suffix for n in names}
        assert app.is_running
        await pilot.press("escape")
        assert not isinstance(app.screen, ExportDialog)
        before = len(long_store.cards())
        await pilot.press("a")  # the meeting goes on
        await pilot.pause()
        assert app.is_running and len(long_store.cards()) == before


async def test_a_failing_export_is_reported_and_the_rest_is_written(
    long_store: SessionStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault: the profiles step raises something no one foresaw."""
    from focusgroup.export import exporter

    def broken(*args: object, **kwargs: object) -> list[Path]:
        raise RuntimeError("profile builder exploded")

    monkeypatch.setattr(exporter, "export_profiles", broken)
    app = app_for(long_store)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await export_with_ctrl_s(app, pilot, tmp_path / "out")
        assert any(p.suffix == ".pdf" for p in dialog.written)  # the summary still went out
        status = str(dialog.query_one("#export-status").render())
        assert "RuntimeError: profile builder exploded" in status
        assert any("profile builder exploded" in m for m in messages(app))
        assert app.is_running
        await pilot.press("escape")  # not stuck "still writing"
        assert not isinstance(app.screen, ExportDialog)


async def test_any_worker_that_raises_is_shown_not_fatal(
    long_store: SessionStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault: a background job with no error handling of its own raises."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    app = app_for(long_store)

    def boom() -> None:
        raise ValueError("nobody caught this")

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        worker = app.screen.run_worker(boom, thread=True)
        await wait_for(pilot, lambda: worker.is_finished)
        await pilot.pause()
        assert app.is_running and app.return_code is None
        shown = [m for m in messages(app) if "nobody caught this" in m]
        assert shown and "The meeting is still open" in shown[0]
        assert "ValueError" in (tmp_path / "focusgroup-errors.log").read_text()
        long_store.add_card("After the failure")
        await pilot.pause()
        assert app.is_running
