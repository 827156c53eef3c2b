"""The summary's appendix: the wall, everything on it, each occupation, the discussion, quotes.

Sections are lettered A, B, C... in the order they appear, and a section with nothing to say is
left out (so the letters never skip). Occupation detail blocks are only for occupations with
more to say than their row in the table.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    LongTable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from focusgroup.domain.model import SHIFTS, Competency
from focusgroup.domain.text import plural
from focusgroup.domain.wall import build_wall
from focusgroup.export.content import (
    NOT_YET_SORTED,
    ORDER_OF_THE_WALL,
    OccupationSummary,
    Summary,
    most_often_line,
)
from focusgroup.export.fonts import SANS, SANS_BOLD, markup, plain_cell
from focusgroup.export.pdf.figures import reason_chart, wall_grid
from focusgroup.export.pdf.theme import (
    ACCENT,
    FRAME_WIDTH,
    PAPER_TINT,
    RULE,
    Styles,
    keep_together,
    section,
)

TABLE_CHUNK = 1000
"""Rows per ranked LongTable (header repeated on each page); splits only huge sessions."""


def appendix(styles: Styles, summary: Summary) -> list[Flowable]:
    parts = [
        ("The wall", _wall(styles, summary)),
        (_everything_title(summary), _ranking(styles, summary)),
        (f"Each {summary.terms['card']} in detail", _details(styles, summary)),
        ("What the discussion said", _discussion(styles, summary)),
        ("In their words", _quotes(styles, summary)),
    ]
    out: list[Flowable] = []
    letter = ord("A")
    for title, body in parts:
        if not body:
            continue
        # The heading travels with its first block: never alone at the foot of a page
        # (keepWithNext alone loses to a KeepTogether block that doesn't fit).
        heading = section(styles, f"Appendix {chr(letter)} · {title}")
        out += [CondPageBreak(45 * mm), keep_together([*heading, body[0]]), *body[1:]]
        letter += 1
    if summary.onet_attribution:
        out += [Spacer(1, 8), styles.p(summary.onet_attribution, styles.small)]
    return out


def _everything_title(summary: Summary) -> str:
    if summary.snapshot.is_competency_session:
        return "All tasks, as the room left them"
    return "Everything on the wall"


def _wall(styles: Styles, summary: Summary) -> list[Flowable]:
    snap = summary.snapshot
    t = summary.terms
    if not snap.cards and not snap.categories:
        return []
    wall = build_wall(snap.categories, snap.cards, snap.levels)
    intro = f"Each {t['card']} card under its {t['category']} and level."
    if not snap.is_competency_session:
        intro += " The number after a name is how many employers wrote it."
    return [styles.p(intro, styles.small), Spacer(1, 6), wall_grid(styles, snap, wall)]


def _ranking(styles: Styles, summary: Summary) -> list[Flowable]:
    t = summary.terms
    occs = summary.tasks  # in a competencies meeting, its paths are listed after them
    if not occs and not summary.paths:
        return []
    competency = summary.snapshot.is_competency_session
    intro = (
        "Every task with its job function and level."
        if competency
        else ORDER_OF_THE_WALL.format(card=t["card"])
        + (" A dash: no show of hands was taken for it." if summary.hands_taken else "")
    )
    out: list[Flowable] = [styles.p(intro, styles.small), Spacer(1, 4)]
    with_hands = summary.hands_taken
    heads = ["#", t["card"].capitalize(), f"{t['category'].capitalize()} · level"]
    widths = [9 * mm, 0.0, 48 * mm]
    if not competency:  # tasks come from the strawman: nobody "named" them
        heads += ["Employers", "Reasons"]
        widths += [22 * mm, 20 * mm]
    if with_hands:
        heads.append("Hands")
        widths.append(15 * mm)
    widths[1] = FRAME_WIDTH - sum(widths)
    head = [Paragraph(h, styles.cell_head) for h in heads]
    for start in range(0, len(occs), TABLE_CHUNK):
        rows: list[list[object]] = [head]
        for o in occs[start : start + TABLE_CHUNK]:
            name = markup(o.card.text, bold=True)
            if o.shortlist_place:
                name += f' <font size="7.5" color="#1f5f7a">shortlist {o.shortlist_place}</font>'
            if o.card.soc_code:
                name += (
                    f'<br/><font size="7.5" color="#5f6b7a">SOC {markup(o.card.soc_code)} '
                    f"{markup(o.card.soc_title)}</font>"
                )
            if o.card.shift in SHIFTS:
                name += (
                    f'<br/><font size="7.5" color="#9a3412">{SHIFTS[o.card.shift].lower()}'
                    " (where needs are shifting)</font>"
                )
            if len(o.card.wordings) > 1:
                name += (
                    '<br/><font size="7.5" color="#5f6b7a">also: '
                    + markup("; ".join(o.card.wordings[1:]))
                    + "</font>"
                )
            row: list[object] = [
                str(o.rank),
                Paragraph(name, styles.cell),
                plain_cell(o.place(" · "), styles.cell, 34),
            ]
            if not competency:
                row += [str(o.employers), str(o.reasons_given)]
            if with_hands:
                row.append("—" if o.hands is None else str(o.hands))
            rows.append(row)
        table = LongTable(rows, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    # Plain-string cells (numbers, short labels) skip Paragraph parsing:
                    # a third of the layout time for a 500-card session.
                    ("FONT", (0, 1), (-1, -1), SANS, 8.5, 11),
                    ("FONT", (3, 1), (3, -1), SANS_BOLD, 8.5, 11),
                    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, PAPER_TINT]),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        out.append(table)
    for label, jobs in summary.paths:
        where = [
            f"{o.card.text} ({o.level if o.card.category_id is not None else NOT_YET_SORTED})"
            for o in jobs
        ]
        out += [
            Spacer(1, 6),
            keep_together([styles.p(label, styles.h2), *styles.bullets(where)]),
        ]
    if summary.reason_counts:
        lead = most_often_line(summary)
        out += [
            Spacer(1, 8),
            keep_together(
                [
                    Paragraph(markup("Why they are critical"), styles.h2),
                    styles.p(
                        "How often each reason was given, counting every employer's card. " + lead,
                        styles.small,
                    ),
                    Spacer(1, 4),
                    reason_chart(styles, summary.reason_counts),
                ]
            ),
        ]
    return out


def _details(styles: Styles, summary: Summary) -> list[Flowable]:
    # In a competencies round: what the room said about each task (the knowledge, skills
    # and abilities behind it, notes and quotes about it), beyond its row in the table.
    competency = summary.snapshot.is_competency_session
    return [
        keep_together(_detail(styles, o, named=not competency)) for o in summary.tasks if o.has_more
    ]


def _detail(styles: Styles, occ: OccupationSummary, *, named: bool = True) -> list[Flowable]:
    meta = [occ.place(" · ")]
    if named:  # a strawman task was named by no one
        meta.append(f"named by {occ.employers}")
    if occ.hands is not None:
        meta.append(plural(occ.hands, "hand"))
    if occ.shortlist_place:
        meta.append(f"shortlist {occ.shortlist_place}")
    if occ.card.soc_code:
        meta.append(f"SOC {occ.card.soc_code} {occ.card.soc_title}".rstrip())
    out: list[Flowable] = [
        styles.p(occ.card.text, styles.h2),
        styles.p(" · ".join(meta), styles.small),
    ]
    if occ.onet_facts:
        out.append(styles.p(occ.onet_facts, styles.small))

    def field(label: str, values: list[str]) -> None:
        if values:
            out.append(Paragraph(markup(label.upper()), styles.label))
            out.append(styles.p("; ".join(values)))

    field("Written as", list(occ.card.wordings) if len(occ.card.wordings) > 1 else [])
    field("Why critical", list(occ.reasons))
    for level, comps in occ.competencies.items():
        field(f"Competencies · {level}", [c.text for c in comps])
    field("Most lacking in entry-level candidates", [c.text for c in occ.lacking])
    if occ.notes:
        out.append(Paragraph(markup("NOTES"), styles.label))
        out += styles.bullets([n.text for n in occ.notes])
    for quote, who in occ.quotes:
        out += _quote(styles, quote.text, who)
    out.append(Spacer(1, 4))
    return out


def _discussion(styles: Styles, summary: Summary) -> list[Flowable]:
    out: list[Flowable] = []
    for title, notes in summary.discussion:
        out.append(
            keep_together([styles.p(title, styles.h2), *styles.bullets([n.text for n in notes])])
        )
    for category, comps in summary.category_competencies:
        out.append(
            keep_together(
                [
                    styles.p(f"Skills named for {category}", styles.h2),
                    *styles.bullets([_competency(c) for c in comps]),
                ]
            )
        )
    if summary.general_competencies:
        label = (
            "Knowledge, skills and abilities named"
            if summary.snapshot.is_competency_session
            else "Skills named for the sector as a whole"
        )
        out.append(styles.p(label, styles.h2))
        out += styles.bullets([_competency(c) for c in summary.general_competencies])
    return out


def _competency(c: Competency) -> str:
    return c.text + (" (lacking at entry)" if c.lacking else "")


def _quotes(styles: Styles, summary: Summary) -> list[Flowable]:
    out: list[Flowable] = []
    for quote, who in summary.quotes:
        out += _quote(styles, quote.text, who)
    return out


def _quote(styles: Styles, text: str, who: str) -> list[Flowable]:
    """A quote as a quote, with its attribution as the speaker chose (or "a participant")."""
    body = [Paragraph("“" + markup(text.strip()).strip() + "”", styles.quote)]
    body.append(Paragraph("— " + markup(who or "a participant"), styles.attribution))
    table = Table([[body]], colWidths=[FRAME_WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("LINEBEFORE", (0, 0), (0, 0), 2.5, ACCENT),
                ("BACKGROUND", (0, 0), (-1, -1), PAPER_TINT),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [keep_together([table]), Spacer(1, 6)]
