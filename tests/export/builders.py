"""Reading exports back: a PDF's text, and the sample meeting's participant names."""

from __future__ import annotations

import re
from pathlib import Path

from focusgroup.sample import PEOPLE

PARTICIPANT_NAMES = tuple(name for name, _, _ in PEOPLE)


def pdf_text(path: Path) -> str:
    """All text of a PDF (pypdf), whitespace removed: table cells wrap words across lines."""
    from pypdf import PdfReader

    text = "".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return squash(text)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
