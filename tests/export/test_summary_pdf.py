"""The PDF summary read back: every card, category, count, quote and the follow-up URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusgroup.export.content import summarize
from focusgroup.export.exporter import export_session
from focusgroup.export.snapshot import SessionSnapshot
from focusgroup.sample import FOLLOW_UP_URL, build_sample_session
from focusgroup.store.session_store import SessionStore
from tests.export.builders import pdf_text, squash


@pytest.fixture(scope="module")
def summary_pdf(sample_snap: SessionSnapshot, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    (pdf,) = export_session(sample_snap, out, ["pdf"])
    return pdf


def test_pdf_is_a_pdf_with_pages(summary_pdf: Path) -> None:
    from pypdf import PdfReader

    assert summary_pdf.read_bytes().startswith(b"%PDF-")
    assert 3 <= len(PdfReader(str(summary_pdf)).pages) <= 12


def test_every_card_wording_and_category_is_in_the_pdf(
    summary_pdf: Path, sample_snap: SessionSnapshot
) -> None:
    text = pdf_text(summary_pdf)
    for card in sample_snap.cards:
        for wording in card.wordings:
            assert squash(wording) in text, wording
    for category in sample_snap.categories:
        assert squash(category.name) in text


def test_counts_per_occupation_are_in_the_ranked_table(
    summary_pdf: Path, sample_snap: SessionSnapshot
) -> None:
    text = pdf_text(summary_pdf)
    for occ in summarize(sample_snap).occupations:
        # The table's columns: employers, reasons given, hands (issue 14).
        row = f"{occ.category}·{occ.level}{occ.employers}{occ.reasons_given}{occ.hands}"
        assert squash(row) in text, row
    assert squash("CNC machinist — Production, Entry level; named by 4") in text


def test_quotes_follow_how_each_person_may_be_quoted(
    summary_pdf: Path, sample_snap: SessionSnapshot
) -> None:
    text = pdf_text(summary_pdf)
    for quote in sample_snap.quotes():
        assert squash(quote.text.replace("👍", "")) in text
    assert squash("— Zoë Adeyemi, Front Range Precision") in text  # named
    assert "NguyễnThịMai" not in text  # quoted by organization only: never named
    assert "Dr.<Smith>" not in text  # anonymous


def test_follow_up_url_and_text_in_any_script(summary_pdf: Path) -> None:
    text = pdf_text(summary_pdf)
    assert FOLLOW_UP_URL in text
    for word in ("Zoë", "Łódź", "東京Robotics", "東京の工場でも同じ問題があります。", "Peña"):
        assert word in text, word


def test_fonts_are_embedded(summary_pdf: Path) -> None:
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(str(summary_pdf)).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        names |= {str(f.get_object().get("/BaseFont")) for f in fonts.values()}
    # Subset TrueType fonts, named by their PostScript names (reportlab's own Helvetica is
    # always declared for the canvas preamble, so it is not checked).
    assert any(n.endswith("+DejaVuSans") for n in names)
    assert any(n.endswith("+DejaVuSans-Bold") for n in names)
    assert any(n.endswith("+DroidSansFallback") for n in names)


def test_qr_code_decodes_to_the_follow_up_url(summary_pdf: Path) -> None:
    """Render the page as a viewer would (pdfium) and read the code with a real decoder."""
    import pypdfium2
    import zxingcpp

    pdf = pypdfium2.PdfDocument(str(summary_pdf))
    found = []
    for index in range(len(pdf)):
        image = pdf[index].render(scale=2).to_pil()
        found += [r.text for r in zxingcpp.read_barcodes(image)]
    assert found == [FOLLOW_UP_URL]


def test_user_text_is_escaped_and_emoji_do_not_break_the_build(tmp_path: Path) -> None:
    db = build_sample_session(tmp_path / "m.db")
    with SessionStore.open(db) as store:
        store.add_card(
            "<b>Welder</b> & <i>fitter</i> <a href='javascript:x'>",
            None,
            category_id=store.categories()[0].id,
            level="entry",
        )
        store.add_card("Technician 🧑‍🔧🎉 \U0001f3fd \x07 \u200b", None)
        store.add_note("Line one\nline two ] [/] [b]", kind="quote")
    (pdf,) = export_session(db, tmp_path, ["pdf"])
    text = pdf_text(pdf)
    assert squash("<b>Welder</b> & <i>fitter</i> <a href='javascript:x'>") in text
    assert "Technician" in text


def test_a_big_session_lays_out(tmp_path: Path) -> None:
    db = build_sample_session(tmp_path / "big.db", cards=150)
    (pdf,) = export_session(db, tmp_path, ["pdf"])
    text = pdf_text(pdf)
    with SessionStore.open(db) as store:
        cards = store.cards()
    assert len(cards) == 150
    assert all(squash(card.text) in text for card in cards)
