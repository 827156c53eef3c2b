"""Hostile input, generated: stored byte-identical, exported intact, refused cleanly.

Text with markup, control characters, NUL, 10,000 characters, emoji, RTL and combining
characters goes into every text field a user types (card, note, participant, category,
competency); malformed CSV imports and damaged session files are refused with a
FocusGroupError (one clear line, never a traceback) and change nothing.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusgroup.domain.errors import DomainError, FocusGroupError, SessionFileError
from focusgroup.importing import import_cards, import_participants
from focusgroup.store import SessionStore
from tests.builders import tiny_protocol
from tests.reliability.builders import examples
from tests.reliability.nasty import SAMPLES, nasty_text, one_line


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> SessionStore:
    # One file for all examples: creating a session per example would dominate the run.
    store = SessionStore.create(
        tmp_path_factory.mktemp("nasty") / "n.db", tiny_protocol(), title="Nasty"
    )
    yield store
    store.close()


def _everywhere(store: SessionStore, text: str) -> dict[str, int]:
    # Names are one line (they go into e-mail headers): a line break is refused, not kept.
    if one_line(text) != text:
        with pytest.raises(DomainError, match="one line"):
            store.add_participant(text)
        with pytest.raises(DomainError, match="one line"):
            store.add_participant("Ann", organization=text)
    person = store.add_participant(one_line(text), organization=one_line(text))
    category = store.add_category(text)
    card = store.add_card(text, person, category_id=category, level="entry")
    return {
        "participant": person,
        "category": category,
        "card": card,
        "note": store.add_note(text, participant_id=person, card_ids=[card]),
        "competency": store.add_competency(text, card_id=card),
        "commitment": store.add_commitment(text, participant_id=person, detail=text),
    }


def _read_back(path: Path, ids: dict[str, int]) -> dict[str, str]:
    with SessionStore.open(path, actor="reader") as other:  # a fresh connection, from disk
        return {
            "participant": other.participant(ids["participant"]).name,
            "organization": other.participant(ids["participant"]).organization,
            "category": other.category(ids["category"]).name,
            "card": other.card(ids["card"]).text,
            "note": next(n.text for n in other.notes() if n.id == ids["note"]),
            "competency": next(c.text for c in other.competencies() if c.id == ids["competency"]),
            "commitment": next(c.offer for c in other.commitments() if c.id == ids["commitment"]),
        }


@examples()
@given(text=nasty_text)
def test_text_is_stored_and_returned_byte_identical(shared: SessionStore, text: str) -> None:
    ids = _everywhere(shared, text)
    back = _read_back(shared.path, ids)
    expected = {k: text for k in back}
    expected.update(participant=one_line(text), organization=one_line(text))
    assert {k: v.encode("utf-8", "surrogatepass") for k, v in back.items()} == {
        k: v.encode("utf-8", "surrogatepass") for k, v in expected.items()
    }
    # The undo log holds it exactly too: undo the card's text edit back to the nasty one.
    shared.edit_card(ids["card"], "plain")
    shared.undo()
    assert shared.card(ids["card"]).text == text


@pytest.mark.parametrize("blank", ["", " ", "\t\n", "\u3000"])
def test_blank_text_is_refused_with_a_domain_error(store: SessionStore, blank: str) -> None:
    with pytest.raises(DomainError):
        store.add_card(blank)


# -- exports ---------------------------------------------------------------------------------


def _nasty_session(path: Path, texts: list[str]) -> SessionStore:
    store = SessionStore.create(path, tiny_protocol(), title=one_line(texts[0]))
    for text in texts:
        _everywhere(store, text)
        store.add_takeaway(text)  # the summary's first page (issue 14)
    store.toggle_shortlist(store.cards()[0].id)
    return store


def _unmd(text: str) -> str:
    """Undo the Markdown exporter's escaping (backslash before a special character)."""
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


