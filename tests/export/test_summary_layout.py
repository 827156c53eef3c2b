"""The summary PDF's appendix pages, read back: no page left mostly white for no reason.

An occupation that carries a quote used to start a page of its own whatever room was left
(its quote box, kept together inside the occupation's block, measured as taller than any
page), so a meeting with a few quoted occupations printed pages holding one short block each.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from focusgroup.export.exporter import export_session
from focusgroup.protocol_files import find_protocol
from focusgroup.store.session_store import SessionStore

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def fill_of_pages(pdf: Path) -> list[float]:
    """How far down each page the text reaches, 0..1 of the space between header and footer
    (pypdf's text positions: the lowest baseline above the footer)."""
    from pypdf import PdfReader

    fills = []
    for page in PdfReader(str(pdf)).pages:
        ys: list[float] = []
        page.extract_text(visitor_text=lambda text, cm, tm, *_, ys=ys: _baseline(ys, text, cm, tm))
        height = float(page.mediabox.height)
        top, bottom = 0.93 * height, 0.09 * height
        body = [y for y in ys if y > 0.08 * height]  # above the footer
        fills.append((top - min(body)) / (top - bottom) if body else 0.0)
    return fills


def _baseline(ys: list[float], text: str, cm: list[float], tm: list[float]) -> None:
    if text.strip():
        ys.append(tm[5] * cm[3] + cm[5])  # the text's baseline on the page


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


def build_quoted_room(path: Path) -> Path:
    """Four stacks of two employers, each with one short quote: Appendix C is four small
    blocks that fit on one page together."""
    protocol = find_protocol("critical-occupations")
    store = SessionStore.create(
        path, protocol, title="Quoted room", with_categories=False, date="2026-11-30"
    )
    try:
        production = store.add_category("Production")
        for n, job in enumerate(("Welder", "Machinist", "Assembler", "Painter")):
            a = store.add_participant(f"Ann {job}", f"{job} Shop A")
            b = store.add_participant(f"Bo {job}", f"{job} Shop B")
            lead = store.add_card(job, a, category_id=production, level="entry")
            store.merge_cards(lead, [store.add_card(f"{job} II", b)])
            store.add_note(
                f"We need {n + 2} more of them.", kind="quote", card_ids=[lead], participant_id=a
            )
    finally:
        store.close()
    return path


@needs_pdftotext
def test_occupations_with_quotes_share_a_page_when_they_fit(tmp_path: Path) -> None:
    room = build_quoted_room(tmp_path / "quoted.db")
    with sqlite3.connect(room) as conn:
        quoted = [t for (t,) in conn.execute(
            "SELECT c.text FROM cards c JOIN notes n ON n.card_ids LIKE '%' || c.id || '%' "
            "WHERE n.kind = 'quote' AND c.stack_id IS NULL ORDER BY c.id"
        )]  # fmt: skip
    assert len(quoted) == 4
    (pdf,) = export_session(room, tmp_path / "out", ["pdf"])
    pages = _pages(pdf)
    detail = [
        i for i, p in enumerate(pages) if any(f"“We need {n + 2} more" in p for n in range(4))
    ]
    text = "".join(pages)
    for job in quoted:
        assert f"\n {job}\n" in text, job
    # Four short blocks: at most two pages (the section may start low on one), and each
    # appendix page before the last is filled before the next block starts a new one.
    assert len(detail) <= 2, [pages[i].splitlines()[:3] for i in detail]
    fills = fill_of_pages(pdf)
    appendix = [i for i, p in enumerate(pages) if "Appendix A · " in p][0]
    for i in range(appendix, len(pages) - 1):
        assert fills[i] >= 0.6, (i + 1, round(fills[i], 2), pages[i + 1].splitlines()[:2])


def full_first_page(tmp_path: Path) -> Path:
    """Five long takeaways and a shortlist of seven: page 1 must be shrunk to fit."""
    from tests.export.room_session import build_room

    room = build_room(tmp_path / "r.db", shortlist=False, takeaways=False)
    with SessionStore.open(room) as store:
        for card in store.cards():
            store.toggle_shortlist(card.id)
        for n in range(5):
            store.add_takeaway(f"Takeaway {n}: " + "employers need people who read drawings. " * 8)
    return room


@needs_pdftotext
def test_a_full_first_page_still_stands_alone(tmp_path: Path) -> None:
    """The layout is retried at looser scales so the last page is not nearly empty; a full
    page 1 at such a scale used to run onto page 2 (its next steps and date with it)."""
    room = full_first_page(tmp_path)
    with sqlite3.connect(room) as conn:
        shortlist = [t for (t,) in conn.execute("SELECT text FROM cards WHERE shortlist > 0 ORDER BY shortlist")]  # fmt: skip
        takeaways = [t for (t,) in conn.execute("SELECT text FROM takeaways ORDER BY position")]
        (reengage,) = conn.execute("SELECT reengage_on FROM sessions").fetchone()
    assert len(shortlist) == 7 and len(takeaways) == 5 and reengage
    (pdf,) = export_session(room, tmp_path / "out", ["pdf"])
    pages = _pages(pdf)
    first = " ".join(pages[0].split())
    for takeaway in takeaways:
        assert " ".join(takeaway.split()) in first
    for place, text in enumerate(shortlist, start=1):
        assert f"{place}. {text} — " in first, text
    assert "NEXT STEPS" in first and "WHEN YOU WILL HEAR FROM US" in first
    assert "February 15, 2027" in first  # the re-engagement date, as stored: 2027-02-15
    assert pages[1].split()[:3] == ["Who", "took", "part"]  # page 2 is the next page
