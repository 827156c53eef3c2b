"""Unicode text for reportlab: shipped fonts, per-script runs, escaping.

reportlab has no per-glyph fallback and its standard fonts cover only WinAnsi, so we ship
DejaVu Sans (Latin, Greek, Cyrillic, Vietnamese...) and a CJK subset of Droid Sans Fallback,
split every string into runs by which font has the glyph, and wrap the CJK runs in
`<font name=...>`. Every run is escaped first: Paragraph parses tags, and user text must never
become markup. Characters neither font has (most emoji) are dropped if they are pictographs and
shown as U+FFFD otherwise, so a stray glyph never breaks an export.

reportlab is imported lazily: `focusgroup export --format md` should not pay for it.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

FONT_DIR = Path(__file__).resolve().parent
SANS = "FG-Sans"
SANS_BOLD = "FG-Sans-Bold"
CJK = "FG-CJK"
_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    CJK: "DroidSansFallback-CJK.ttf",
}
REPLACEMENT = "\ufffd"
_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the shipped fonts with reportlab once per process (thread-safe)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name, file in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
        pdfmetrics.registerFontFamily(
            SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD
        )
        # Droid has no bold: <b> around a CJK run keeps the regular weight instead of failing.
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(CJK, bold, italic, CJK)
        _registered = True


@cache
def _glyphs(name: str) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    return frozenset(TTFontFile(str(FONT_DIR / _FILES[name])).charToGlyph)


def _is_pictograph(ch: str) -> bool:
    code = ord(ch)
    return (
        unicodedata.category(ch) in ("So", "Sk", "Cf", "Mn")
        or 0x1F000 <= code <= 0x1FAFF
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or code == 0x200D  # zero-width joiner in emoji sequences
    )


def font_runs(text: str, base: str = SANS) -> Iterator[tuple[str, str]]:
    """Split NFC text into (font name, run) pairs; unknown glyphs dropped or replaced."""
    sans, cjk = _glyphs(SANS), _glyphs(CJK)
    current, run = base, list[str]()
    for ch in unicodedata.normalize("NFC", text):
        code = ord(ch)
        if ch in "\n\t" or code in sans:
            font = base
        elif code in cjk:
            font = CJK
        elif _is_pictograph(ch):
            continue
        else:
            font, ch = base, REPLACEMENT
        if font != current and run:
            yield current, "".join(run)
            run = []
        current = font
        run.append(ch)
    if run:
        yield current, "".join(run)


def markup(text: str, *, bold: bool = False) -> str:
    """Paragraph markup for user text: escaped, CJK runs in their font, newlines kept."""
    parts = []
    for font, run in font_runs(text):
        safe = escape(run).replace("\n", "<br/>")
        parts.append(safe if font == SANS else f'<font name="{font}">{safe}</font>')
    body = "".join(parts)
    return f"<b>{body}</b>" if bold and body else body


def plain_cell(text: str, style: Any, max_chars: int) -> Any:
    """A table cell as a plain string when it is short and DejaVu covers it, else a Paragraph.

    Plain strings are drawn as-is (never parsed), so they need no escaping and lay out much
    faster; the table style must set SANS as their font.
    """
    flat = " ".join(unicodedata.normalize("NFC", text).split())
    sans = _glyphs(SANS)
    if len(flat) <= max_chars and all(ord(ch) in sans for ch in flat):
        return flat
    from reportlab.platypus import Paragraph

    return Paragraph(markup(flat), style)


def draw_string(
    canvas: Any,
    x: float,
    y: float,
    text: str,
    *,
    size: float,
    bold: bool = False,
    align: str = "left",
) -> float:
    """Draw one line of user text on a canvas (footers, figures); returns its width."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    base = SANS_BOLD if bold else SANS
    runs = list(font_runs(text.replace("\n", " "), base))
    width = sum(stringWidth(run, font, size) for font, run in runs)
    if align == "right":
        x -= width
    elif align == "center":
        x -= width / 2
    for font, run in runs:
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, font, size)
    return float(width)
