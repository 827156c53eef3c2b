"""Where everything goes on a career pathway map page: shared by the PDF and the SVG.

Coordinates are PDF points with the origin at the bottom left (the SVG writer flips them).
Levels are columns, left to right; between two columns sits the "to move up" box, at the top
beside the level headings, so the arrows below it cross only empty gutter. A page that holds
too much shrinks its type (down to 5.8 pt), then leaves the descriptions to the Markdown, then
lists the occupations that still don't fit by name: the page never overflows and never drops
an occupation silently.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from focusgroup.export.map_model import EMPTY_LEVEL, TO_COLLECT, MapOccupation, MapPage, MoveUp

PAGE_W, PAGE_H = 792.0, 612.0  # US Letter, landscape
MARGIN = 24.0
GUTTER = 104.0
"""Width of the 'to move up' column between two levels (arrows run below its box)."""
GAP = 8.0
SIZES = (7.0, 6.4, 5.8)
LEADING = 1.18
MAX_COMPARISONS = 4


@dataclass
class Line:
    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    colour: str = "ink"
    """'ink', 'muted', 'accent' or 'white'."""
    align: str = "left"
    """'left' or 'right' (x is then the right end)."""


@dataclass
class Box:
    x: float
    y: float
    """Bottom edge."""
    w: float
    h: float
    fill: str
    stroke: str = ""


@dataclass
class Arrow:
    points: list[tuple[float, float]]
    """From the source box to the target box; the head is at the last point."""


@dataclass
class PageLayout:
    boxes: list[Box] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)
    placed: dict[int, Box] = field(default_factory=dict)
    """Card id -> its occupation box."""
    size: float = SIZES[0]
    descriptions: str = "full"
    """'full', 'first sentence' (then marked with an ellipsis) or '' (left to the Markdown)."""
    overflow: dict[str, list[str]] = field(default_factory=dict)
    """Level -> titles listed by name only (did not fit)."""


def measure(text: str, size: float, bold: bool = False) -> float:
    """Width in points of one line, by the shipped fonts' metrics (words cached)."""
    words = text.split(" ")
    space = _word_width(" ", size, bold)
    return float(sum(_word_width(w, size, bold) for w in words) + (len(words) - 1) * space)


@functools.lru_cache(maxsize=65536)
def _word_width(word: str, size: float, bold: bool) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from focusgroup.export.fonts import SANS, SANS_BOLD, font_runs, register_fonts

    register_fonts()
    base = SANS_BOLD if bold else SANS
    return float(sum(stringWidth(run, font, size) for font, run in font_runs(word, base)))


@functools.lru_cache(maxsize=16384)
def wrap(text: str, size: float, width: float, bold: bool = False) -> tuple[str, ...]:
    """Greedy word wrap by the real font widths; a word wider than the line is split.

    Cached: a page is laid out at up to nine type sizes and detail levels until it fits.
    """
    space = _word_width(" ", size, bold)
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in " ".join(text.split()).split(" "):
        w = _word_width(word, size, bold)
        if current and used + space + w <= width:
            current.append(word)
            used += space + w
            continue
        if not current and w <= width:
            current, used = [word], w
            continue
        if current:
            lines.append(" ".join(current))
        current, used = [], 0.0
        if _word_width(word, size, bold) > width and len(word) > 1:
            *pieces, word = _split_word(word, size, width, bold)
            lines += pieces
        current, used = [word], _word_width(word, size, bold)
    if current:
        lines.append(" ".join(current))
    return tuple(lines) or ("",)


def _split_word(word: str, size: float, width: float, bold: bool) -> list[str]:
    """A word wider than the line, cut into pieces that each fit (at least one character).

    By each character's width, summed once along the word: cutting by re-measuring ever
    shorter prefixes took 20 s for one 10,000-character word, and a page is laid out at up
    to nine sizes. The shipped fonts are not kerned, so a word's width is its characters'.
    """
    pieces: list[str] = []
    start, used = 0, 0.0
    for index, char in enumerate(word):
        w = _word_width(char, size, bold)
        if index > start and used + w > width:
            pieces.append(word[start:index])
            start, used = index, 0.0
        used += w
    pieces.append(word[start:])
    return pieces


def cite(page: MapPage, key: str) -> str:
    number = page.footnote(key)
    return f" [{number}]" if number else ""


