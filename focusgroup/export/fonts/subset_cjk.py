"""Rebuild `DroidSansFallback-CJK.ttf`, the CJK font the PDFs fall back to (run by hand).

Why this font: reportlab embeds only TrueType-outline fonts (CFF/OTF such as Noto CJK fail with
"postscript outlines are not supported"), the licence (Apache 2.0) lets us redistribute it, and
it covers Chinese, Japanese and Korean in one file. We keep the blocks names and notes use
(CJK unified ideographs, kana, Hangul, CJK punctuation, full-width forms), drop rare Extension A
ideographs, hinting and layout tables, and get about 2.9 MB instead of 4 MB.

    apt-get install fonts-droid-fallback   # or any copy of DroidSansFallbackFull.ttf
    pip install fonttools
    python -m focusgroup.export.fonts.subset_cjk \
        /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf
"""

from __future__ import annotations

import sys
from pathlib import Path

KEEP = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3100, 0x31FF),  # Bopomofo, Hangul compatibility Jamo, Katakana extensions
    (0x3200, 0x33FF),  # enclosed CJK, compatibility
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7A3),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF00, 0xFFEF),  # half-width and full-width forms
)
OUT = Path(__file__).with_name("DroidSansFallback-CJK.ttf")


def main(source: str) -> None:
    from fontTools import subset

    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.drop_tables += ["GPOS", "GSUB", "GDEF", "vhea", "vmtx", "fpgm", "prep", "cvt "]
    options.name_IDs = ["*"]  # keep the copyright and licence names
    font = subset.load_font(source, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[cp for lo, hi in KEEP for cp in range(lo, hi + 1)])
    subsetter.subset(font)
    subset.save_font(font, str(OUT), options)
    print(f"{OUT.name}: {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main(sys.argv[1])
