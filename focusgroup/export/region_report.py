"""The region report: what many meetings said together, as Markdown and PDF.

Every figure comes from `read_region`, which runs the same SQL as the Datasette canned queries.
"""

from __future__ import annotations

from pathlib import Path

from focusgroup.domain.region import RegionMeeting, RegionOccupation, RegionReport
from focusgroup.domain.text import plural
from focusgroup.export.markdown import md as md_escape

REPORT_NAME = "region-report"


def occupation_details(occ: RegionOccupation) -> list[str]:
    """The lines under one occupation, shared by both formats."""
    lines = []
    if occ.shortlisted is not None:
        lines.append(f"Shortlisted by the room in {plural(occ.shortlisted, 'meeting')}")
    if occ.levels:
        levels = ", ".join(f"{_level(key)} {count}" for key, count in occ.levels)
        lines.append(f"Placed at: {levels}")
    if occ.reasons:
        top = ", ".join(f"{reason} ({count})" for reason, count in occ.reasons[:4])
        lines.append(f"Why critical (cards): {top}")
    if len(occ.wordings) > 1:
        lines.append("Written as: " + "; ".join(occ.wordings[:8]))
    return lines


def _level(key: str) -> str:
    return "Unsorted" if key in ("", "unsorted") else key.capitalize()


def overview(report: RegionReport) -> str:
    meetings = len(report.meetings)
    walls = [m for m in report.meetings if m.kind == "occupations"]
    employers = sum(m.employers for m in walls)
    return (
        f"{plural(meetings, 'meeting')} combined; {plural(len(walls), 'sticky-wall meeting')} "
        f"with cards from {plural(employers, 'employer')} in all (an employer at two meetings "
        f"counts twice)."
    )


def meeting_counts(m: RegionMeeting) -> str:
    if m.kind != "occupations":  # a competencies meeting's cards are one occupation's tasks
        return f"{plural(m.occupations, 'task')} on the wall"
    return f"{plural(m.employers, 'employer')}, {plural(m.occupations, 'occupation')} on the wall"


def uncoded_line(count: int) -> str:
    return (
        f"{plural(count, 'occupation')} on this wall {'has' if count == 1 else 'have'} no SOC "
        "code yet and {} not in the table by SOC code.".format("is" if count == 1 else "are")
    )


def write_region_markdown(report: RegionReport, path: Path) -> Path:
    out = ["# Occupations across meetings", "", overview(report), "", "## Meetings", ""]
    for m in report.meetings:
        where = " · ".join(x for x in (m.date, m.region, m.sector) if x.strip())
        kind = "" if m.kind == "occupations" else " (critical-competencies meeting)"
        out.append(
            f"- **{md_escape(m.title)}**{kind}{' — ' + md_escape(where) if where else ''}: "
            f"{meeting_counts(m)}"
        )
        if m.uncoded:
            out.append(
                f"  - {uncoded_line(len(m.uncoded))} " + "; ".join(map(md_escape, m.uncoded))
            )
    out += ["", "## Occupations by SOC code", ""]
    if not report.occupations:
        out += ["No occupation has a SOC code yet: run `focusgroup crosswalk` on each meeting.", ""]
    for occ in report.occupations:
        out.append(f"### {md_escape(occ.line)}")
        out.append("")
        out += [f"- {md_escape(line)}" for line in occupation_details(occ)]
        out.append("")
    out += ["## Competency gaps that recur", ""]
    recurring = report.recurring_gaps
    if recurring:
        for gap in recurring:
            where = f" — for {md_escape('; '.join(gap.occupations))}" if gap.occupations else ""
            out.append(
                f"- **{md_escape(gap.competency)}**: lacking at entry in "
                f"{plural(gap.meetings, 'meeting')} ({plural(gap.mentions, 'mention')}){where}"
            )
    else:
        out.append(_no_recurring(report))
    path.write_text("\n".join(out).rstrip() + "\n", encoding="utf-8")
    return path


def _no_recurring(report: RegionReport) -> str:
    if not report.gaps:
        return "No meeting flagged a competency as lacking in entry-level candidates."
    return (
        f"No lacking competency was named in more than one meeting "
        f"({plural(len(report.gaps), 'competency', 'competencies')} flagged in one meeting each)."
    )


def write_region_pdf(report: RegionReport, path: Path) -> Path:
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable, Indenter, KeepTogether, Spacer

    from focusgroup.export.pdf.theme import Styles, build_pdf, section

    styles = Styles()
    story: list[Flowable] = [styles.p("Occupations across meetings", styles.title)]
    story += [styles.p(overview(report)), Spacer(1, 4 * mm)]
    story += section(styles, "Meetings")
    for m in report.meetings:
        where = " · ".join(x for x in (m.date, m.region, m.sector) if x.strip())
        kind = "" if m.kind == "occupations" else " (critical-competencies meeting)"
        story += styles.bullets(
            [f"{m.title}{kind}{' — ' + where if where else ''}: {meeting_counts(m)}"]
        )
        if m.uncoded:
            text = uncoded_line(len(m.uncoded)) + " " + "; ".join(m.uncoded)
            story.append(Indenter(11, 0))
            story += [styles.p(text, styles.small), Indenter(-11, 0), Spacer(1, 2 * mm)]
    story += [Spacer(1, 4 * mm), *section(styles, "Occupations by SOC code")]
    if not report.occupations:
        story.append(styles.p("No occupation has a SOC code yet."))
    for occ in report.occupations:
        block = [styles.p(occ.line, bold=True)]
        block += styles.bullets(occupation_details(occ))
        block.append(Spacer(1, 2 * mm))
        story.append(KeepTogether(block))
    story += [Spacer(1, 4 * mm), *section(styles, "Competency gaps that recur")]
    if report.recurring_gaps:
        story += styles.bullets(
            [
                f"{g.competency}: lacking at entry in {plural(g.meetings, 'meeting')} "
                f"({plural(g.mentions, 'mention')})"
                + (f" — for {'; '.join(g.occupations)}" if g.occupations else "")
                for g in report.recurring_gaps
            ]
        )
    else:
        story.append(styles.p(_no_recurring(report)))
    return build_pdf(
        path,
        story,
        footer_left="Occupations across meetings",
        title="Occupations across meetings",
        subject="focusgroup region report",
    )


def write_region_report(report: RegionReport, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    return [
        write_region_markdown(report, out_dir / f"{REPORT_NAME}.md"),
        write_region_pdf(report, out_dir / f"{REPORT_NAME}.pdf"),
    ]
