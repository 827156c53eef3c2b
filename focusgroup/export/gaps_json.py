"""The gap analysis as JSON, for tools: stable keys, text exactly as stored."""

from __future__ import annotations

import json
from typing import Any

from focusgroup.domain.gaps import COVERAGE_MEANING, Spread, SupplyDemand
from focusgroup.domain.programs import Program
from focusgroup.export.gaps_data import GapDocument

FORMAT_VERSION = 1


def program_json(doc: GapDocument, program: Program) -> dict[str, Any]:
    return {
        "id": program.id,
        "key": f"P{doc.program_number(program)}",
        "institution": program.institution,
        "program": program.program,
        "credential": program.credential,
        "level": program.level,
        "length": program.length,
        "cost": program.cost,
        "prerequisites": program.prerequisites,
        "placement_rate": program.placement_rate,
        "type": program.type,
        "linkages": list(program.linkages),
        "occupations": list(program.occupations),
        "competencies": list(program.competencies),
        "completions": program.completions,
        "source": program.source,
    }


def _ref(program: Program) -> dict[str, Any]:
    return {
        "program_id": program.id,
        "institution": program.institution,
        "program": program.program,
        "credential": program.credential,
    }


def _spread(s: Spread) -> dict[str, Any]:
    return {
        "occupation": s.occupation,
        "level": s.level,
        "program_ids": [p.id for p in s.programs],
        "cost_low": s.cost_low,
        "cost_high": s.cost_high,
        "cost_difference": None
        if s.cost_low is None or s.cost_high is None
        else s.cost_high - s.cost_low,
        "length_unit": s.length_unit,
        "length_low": s.length_low,
        "length_high": s.length_high,
        "prerequisites": list(s.prerequisites),
    }


def _supply(s: SupplyDemand) -> dict[str, Any]:
    return {
        "occupation": s.occupation,
        "openings": s.openings,
        "openings_sources": list(s.sources),
        "completions": s.completions,
        "shortfall": s.shortfall,
        "counted_program_ids": [p.id for p in s.counted],
        "programs_without_completions": [p.id for p in s.missing],
        "conflicting_openings": [
            {"occupation": o.occupation, "openings": o.openings, "source": o.source}
            for o in s.conflict
        ],
    }


def gaps_dict(doc: GapDocument) -> dict[str, Any]:
    r = doc.report
    return {
        "format": "focusgroup-gaps",
        "version": FORMAT_VERSION,
        "session": {
            "title": doc.session.title,
            "region": doc.session.region,
            "date": doc.session.date,
        },
        "scope": doc.scope,
        "occupations": [
            {
                "occupation": o.name,
                "level": o.level,
                "category": o.category,
                "lacking": list(o.lacking),
            }
            for o in r.occupations
        ],
        "programs": [program_json(doc, p) for p in r.programs],
        "coverage_legend": COVERAGE_MEANING,
        "coverage": [
            {
                "occupation": o.name,
                "program_id": p.id,
                "program": p.label,
                "status": r.cell(i, p).status,
                "teaches": list(r.cell(i, p).teaches),
            }
            for i, o in enumerate(r.occupations)
            for p in r.programs
        ],
        "uncovered_occupations": [
            {"occupation": o.name, "level": o.level, "category": o.category}
            for o in r.uncovered_occupations
        ],
        "uncovered_competencies": [
            {"occupation": o.name, "competency": c} for o, c in r.uncovered_competencies
        ],
        "duplicates": [
            {
                "credential": d.credential,
                "occupation": d.occupation,
                "institutions": list(d.institutions),
                "program_ids": [p.id for p in d.programs],
            }
            for d in r.duplicates
        ],
        "orphans": [{**_ref(p), "occupations": list(p.occupations)} for p in r.orphans],
        "dead_ends": [
            {**_ref(d.program), "level": d.program.level, "reason": d.reason} for d in r.dead_ends
        ],
        "missing_links": [{**_ref(m.program), "linkage": m.linkage} for m in r.missing_links],
        "spreads": [_spread(s) for s in r.spreads],
        "supply_demand": [_supply(s) for s in r.supply_demand],
        "referrals": [
            {
                "employer": doc.employer(x.participant_id),
                "program": x.program,
                "institution": x.institution,
                "occupation": x.occupation,
                "favourite": x.favourite,
                "out_of_state": x.out_of_state,
                "promotes_within": x.promotes_within,
                "note": x.note,
                "program_id": x.program_id,
            }
            for x in r.referrals
        ],
        "questions": [
            {"question": a.question, "status": a.status, "answer": a.answer} for a in doc.questions
        ],
    }


def render_gaps_json(doc: GapDocument) -> str:
    return json.dumps(gaps_dict(doc), ensure_ascii=False, indent=2) + "\n"
