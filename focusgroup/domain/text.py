"""Text helpers every layer shares: one way to shorten a text, one way to make a file-name stem."""

from __future__ import annotations

import re
import unicodedata

ELLIPSIS = "\u2026"
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_LATIN_EXTRAS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"})
"""Letters NFKD leaves whole (no base letter plus accent), so ASCII folding would drop them."""


def shorten(text: str, limit: int, *, ellipsis: str = ELLIPSIS) -> str:
    """`text` if it has at most `limit` characters, else cut to `limit` with `ellipsis` last."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - len(ellipsis))] + ellipsis


def plural(n: int, word: str, many: str = "") -> str:
    """ "1 card", "2 cards", "0 categories" (with `many` for a plural that isn't word+s)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def one_line(text: str) -> str:
    """Every run of whitespace (newlines too) as one space: a text for a one-line cell."""
    return " ".join(text.split())


def slug(text: str, fallback: str = "", *, limit: int = 60) -> str:
    """A file-name-safe ASCII stem of at most `limit` characters: 'Łódź CNC' -> 'lodz-cnc'."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_LATIN_EXTRAS))
    ascii_text = ascii_text.encode("ascii", "ignore").decode().lower()
    stem = _NOT_SLUG.sub("-", ascii_text).strip("-")[:limit].strip("-")
    return stem or fallback
