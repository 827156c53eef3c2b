"""The export dialog (`E` on the wall), driven with the keyboard only, as a facilitator would.

Every format it offers writes a file that opens (PDF with pypdf, CSV with csv.reader, JSON
with json, Markdown as UTF-8 text) and keeps the text exactly as typed: accents, quotes,
commas, emoji, right-to-left script, markup-looking brackets, line breaks, long cards. Any
folder: one that does not exist yet, a file, read-only media, a blank field.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pypdf
import pytest
from textual.widgets import Checkbox, Input, Label

from focusgroup.protocol_files import find_protocol
from focusgroup.store import SessionStore
from focusgroup.tui.app import FocusGroupApp, make_app
from tests.faults.conftest import _unmount, mount_tmpfs, remount_read_only  # noqa: F401
from tests.tui.test_wall_tools import wait_for

TITLE = 'Ünïcode «roundtable», "quotes" & commas — 🏭 مصنع'
PEOPLE = [
    ("Zoë Łukasiewicz", "Acme, Inc."),
    ('Pat "Paddy" O\'Brien, Jr.', "O'Brien & Sons"),
    ("محمد الأنصاري", "مصنع الشرق"),
    ("Nguyễn Thị Minh Khai 👷", "[bold]Delta[/] Logistics"),
]
CARDS = [
    'CNC machinist, 2nd shift — "lead"',
    "Soldador/a (tubería) 🔥",
    "فني صيانة",
    "Line 1\nline 2 of a card with a line break",
    "[red]Quality[/blue] inspector [@click=app.quit]x[/]",
    " ".join(["Maintenance technician who keeps the presses running"] * 40),
]


# `_unmount` (autouse, imported above) takes down the tmpfs the read-only test mounts.


@pytest.fixture
def odd_store(tmp_path: Path):
    store = SessionStore.create(
        tmp_path / "odd.db", find_protocol("critical-occupations"), title=TITLE
    )
    category = store.add_category("Production, «floor» 🏗")
    ids = []
    for name, organization in PEOPLE:
        pid = store.add_participant(name, organization)
        store.set_attended(pid, True)
        ids.append(pid)
    for i, text in enumerate(CARDS):
        store.add_card(text, ids[i % len(ids)], category_id=category, level="entry")
    store.add_note("“We can’t find welders,” she said — 😩", kind="quote", participant_id=ids[0])
    store.add_commitment("job descriptions", participant_id=ids[1], detail="Send «two», today")
    yield store
    store.close()


@pytest.fixture
def app(odd_store: SessionStore) -> FocusGroupApp:
    app = make_app(odd_store, "facilitator", today=lambda: "2025-03-14")
    app.animation_level = "none"
    return app


async def _type_folder(pilot, app: FocusGroupApp, folder: str) -> None:
    """Shift+Tab from the Export button back to the folder field, clear it, type, export."""
    field = app.screen.query_one("#export-folder", Input)
    for _ in range(12):
        if app.focused is field:
            break
        await pilot.press("shift+tab")
    assert app.focused is field
    await pilot.press("ctrl+u", "end", "ctrl+u")  # clear left of the cursor, from the end
    assert field.value == ""
    for ch in folder:
        await pilot.press("space" if ch == " " else ch)
    assert field.value == folder


def _status(app: FocusGroupApp) -> str:
    return str(app.screen.query_one("#export-status", Label).render())


async def _export(pilot, app: FocusGroupApp, folder: str) -> str:
    await _type_folder(pilot, app, folder)
    await pilot.press("ctrl+s")
    dialog = app.screen
    await wait_for(pilot, lambda: hasattr(dialog, "written") and not dialog.busy, tries=600)
    return _status(app)


async def test_every_format_opens_and_keeps_the_text(
    app: FocusGroupApp, odd_store: SessionStore, tmp_path: Path
) -> None:
    out = tmp_path / "not" / "there" / "yet"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("E")
        status = await _export(pilot, app, str(out))
        assert status.startswith("Wrote ") and str(out) in status, status
        written = app.screen.written
    by_suffix: dict[str, list[Path]] = {}
    for path in written:
        by_suffix.setdefault(path.suffix, []).append(path)
    assert set(by_suffix) == {".pdf", ".md", ".json", ".csv", ".yaml"}

    for pdf in by_suffix[".pdf"]:  # the summary and each job profile
        reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
        assert len(reader.pages) >= 1
        assert "".join(page.extract_text() for page in reader.pages).strip()

    texts = [c.text for c in odd_store.cards()]
    people = [p.name for p in odd_store.participants()]
    [markdown] = by_suffix[".md"]
    # As a Markdown reader shows it: \[ \* \< are escapes for the literal characters.
    md = re.sub(r"\\(.)", r"\1", markdown.read_text(encoding="utf-8"))
    assert TITLE in md
    for text in texts:
        assert " ".join(text.split()) in " ".join(md.split())  # wrapped, never changed

    [summary_json] = by_suffix[".json"]
    data = json.loads(summary_json.read_text(encoding="utf-8"))
    flat = json.dumps(data, ensure_ascii=False)
    for value in [TITLE, *texts, *people]:
        assert json.dumps(value, ensure_ascii=False)[1:-1] in flat

    cards_csv = next(p for p in by_suffix[".csv"] if p.name.endswith("-cards.csv"))
    with cards_csv.open(encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    for text in texts:
        assert text in cells
    for path in by_suffix[".csv"]:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows and all(len(row) == len(rows[0]) for row in rows), path.name


async def test_a_blank_folder_is_refused_not_the_current_directory(
    app: FocusGroupApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Clearing the field and pressing ctrl+s wrote 17 files into whatever folder the app
    was started from ("Wrote 17 files in .")."""
    cwd = tmp_path / "started-here"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("E")
        await _type_folder(pilot, app, "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert _status(app) == "Type the folder to export to."
        assert app.focused is app.screen.query_one("#export-folder", Input)
        assert not app.screen.busy
    assert list(cwd.iterdir()) == []


async def test_a_relative_folder_is_shown_as_where_the_files_went(
    app: FocusGroupApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("E")
        for box in ("pdf", "json", "csv", "profiles"):  # Markdown only: quick
            app.screen.query_one(f"#export-{box}", Checkbox).value = False
        status = await _export(pilot, app, "out")
    assert status == f"Wrote 1 file in {tmp_path / 'out'}"
    assert len(list((tmp_path / "out").glob("*.md"))) == 1


@pytest.mark.parametrize("where", ["a file", "inside a file"])
async def test_a_file_where_the_folder_should_be(
    app: FocusGroupApp, tmp_path: Path, where: str
) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine", encoding="utf-8")
    folder = blocker if where == "a file" else blocker / "out"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("E")
        status = await _export(pilot, app, str(folder))
        assert app.is_running and app.screen.written == []
    assert status.startswith("Not written: Can't ") and str(folder) in status, status
    assert status.count("Can't") == 1, status  # said once, not once for each part
    assert "Traceback" not in status and blocker.read_text(encoding="utf-8") == "mine"


async def test_read_only_media_is_named_as_such(app: FocusGroupApp, tmp_path: Path) -> None:
    folder = mount_tmpfs(tmp_path / "usb")
    remount_read_only(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("E")
        existing = await _export(pilot, app, str(folder))
        await pilot.press("escape")  # close; open again for the second folder
        await pilot.press("E")
        inside = await _export(pilot, app, str(folder / "exports"))
        assert app.is_running
    assert existing == f"Not written: Can't write to {folder}: Read-only file system."
    assert inside == (
        f"Not written: Can't create the folder {folder / 'exports'}: Read-only file system."
    )
    assert list(folder.iterdir()) == []
