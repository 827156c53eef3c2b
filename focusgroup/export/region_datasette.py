"""The Datasette metadata written beside a region file: titles, column labels, canned queries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from focusgroup.store.region_queries import CANNED_QUERIES

_TABLES: dict[str, dict[str, Any]] = {
    "meetings": {
        "title": "Meetings",
        "description": "One row per combined session file (a focus group meeting).",
        "label_column": "title",
        "columns": {
            "meeting_key": "When the meeting was created and its protocol: the same meeting "
            "combined again replaces its rows instead of adding them twice",
            "kind": "occupations (a sticky-wall meeting) or competencies (one occupation)",
            "source_file": "The session file it was read from",
            "schema_version": "The session file's format when it was combined",
        },
    },
    "cards": {
        "title": "Occupation cards",
        "description": "Every card employers wrote, with its meeting. A card merged into a "
        "stack has stack_id set to the stack's lead card; see card_occupations.",
        "label_column": "text",
        "columns": {
            "text": "Exactly what the employer wrote",
            "participant_id": "Who wrote it (participants.id within the same meeting)",
            "level": "entry, mid, advanced or unsorted",
            "reasons": "Why it is critical: the protocol's reason keys, or the employer's own "
            "words (see card_reasons for labels)",
            "third_card": "1 when it was the employer's third card",
            "hands": "Show of hands backing it (0 when none was taken)",
            "stack_id": "Set on a merged card: the lead card's id",
            "soc_code": "SOC 2018 code, when crosswalked",
        },
    },
    "card_occupations": {
        "title": "Cards with their stack's occupation",
        "description": "Each card beside the lead card of its stack: merged cards count under "
        "the stack's SOC code, category and level.",
    },
    "card_reasons": {
        "title": "Reasons per card",
        "description": "One row per reason on a card, with the protocol's label; own_reason = 1 "
        "for an employer's own words.",
    },
    "competencies": {
        "title": "Competency cards",
        "description": "Skills and competencies the room named (the wall's third colour).",
        "label_column": "text",
        "columns": {"lacking": "1 when employers say it is most often lacking at entry"},
    },
    "participants": {
        "title": "Participants",
        "description": "Who took part, per meeting. E-mail addresses are never copied; names "
        "are blank when the region file was made with --anonymous.",
        "label_column": "organization",
    },
    "notes": {"title": "Notes and quotes", "label_column": "text"},
    "commitments": {"title": "Commitments", "label_column": "offer"},
    "categories": {"title": "Category cards", "label_column": "name"},
    "reason_labels": {"title": "Each meeting's reasons, as its protocol labels them"},
    "region_settings": {"hidden": True},
}


def datasette_metadata(database: str) -> dict[str, Any]:
    """Metadata for `datasette REGION.db --metadata REGION.metadata.json`."""
    return {
        "title": "focusgroup: meetings combined",
        "description": "Employer focus group meetings combined by `focusgroup combine`.",
        "source": "focusgroup session files",
        "databases": {
            database: {
                "tables": _TABLES,
                "queries": {
                    q.name: {"title": q.title, "description": q.description, "sql": q.sql.strip()}
                    for q in CANNED_QUERIES
                },
            }
        },
    }


def write_datasette_metadata(region_file: Path) -> Path:
    path = region_file.with_name(region_file.stem + ".metadata.json")
    text = json.dumps(datasette_metadata(region_file.stem), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path