def first_sentence(text: str) -> str:
    """O*NET's description up to its first full stop; an ellipsis marks what was left out."""
    head, dot, rest = text.partition(". ")
    return f"{head}. …" if dot and rest.strip() else text


def occupation_rows(
    page: MapPage, occ: MapOccupation, descriptions: str
) -> list[tuple[str, str, bool, float]]:
    """(text, colour, bold, size offset) rows of one occupation box, before wrapping."""
    rows = [(occ.title, "ink", True, 1.4)]
    who = f"{occ.employers} employer{'s' if occ.employers != 1 else ''}"
    soc = f"SOC {occ.soc_code} {occ.onet_title}".strip() + " · " if occ.soc_code else ""
    rows.append((f"{soc}{occ.category} · {who}" + cite(page, "room"), "muted", False, -0.6))
    if descriptions:
        text = occ.description.text
        if descriptions == "first sentence" and not occ.description.missing:
            text = first_sentence(text)
        rows.append((text + cite(page, occ.description.source), "muted", False, -0.4))
    area = page.area_name or "area"
    rows += [
        ("Education: " + occ.education.text + cite(page, occ.education.source), "ink", False, 0),
        (
            f"Median wage, {area}: " + occ.wage_area.text + cite(page, occ.wage_area.source),
            "accent",
            True,
            0,
        ),
        (
            "Median wage, U.S.: " + occ.wage_nation.text + cite(page, occ.wage_nation.source),
            "ink",
            False,
            0,
        ),
        (
            "Annual openings: " + occ.openings.text + cite(page, occ.openings.source),
            "ink",
            False,
            0,
        ),
    ]
    tech = "; ".join(occ.technology) or TO_COLLECT
    rows.append(("Technology: " + tech + cite(page, occ.technology_source), "ink", False, 0))
    if occ.named_by_room:
        rows.append(
            (
                "Employers named: " + "; ".join(occ.named_by_room) + cite(page, "room"),
                "ink",
                False,
                0,
            )
        )
    if occ.credentials is None:
        creds = TO_COLLECT
    else:
        creds = "; ".join(occ.credentials) or "none in the programs inventory"
        creds += cite(page, occ.credentials_source)
    rows.append(("Certifications and degrees: " + creds, "ink", False, 0))
    return rows


Row = tuple[str, str, bool, float]
"""(text, colour, bold, size or size offset) of one line in a box."""


def _wrapped(rows: list[Row], size: float, width: float) -> list[Row]:
    out = []
    for text, colour, bold, delta in rows:
        for piece in wrap(text, size + delta, width, bold):
            out.append((piece, colour, bold, size + delta))
    return out


def _height(lines: list[tuple[str, str, bool, float]]) -> float:
    return sum(s * LEADING for *_, s in lines) + 8


def move_up_rows(page: MapPage, box: MoveUp) -> list[tuple[str, str, bool, float]]:
    labels = dict(page.levels)
    rows = [(f"To move up to {labels[box.to_level]}", "white", True, 0.8)]
    if not box.comparisons and not box.named:
        rows.append(
            ("Link cards on the wall (advances to) to compare the levels.", "ink", False, -0.4)
        )
    for comp in box.comparisons[:MAX_COMPARISONS]:
        rows.append((f"{page.starts(comp)} → {comp.to_title}", "ink", True, -0.4))
        if comp.rises:
            for rise in comp.rises:
                rows.append(
                    (f"{rise.name} {rise.before:.2f} → {rise.after:.2f}", "ink", False, -0.6)
                )
            rows[-1] = (rows[-1][0] + cite(page, "onet"), *rows[-1][1:])
        else:
            rows.append((comp.note, "muted", False, -0.6))
    hidden = len(box.comparisons) - MAX_COMPARISONS
    if hidden > 0:
        rows.append((f"+{hidden} more in the Markdown and JSON", "muted", False, -0.6))
    if box.named:
        rows.append(
            (
                "Employers named for this level: " + "; ".join(box.named) + cite(page, "room"),
                "ink",
                False,
                -0.4,
            )
        )
    return rows


def layout(page: MapPage) -> PageLayout:
    """Place one page; tries the largest type that fits, then fewer details."""
    for descriptions in ("full", "first sentence", ""):
        for size in SIZES:
            result = _try(page, size, descriptions, force=False)
            if result is not None:
                return result
    result = _try(page, SIZES[-1], "", force=True)
    assert result is not None
    return result