@examples()
@given(texts=st.lists(nasty_text, min_size=1, max_size=3))
def test_json_csv_markdown_exports_keep_every_text(tmp_path: Path, texts: list[str]) -> None:
    from focusgroup.export.exporter import export_session
    from focusgroup.export.json_export import read_json

    out = tmp_path / "out"
    shutil.rmtree(tmp_path / "s.db", ignore_errors=True)
    for leftover in tmp_path.glob("s.db*"):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(out, ignore_errors=True)
    with _nasty_session(tmp_path / "s.db", texts) as store:
        files = export_session(store, out, ("json", "csv", "md"), stem="x")
        cards = {c.text for c in store.cards()}
        assert cards == set(texts)

    # JSON: round trip through the exporter's own reader and through plain json.
    snap = read_json(out / "x.json")
    assert {c.text for c in snap.cards} == set(texts)
    assert {n.text for n in snap.notes} == set(texts)
    assert {p.name for p in snap.participants} == {one_line(t) for t in texts}
    assert {c.name for c in snap.categories} >= set(texts)
    assert [t.text for t in snap.takeaways] == texts
    raw = json.loads((out / "x.json").read_text("utf-8"))
    assert raw  # parses as strict JSON (NUL and control characters escaped)

    # CSV: every cell comes back exactly, after the formula guard's leading quote.
    cells: set[str] = set()
    for path in files:
        if path.suffix == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as handle:
                for row in csv.reader(handle):
                    cells.update(row)
    guarded = {("'" + t) if t.startswith(("=", "+", "-", "@", "\t", "\r")) else t for t in texts}
    assert guarded <= cells

    # Markdown: one line per item by design (whitespace runs collapse); unescaped, the text.
    markdown = _unmd((out / "x.md").read_text("utf-8"))
    for text in texts:
        assert " ".join(text.split()) in markdown


def test_json_export_is_byte_exact(tmp_path: Path) -> None:
    from focusgroup.export.exporter import export_session
    from focusgroup.export.json_export import read_json

    text = "e\u0301 decomposed, as macOS and some keyboards type it"
    with SessionStore.create(tmp_path / "s.db", tiny_protocol(), title="T") as store:
        store.add_card(text)
        export_session(store, tmp_path / "out", ("json",), stem="x")
    assert [c.text for c in read_json(tmp_path / "out" / "x.json").cards] == [text]


def test_pdf_export_shows_markup_and_latin_text_literally(tmp_path: Path) -> None:
    """The PDF, read back with pypdf. Only printable text: PDF has no way to carry NUL or
    control characters (they are dropped), and text extraction reorders RTL runs."""
    pypdf = pytest.importorskip("pypdf")
    from focusgroup.export.exporter import export_session

    texts = [
        "[@click=app.quit]boom[/]",
        "Dr. <Smith> & co",
        "[bold]Machinist $accent",
        "Zoë Łukasz café",
    ]
    with _nasty_session(tmp_path / "s.db", texts) as store:
        store.add_card("NUL\x00 and bell\x07 inside")  # must not break the PDF build
        (pdf,) = export_session(store, tmp_path / "out", ("pdf",), stem="x")
    reader = pypdf.PdfReader(str(pdf))
    flat = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for text in texts:
        assert text in flat, f"{text!r} not in the PDF text"


# -- CSV imports -----------------------------------------------------------------------------

_csv_cell = st.one_of(nasty_text, st.sampled_from(["", "entry", "mid", "x@y", "yes", "no"]))
_csv_rows = st.lists(st.lists(_csv_cell, max_size=10), max_size=6)
_headers = st.sampled_from(
    ["participant,card,category,level,reasons,email", "name,organization,email", "card", ""]
)


def _state(store: SessionStore) -> tuple:
    return (store.last_event_id(), store.cards(), store.participants(), store.categories())


@examples()
@given(header=_headers, rows=_csv_rows, junk=st.binary(max_size=200), mode=st.integers(0, 2))
def test_malformed_csv_imports_fail_cleanly_or_import_everything(
    shared: SessionStore, tmp_path: Path, header: str, rows: list, junk: bytes, mode: int
) -> None:
    path = tmp_path / "import.csv"
    if mode == 0:  # random bytes
        path.write_bytes(junk)
    else:  # a header and random rows, cells quoted properly (mode 1) or joined raw (mode 2)
        buffer = io.StringIO()
        if mode == 1:
            csv.writer(buffer).writerows([header.split(","), *rows])
        else:
            buffer.write("\n".join([header, *(",".join(r) for r in rows)]))
        path.write_bytes(buffer.getvalue().encode("utf-8", "surrogatepass") + junk[:10])
    for run in (import_cards, import_participants):
        before = _state(shared)
        try:
            run(shared, path)
        except FocusGroupError as error:
            assert str(error).strip() and "Traceback" not in str(error)
            assert _state(shared) == before, "a failed import wrote something"


