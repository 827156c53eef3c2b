"""The map page stays printable: nothing off the page, no box over another, nothing dropped."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from focusgroup.export.exporter import snapshot_of
from focusgroup.export.map_layout import MARGIN, PAGE_H, PAGE_W, layout, measure
from focusgroup.export.map_model import build_map
from focusgroup.store import SessionStore
from tests.builders import tiny_protocol
from tests.pathway.conftest import LINKS, Pathway


def _overlap(a, b) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def _check_page(page_layout) -> None:
    for line in page_layout.lines:
        width = measure(line.text, line.size, line.bold)
        left = line.x - width if line.align == "right" else line.x
        assert MARGIN - 1 <= left and left + width <= PAGE_W - MARGIN + 1, line.text
        assert MARGIN - 1 <= line.y <= PAGE_H - MARGIN, line.text
    occupation_boxes = list(page_layout.placed.values())
    for i, a in enumerate(occupation_boxes):
        for b in occupation_boxes[i + 1 :]:
            assert not _overlap(a, b)


def test_the_pathway_page_fits_and_draws_one_arrow_per_link(pathway: Pathway) -> None:
    (page,) = build_map(snapshot_of(pathway.path))
    page_layout = layout(page)
    _check_page(page_layout)
    assert len(page_layout.arrows) == len(LINKS)
    for arrow, (a, b) in zip(page_layout.arrows, LINKS, strict=True):
        start, end = page_layout.placed[pathway.ids[a]], page_layout.placed[pathway.ids[b]]
        (x0, y0), (x1, y1) = arrow.points[0], arrow.points[-1]
        assert start.y <= y0 <= start.y + start.h and abs(x0 - (start.x + start.w)) < 1
        assert end.y <= y1 <= end.y + end.h and abs(x1 - end.x) < 2


def test_a_crowded_level_shrinks_then_lists_the_rest_by_name(tmp_path: Path) -> None:
    store = SessionStore.create(tmp_path / "big.db", tiny_protocol(), title="Crowded")
    production = store.categories()[0].id
    titles = [f"Operator {i:02d}" for i in range(40)]
    for text in titles:
        store.add_card(text, category_id=production, level="entry")
    store.close()
    (page,) = build_map(snapshot_of(tmp_path / "big.db"))
    page_layout = layout(page)
    _check_page(page_layout)
    shown = {
        page.occupations[[o.card_id for o in page.occupations].index(i)].title
        for i in page_layout.placed
    }
    listed = set(page_layout.overflow.get("entry", []))
    assert shown | listed == set(titles) and not shown & listed
    assert page_layout.size == 5.8 and page_layout.descriptions == ""
    printed = " ".join(line.text for line in page_layout.lines)
    assert f"Also at this level ({len(listed)};" in printed
    assert all(title in printed for title in titles)


WORDS = ("Production", "and everything related", "in the region's plants", "Łódź", "高级焊接",
         "برنامج اللحام", "🔥", "Supervisor-in-training", "x" * 40)  # fmt: skip
text_of = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join)
"""Names as long as a room makes them (up to a few hundred characters), in several scripts."""


@settings(max_examples=25, deadline=None)
@given(
    title=text_of,
    categories=st.lists(text_of, min_size=1, max_size=3),
    cards=st.lists(st.tuples(text_of, st.sampled_from(["entry", "mid", "advanced"])), min_size=1,
                   max_size=6),
    named=st.lists(text_of, max_size=4),
)  # fmt: skip
def test_no_text_runs_off_the_page_whatever_the_names(
    title: str, categories: list[str], cards: list[tuple[str, str]], named: list[str]
) -> None:
    """Long titles, category names (the pathway's name) and cards, and what the room named for
    the next level: every line of every page stays on the paper."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.db"
        with SessionStore.create(
            path, tiny_protocol(), title=title, date="2026-05-01", with_categories=False
        ) as store:
            ids = [store.add_category(name) for name in categories]
            added = [
                store.add_card(text, category_id=ids[n % len(ids)], level=level)
                for n, (text, level) in enumerate(cards)
            ]
            for a, b in zip(added, added[1:], strict=False):
                store.link_cards(a, b)
            for text in named:
                store.add_competency(text, card_id=added[-1], level="mid")
        for page in build_map(snapshot_of(path)):
            _check_page(layout(page))


@settings(max_examples=200, deadline=None)
@given(
    text=st.lists(
        st.text(alphabet=st.sampled_from("Wiw高ب🔥é\u0301-"), min_size=1, max_size=120),
        min_size=1,
        max_size=6,
    ).map(" ".join),
    width=st.sampled_from([20.0, 60.0, 158.0]),
)
def test_a_wrapped_line_fits_and_keeps_every_character(text: str, width: float) -> None:
    """A word wider than the line is cut where the next character would not fit: each line
    fits (or is one character), and the lines hold the text's characters in order."""
    from focusgroup.export.map_layout import wrap

    lines = wrap(text, 7.0, width)
    for line in lines:
        assert measure(line, 7.0) <= width + 1e-6 or len(line) == 1, line
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_card_of_ten_thousand_characters_is_laid_out_in_seconds(tmp_path: Path) -> None:
    """It took minutes: each cut of an unbroken word re-measured ever shorter prefixes."""
    import time

    store = SessionStore.create(tmp_path / "m.db", tiny_protocol(), title="Long")
    store.add_card("W" * 10_000, category_id=store.categories()[0].id, level="entry")
    store.close()
    (page,) = build_map(snapshot_of(tmp_path / "m.db"))
    start = time.perf_counter()
    _check_page(layout(page))
    assert time.perf_counter() - start < 15