def _try(page: MapPage, size: float, descriptions: str, *, force: bool) -> PageLayout | None:
    out = PageLayout(size=size, descriptions=descriptions)
    n = max(1, len(page.levels))
    inner = PAGE_W - 2 * MARGIN
    col_w = (inner - (n - 1) * (GUTTER + 2 * GAP)) / n
    col_x = [MARGIN + i * (col_w + GUTTER + 2 * GAP) for i in range(n)]
    top = PAGE_H - MARGIN
    # Header: the pathway's name and the meeting, wrapped to the page (a long category name or
    # title would otherwise run off its edge, taking the date and the wages' area with it).
    sub = [page.session_title] + ([page.session_date] if page.session_date else [])
    sub.append(
        f"Wages: {page.area_name} and United States" if page.area_name else "Wages: United States"
    )
    y = top - 14
    for piece in _header_lines(f"Career pathway: {page.pathway}", 15, True, inner):
        out.lines.append(Line(MARGIN, y, piece, 15, True))
        y -= 17
    y += 4
    for piece in _header_lines("  ·  ".join(sub), 8, False, inner):
        out.lines.append(Line(MARGIN, y, piece, 8, False, "muted"))
        y -= 10
    head_top = y - 1  # the level headings, 11 pt under the last header line
    # Footnotes and the links line, from the bottom up.
    foot: list[tuple[str, str, bool, float]] = []
    for number, (_, text) in enumerate(page.sources, start=1):
        foot += [(p, "muted", False, 5.6) for p in wrap(f"[{number}] {text}", 5.6, inner)]
    legend = "Arrows: advances to, as employers described it" + cite(page, "room") + ". "
    links = "; ".join(f"{k.from_title} → {k.to_title}" for k in page.links)
    legend += links if links else "No links yet: pick a card, press the link key, pick the next."
    legend_lines = [(p, "ink", False, 6.2) for p in wrap(legend, 6.2, inner)]
    y = MARGIN
    for text, colour, bold, s in reversed(foot):
        out.lines.append(Line(MARGIN, y, text, s, bold, colour))
        y += s * 1.2
    y += 4
    for text, colour, bold, s in reversed(legend_lines):
        out.lines.append(Line(MARGIN, y, text, s, bold, colour))
        y += s * 1.25
    bottom = y + 6
    # Level headings, with the move-up boxes beside them.
    head_h = 17.0
    gut_bottom = head_top - head_h
    for i, (key, label) in enumerate(page.levels):
        out.boxes.append(Box(col_x[i], head_top - head_h, col_w, head_h, f"level{i % 3}"))
        out.lines.append(Line(col_x[i] + 6, head_top - 12, label, 10, True))
        count = len(page.at_level(key))
        out.lines.append(
            Line(
                col_x[i] + col_w - 6,
                head_top - 12,
                f"{count} occupation" + ("s" if count != 1 else ""),
                6.5,
                False,
                "muted",
                "right",
            )
        )
    for i, move_up in enumerate(page.move_ups):
        if i >= n - 1:
            break
        x = col_x[i] + col_w + GAP
        w = GUTTER
        rows = _wrapped(move_up_rows(page, move_up), size - 0.2, w - 10)
        h = _height(rows) + 4
        out.boxes.append(Box(x, head_top - h, w, h, "paper", "accent"))
        # The title (white on the accent band) may wrap: the band covers all of its lines.
        title_rows = sum(1 for row in rows if row[1] == "white")
        title_h = sum(row[3] * LEADING for row in rows[:title_rows]) + 6
        out.boxes.append(Box(x, head_top - title_h, w, title_h, "accent"))
        ty = head_top - 4
        for index, (text, colour, bold, s) in enumerate(rows):
            ty -= s * LEADING
            out.lines.append(Line(x + 5, ty + 1.5, text, s, bold, colour))
            if index == title_rows - 1:
                ty -= 4
        gut_bottom = min(gut_bottom, head_top - h)
    body_top = min(head_top - head_h, gut_bottom) - 8
    avail = body_top - bottom
    # Occupation boxes.
    for i, (key, _) in enumerate(page.levels):
        occupations = page.at_level(key)
        heights = [
            _wrapped(occupation_rows(page, o, descriptions), size, col_w - 10) for o in occupations
        ]
        total = sum(_height(h) + 6 for h in heights)
        if total > avail and not force:
            return None
        y = body_top
        for index, (occ, rows) in enumerate(zip(occupations, heights, strict=True)):
            h = _height(rows)
            after = occupations[index + 1 :]
            # Place this box only if the names of those after it still fit below it.
            needed = h + (6 + _height(_names(after, size, col_w)) if after else 0)
            if force and y - needed < bottom:
                rest = occupations[index:]
                out.overflow[key] = [o.title for o in rest]
                names = _names(rest, size, col_w)
                room = max(1, int((y - bottom - 8) / (size * LEADING)))
                names = names[:room]  # only if even the names alone overflow the column
                h2 = _height(names)
                out.boxes.append(Box(col_x[i], y - h2, col_w, h2, "white", "rule"))
                _text(out, names, col_x[i] + 5, y)
                break
            box = Box(col_x[i], y - h, col_w, h, "white", "rule")
            out.boxes.append(box)
            out.placed[occ.card_id] = box
            _text(out, rows, col_x[i] + 5, y)
            y -= h + 6
        if not occupations:
            for n, piece in enumerate(wrap(EMPTY_LEVEL, size, col_w - 12)):
                y_line = body_top - 10 - n * size * LEADING
                out.lines.append(Line(col_x[i] + 6, y_line, piece, size, False, "muted"))
    _arrows(out, page, col_x, col_w, bottom)
    return out


