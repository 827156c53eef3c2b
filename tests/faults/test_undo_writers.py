"""Undo for every writer (issue 21): the command line's own actions are undoable too.

Before: `import-participants`, `import-cards` and `crosswalk --accept-top` wrote as actor
`cli`, which no seat's ctrl+z reaches, though the README promised "one undo takes it back".
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from focusgroup.cli import main
from focusgroup.store import SessionStore
from focusgroup.tui.app import make_app
from tests.conftest import tiny_protocol


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    return result


def session_with_import(tmp_path: Path) -> Path:
    db = tmp_path / "spring.db"
    SessionStore.create(db, tiny_protocol(), title="Spring").close()
    registration = tmp_path / "registration.csv"
    registration.write_text("name,organization\nAna Ruiz,Acme\nBo Chen,Delta\n", "utf-8")
    result = run("import-participants", str(db), str(registration))
    assert result.exit_code == 0, result.output
    return db


def names(db: Path) -> list[str]:
    with SessionStore.open(db) as store:
        return [p.name for p in store.participants()]


def test_focusgroup_undo_and_redo_take_back_an_import(tmp_path: Path) -> None:
    db = session_with_import(tmp_path)
    assert names(db) == ["Ana Ruiz", "Bo Chen"]
    undone = run("undo", str(db))
    assert undone.exit_code == 0, undone.output
    assert undone.output.startswith("Undone: Import")
    assert names(db) == []
    redone = run("redo", str(db))
    assert redone.exit_code == 0 and redone.output.startswith("Redone: Import")
    assert names(db) == ["Ana Ruiz", "Bo Chen"]
    assert run("undo", str(db)).exit_code == 0
    nothing = run("undo", str(db))
    assert nothing.exit_code == 0 and "Nothing to undo" in nothing.output
    history = run("history", str(db))
    assert "undo: Import" in history.output and "redo: Import" in history.output


def test_undo_refuses_when_a_seat_changed_the_imported_rows(tmp_path: Path) -> None:
    db = session_with_import(tmp_path)
    with SessionStore.open(db, actor="facilitator") as seat:
        ana = seat.participants()[0]
        seat.update_participant(ana.id, name="Ana Ruiz-Pérez")
    refused = run("undo", str(db))
    assert refused.exit_code == 1
    assert (
        refused.stderr.startswith("Error: Can't undo or redo") and "Traceback" not in refused.output
    )
    assert names(db) == ["Ana Ruiz-Pérez", "Bo Chen"]


async def test_the_app_shows_the_command_lines_last_action(tmp_path: Path) -> None:
    db = session_with_import(tmp_path)
    store = SessionStore.open(db, actor="facilitator")
    app = make_app(store, "facilitator")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("ctrl+z")
            await pilot.pause()
            messages = [str(n.message) for n in app._notifications]
            assert any(
                "Nothing to undo on this seat" in m
                and "“Import" in m
                and f"focusgroup undo {db}" in m
                for m in messages
            ), messages
            assert len(store.participants()) == 2  # the seat's ctrl+z left the import alone
    finally:
        store.close()
