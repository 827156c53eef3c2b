"""The summary as Markdown (e-mail body or wiki page), plus the short e-mail versions.

`short_summary` (plain text) and `short_summary_html` are what the e-mail goes out with:
what we heard, next steps, when you'll hear from us. They take the same snapshot as every
export, so anonymity and quoting rules are already applied.
"""

from __future__ import annotations

import html
import re

from focusgroup.domain.fields import follow_up_problem
from focusgroup.domain.model import SHIFTS, Card, Competency, Note
from focusgroup.domain.sectors import sector_label
from focusgroup.domain.text import plural
from focusgroup.domain.wall import Wall, build_wall
from focusgroup.export.content import (
    NOT_YET_SORTED,
    ORDER_OF_THE_WALL,
    OccupationSummary,
    Summary,
    most_often_line,
    summarize,
)
from focusgroup.export.next_steps import how_used, when_next
from focusgroup.export.snapshot import SessionSnapshot

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md(text: str) -> str:
    """Escape user text so it can't become links, emphasis, tables or HTML; one line."""
    flat = " ".join(text.split())
    flat = _MD_SPECIAL.sub(r"\\\1", flat)
    return ("\\" + flat) if flat[:1] in "#+-" and flat[1:2] == " " else flat


def _details(snap: SessionSnapshot) -> list[str]:
    s = snap.session
    pairs = (
        ("Sector", sector_label(s.sector)),
        ("Region", s.region),
        ("Date", s.date),
        ("Facilitator", s.facilitator),
    )
    return [f"**{k}:** {md(v)}  " for k, v in pairs if v.strip()]


def render_markdown(snap: SessionSnapshot) -> str:
    summary = summarize(snap)
    s = snap.session
    out = [f"# {md(s.title)}", "", *_details(snap), ""]
    out += _first_page(summary)
    out += _who_took_part(summary)
    out += _appendix(summary)
    if summary.onet_attribution:
        out += [f"_{md(summary.onet_attribution)}_", ""]
    return "\n".join(out).rstrip() + "\n"


def _occupation_line(place: int, occ: OccupationSummary, *, code: bool = False) -> str:
    soc = (
        f" ({md(occ.card.soc_code)} {md(occ.card.soc_title)})".rstrip()
        if code and occ.card.soc_code
        else ""
    )
    hands = "" if occ.hands is None else f"; {plural(occ.hands, 'hand')}"
    # Where needs are shifting (issue 13): the position is going away or changing.
    shift = f"; {SHIFTS[occ.card.shift].lower()}" if occ.card.shift in SHIFTS else ""
    return (
        f"{place}. **{md(occ.card.text)}**{soc} — {md(occ.place())}; "
        f"named by {plural(occ.employers, 'employer')}{hands}{shift}"
    )


def _first_page(summary: Summary) -> list[str]:
    t = summary.terms
    out = ["## What we heard", ""]
    out += [f"- {md(x)}" for x in summary.takeaways] or ["Nothing was recorded yet."]
    out.append("")
    if summary.top:
        title = "The room's shortlist" if summary.has_shortlist else f"Top {t['cards']} on the wall"
        out += [f"## {title}", "", md(summary.top_note), ""]
        out += [_occupation_line(i, o) for i, o in enumerate(summary.top, start=1)]
        out.append("")
    if summary.snapshot.is_competency_session and summary.functions:
        out += ["## The job functions, as the room left them", ""]
        out += [f"- {md(name)}: {plural(n, 'task')}" for name, n in summary.functions]
        out.append("")
    out += ["## Next steps", "", md(how_used(summary)), ""]
    out += [f"**When you will hear from us:** {md(when_next(summary))}", ""]
    return out


def _who_took_part(summary: Summary) -> list[str]:
    snap = summary.snapshot
    out = ["## Who took part", ""]
    who = "participant" if snap.is_competency_session else "employer"
    card = summary.terms["card"]
    out.append(
        f"{plural(summary.employers, who)}, {plural(summary.cards_written, card + ' card')}, "
        f"{len(summary.tasks)} distinct {summary.terms['cards']}."
    )
    out.append("")
    if snap.employer_organizations:
        out += [
            "**Participating organizations:** "
            + ", ".join(md(o) for o in snap.employer_organizations),
            "",
        ]
    if snap.partner_organizations:
        out += [
            "**Support partners (listening):** "
            + ", ".join(md(o) for o in snap.partner_organizations),
            "",
        ]
    if summary.commitments:
        out += ["### What was offered", ""]
        out += [f"- {md(line.describe())}" for line in summary.commitments]
        out.append("")
    url = snap.session.follow_up_url
    if url:
        # A link only for a web address (checked on the way in; an older file may hold
        # anything): otherwise escaped text, so it can't open a second, hidden link.
        out += [
            f"Follow-up: <{url}>" if follow_up_problem(url) is None else f"Follow-up: {md(url)}"
        ]
        out.append("")
    return out


