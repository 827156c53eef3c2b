"""The wall's tools: export with progress, crosswalk a card, join/e-mail screens, backups,
and a session file deleted while the meeting runs."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, OptionList

from focusgroup.store import SessionStore
from focusgroup.store.backups import list_backups
from focusgroup.tui.app import FocusGroupApp
from tests.tui.builders import board


async def wait_for(pilot, predicate, tries: int = 100) -> None:
    for _ in range(tries):
        if predicate():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")


async def test_export_from_the_app_writes_the_summary_and_profiles(
    wall_app: FocusGroupApp, wall_store: SessionStore, tmp_path: Path
) -> None:
    from focusgroup.tui.screens.export import ExportDialog

    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.press("E")
        dialog = wall_app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#export-folder", Input).value = str(tmp_path / "out")
        await pilot.click("#export-go")
        await wait_for(pilot, lambda: getattr(dialog, "written", None))
        names = {p.name for p in dialog.written}
        assert any(n.endswith(".pdf") for n in names)
        assert any(n.endswith(".md") for n in names)
        assert list((tmp_path / "out" / "profiles").glob("profile-*.yaml"))
        assert "Wrote" in str(dialog.query_one("#export-status").render())
        await pilot.press("escape")
        assert not isinstance(wall_app.screen, ExportDialog)


async def test_crosswalk_a_card_stores_the_code_and_undo_clears_it(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    card_id = wall_store.add_card("CNC machinist")
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board(wall_app).select_card(card_id)
        await pilot.press("w")
        options = wall_app.screen.query_one("#crosswalk-options", OptionList)
        await wait_for(pilot, lambda: options.option_count > 1)
        options.focus()
        options.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        card = wall_store.card(card_id)
        assert card.soc_code == "51-4041" and card.onet_code.startswith("51-4041")
        await pilot.press("ctrl+z")
        assert wall_store.card(card_id).soc_code == ""


async def test_join_and_email_screens_open_from_the_wall(wall_app: FocusGroupApp) -> None:
    from focusgroup.tui.screens.email import EmailScreen
    from focusgroup.tui.screens.join import JoinScreen

    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j")
        assert isinstance(wall_app.screen, JoinScreen)
        await pilot.press("escape")
        await pilot.press("M")
        assert isinstance(wall_app.screen, EmailScreen)
        assert wall_app.screen.query(Button)


async def test_a_backup_is_taken_when_the_session_opens(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert len(list_backups(wall_store.path)) == 1


async def test_a_session_file_deleted_during_the_meeting_is_written_back(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    path = wall_store.path
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        path.unlink()
        await wait_for(pilot, lambda: path.exists())
        card_id = wall_app.perform(wall_app.store.add_card, "Added after the rescue")
        assert card_id
    with SessionStore.open(path) as reopened:
        texts = {c.text for c in reopened.cards()}
        assert "Added after the rescue" in texts
        assert len(texts) >= 12


async def test_typing_a_card_suggests_an_onet_title() -> None:
    from focusgroup.tui.widgets.quick_entry import TitleSuggester

    suggester = TitleSuggester()
    suggester.titles = ["CNC Machinist"]
    assert await suggester.get_suggestion("CNC") == "CNC Machinist"  # the wall first
    assert (
        await suggester.get_suggestion("Registered nu") == "Registered nurses"
    )  # completes as typed
    assert await suggester.get_suggestion("zzqx") is None


async def test_a_crosswalked_card_shows_its_job_zone_and_flags_a_level_gap(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    production = wall_store.categories()[0].id
    engineer = wall_store.add_card("Plant engineer", category_id=production, level="entry")
    wall_store.set_soc(engineer, soc_code="17-2141", onet_code="17-2141.00", soc_title="Mech Eng")
    machinist = wall_store.add_card("Machinist", category_id=production, level="mid")
    wall_store.set_soc(
        machinist, soc_code="51-4041", onet_code="51-4041.00", soc_title="Machinists"
    )
    async with wall_app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        tiles = board(wall_app).tiles
        assert "zone 4 \u26a0 check level" in str(tiles[engineer].render())
        machinist_text = str(tiles[machinist].render())
        assert "zone 3" in machinist_text and "\u26a0" not in machinist_text


async def test_the_crosswalk_dialog_says_whether_the_first_suggestion_is_sure(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    """The facilitator sees what `crosswalk --accept-top` would decide, and why not."""
    from textual.widgets import Label

    from focusgroup.crosswalk.suggest import suggest

    sure = wall_store.add_card("Forklift driver")
    vague = wall_store.add_card("Tech")
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for card_id, text in ((sure, "Forklift driver"), (vague, "Tech")):
            board(wall_app).select_card(card_id)
            await pilot.press("w")
            verdict = wall_app.screen.query_one("#crosswalk-verdict", Label)
            await wait_for(pilot, lambda v=verdict: str(v.render()).strip() != "")
            expected = suggest([text], sector=wall_store.session().sector)
            shown = str(verdict.render())
            if expected.confident:
                assert shown.startswith("Sure of the first suggestion")
            else:
                assert shown.startswith("Not sure:") and expected.reason in shown
            await pilot.press("escape")
    # Both kinds were shown (the sector here is the fixture's).
    sector = wall_store.session().sector
    assert suggest(["Forklift driver"], sector=sector).confident
    assert not suggest(["Tech"], sector=sector).confident


async def test_the_crosswalk_dialog_names_the_other_jobs_a_sure_card_can_be(
    wall_app: FocusGroupApp, wall_store: SessionStore
) -> None:
    """'Mason' at a builders' meeting: stored as one of the glossary's jobs, the others named."""
    from textual.widgets import Label

    from focusgroup.crosswalk.suggest import suggest

    wall_store.update_session(sector="construction")
    mason = wall_store.add_card("Mason")
    expected = suggest(["Mason"], sector="construction")
    assert expected.confident and expected.note
    async with wall_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board(wall_app).select_card(mason)
        await pilot.press("w")
        verdict = wall_app.screen.query_one("#crosswalk-verdict", Label)
        await wait_for(pilot, lambda: str(verdict.render()).strip() != "")
        shown = " ".join(str(verdict.render()).split())
        assert shown.startswith("Sure of the first suggestion")
        assert "In this sector 'Mason' can also be" in shown and "check with the room" in shown