HEADER_LINES = 3
"""At most this many lines each for the pathway's name and the meeting under it; the rest is
cut with an ellipsis (the Markdown and JSON keep every word)."""


def _header_lines(text: str, size: float, bold: bool, width: float) -> tuple[str, ...]:
    lines = wrap(text, size, width, bold)
    if len(lines) <= HEADER_LINES:
        return lines
    last = lines[HEADER_LINES - 1]
    while last and measure(last + " …", size, bold) > width:
        last = last[:-1]
    return (*lines[: HEADER_LINES - 1], last.rstrip() + " …")


def _names(rest: Sequence[MapOccupation], size: float, col_w: float) -> list[Row]:
    text = f"Also at this level ({len(rest)}; details in the Markdown and JSON): " + "; ".join(
        o.title for o in rest
    )
    return [(p, "ink", False, size) for p in wrap(text, size, col_w - 10)]


def _text(out: PageLayout, rows: list[Row], x: float, top: float) -> None:
    y = top - 4
    for text, colour, bold, s in rows:
        y -= s * LEADING
        out.lines.append(Line(x, y + 1.5, text, s, bold, colour))


def _arrows(out: PageLayout, page: MapPage, col_x: list[float], col_w: float, floor: float) -> None:
    column = {key: i for i, (key, _) in enumerate(page.levels)}
    level_of = {o.card_id: o.level for o in page.occupations}
    lane: dict[int, int] = {}
    for link in page.links:
        a, b = out.placed.get(link.from_id), out.placed.get(link.to_id)
        if a is None or b is None:
            continue
        ca, cb = column[level_of[link.from_id]], column[level_of[link.to_id]]
        ay, by = a.y + a.h - 12, b.y + b.h - 12
        if cb == ca + 1:  # the usual step up: across the gutter
            x0, x1 = a.x + a.w, b.x
            mid = (x0 + x1) / 2
            out.arrows.append(Arrow([(x0, ay), (mid, ay), (mid, by), (x1 - 1, by)]))
        elif cb > ca:  # skips a level: below the boxes of the columns in between
            x0, x1 = a.x + a.w, b.x
            low = floor + 2 + 3 * lane.setdefault(ca, 0)
            lane[ca] += 1
            g0, g1 = x0 + GAP + GUTTER / 2, x1 - GAP - GUTTER / 2
            out.arrows.append(
                Arrow([(x0, ay), (g0, ay), (g0, low), (g1, low), (g1, by), (x1 - 1, by)])
            )
        elif cb == ca:  # within a level: along the column's right edge
            x = a.x + a.w
            bend = x + 6 + 4 * lane.setdefault(100 + ca, 0)
            lane[100 + ca] += 1
            out.arrows.append(Arrow([(x, ay), (bend, ay), (bend, by), (x + 1, by)]))
        else:  # down a level: from the left edge back into the earlier column
            x0, x1 = a.x, b.x + b.w
            mid = (x0 + x1) / 2
            out.arrows.append(Arrow([(x0, ay), (mid, ay), (mid, by), (x1 + 1, by)]))