# -- damaged session files -------------------------------------------------------------------


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("good") / "good.db"
    with SessionStore.create(path, tiny_protocol(), title="Good") as store:
        for text in SAMPLES[:8]:
            store.add_card(text)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def _open_refused(path: Path) -> str:
    before = path.read_bytes()
    try:
        SessionStore.open(path).close()
    except SessionFileError as error:
        message = str(error)
    else:
        message = ""
    assert path.read_bytes() == before, "opening a damaged file changed it"
    return message


@examples()
@given(cut=st.integers(min_value=0, max_value=10**6))
def test_truncated_files_are_refused_and_left_alone(tmp_path: Path, good: Path, cut: int) -> None:
    good_file = good.read_bytes()
    path = tmp_path / "cut.db"
    for extra in tmp_path.glob("cut.db*"):
        extra.unlink(missing_ok=True)
    size = cut % len(good_file)
    path.write_bytes(good_file[:size])
    message = _open_refused(path)
    assert message, f"a file cut to {size} of {len(good_file)} bytes opened"
    assert str(path) in message


@examples()
@given(data=st.binary(max_size=4096), keep_magic=st.booleans())
def test_random_bytes_are_refused_and_left_alone(
    tmp_path: Path, data: bytes, keep_magic: bool
) -> None:
    path = tmp_path / "random.db"
    for extra in tmp_path.glob("random.db*"):
        extra.unlink(missing_ok=True)
    path.write_bytes((b"SQLite format 3\x00" if keep_magic else b"") + data)
    assert _open_refused(path)


@examples()
@given(offset=st.integers(min_value=100, max_value=10**6), noise=st.binary(min_size=1, max_size=64))
def test_flipped_bytes_are_refused_or_read_intact(
    tmp_path: Path, good: Path, offset: int, noise: bytes
) -> None:
    """Garbage written into the middle of a session: refused, or (if it hit free space)
    opened with every row intact. Never a traceback, never a silently wrong wall."""
    good_file = good.read_bytes()
    path = tmp_path / "flip.db"
    for extra in tmp_path.glob("flip.db*"):
        extra.unlink(missing_ok=True)
    at = offset % (len(good_file) - len(noise))
    damaged = good_file[:at] + noise + good_file[at + len(noise) :]
    path.write_bytes(damaged)
    try:
        with SessionStore.open(path) as store:
            texts = [c.text for c in store.cards()]
    except (SessionFileError, DomainError):
        assert path.read_bytes() == damaged
        return
    except (sqlite3.DatabaseError, ValueError, KeyError) as error:
        pytest.fail(f"damage at byte {at} gave {type(error).__name__}: {error}")
    assert texts == list(SAMPLES[:8]) or path.read_bytes() == damaged


def test_future_schema_is_refused_by_name_and_left_alone(tmp_path: Path, good: Path) -> None:
    from focusgroup.store.schema import SCHEMA_VERSION

    path = tmp_path / "future.db"
    path.write_bytes(good.read_bytes())
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 7}")
    conn.execute("CREATE TABLE from_the_future (x)")
    conn.close()
    message = _open_refused(path)
    assert "newer focusgroup" in message and str(SCHEMA_VERSION + 7) in message


def test_invalid_utf8_in_a_damaged_row_is_shown_not_a_crash(tmp_path: Path) -> None:
    # Found by the thorough profile: 8 bytes of garbage inside a card's text passed
    # quick_check, then store.cards() raised UnicodeDecodeError (the app would crash).
    path = tmp_path / "m.db"
    with SessionStore.create(path, tiny_protocol(), title="T") as store:
        store.add_card("Machinist MARK")
        store.add_card("Welder")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = path.read_bytes()
    path.write_bytes(data.replace(b"MARK", b"\x80\xffRK"))  # the row and its log entry
    with SessionStore.open(path) as store:
        assert [c.text for c in store.cards()] == ["Machinist \ufffd\ufffdRK", "Welder"]
