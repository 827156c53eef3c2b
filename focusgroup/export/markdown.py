"""The summary as Markdown (e-mail body or wiki page), plus the short e-mail versions.

`short_summary` (plain text) and `short_summary_html` are what the e-mail goes out with:
what we heard, next steps, when you'll hear from us. They take the same snapshot as every
export, so anonymity and quoting rules are already applied.
"""

from __future__ import annotations

import html
import re

from focusgroup.domain.model import SHIFTS
from focusgroup.domain.sectors import sector_label
from focusgroup.domain.wall import Wall, build_wall
from focusgroup.export.content import Summary, how_used, summarize, when_next
from focusgroup.export.snapshot import SessionSnapshot

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


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
    t = summary.terms
    s = snap.session
    out = [f"# {md(s.title)}", "", *_details(snap), ""]
    if snap.organizations:
        out += [
            "**Participating organizations:** " + ", ".join(md(o) for o in snap.organizations),
            "",
        ]

    out += [f"## The wall: {t['categories']} by level", ""]
    out += _wall_table(snap)

    out += ["", f"## Critical {t['cards']}, ranked", ""]
    for occ in summary.occupations:
        code = (
            f" ({md(occ.card.soc_code)} {md(occ.card.soc_title)})".rstrip()
            if occ.card.soc_code
            else ""
        )
        hands = f", {plural(occ.hands, 'hand')} raised" if occ.hands else ""
        shift = f"; {SHIFTS[occ.card.shift].lower()}" if occ.card.shift in SHIFTS else ""
        out.append(
            f"{occ.rank}. **{md(occ.card.text)}**{code} — {md(occ.category)}, {occ.level}; "
            f"named by {plural(occ.employers, 'employer')}{hands}{shift}"
        )
        if occ.onet_facts:
            out.append(f"   {md(occ.onet_facts)}")
    if summary.reason_counts:
        out += ["", "### Why they are critical", ""]
        out += [f"- {md(label)}: {count}" for label, count in summary.reason_counts]

    out += ["", f"## Each {t['card']}", ""]
    for occ in summary.occupations:
        out += [f"### {occ.rank}. {md(occ.card.text)}", ""]
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
        for note in occ.notes:
            out.append(f"> {md(note.text)}")
        out.append("")

    if summary.general_competencies:
        out += ["## Skills named for the sector as a whole", ""]
        out += [
            f"- {md(c.text)}" + (" *(lacking at entry)*" if c.lacking else "")
            for c in summary.general_competencies
        ]
        out.append("")

    if summary.discussion:
        out += ["## What the discussion said", ""]
        for title, notes in summary.discussion:
            out += [f"### {md(title)}", ""] + [f"- {md(n.text)}" for n in notes] + [""]

    if summary.quotes:
        out += ["## In their words", ""]
        for quote, who in summary.quotes:
            out += [f"> “{md(quote.text)}”" + (f" — {md(who)}" if who else ""), ""]

    out += _next_steps(summary)
    return "\n".join(out).rstrip() + "\n"


def _wall_table(snap: SessionSnapshot) -> list[str]:
    levels = snap.levels
    wall = snap_wall(snap)
    header = "| Category | " + " | ".join(md(snap.level_label(lv)) for lv in levels) + " |"
    rows = [header, "|" + "---|" * (len(levels) + 1)]
    for cat in wall.categories:
        cells = []
        for lv in levels:
            cards = wall.cell(cat.id, lv)
            cells.append("<br>".join(f"{md(c.text)} ({c.count})" for c in cards) or "—")
        rows.append(f"| **{md(cat.name)}** | " + " | ".join(cells) + " |")
    if wall.unsorted:
        rows += [
            "",
            "Not yet sorted: " + "; ".join(f"{md(c.text)} ({c.count})" for c in wall.unsorted),
        ]
    return rows


def snap_wall(snap: SessionSnapshot) -> Wall:
    return build_wall(snap.categories, snap.cards, snap.levels)


def _next_steps(summary: Summary) -> list[str]:
    snap = summary.snapshot
    out = ["## Next steps", "", how_used(summary), "", when_next(summary), ""]
    if snap.commitments:
        out += ["### Commitments", ""]
        for c in snap.commitments:
            extra = ", ".join(
                x
                for x in (
                    md(c.detail),
                    f"owner: {md(c.owner)}" if c.owner else "",
                    f"due {md(c.due)}" if c.due else "",
                )
                if x
            )
            out.append(f"- **{md(c.offer)}**" + (f" — {extra}" if extra else ""))
        out.append("")
    if snap.session.follow_up_url:
        out += [f"Follow-up: <{snap.session.follow_up_url}>", ""]
    if summary.onet_attribution:
        out += [f"_{md(summary.onet_attribution)}_", ""]
    return out


# -- the short e-mail body ---------------------------------------------------------------------


def _short_parts(snap: SessionSnapshot) -> tuple[list[str], list[str], str, str]:
    summary = summarize(snap)
    heard = [
        f"{occ.card.text} ({occ.category}, {occ.level}): named by "
        f"{plural(occ.employers, 'employer')}"
        for occ in summary.top
    ]
    if summary.reason_counts:
        label, count = summary.reason_counts[0]
        heard.append(f"Most common reason given: {label} ({count})")
    steps = [how_used(summary)]
    steps += [
        f"{c.offer}"
        + (f": {c.detail}" if c.detail else "")
        + (f" ({c.owner}" + (f", by {c.due})" if c.due else ")") if c.owner else "")
        for c in snap.commitments
    ]
    return heard, steps, when_next(summary), snap.session.follow_up_url


def short_summary(snap: SessionSnapshot) -> str:
    """Plain-text e-mail body: what we heard, next steps, when you'll hear from us."""
    heard, steps, when, url = _short_parts(snap)
    s = snap.session
    lines = [
        f"Thank you for taking part in {s.title}" + (f" on {s.date}" if s.date else "") + ".",
        "",
        "What we heard:",
    ]
    lines += [f"  - {h}" for h in heard] or ["  (no occupations recorded)"]
    lines += ["", "Next steps:"] + [f"  - {x}" for x in steps]
    lines += ["", "When you'll hear from us:", f"  {when}"]
    if url:
        lines += ["", f"Follow-up and corrections: {url}"]
    if s.facilitator:
        lines += ["", s.facilitator]
    return "\n".join(lines) + "\n"


def short_summary_html(snap: SessionSnapshot) -> str:
    """The same body as a small, inline-styled HTML fragment (every value escaped)."""
    heard, steps, when, url = _short_parts(snap)
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
        "<h3>Next steps</h3>",
        items(steps),
        "<h3>When you'll hear from us</h3>",
        f"<p>{e(when)}</p>",
    ]
    if url:
        parts.append(
            f'<p>Follow-up and corrections: <a href="{e(url, quote=True)}">{e(url)}</a></p>'
        )
    if s.facilitator:
        parts.append(f"<p>{e(s.facilitator)}</p>")
    return '<div style="font-family: sans-serif; line-height: 1.4">' + "".join(parts) + "</div>\n"
