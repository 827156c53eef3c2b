"""One default export folder: `exports/<session name>/` for the CLI, the app and e-mail
(the job profiles in its `profiles/`)."""

from __future__ import annotations

from email import message_from_bytes
from pathlib import Path

from click.testing import CliRunner
from textual.widgets import Checkbox, Input

from focusgroup.cli import main
from focusgroup.demo import build_demo
from focusgroup.paths import exports_dir, profiles_dir
from focusgroup.protocol_files import find_protocol
from focusgroup.sample import sample_session
from focusgroup.store import SessionStore
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


async def test_email_with_profiles_writes_them_where_the_export_dialog_does(
    isolated_home: Path, tmp_path: Path
) -> None:
    """`focusgroup email --profiles`, the app's export dialog (E) and `focusgroup profiles`
    write the job profiles to one folder: the e-mail wrote a second copy of every profile
    PDF beside the summary, where the dialog puts them in `profiles/`."""
    session = isolated_home / "sessions" / "spring.db"
    session.parent.mkdir()
    build_demo(session, find_protocol("critical-occupations")).close()
    folder = exports_dir(session)

    def pdfs() -> set[Path]:
        return set(folder.rglob("*.pdf"))

    sent = CliRunner().invoke(
        main,
        ["email", str(session), "--profiles", "--outbox", str(tmp_path / "outbox")],
        env={"FOCUSGROUP_MAIL_FROM": "Dana Whitfield <dana@example.org>"},
    )
    assert sent.exit_code == 0, sent.output
    mailed = pdfs()
    profiles = {p for p in mailed if p.name.startswith("profile-")}
    assert profiles and {p.parent for p in profiles} == {profiles_dir(folder)}
    letter = message_from_bytes(next((tmp_path / "outbox").glob("*.eml")).read_bytes())
    attached = {
        a.get_filename(): a.get_payload(decode=True) for a in letter.walk() if a.get_filename()
    }
    assert attached == {p.name: p.read_bytes() for p in mailed}  # what it attached, on disk

    with SessionStore.open(session) as store:
        app = make_app(store)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("E")
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            for box in ("md", "json", "csv"):  # the PDFs and the profiles
                dialog.query_one(f"#export-{box}", Checkbox).value = False
            await pilot.press("ctrl+s")
            for _ in range(600):
                await pilot.pause(0.05)
                if hasattr(dialog, "written") and not dialog.busy:
                    break
            written = {p for p in dialog.written if p.suffix == ".pdf"}
    assert written == mailed == pdfs()  # the same files, none written twice

    again = CliRunner().invoke(main, ["profiles", str(session)])
    assert again.exit_code == 0, again.output
    # Only the crosswalked ones without --uncoded; each where the dialog and e-mail put it.
    coded = {Path(line) for line in again.stdout.splitlines() if line.endswith(".pdf")}
    assert coded and coded <= profiles
    assert pdfs() == mailed
