"""Hostile text for every place a user types: markup, control characters, NUL, huge, RTL..."""

from __future__ import annotations

import re

from hypothesis import strategies as st

from focusgroup.domain.fields import LINE_BREAKS

SAMPLES = (
    "[bold]Machinist",
    "Ann [/]",
    "[/]",
    "[@click=app.quit]boom[/]",
    "$accent",
    "[$accent]x",
    "Hello [B]x",
    "[red]x[/blue]",
    "[link=http://x]y",
    "Dr. <Smith> & <a href='javascript:alert(1)'>co</a>",
    "=SUM(A1:A9)",
    "-1 + 2",
    "# Heading | pipe | `code` *em* _u_ \\ back",
    "NUL\x00inside",
    "bell\x07 esc\x1b[31m red\x1b[0m tab\t cr\r lf\n end",
    "\u202eRTL override\u202c",
    "שלום עולם",
    "مرحبا بالعالم",
    "e\u0301\u0301 a\u0308\u0332 Zoë Łukasz",
    "👩‍🔧🏭🇺🇸 ok",
    "中文 한국어 日本語",
    "\ufeffBOM and zero\u200bwidth",
    "W" * 10_000,
)

_fragment = st.one_of(
    st.sampled_from(SAMPLES),
    st.text(min_size=1, max_size=40),  # any code point but lone surrogates, incl. NUL
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Mn", "Zs"]), max_size=8),
)
nasty_text = st.lists(_fragment, min_size=1, max_size=4).map("".join).filter(str.strip)
"""Non-blank (blank text is refused by the store, with a DomainError)."""

printable = st.lists(
    st.sampled_from(
        [s for s in SAMPLES if s.isprintable() and len(s) < 100 and s.isascii()]
        + ["Zoë Łukasz", "café crème"]
    ),
    min_size=1,
    max_size=3,
).map(" ".join)
"""A subset any PDF font here can show and pypdf can read back (ASCII markup + Latin)."""


def one_line(text: str) -> str:
    """The text as a name or title may hold it: line breaks refused there (issue 12), so the
    hostile tests give names the same text with each line break turned into a space."""
    return re.sub(f"[{re.escape(LINE_BREAKS)}]", " ", text)
