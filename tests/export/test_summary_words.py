"""Words a director signs: a card still in Unsorted is "not yet sorted" in every format,
never "Unsorted, Unsorted" (its category and its level both read "Unsorted")."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from focusgroup.export.content import summarize
from focusgroup.export.exporter import export_session, snapshot_of
from focusgroup.mail.content import build_content
from focusgroup.store.session_store import SessionStore
from tests.export.builders import squash
from tests.export.room_session import build_room


def test_an_unsorted_card_reads_not_yet_sorted_everywhere(tmp_path: Path) -> None:
    room = build_room(tmp_path / "r.db")
    with SessionStore.open(room) as store:
        mold = next(c.id for c in store.cards() if c.text == "Mold setter")
        store.toggle_shortlist(mold)  # on page 1 and in the e-mail too
    with sqlite3.connect(room) as conn:
        unsorted = [t for (t,) in conn.execute("SELECT text FROM cards WHERE category_id IS NULL AND stack_id IS NULL")]  # fmt: skip
    assert unsorted == ["Mold setter"]
    files = export_session(room, tmp_path / "o", ["md", "pdf"])
    md = next(p for p in files if p.suffix == ".md").read_text("utf-8")
    lines = [ln for ln in md.splitlines() if "**Mold setter**" in ln]
    assert len(lines) == 2  # the shortlist and everything on the wall
    for line in lines:
        assert "— Not yet sorted; named by 1 employer" in line, line
    assert "Unsorted, Unsorted" not in md
    mail = build_content(snapshot_of(room), False, tmp_path / "mail")
    assert "Mold setter (Not yet sorted): named by 1 employer" in mail.text
    assert "Unsorted" not in mail.text
    if shutil.which("pdftotext"):
        pdf = next(p for p in files if p.suffix == ".pdf")
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        assert squash("Mold setter — Not yet sorted; named by 1 employer") in squash(text)
        assert "Unsorted" not in text
    assert summarize(snapshot_of(room)).occupations[-1].place() == "Not yet sorted"
