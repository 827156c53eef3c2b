"""The gap-analysis PDF holds together whatever the inventory holds: long names in any script.

Read back with pdftotext: every coverage mark of the JSON is on the paper (none pushed off a
split row), the matrix's header never repeats over an empty sliver of a row, and every
program's key is listed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from focusgroup.export.gaps_content import SYMBOLS
from focusgroup.export.gaps_export import export_gaps
from focusgroup.store import SessionStore
from tests.conftest import tiny_protocol

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")

PIECES = (
    "Advanced welding and fabrication",
    "برنامج اللحام المتقدم",
    "高级焊接技术",
    "Soudage avancé",
    "🔥 Welding 💯",
)
"""Words of several scripts (right-to-left and CJK among them), and emoji the fonts lack."""


def _text(pieces: list[int], length: int) -> str:
    words = " ".join(PIECES[i] for i in pieces) or PIECES[0]
    return (words + " ") * (length // (len(words) + 1)) + words


long_text = st.builds(
    _text, st.lists(st.integers(0, len(PIECES) - 1), min_size=1, max_size=3),
    st.sampled_from([20, 400, 1000, 3000]),
)  # fmt: skip


def _pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # pdftotext wraps right-to-left runs in bidi embedding marks (U+202A..U+202E): the reader's
    # markup, not the page's, so "P1" beside Arabic text reads "P1\u202c", not "P1 ".
    text = re.sub("[\u202a-\u202e\u2066-\u2069]", " ", text)
    return text.split("\f")[:-1]


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(occupation=long_text, lacking=long_text, program=long_text, extra=st.integers(0, 12))
@example(occupation="Welder helper", lacking=_text([0], 3000), program=_text([1], 1000), extra=11)
@example(occupation=_text([0], 20), lacking=_text([0], 20), program=_text([1], 1000), extra=0)
def test_every_mark_and_key_is_on_the_paper_and_no_header_repeats_over_nothing(
    tmp_path: Path, occupation: str, lacking: str, program: str, extra: int
) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    with SessionStore.create(folder / "m.db", tiny_protocol(), title="Long text") as store:
        welder = store.add_card("Welder", level="entry")
        other = store.add_card(occupation, level="mid")
        store.add_competency(lacking, card_id=other, lacking=True)
        store.add_competency("MIG welding", card_id=welder, lacking=True)
        store.add_program(program, program, credential=program, level="entry",
                          occupations=["Welder", occupation], competencies=[lacking])  # fmt: skip
        for n in range(extra):  # enough programs for a second block of the matrix
            store.add_program(f"College {n}", f"Welding {n}", level="entry", occupations=["Welder"])
    written = export_gaps(folder / "m.db", folder / "out", "pdf,json")
    (pdf,) = [p for p in written if p.suffix == ".pdf"]
    (data,) = [json.loads(p.read_text("utf-8")) for p in written if p.suffix == ".json"]
    pages = _pdf_pages(pdf)
    text = "".join(pages)
    # Every cell of the matrix, plus the legend's one of each symbol.
    cells = Counter(SYMBOLS[c["status"]] for c in data["coverage"])
    for symbol in SYMBOLS.values():
        assert text.count(symbol) == cells[symbol] + 1, symbol
    # A header is always followed by a row of its block: never by another header.
    keys = {"Occupation"} | {f"P{n}" for n in range(1, len(data["programs"]) + 1)}
    lines = [line.split() for line in text.splitlines() if line.strip()]
    headers = [
        i for i, words in enumerate(lines) if words[0] == "Occupation" and set(words) <= keys
    ]
    assert not any(b == a + 1 for a, b in zip(headers, headers[1:], strict=False)), (
        "the matrix's header repeated over an empty piece of a row"
    )
    for entry in data["programs"]:
        assert f"{entry['key']} " in text