def _appendix(summary: Summary) -> list[str]:
    t = summary.terms
    sections: list[tuple[str, list[str]]] = [
        ("The wall", _wall_table(summary.snapshot) if summary.snapshot.categories else []),
        ("Everything on the wall", _everything(summary)),
        (f"Each {t['card']} in detail", _each(summary)),
        ("What the discussion said", _discussion(summary)),
        ("In their words", _quotes(summary.quotes)),
    ]
    out: list[str] = []
    letter = ord("A")
    for title, body in sections:
        if body:
            out += [f"## Appendix {chr(letter)} · {title}", "", *body, ""]
            letter += 1
    return out


def _everything(summary: Summary) -> list[str]:
    if not summary.occupations:
        return []
    if summary.snapshot.is_competency_session:
        # Tasks come from the strawman: listed function by function, nobody "named" them.
        out = ["Every task with its job function and level.", ""]
        out += [
            f"{o.rank}. **{md(o.card.text)}** — {md(o.place())}"
            + ("" if o.hands is None else f"; {plural(o.hands, 'hand')}")
            for o in summary.tasks
        ]
        for label, jobs in summary.paths:
            out += ["", f"### {md(label)}", ""]
            out += [f"- {md(o.card.text)} — {md(_path_level(o))}" for o in jobs]
        return out
    out = [md(ORDER_OF_THE_WALL.format(card=summary.terms["card"])), ""]
    for occ in summary.occupations:
        line = _occupation_line(occ.rank, occ, code=True)
        line += f"; {plural(occ.reasons_given, 'reason')} given"
        if occ.shortlist_place:
            line += f" (shortlist {occ.shortlist_place})"
        out.append(line)
        if occ.onet_facts:
            out.append(f"   {md(occ.onet_facts)}")
    if summary.reason_counts:
        out += ["", "### Why they are critical", ""]
        out += [f"- {md(label)}: {count}" for label, count in summary.reason_counts]
        out += ["", md(most_often_line(summary))]
    return out


def _path_level(occ: OccupationSummary) -> str:
    return occ.level if occ.card.category_id is not None else NOT_YET_SORTED


def _each(summary: Summary) -> list[str]:
    # In a competencies round: what the room said about each task (the knowledge, skills
    # and abilities behind it, notes and quotes about it), beyond its line above.
    out: list[str] = []
    for occ in summary.tasks:
        if not occ.has_more:
            continue
        out += [f"### {md(occ.card.text)}", ""]
        if len(occ.card.wordings) > 1:
            out.append("Also written as: " + "; ".join(md(w) for w in occ.card.wordings[1:]))
        if occ.reasons:
            out.append("Why critical: " + "; ".join(md(r) for r in occ.reasons))
        for level, comps in occ.competencies.items():
            out.append(f"{level}: " + "; ".join(md(c.text) for c in comps))
        if occ.lacking:
            out.append(
                "Most lacking in entry-level candidates: "
                + "; ".join(md(c.text) for c in occ.lacking)
            )
        if occ.onet_facts:
            out.append(md(occ.onet_facts))
        for note in occ.notes:
            out.append(f"- Note: {md(note.text)}")
        out += _quotes(occ.quotes)
        out.append("")
    return out


def _discussion(summary: Summary) -> list[str]:
    out: list[str] = []
    for title, notes in summary.discussion:
        out += [f"### {md(title)}", ""] + [f"- {md(n.text)}" for n in notes] + [""]
    for category, comps in summary.category_competencies:
        out += [f"### Skills named for {md(category)}", ""]
        out += [_competency(c) for c in comps] + [""]
    if summary.general_competencies:
        out += ["### Skills named for the sector as a whole", ""]
        out += [_competency(c) for c in summary.general_competencies] + [""]
    return out


def _competency(c: Competency) -> str:
    return f"- {md(c.text)}" + (" *(lacking at entry)*" if c.lacking else "")


def _quotes(quotes: tuple[tuple[Note, str], ...]) -> list[str]:
    out: list[str] = []
    for quote, who in quotes:
        out += [f"> “{md(quote.text)}” — {md(who or 'a participant')}", ""]
    return out


