"""The career pathway map as Markdown (a wiki page, an e-mail) and as JSON (other tools)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from focusgroup.export.map_model import EMPTY_LEVEL, TO_COLLECT, Figure, MapOccupation, MapPage
from focusgroup.export.markdown import md as _escape

FORMAT = "focusgroup-pathway-map"
FORMAT_VERSION = 1


def _cite(page: MapPage, figure: Figure) -> str:
    number = page.footnote(figure.source)
    return f"{figure.text} [{number}]" if number else figure.text


def render_markdown(pages: list[MapPage]) -> str:
    lines: list[str] = []
    for page in pages:
        lines.append(f"# Career pathway: {_escape(page.pathway)}")
        sub = [_escape(page.session_title)]
        if page.session_date:
            sub.append(page.session_date)
        sub.append(f"wages for {_escape(page.area_name)}" if page.area_name else "no area set")
        lines += ["", " · ".join(sub), ""]
        for index, (level, label) in enumerate(page.levels):
            lines.append(f"## {label}")
            lines.append("")
            occupations = page.at_level(level)
            if not occupations:
                lines += [EMPTY_LEVEL, ""]
            for occ in occupations:
                lines += _occupation(page, occ)
            if index < len(page.move_ups):
                lines += _move_up(page, index)
        if page.links:
            lines += ["## Advances to", ""]
            lines += [
                f"- {_escape(link.from_title)} → {_escape(link.to_title)} [{page.footnote('room')}]"
                for link in page.links
            ]
            lines.append("")
        lines += ["## Sources", ""]
        lines += [f"{i}. {text}" for i, (_, text) in enumerate(page.sources, start=1)]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _occupation(page: MapPage, occ: MapOccupation) -> list[str]:
    head = f"### {_escape(occ.title)}"
    if occ.soc_code:
        head += f" ({occ.soc_code} {_escape(occ.onet_title)})".rstrip()
    tech = ", ".join(_escape(t) for t in occ.technology) or TO_COLLECT
    if occ.technology_source:
        tech += f" [{page.footnote(occ.technology_source)}]"
    creds = (
        TO_COLLECT
        if occ.credentials is None
        else ", ".join(_escape(c) for c in occ.credentials) or "none in the programs inventory"
    )
    if occ.credentials is not None and occ.credentials_source:
        creds += f" [{page.footnote(occ.credentials_source)}]"
    lines = [
        head,
        "",
        f"- Category: {_escape(occ.category)}; named by {occ.employers} employer"
        + ("s" if occ.employers != 1 else ""),
        f"- Typical education: {_cite(page, occ.education)}",
        f"- Description: {_cite(page, occ.description)}",
        f"- Tools and technology: {tech}",
    ]
    if occ.named_by_room:
        lines.append(
            "- Employers named: "
            + "; ".join(_escape(n) for n in occ.named_by_room)
            + f" [{page.footnote('room')}]"
        )
    lines += [
        f"- Annual openings: {_cite(page, occ.openings)}",
        f"- Median hourly wage, {_escape(page.area_name) or 'area'}: {_cite(page, occ.wage_area)}",
        f"- Median hourly wage, United States: {_cite(page, occ.wage_nation)}",
        f"- Local certifications and degrees: {creds}",
        "",
    ]
    return lines


def _move_up(page: MapPage, index: int) -> list[str]:
    box = page.move_ups[index]
    labels = dict(page.levels)
    lines = [f"### To move up: {labels[box.from_level]} → {labels[box.to_level]}", ""]
    if not box.comparisons and not box.named:
        lines += ["Link cards on the wall (advances to) to compare the levels.", ""]
    for comp in box.comparisons:
        what = "; ".join(
            f"{_escape(r.name)} ({r.domain}) {r.before:.2f} → {r.after:.2f}" for r in comp.rises
        )
        what = what or comp.note
        source = page.footnote("onet") if comp.rises else 0
        lines.append(
            f"- {_escape(page.starts(comp))} → {_escape(comp.to_title)}: {what}"
            + (f" [{source}]" if source else "")
        )
    if box.named:
        lines.append(
            "- Employers named for this level: "
            + "; ".join(_escape(n) for n in box.named)
            + f" [{page.footnote('room')}]"
        )
    lines.append("")
    return lines


def to_json(pages: list[MapPage]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "to_collect": TO_COLLECT,
        "pathways": [
            {
                **{k: v for k, v in asdict(page).items() if k != "sources"},
                "sources": [
                    {"number": i, "key": key, "text": text}
                    for i, (key, text) in enumerate(page.sources, start=1)
                ],
            }
            for page in pages
        ],
    }
