"""Long text in every field, through every export (issue 21).

Before: a card of ~1,500 characters made reportlab raise LayoutError (a table row taller
than a page), and `focusgroup export` then wrote no format at all, because the PDF goes first.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from focusgroup.cli import main
from focusgroup.export.exporter import ExportIncomplete, export_session
from focusgroup.export.json_export import read_json
from focusgroup.store import SessionStore
from tests.faults.long_text import LONG

TAG = re.compile(r"\b([a-z]+\d?)-start\b")


def _texts(db: Path) -> dict[str, str]:
    """Every long text in the session, by its tag (card, quote0, offer, ...)."""
    with SessionStore.open(db) as store:
        s = store.session()
        values = [s.title, s.sector, s.region, s.facilitator]
        for p in store.participants():
            values += [p.name, p.organization]
        values += [c.name for c in store.categories()]
        for card in store.cards():
            values += [m.text for m in card.all_cards] + [card.soc_title]
            values += [r for m in card.all_cards for r in m.reasons]
        values += [c.text for c in store.competencies()]
        values += [n.text for n in store.notes()]
        for c in store.commitments():
            values += [c.offer, c.detail, c.owner, c.due]
    found = {}
    for value in values:
        match = TAG.match(value)
        if match:
            assert len(value) == LONG
            found[match.group(1)] = value
    return found


def test_every_field_is_long(long_db: Path) -> None:
    tags = set(_texts(long_db))
    assert {"title", "card", "wording", "ownreason", "quote0", "offer", "due"} <= tags
    assert len(tags) >= 25


@pytest.fixture(scope="module")
def exported(long_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`focusgroup export` of the long meeting, every format (the PDF takes a few seconds)."""
    out = tmp_path_factory.mktemp("exported")
    result = CliRunner().invoke(main, ["export", str(long_db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    files = [Path(line) for line in result.stdout.splitlines()]
    assert {p.suffix for p in files} == {".pdf", ".md", ".json", ".csv"}
    assert len(files) == 7 and all(p.parent == out for p in files)
    for path in files:
        path.rename(out / ("x" + path.name[len(files[0].stem) :]))
    return out


def test_every_format_is_written_whole(long_db: Path, exported: Path) -> None:
    texts = _texts(long_db)
    assert sorted(p.name for p in exported.iterdir()) == sorted(
        ["x.pdf", "x.md", "x.json"]
        + [f"x-{t}.csv" for t in ("cards", "competencies", "notes", "commitments")]
    )
    # JSON holds every text exactly.
    snap = read_json(exported / "x.json")
    raw = json.dumps(json.loads((exported / "x.json").read_text("utf-8")), ensure_ascii=False)
    for tag, text in texts.items():
        assert json.dumps(text, ensure_ascii=False) in raw, tag
    assert {c.text for c in snap.cards} == {texts["card"], texts["unsorted"]}
    # CSV: every text is a cell or part of one, exactly.
    cells = []
    for path in exported.glob("x-*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            cells += [c for row in csv.reader(handle) for c in row]
    joined = "\n".join(cells)
    for tag in ("card", "wording", "category", "soctitle", "compentry", "note", "quote0"):
        assert texts[tag] in joined, tag
    for tag in ("offer", "detail", "owner", "due", "name0", "org0"):
        assert texts[tag] in cells, tag
    # Markdown: every text, whitespace as written (the fields have no runs to collapse).
    markdown = (exported / "x.md").read_text("utf-8")
    for tag, text in texts.items():
        if tag in ("name1", "name2"):  # quoted by organization / anonymously: never named
            assert text not in markdown
            continue
        assert text in markdown, tag


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_the_pdf_splits_long_paragraphs_across_pages(long_db: Path, exported: Path) -> None:
    texts = _texts(long_db)
    text = subprocess.run(
        ["pdftotext", "-layout", str(exported / "x.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert text.count("\f") > 20  # ~300 KB of text: far more than a table row's one page
    flat = " ".join(text.split())
    for tag in texts:
        if tag in ("name1", "name2"):
            continue  # quoted by organization / anonymously
        # Start and end of each field are there: nothing was cut off at a page boundary.
        assert f"{tag}-start" in flat and f"{tag}-end" in flat, tag
    # No words lost between the ends: each field shown at least once, all its words.
    shown = [t for tag, t in texts.items() if tag not in ("name1", "name2")]
    assert flat.count("consectetur") >= sum(t.count("consectetur") for t in shown)


# -- one failing format does not stop the others ----------------------------------------


def test_a_format_that_cannot_be_written_does_not_stop_the_others(
    long_db: Path, tmp_path: Path
) -> None:
    """Fault: the JSON file's name is taken by a folder, so writing it fails."""
    (tmp_path / "x.json").mkdir()
    with pytest.raises(ExportIncomplete) as caught:
        export_session(long_db, tmp_path, "md,json,csv", stem="x")
    written = {p.name for p in caught.value.written}
    assert {"x.md", "x-cards.csv", "x-notes.csv"} <= written and "x.json" not in written
    for name in written:
        assert (tmp_path / name).stat().st_size > 0
    assert [what for what, _ in caught.value.failures] == ["the JSON summary"]
    assert "x.json" in str(caught.value)
    assert not list(tmp_path.glob(".*.part"))  # no half-written file left behind


def test_a_layout_failure_is_reported_and_the_others_are_written(
    long_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault: reportlab raises its LayoutError from inside the PDF writer."""
    from reportlab.platypus.doctemplate import LayoutError

    from focusgroup.export.pdf import summary

    def broken(snap: object, path: Path) -> Path:
        path.write_bytes(b"%PDF-1.4 half")  # it had begun writing
        raise LayoutError("Flowable <Table> too large on page 3")

    monkeypatch.setattr(summary, "write_summary_pdf", broken)
    args = ["export", str(long_db), "--out", str(tmp_path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    written = result.stdout.splitlines()
    assert {Path(p).suffix for p in written} == {".md", ".json", ".csv"}
    lines = result.stderr.strip().splitlines()
    progress = r"\s*\[\d/4\] Writing|Summary of "
    errors = [line for line in lines if not re.match(progress, line)]
    assert len(errors) == 1 and errors[0].startswith("Error: Could not write the PDF summary")
    assert "too tall to lay out" in errors[0]
    assert "Traceback" not in result.output
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".*.part"))


def test_email_of_the_long_meeting_goes_out_with_its_pdf(long_db: Path, tmp_path: Path) -> None:
    """Before: the PDF's LayoutError stopped `focusgroup email` with a traceback."""
    from email import message_from_bytes, policy

    outbox = tmp_path / "outbox"
    result = CliRunner().invoke(
        main, ["email", str(long_db), "--outbox", str(outbox), "--from", "Dana <d@example.org>"]
    )
    assert result.exit_code == 0, result.output
    messages = sorted(outbox.glob("*.eml"))
    assert len(messages) == 3
    message = message_from_bytes(messages[0].read_bytes(), policy=policy.default)
    (pdf,) = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert pdf.get_content().startswith(b"%PDF-")


def test_an_older_files_link_too_long_for_a_qr_code_is_printed_without_one(
    tmp_path: Path,
) -> None:
    """Files made before the link limit may hold any length; the QR code would overflow."""
    from dataclasses import replace

    from focusgroup.export.pdf.figures import qr_code
    from focusgroup.export.snapshot import take_snapshot
    from tests.conftest import tiny_protocol

    url = "https://example.org/" + "a" * 3000
    assert qr_code(url) is None and qr_code("https://example.org/x") is not None
    with SessionStore.create(tmp_path / "old.db", tiny_protocol(), title="Old") as store:
        store.add_card("Welder")
        snap = take_snapshot(store)
    snap = replace(snap, session=replace(snap.session, follow_up_url=url))
    (pdf,) = export_session(snap, tmp_path / "out", ["pdf"], stem="x")
    text = " ".join(pdf_text_of(pdf).split())
    assert "Open the link to see the wall" in text and "Scan the code" not in text


def pdf_text_of(pdf: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)
