"""The gap analysis as Markdown: the coverage matrix as a table, then findings and questions."""

from __future__ import annotations

from focusgroup.domain.gaps import COVERAGE_MEANING
from focusgroup.domain.text import plural
from focusgroup.export.gaps_content import NONE_FOUND, SYMBOLS, findings, program_name
from focusgroup.export.gaps_data import GapDocument
from focusgroup.export.markdown import md


def render_gaps_markdown(doc: GapDocument) -> str:
    r = doc.report
    out = [f"# Education and training gap analysis: {md(doc.session.title)}", ""]
    facts = [("Region", doc.session.region), ("Date", doc.session.date)]
    out += [f"**{k}:** {md(v)}  " for k, v in facts if v.strip()]
    out += [
        f"**Analysed:** {plural(len(r.occupations), 'occupation')} ({md(doc.scope)}) against "
        f"{plural(len(r.programs), 'program')} in the inventory.",
        "",
        "## Coverage",
        "",
    ]
    out += [f"- {SYMBOLS[k]} **{k}**: {v}" for k, v in COVERAGE_MEANING.items()]
    out.append("")
    if r.occupations and r.programs:
        keys = [f"P{doc.program_number(p)}" for p in r.programs]
        out.append("| Occupation | Lacking competencies | " + " | ".join(keys) + " |")
        out.append("|---|---|" + "---|" * len(keys))
        for i, o in enumerate(r.occupations):
            cells = [f"{SYMBOLS[r.cell(i, p).status]} {r.cell(i, p).status}" for p in r.programs]
            lacking = "; ".join(md(c) for c in o.lacking) or "\u2014"
            out.append(f"| {md(o.name)} | {lacking} | " + " | ".join(cells) + " |")
        out += ["", "Programs:", ""]
        out += [f"- {md(program_name(doc, p))}" for p in r.programs]
    else:
        missing = "occupations on the wall" if not r.occupations else "programs in the inventory"
        out.append(f"No {missing} yet, so there is no matrix.")
    out.append("")
    for section in findings(doc):
        out += [f"## {md(section.title)}", "", f"*{md(section.intro)}*", ""]
        out += [f"- {md(line)}" for line in section.lines] or [NONE_FOUND]
        out.append("")
    out += ["## The guide's questions for the gap analysis", ""]
    for n, answer in enumerate(doc.questions, 1):
        label = "" if answer.answered else "**Needs data:** "
        out += [f"{n}. *{md(answer.question)}*", f"   {label}{md(answer.answer)}", ""]
    return "\n".join(out).rstrip() + "\n"
