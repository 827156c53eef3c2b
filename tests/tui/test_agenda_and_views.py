"""Agenda steps, the step timer (on a hand-moved clock), projector view, fold, help, palette."""

from __future__ import annotations

from textual.widgets import Static

from focusgroup.store import SessionStore
from focusgroup.tui.app import FocusGroupApp
from focusgroup.tui.widgets.agenda import AgendaPanel
from focusgroup.tui.widgets.key_footer import KeyFooter
from focusgroup.tui.widgets.quick_entry import QuickEntry
from focusgroup.tui.widgets.step_timer import StepTimer, format_seconds
from tests.tui.builders import ManualClock, board, painted, shown


def test_format_seconds() -> None:
    assert format_seconds(600) == "10:00"
    assert format_seconds(59.4) == "00:59"
    assert format_seconds(-0.2) == "00:01"
    assert format_seconds(-75) == "01:15"


async def test_next_and_previous_step_reset_the_timer(
    wall_app: FocusGroupApp, wall_store: SessionStore, clock: ManualClock
) -> None:
    steps = wall_store.protocol().steps
    async with wall_app.run_test(size=(160, 50)) as pilot:
        timer = wall_app.screen.query_one(StepTimer)
        assert timer.remaining == steps[0].minutes * 60
        clock.now += 30
        await pilot.press("pagedown")
        await pilot.pause()
        assert wall_store.session().current_step == 1
        assert timer.remaining == steps[1].minutes * 60
        agenda = wall_app.screen.query_one("#agenda-step", Static)
        assert steps[1].title in str(agenda.render())
        await pilot.press("pageup", "pageup")  # stays at the first step
        assert wall_store.session().current_step == 0


async def test_timer_warns_pauses_extends_and_runs_over(
    wall_app: FocusGroupApp, wall_store: SessionStore, clock: ManualClock
) -> None:
    minutes = wall_store.protocol().steps[0].minutes
    async with wall_app.run_test(size=(120, 40)) as pilot:
        timer = wall_app.screen.query_one(StepTimer)
        clock.now += minutes * 60 - 30
        timer.tick()
        await pilot.pause()
        assert timer.has_class("-warning")
        assert any("One minute left" in n.message for n in wall_app._notifications)

        await pilot.press("t")  # pause
        clock.now += 600
        timer.tick()
        assert timer.paused and timer.remaining == 30
        await pilot.press("t", "plus")  # resume, +1 minute
        assert not timer.paused and timer.remaining == 90
        assert not timer.has_class("-warning")

        clock.now += 100
        timer.tick()
        assert timer.has_class("-over")
        assert "OVER" in str(timer.render())


async def test_projector_view_hides_everything_but_the_wall(wall_app: FocusGroupApp) -> None:
    async with wall_app.run_test(size=(160, 50)) as pilot:
        screen = wall_app.screen
        await pilot.press("f5")
        await pilot.pause()
        for widget in (AgendaPanel, QuickEntry, KeyFooter):
            assert not screen.query_one(widget).display
        assert not screen.query_one("#wall-bar").display
        b = board(wall_app)
        assert all(tile.view.projector for tile in b.tiles.values())
        assert all("Ruiz Precision" not in str(t.render()) for t in b.tiles.values())
        assert all("Ruiz Precision" not in shown(wall_app, c) for c in b.tiles)
        await pilot.press("f5")
        await pilot.pause()
        assert screen.query_one(AgendaPanel).display


async def test_fold_competencies(wall_app: FocusGroupApp, wall_store: SessionStore) -> None:
    card_id = next(c.card_id for c in wall_store.competencies())
    async with wall_app.run_test(size=(160, 50)) as pilot:
        assert "▲ Reads blueprints" in painted(wall_app, card_id)
        await pilot.press("f")
        await pilot.pause()
        assert "Reads blueprints" not in painted(wall_app, card_id)
        assert "▲1" in painted(wall_app, card_id)


async def test_help_lists_keys_and_palette_lists_actions(wall_app: FocusGroupApp) -> None:
    async with wall_app.run_test(size=(120, 40)) as pilot:
        commands = [c.title for c in wall_app.get_system_commands(wall_app.screen)]
        assert {"Card →", "Merge", "Undo", "Projector", "Next step"} <= set(commands)
        await pilot.press("f1")
        await pilot.pause()
        text = str(wall_app.screen.query_one("#help-text", Static).render())
        assert "Merge" in text and "Hardest to fill" in text
        await pilot.press("escape")
        await pilot.pause()
        assert type(wall_app.screen.focused).__name__ == "WallKeys"


async def test_narrow_terminal_hides_the_agenda_until_asked(wall_app: FocusGroupApp) -> None:
    async with wall_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not wall_app.screen.query_one(AgendaPanel).display
        await pilot.press("f6")
        await pilot.pause()
        assert wall_app.screen.query_one(AgendaPanel).display


async def test_the_app_collects_garbage_on_a_timer_and_gives_automatic_collection_back(
    wall_app: FocusGroupApp,
) -> None:
    """Automatic collection is off while the wall runs (a timer collects between keys,
    so no collection lands in the middle of a repaint) and back on once the app closes."""
    import gc
    import weakref

    class Node:
        loop: object

    assert gc.isenabled()
    async with wall_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not gc.isenabled()
        cycle = Node()
        cycle.loop = cycle  # only the cycle collector can free this
        freed = weakref.ref(cycle)
        del cycle
        await pilot.pause(1.3)  # one tick of the collection timer
        assert freed() is None
    assert gc.isenabled()


async def test_footer_shows_the_wall_keys_and_clicking_one_presses_it(
    wall_app: FocusGroupApp,
) -> None:
    async with wall_app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        footer = wall_app.screen.query_one(KeyFooter)
        line = str(footer.render())
        for shown in ("Add card", "Card →", "Merge", "palette"):
            assert shown in line, line
        assert "Previous card" not in line  # show=False bindings stay out of the footer
        start = line.index("Add card") - 3  # the key ("a") sits before its description
        await pilot.click(footer, offset=(start, 0))
        await pilot.pause()
        assert wall_app.focused is not None and wall_app.focused.id == "qe-who"
        # Typing in the entry bar hides the wall-only keys; the footer follows.
        assert "Merge" not in str(footer.render())