def _wall_table(snap: SessionSnapshot) -> list[str]:
    levels = snap.levels
    wall = snap_wall(snap)
    header = "| Category | " + " | ".join(md(snap.level_label(lv)) for lv in levels) + " |"
    competency = snap.is_competency_session  # tasks from the strawman: nobody wrote them

    def name(c: Card) -> str:
        return md(c.text) if competency else f"{md(c.text)} ({c.employers})"

    rows = [] if competency else ["The number after a name is how many employers wrote it.", ""]
    rows += [
        header,
        "|" + "---|" * (len(levels) + 1),
    ]
    for cat in wall.categories:
        cells = []
        for lv in levels:
            cards = wall.cell(cat.id, lv)
            cells.append("<br>".join(name(c) for c in cards) or "—")
        rows.append(f"| **{md(cat.name)}** | " + " | ".join(cells) + " |")
    if wall.unsorted:
        rows += [
            "",
            "Not yet sorted: " + "; ".join(name(c) for c in wall.unsorted),
        ]
    return rows


def snap_wall(snap: SessionSnapshot) -> Wall:
    return build_wall(snap.categories, snap.cards, snap.levels)


# -- the short e-mail body ---------------------------------------------------------------------


def _short_parts(snap: SessionSnapshot) -> tuple[list[str], list[str], list[str], str, str]:
    summary = summarize(snap)
    heard = list(summary.takeaways)
    top = [
        f"{occ.card.text} ({occ.place()}): named by {plural(occ.employers, 'employer')}"
        for occ in summary.top
    ]
    if top:
        title = "The room's shortlist" if summary.has_shortlist else "Top occupations"
        top[:0] = [title, summary.top_note]
    steps = [how_used(summary)]
    steps += [line.describe() for line in summary.commitments]
    return heard, top, steps, when_next(summary), snap.session.follow_up_url


def short_summary(snap: SessionSnapshot) -> str:
    """Plain-text e-mail body: what we heard, next steps, when you'll hear from us."""
    heard, top, steps, when, url = _short_parts(snap)
    s = snap.session
    lines = [
        f"Thank you for taking part in {s.title}" + (f" on {s.date}" if s.date else "") + ".",
        "",
        "What we heard:",
    ]
    lines += [f"  - {h}" for h in heard] or ["  (no occupations recorded)"]
    if top:
        lines += ["", f"{top[0]}:", f"  {top[1]}"]
        lines += [f"  {i}. {x}" for i, x in enumerate(top[2:], 1)]
    lines += ["", "Next steps:"] + [f"  - {x}" for x in steps]
    lines += ["", "When you'll hear from us:", f"  {when}"]
    if url:
        lines += ["", f"Follow-up and corrections: {url}"]
    if s.facilitator:
        lines += ["", s.facilitator]
    return "\n".join(lines) + "\n"


def short_summary_html(snap: SessionSnapshot) -> str:
    """The same body as a small, inline-styled HTML fragment (every value escaped)."""
    heard, top, steps, when, url = _short_parts(snap)
    s = snap.session
    e = html.escape

    def items(xs: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{e(x)}</li>" for x in xs) + "</ul>"

    parts = [
        f"<p>Thank you for taking part in <strong>{e(s.title)}</strong>"
        + (f" on {e(s.date)}" if s.date else "")
        + ".</p>",
        "<h3>What we heard</h3>",
        items(heard) if heard else "<p>No occupations recorded.</p>",
    ]
    if top:
        parts += [
            f"<h3>{e(top[0])}</h3>",
            f"<p>{e(top[1])}</p>",
            "<ol>" + "".join(f"<li>{e(x)}</li>" for x in top[2:]) + "</ol>",
        ]
    parts += [
        "<h3>Next steps</h3>",
        items(steps),
        "<h3>When you'll hear from us</h3>",
        f"<p>{e(when)}</p>",
    ]
    if url and follow_up_problem(url) is None:
        parts.append(
            f'<p>Follow-up and corrections: <a href="{e(url, quote=True)}">{e(url)}</a></p>'
        )
    elif url:  # not a web address (an older file): shown, never a link
        parts.append(f"<p>Follow-up and corrections: {e(url)}</p>")
    if s.facilitator:
        parts.append(f"<p>{e(s.facilitator)}</p>")
    return '<div style="font-family: sans-serif; line-height: 1.4">' + "".join(parts) + "</div>\n"
