"""Issue 13's capture scenario, pressed key by key as the README tells a person to.

`a` `mar` Enter `Welder` Enter Esc, then `a` `tom` Enter `CNC machinist` Enter used to store
"tom — Maria Lopez" and add a participant called "CNC machinist".
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from focusgroup.sample import builtin_protocol
from focusgroup.store import SessionStore
from focusgroup.tui.app import make_app


def _meeting(tmp_path: Path) -> SessionStore:
    store = SessionStore.create(
        tmp_path / "m.db", builtin_protocol(), title="Capture", actor="facilitator"
    )
    store.add_participant("Maria Lopez", "Lopez Fabrication")
    store.add_participant("Tom Reed", "Reed Machining")
    return store


async def _keys(pilot, text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


async def test_the_readme_capture_steps_twice_in_a_row(tmp_path: Path) -> None:
    store = _meeting(tmp_path)
    app = make_app(store, "facilitator")
    async with app.run_test(size=(120, 40)) as pilot:
        who = app.screen.query_one("#qe-who", Input)
        for _ in range(2):  # the whole walk twice: the second round must not inherit the first
            await pilot.press("a")
            await _keys(pilot, "mar")
            await pilot.press("enter")
            await _keys(pilot, "Welder")
            await pilot.press("enter", "escape")
            await pilot.pause()
            assert who.value == "" and app.screen.query_one("#qe-text", Input).value == ""
            await pilot.press("a")
            assert app.screen.focused is who  # the bar starts at the employer field
            await _keys(pilot, "tom")
            await pilot.press("enter")
            await _keys(pilot, "CNC machinist")
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("escape")
        people = {p.id: p.name for p in store.participants()}
        assert sorted(people.values()) == ["Maria Lopez", "Tom Reed"]  # nobody invented
        cards = [(c.text, people[c.participant_id]) for c in store.cards()]
        assert cards == [
            ("Welder", "Maria Lopez"),
            ("CNC machinist", "Tom Reed"),
            ("Welder", "Maria Lopez"),
            ("CNC machinist", "Tom Reed"),
        ]
    store.close()


async def test_card_text_typed_with_an_unknown_employer_is_not_saved_until_settled(
    tmp_path: Path,
) -> None:
    store = _meeting(tmp_path)
    app = make_app(store, "facilitator")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await _keys(pilot, "zed")
        await pilot.press("tab")  # straight to the card text, skipping Enter on the name
        await _keys(pilot, "Planner")
        await pilot.press("enter")
        assert store.cards() == [] and len(store.participants()) == 2
        who = app.screen.query_one("#qe-who", Input)
        assert app.screen.focused is who
        assert "New participant “zed”? Enter adds" in str(
            app.screen.query_one("#qe-label").render()
        )
        assert app.screen.query_one("#qe-text", Input).value == "Planner"  # kept
        await pilot.press("enter")  # confirm: zed is new
        await pilot.press("enter")  # focus is on the card text now: save it
        await pilot.pause()
        zed = next(p for p in store.participants() if p.name == "zed")
        assert [(c.text, c.participant_id) for c in store.cards()] == [("Planner", zed.id)]
    store.close()


async def test_esc_never_drops_unsaved_card_text_silently(tmp_path: Path) -> None:
    store = _meeting(tmp_path)
    app = make_app(store, "facilitator")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await _keys(pilot, "mar")
        await pilot.press("enter")
        await _keys(pilot, "Half typed")
        await pilot.press("escape")
        text = app.screen.query_one("#qe-text", Input)
        assert text.value == "Half typed" and app.screen.focused is text
        assert any("isn't saved yet" in n.message for n in app._notifications)
        await pilot.press("escape")
        assert text.value == "" and app.screen.query_one("#qe-who", Input).value == ""
    store.close()


async def test_a_toast_never_covers_the_field_being_typed_in(tmp_path: Path) -> None:
    store = _meeting(tmp_path)
    app = make_app(store, "facilitator")
    for size in ((80, 24), (160, 50)):
        async with app.run_test(size=size, notifications=True) as pilot:
            await pilot.press("a")
            await _keys(pilot, f"Zoe Quinn {size[0]}")
            await pilot.press("enter", "enter")  # shown as new, then added: a toast says so
            await pilot.pause()
            await pilot.pause()
            toasts = list(app.screen.query("Toast"))
            assert toasts, "adding a participant shows a toast"
            for field in app.screen.query("QuickEntry Input"):
                for toast in toasts:
                    assert not toast.region.overlaps(field.region), (size, toast.region)
        app = make_app(store, "facilitator")
    store.close()
