"""One default export folder: `exports/<session name>/` for the CLI, the app and e-mail."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from textual.widgets import Input

from focusgroup.cli import main
from focusgroup.paths import exports_dir
from focusgroup.sample import sample_session
from focusgroup.tui.app import make_app
from focusgroup.tui.screens.export import ExportDialog


def test_export_without_out_writes_into_the_sessions_export_folder(
    isolated_home: Path, tmp_path: Path
) -> None:
    session = tmp_path / "spring.db"
    sample_session(session, cards=4).close()
    result = CliRunner().invoke(main, ["export", str(session), "--format", "md"])
    assert result.exit_code == 0, result.output
    folder = isolated_home / "exports" / "spring"
    assert exports_dir(session) == folder
    assert [Path(line).parent for line in result.stdout.splitlines()] == [folder]
    assert list(folder.glob("*.md"))


async def test_the_apps_export_dialog_offers_the_same_folder(tmp_path: Path) -> None:
    store = sample_session(tmp_path / "spring.db", cards=4)
    try:
        app = make_app(store, today=lambda: "2025-03-14")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("E")
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            shown = dialog.query_one("#export-folder", Input).value
            assert Path(shown) == exports_dir(store.path)
    finally:
        store.close()
