"""On the wall: "advances to" links (key l), shown on cards, the card dialog and the projector
view, undone with ctrl+z; the pathway map written from the app with progress (issue 16)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList

from focusgroup.store import SessionStore
from focusgroup.tui.app import FocusGroupApp, make_app
from tests.tui.builders import board, painted, screen_text
from tests.tui.test_wall_tools import wait_for


def _two_cards_in_two_categories(store: SessionStore) -> tuple[int, int]:
    first, second = store.categories()[:2]
    operator = store.add_card("Machine operator", category_id=first.id, level="entry")
    planner = store.add_card("Production planner", category_id=second.id, level="mid")
    return operator, planner


async def _link(pilot, app: FocusGroupApp, source: int, target_text: str) -> None:
    from focusgroup.tui.screens.link_dialog import LinkDialog

    board(app).select_card(source)
    await pilot.press("l")
    assert isinstance(app.screen, LinkDialog)
    await pilot.press(*target_text[:8])  # type part of the next job's card
    await pilot.press("down", "enter")
    await pilot.pause()


async def test_link_key_links_across_categories_shows_it_and_undo_removes_it(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    operator, planner = _two_cards_in_two_categories(wall_store)
    async with wall_app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        await _link(pilot, wall_app, operator, "Production planner")
        assert [(k.card_id, k.to_card_id) for k in wall_store.links()] == [(operator, planner)]
        options = wall_app.screen.query_one(OptionList)
        assert "✓ →" in str(options.get_option_at_index(0).prompt)  # marked as linked
        await pilot.press("escape")
        await pilot.pause()
        # The mark on the card, read as painted (it wraps in a column sharing the width).
        assert "→ Production planner" in painted(wall_app, operator)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert wall_store.links() == []
        assert "→ Production" not in painted(wall_app, operator)


async def test_several_links_per_card_and_enter_on_a_linked_one_unlinks(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    operator, planner = _two_cards_in_two_categories(wall_store)
    first = wall_store.categories()[0]
    setter = wall_store.add_card("Machine setter", category_id=first.id, level="mid")
    async with wall_app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        await _link(pilot, wall_app, operator, "Production planner")
        dialog = wall_app.screen
        filter_input = dialog.query_one("#link-filter", Input)
        filter_input.value = "setter"  # within the category this time
        await pilot.pause()
        dialog.query_one(OptionList).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert {k.to_card_id for k in wall_store.links()} == {planner, setter}
        filter_input.value = "planner"
        await pilot.pause()
        dialog.query_one(OptionList).focus()
        await pilot.press("enter")  # already linked: removes it
        await pilot.pause()
        assert [k.to_card_id for k in wall_store.links()] == [setter]


async def test_card_dialog_and_projector_view_show_the_links(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    operator, planner = _two_cards_in_two_categories(wall_store)
    wall_store.link_cards(operator, planner)
    async with wall_app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        board(wall_app).select_card(operator)
        await pilot.press("enter")
        text = screen_text(wall_app)
        assert "→ advances to Production planner" in text
        await pilot.press("escape")
        board(wall_app).select_card(planner)
        await pilot.press("enter")
        assert "← comes from Machine operator" in screen_text(wall_app)
        await pilot.press("escape", "f5")
        await pilot.pause()
        assert "→ Production" in screen_text(wall_app)  # projector view keeps it


async def test_the_other_seats_link_appears_on_the_note_takers_wall(
    wall_store: SessionStore, clock
) -> None:
    from focusgroup.tui.widgets.note_wall import NoteWall

    operator, planner = _two_cards_in_two_categories(wall_store)
    app = make_app(wall_store, "note-taker", clock=clock, today=lambda: "2025-03-14")
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        other = SessionStore.open(wall_store.path, actor="facilitator")
        other.link_cards(operator, planner)
        other.close()
        tree = app.screen.query_one(NoteWall)
        await wait_for(
            pilot,
            lambda: "→ Production planner" in str(tree._by_key[("card", operator)].label),
        )


async def test_pathway_map_from_the_app_with_progress(
    wall_app: FocusGroupApp, wall_store: SessionStore, tmp_path: Path
) -> None:
    from focusgroup.tui.screens.map_dialog import MapDialog

    operator, planner = _two_cards_in_two_categories(wall_store)
    wall_store.link_cards(operator, planner)
    async with wall_app.run_test(size=(140, 44)) as pilot:
        await pilot.press("P")
        dialog = wall_app.screen
        assert isinstance(dialog, MapDialog)
        dialog.query_one("#map-folder", Input).value = str(tmp_path / "maps")
        dialog.query_one("#map-area", Input).value = "Atlantis"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "No state or metropolitan area" in str(dialog.query_one("#map-status").render())
        dialog.query_one("#map-area", Input).value = "Kansas City"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: dialog.written)
        assert {p.suffix for p in dialog.written} == {".pdf", ".svg", ".md", ".json"}
        assert "Wrote 4 files" in str(dialog.query_one("#map-status").render())
        assert (
            "Kansas City, MO-KS" in next(p for p in dialog.written if p.suffix == ".md").read_text()
        )


async def test_start_form_sets_the_area_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    from focusgroup import paths
    from focusgroup.tui.app import make_app as make

    app = make(None, "facilitator", today=lambda: "2025-03-14")
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        app.screen.query_one("#new-title", Input).value = "Spring meeting"
        app.screen.query_one("#new-area", Input).value = "Springfield"
        app.screen.query_one("#new-title", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not list(paths.sessions_dir().glob("*.db"))  # nothing created
        app.screen.query_one("#new-area", Input).value = "Springfield, IL"
        app.screen.query_one("#new-title", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        (created,) = paths.sessions_dir().glob("*.db")
    with SessionStore.open(created) as store:
        assert store.session().area == "0044100"


async def test_ctrl_z_inside_the_link_dialog_undoes_the_link(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    """The dialog's help line says ctrl+z undoes: it does, and the ✓ goes with it."""
    from focusgroup.tui.screens.link_dialog import LinkDialog

    operator, _ = _two_cards_in_two_categories(wall_store)
    async with wall_app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        await _link(pilot, wall_app, operator, "Production planner")
        assert len(wall_store.links()) == 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert wall_store.links() == []
        dialog = wall_app.screen
        assert isinstance(dialog, LinkDialog)
        assert "✓" not in str(dialog.query_one(OptionList).get_option_at_index(0).prompt)
        await pilot.press("escape")
        assert not isinstance(wall_app.screen, LinkDialog)


async def test_map_dialog_closes_with_escape(wall_app: FocusGroupApp) -> None:
    from focusgroup.tui.screens.map_dialog import MapDialog

    async with wall_app.run_test(size=(140, 44)) as pilot:
        await pilot.press("P")
        assert isinstance(wall_app.screen, MapDialog)
        await pilot.press("escape")
        assert not isinstance(wall_app.screen, MapDialog)
