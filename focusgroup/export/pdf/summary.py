"""The session summary PDF: what a workforce director sends to every participant.

The guide asks for "a summary and a short set of expected next steps". So page 1 stands
alone: what we heard (the takeaways written at the recap), the room's shortlist, and the next
steps with the date participants will hear from us. Page 2 says who took part and who offered
what. Everything else (the wall, every occupation, the discussion, quotes) is the appendix
(`pdf/appendix.py`). Every user string goes through `markup()` before a Paragraph sees it.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from focusgroup.domain.fields import follow_up_problem
from focusgroup.domain.sectors import sector_label
from focusgroup.domain.text import plural
from focusgroup.export.content import Summary, summarize
from focusgroup.export.fonts import markup
from focusgroup.export.next_steps import how_used, when_next
from focusgroup.export.pdf.appendix import appendix
from focusgroup.export.pdf.figures import qr_code
from focusgroup.export.pdf.theme import (
    ACCENT,
    ACCENT_LIGHT,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    PAPER_TINT,
    RULE,
    Styles,
    build_fitted,
    section,
)
from focusgroup.export.snapshot import SessionSnapshot

FIRST_PAGE_HEADINGS = ("WHAT WE HEARD", "NEXT STEPS")


def write_summary_pdf(snap: SessionSnapshot, path: Path) -> Path:
    summary = summarize(snap)
    s = snap.session

    def story(styles: Styles) -> list[Flowable]:
        out: list[Flowable] = []
        out += [*_one_page(_first_page(styles, summary), styles.scale), PageBreak()]
        second = _second_page(styles, summary)
        if second:
            out += [*_one_page(second, styles.scale), PageBreak()]
        out += appendix(styles, summary)
        return out

    footer = " · ".join(x for x in (s.title, s.date) if x.strip())
    return build_fitted(
        path,
        story,
        footer_left=footer,
        title=s.title,
        author=s.facilitator,
        subject="Focus group summary",
    )


MIN_SHRINK = 0.75
"""The smallest a body page is printed, against the normal type size (scale 1.0), to fit one
page; text needing more flows on instead."""


def _one_page(flowables: list[Flowable], scale: float = 1.0) -> list[Flowable]:
    """Keep a body page to one page: shrink it rather than let it run onto the next.

    Only while it stays readable: a page of very long text (a 10,000-character card or
    commitment) shrunk to one page would be unreadably small, and reportlab then leaves out
    what still does not fit. Such a page flows onto the next ones instead.

    The floor is on the printed size: a page laid out at a looser `scale` (tried so the last
    page is not nearly empty) may shrink further, back to the same smallest size. Measured
    against its own scale, a full first page fitted at 1.0 but ran onto page 2 at 1.16.
    """
    height = FRAME_HEIGHT - 2 * mm
    needed = 0.0
    for flowable in flowables:
        needed += flowable.wrap(FRAME_WIDTH, height)[1]
        needed += flowable.getSpaceBefore() + flowable.getSpaceAfter()
        if needed * MIN_SHRINK / scale > height:
            return flowables
    return [KeepInFrame(FRAME_WIDTH, height, flowables, mode="shrink")]


def _first_page(styles: Styles, summary: Summary) -> list[Flowable]:
    snap = summary.snapshot
    s = snap.session
    t = summary.terms
    kicker = (
        "Critical competencies focus group · Summary"
        if snap.is_competency_session
        else "Employer focus group · Summary"
    )
    where = " · ".join(x for x in (sector_label(s.sector), s.region, s.date) if x.strip())
    out: list[Flowable] = [
        Paragraph(markup(kicker.upper()), styles.label),
        Spacer(1, 2),
        styles.p(s.title, styles.title),
        styles.p(where, styles.subtitle),
    ]
    if s.facilitator.strip():
        out.append(styles.p(f"Facilitated by {s.facilitator.strip()}", styles.small))
    out.append(Spacer(1, 8))

    out += [Paragraph(markup("WHAT WE HEARD"), styles.label)]
    if summary.takeaways:
        out += styles.bullets(list(summary.takeaways))
    else:
        out.append(styles.p("Nothing was recorded in this session yet."))
    out.append(Spacer(1, 6))

    if summary.top:
        label = (
            "THE ROOM'S SHORTLIST"
            if summary.has_shortlist
            else f"TOP {t['cards'].upper()} ON THE WALL"
        )
        out += [Paragraph(markup(label), styles.label), styles.p(summary.top_note, styles.small)]
        for place, occ in enumerate(summary.top, start=1):
            facts = f"{occ.place()}; named by {_employers(occ.employers)}"
            if occ.hands is not None:
                facts += f"; {plural(occ.hands, 'hand')}"
            out.append(
                styles.rich(
                    f"<b>{place}.</b> {markup(occ.card.text, bold=True)} "
                    f'<font color="#5f6b7a">— {markup(facts)}</font>',
                    styles.list_item,
                )
            )
        out.append(Spacer(1, 6))

    if summary.functions and snap.is_competency_session:
        out += [
            Paragraph(markup("THE JOB FUNCTIONS, AS THE ROOM LEFT THEM"), styles.label),
            *styles.bullets([f"{name}: {_tasks(n)}" for name, n in summary.functions]),
            Spacer(1, 6),
        ]
    out += [Paragraph(markup("NEXT STEPS"), styles.label), styles.p(how_used(summary))]
    box = [
        Paragraph(markup("WHEN YOU WILL HEAR FROM US"), styles.label),
        styles.p(when_next(summary), styles.body_bold),
    ]
    if not snap.is_competency_session:
        box.append(
            styles.p(
                "Please send us your official job descriptions for the positions you wrote on "
                "your cards, and the names of hiring authorities and high-performing employees "
                "we may invite to the follow-up focus groups.",
                styles.small,
            )
        )
    table = Table([[box]], colWidths=[FRAME_WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
                ("LINEBEFORE", (0, 0), (0, 0), 2.5, ACCENT),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    out += [Spacer(1, 4), table]
    out += [
        Spacer(1, 8),
        styles.p(
            "Who took part, what was offered and the follow-up link are on the next page; the "
            f"wall, every {t['card']} and the discussion are in the appendix.",
            styles.small,
        ),
    ]
    return out


def _tasks(n: int) -> str:
    return f"{n} task" + ("" if n == 1 else "s")


def _employers(n: int) -> str:
    return f"{n} employer" + ("" if n == 1 else "s")


def _second_page(styles: Styles, summary: Summary) -> list[Flowable]:
    snap = summary.snapshot
    t = summary.terms
    out: list[Flowable] = [*section(styles, "Who took part")]
    who = "participants" if snap.is_competency_session else "employers"
    glance = [
        (str(summary.employers), who),
        (str(summary.cards_written), f"{t['card']} cards"),
        (str(len(summary.tasks)), f"distinct {t['cards']}"),
        (str(summary.categories), t["categories"]),
    ]
    cells = [
        [
            Paragraph(f'<font size="16"><b>{n}</b></font><br/>{markup(label)}', styles.small)
            for n, label in glance
        ]
    ]
    box = Table(cells, colWidths=[FRAME_WIDTH / 4] * 4)
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), PAPER_TINT),
                ("LINEABOVE", (0, 0), (-1, 0), 2, ACCENT),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    out += [box, Spacer(1, 6)]
    if snap.employer_organizations:
        out += [
            Paragraph(markup("PARTICIPATING ORGANIZATIONS"), styles.label),
            styles.p(", ".join(snap.employer_organizations)),
        ]
    if snap.partner_organizations:
        out += [
            Paragraph(markup("SUPPORT PARTNERS (LISTENING)"), styles.label),
            styles.p(", ".join(snap.partner_organizations)),
        ]
    if summary.commitments:
        out += [*section(styles, "What was offered")]
        rows: list[list[object]] = [
            [Paragraph(h, styles.cell_head) for h in ("Offer", "Offered by", "Owner", "Due")]
        ]
        for line in summary.commitments:
            c = line.commitment
            what = markup(c.offer, bold=True) + (
                "<br/>" + markup(c.detail) if c.detail.strip() else ""
            )
            rows.append(
                [
                    styles.rich(what, styles.cell),
                    styles.p(line.offered_by, styles.cell),
                    styles.p(c.owner, styles.cell),
                    styles.p(c.due, styles.cell),
                ]
            )
        table = Table(
            rows,
            colWidths=[FRAME_WIDTH - 58 * mm - 40 * mm - 22 * mm, 58 * mm, 40 * mm, 22 * mm],
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
        # The QR code only for a web address (an older file may hold anything else) short
        # enough for one; a longer link is printed without it.
        code = qr_code(url) if follow_up_problem(url) is None else None
        text = [
            Paragraph(markup("FOLLOW UP"), styles.label),
            styles.p(
                ("Scan the code or open the link" if code else "Open the link")
                + " to see the wall, send corrections and share your official job descriptions:"
            ),
            Spacer(1, 4),
            styles.p(url, styles.cell_bold),
        ]
        qr = Table([[text, code or Spacer(1, 1)]], colWidths=[FRAME_WIDTH - 44 * mm, 44 * mm])
        qr.setStyle(
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
        out += [Spacer(1, 10), qr]
    return out
