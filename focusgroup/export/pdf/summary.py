"""The session summary PDF: what a workforce director sends to every participant.

Cover, the wall as a grid, ranked occupations with a reason chart, each occupation in detail,
the discussion, quotes, next steps with commitments and the follow-up link as a QR code.
Every user string goes through `markup()` (escaped, font-split) before a Paragraph sees it.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    LongTable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from focusgroup.domain.model import SHIFTS
from focusgroup.domain.sectors import sector_label
from focusgroup.domain.wall import build_wall
from focusgroup.export.content import OccupationSummary, Summary, how_used, summarize, when_next
from focusgroup.export.fonts import SANS, SANS_BOLD, markup, plain_cell
from focusgroup.export.pdf.figures import qr_code, reason_chart, wall_grid
from focusgroup.export.pdf.theme import (
    ACCENT,
    ACCENT_LIGHT,
    FRAME_WIDTH,
    PAPER_TINT,
    RULE,
    Styles,
    build_pdf,
    section,
)
from focusgroup.export.snapshot import SessionSnapshot

DETAIL_LIMIT = 10
"""Occupations given a detail block even with nothing more to say; the rest only if they do."""
TABLE_CHUNK = 1000
"""Rows per ranked LongTable (header repeated on each page); splits only huge sessions."""


def write_summary_pdf(snap: SessionSnapshot, path: Path) -> Path:
    styles = Styles()
    summary = summarize(snap)
    s = snap.session
    story: list[Flowable] = []
    story += _cover(styles, summary)
    story += _wall(styles, summary)
    story += _ranking(styles, summary)
    story += _details(styles, summary)
    story += _discussion(styles, summary)
    story += _quotes(styles, summary)
    story += _next_steps(styles, summary)
    if summary.onet_attribution:
        story += [Spacer(1, 8), styles.p(summary.onet_attribution, styles.small)]
    footer = " · ".join(x for x in (s.title, s.date) if x.strip())
    return build_pdf(
        path,
        story,
        footer_left=footer,
        title=s.title,
        author=s.facilitator,
        subject="Focus group summary",
    )


def _cover(styles: Styles, summary: Summary) -> list[Flowable]:
    snap = summary.snapshot
    s = snap.session
    t = summary.terms
    kicker = (
        "Critical competencies focus group"
        if snap.is_competency_session
        else "Employer focus group · Summary"
    )
    out: list[Flowable] = [
        Paragraph(markup(kicker.upper()), styles.label),
        Spacer(1, 2),
        styles.p(s.title, styles.title),
        styles.p(
            " · ".join(x for x in (sector_label(s.sector), s.region, s.date) if x.strip()),
            styles.subtitle,
        ),
        Spacer(1, 10),
    ]
    facts = []
    if s.facilitator:
        facts.append(("Facilitated by", s.facilitator))
    if snap.organizations:
        facts.append(("Participating organizations", ", ".join(snap.organizations)))
    for label, value in facts:
        out += [Paragraph(markup(label.upper()), styles.label), styles.p(value)]
    employers = len({o for o in snap.organizations}) or len(snap.employers)
    cards = sum(c.count for c in snap.cards)
    glance = [
        (str(employers), "organizations"),
        (str(cards), f"{t['card']} cards"),
        (str(len(snap.categories)), t["categories"]),
        (str(len(summary.occupations)), f"distinct {t['cards']}"),
    ]
    cells = [
        [
            Paragraph(f'<font size="18"><b>{n}</b></font><br/>{markup(label)}', styles.small)
            for n, label in glance
        ]
    ]
    box = Table(cells, colWidths=[FRAME_WIDTH / 4] * 4)
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), PAPER_TINT),
                ("LINEABOVE", (0, 0), (-1, 0), 2, ACCENT),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    out += [Spacer(1, 12), box]
    if summary.top and not snap.is_competency_session:
        out += [
            Spacer(1, 10),
            Paragraph(markup(f"TOP CRITICAL {t['cards'].upper()}"), styles.label),
        ]
        out += [
            styles.rich(
                f"<b>{o.rank}.</b> {markup(o.card.text)} "
                f'<font color="#5f6b7a">— {markup(o.category)}, {markup(o.level)}; '
                f"named by {o.employers}</font>"
            )
            for o in summary.top
        ]
    return out


def _wall(styles: Styles, summary: Summary) -> list[Flowable]:
    snap = summary.snapshot
    t = summary.terms
    wall = build_wall(snap.categories, snap.cards, snap.levels)
    intro = (
        f"Each {t['card']} card under its {t['category']} and level. The number after a "
        f"name is how many employers wrote it."
    )
    return [
        *section(styles, f"The wall: {t['categories']} by level"),
        styles.p(intro, styles.small),
        Spacer(1, 6),
        wall_grid(styles, snap, wall),
    ]


def _ranking(styles: Styles, summary: Summary) -> list[Flowable]:
    t = summary.terms
    title = (
        "All tasks, as the room left them"
        if summary.snapshot.is_competency_session
        else f"Critical {t['cards']}, ranked"
    )
    out: list[Flowable] = [CondPageBreak(60 * mm), *section(styles, title)]
    out.append(
        styles.p(
            "Every task with its job function and level."
            if summary.snapshot.is_competency_session
            else "Ranked by how many employers named each one, then by show of hands in the room.",
            styles.small,
        )
    )
    out.append(Spacer(1, 4))
    head = [
        Paragraph(h, styles.cell_head)
        for h in (
            "#",
            t["card"].capitalize(),
            f"{t['category'].capitalize()} · level",
            "Employers",
            "Hands",
        )
    ]
    widths = [9 * mm, FRAME_WIDTH - 9 * mm - 52 * mm - 38 * mm, 52 * mm, 22 * mm, 16 * mm]
    occs = summary.occupations
    for start in range(0, max(len(occs), 1), TABLE_CHUNK):
        rows: list[list[object]] = [head]
        for o in occs[start : start + TABLE_CHUNK]:
            name = markup(o.card.text, bold=True)
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
            rows.append(
                [
                    str(o.rank),
                    Paragraph(name, styles.cell),
                    plain_cell(f"{o.category} · {o.level}", styles.cell, 34),
                    str(o.employers),
                    str(o.hands),
                ]
            )
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
    if summary.reason_counts:
        out += [
            Spacer(1, 8),
            KeepTogether(
                [
                    Paragraph(markup("Why they are critical"), styles.h2),
                    styles.p(
                        "How often each reason was given, counting every employer's card.",
                        styles.small,
                    ),
                    Spacer(1, 4),
                    reason_chart(styles, summary.reason_counts),
                ]
            ),
        ]
    return out


def _details(styles: Styles, summary: Summary) -> list[Flowable]:
    t = summary.terms
    # In a competencies meeting every task is already in the table; detail only what has more.
    limit = 0 if summary.snapshot.is_competency_session else DETAIL_LIMIT
    chosen = [
        o
        for o in summary.occupations
        if o.rank <= limit or o.competencies or o.notes or len(o.card.wordings) > 1
    ]
    if not chosen:
        return []
    out: list[Flowable] = [CondPageBreak(50 * mm), *section(styles, f"Each {t['card']}")]
    for occ in chosen:
        out.append(KeepTogether(_detail(styles, occ)))
    return out


def _detail(styles: Styles, occ: OccupationSummary) -> list[Flowable]:
    head = f"{occ.rank}. {occ.card.text}"
    meta = f"{occ.category} · {occ.level} · named by {occ.employers}"
    if occ.card.soc_code:
        meta += f" · SOC {occ.card.soc_code} {occ.card.soc_title}".rstrip()
    out: list[Flowable] = [styles.p(head, styles.h2), styles.p(meta, styles.small)]
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
    for note in occ.notes:
        out.append(styles.p(note.text, styles.small))
    out.append(Spacer(1, 4))
    return out


def _discussion(styles: Styles, summary: Summary) -> list[Flowable]:
    if not summary.discussion and not summary.general_competencies:
        return []
    out: list[Flowable] = [CondPageBreak(40 * mm), *section(styles, "What the discussion said")]
    for title, notes in summary.discussion:
        out.append(
            KeepTogether([styles.p(title, styles.h2), *styles.bullets([n.text for n in notes])])
        )
    if summary.general_competencies:
        label = (
            "Knowledge, skills and abilities named"
            if summary.snapshot.is_competency_session
            else "Skills named for the sector as a whole"
        )
        out.append(styles.p(label, styles.h2))
        out += styles.bullets(
            [
                c.text + (" (lacking at entry)" if c.lacking else "")
                for c in summary.general_competencies
            ]
        )
    return out


def _quotes(styles: Styles, summary: Summary) -> list[Flowable]:
    if not summary.quotes:
        return []
    out: list[Flowable] = [CondPageBreak(40 * mm), *section(styles, "In their words")]
    for quote, who in summary.quotes:
        body = [Paragraph("“" + markup(quote.text.strip()).strip() + "”", styles.quote)]
        body.append(Paragraph("— " + markup(who) if who else "", styles.attribution))
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
        out += [KeepTogether(table), Spacer(1, 6)]
    return out


def _next_steps(styles: Styles, summary: Summary) -> list[Flowable]:
    snap = summary.snapshot
    out: list[Flowable] = [CondPageBreak(70 * mm), *section(styles, "Next steps")]
    out += [
        Paragraph(markup("HOW WE WILL USE WHAT YOU TOLD US"), styles.label),
        styles.p(how_used(summary)),
        Paragraph(markup("WHEN YOU WILL HEAR FROM US"), styles.label),
        styles.p(when_next(summary)),
    ]
    if snap.commitments:
        out += [styles.p("Commitments", styles.h2)]
        rows: list[list[object]] = [
            [Paragraph(h, styles.cell_head) for h in ("What", "Detail", "Owner", "Due")]
        ]
        for c in snap.commitments:
            rows.append(
                [
                    styles.p(c.offer, styles.cell_bold),
                    styles.p(c.detail, styles.cell),
                    styles.p(c.owner, styles.cell),
                    styles.p(c.due, styles.cell),
                ]
            )
        table = Table(
            rows,
            colWidths=[36 * mm, FRAME_WIDTH - 36 * mm - 45 * mm - 24 * mm, 45 * mm, 24 * mm],
            repeatRows=1,
        )
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        out.append(table)
    url = snap.session.follow_up_url.strip()
    if url:
        text = [
            Paragraph(markup("FOLLOW UP"), styles.label),
            styles.p(
                "Scan the code or open the link to see the wall, send corrections "
                "and share your official job descriptions:"
            ),
            Spacer(1, 4),
            styles.p(url, styles.cell_bold),
        ]
        box = Table([[text, qr_code(url)]], colWidths=[FRAME_WIDTH - 44 * mm, 44 * mm])
        box.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                    ("TOPPADDING", (0, 0), (-1, -1), 8),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ]
            )
        )
        out += [Spacer(1, 12), KeepTogether(box)]
    return out
