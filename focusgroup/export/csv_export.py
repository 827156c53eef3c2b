"""Spreadsheets: one row per card, per competency, per note, per commitment.

UTF-8 with a byte-order mark: Excel otherwise opens "Zoë" as "ZoÃ«". Cells that start with
= + - @ are prefixed with a quote so a spreadsheet never runs a card as a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from focusgroup.domain.model import SHIFTS
from focusgroup.export.snapshot import SessionSnapshot

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows([cell(v) for v in row] for row in rows)
    return path


def write_csvs(snap: SessionSnapshot, out_dir: Path, stem: str) -> list[Path]:
    """Write `<stem>-cards.csv`, `-competencies.csv`, `-notes.csv`, `-commitments.csv`."""
    ranked = snap.ranking()  # numbered as the summary numbers them
    ranks = {r.card.id: i for i, r in enumerate(ranked, 1)}
    by_id = {r.card.id: r for r in ranked}
    places = {
        c.id: i
        for i, c in enumerate(
            sorted((c for c in snap.cards if c.on_shortlist), key=lambda c: c.shortlist_place), 1
        )
    }
    # Keyed by optional ids: an unplaced card or an anonymous offer looks up None, gets "".
    cat: dict[int | None, str] = {c.id: c.name for c in snap.categories}
    org: dict[int | None, str] = {p.id: p.organization for p in snap.participants}
    card_rows = []
    for card in snap.cards:
        card_rows.append(
            [
                ranks.get(card.id, ""),
                card.id,
                card.text,
                cat.get(card.category_id, ""),
                snap.level_label(card.level),
                snap.employers_of(card),
                card.count,
                by_id[card.id].reasons if card.id in by_id else "",
                card.hands if card.hands_taken else "",
                places.get(card.id, ""),
                "; ".join(snap.reason_label(r) for r in card.all_reasons),
                " | ".join(card.wordings),
                card.soc_code,
                card.onet_code,
                card.soc_title,
                "yes" if card.third_card else "",
                SHIFTS.get(card.shift, card.shift).lower(),
                "; ".join(
                    dict.fromkeys(
                        org.get(m.participant_id, "") for m in card.all_cards if m.participant_id
                    )
                ),
                "; ".join(
                    dict.fromkeys(
                        snap.author(m.participant_id)
                        for m in card.all_cards
                        if snap.author(m.participant_id)
                    )
                ),
            ]
        )
    card_names: dict[int | None, str] = {c.id: c.text for c in snap.cards}
    paths = [
        _write(
            out_dir / f"{stem}-cards.csv",
            [
                "rank",
                "id",
                "text",
                "category",
                "level",
                "employers",
                "cards",
                "reasons_given",
                "hands",
                "shortlist",
                "reasons",
                "wordings",
                "soc_code",
                "onet_code",
                "soc_title",
                "third_card",
                "shifting",
                "organizations",
                "written_by",
            ],
            card_rows,
        ),
        _write(
            out_dir / f"{stem}-competencies.csv",
            [
                "id",
                "text",
                "occupation",
                "category",
                "ksa",
                "tier",
                "level",
                "lacking_at_entry",
                "named_by",
            ],
            (
                [
                    c.id,
                    c.text,
                    card_names.get(c.card_id, ""),
                    cat.get(c.category_id, ""),
                    c.ksa,
                    snap.tier_label(c.tier) if c.tier else "",
                    snap.level_label(c.level) if c.level else "",
                    "yes" if c.lacking else "",
                    snap.author(c.participant_id),
                ]
                for c in snap.competencies
            ),
        ),
        _write(
            out_dir / f"{stem}-notes.csv",
            ["id", "kind", "text", "topic", "occupations", "tags", "attribution"],
            (
                [
                    n.id,
                    n.kind,
                    n.text,
                    snap.topic_label(n.topic) if n.topic else "",
                    "; ".join(card_names.get(i, "") for i in n.card_ids),
                    "; ".join(n.tags),
                    snap.attribution(n) if n.kind == "quote" else snap.author(n.participant_id),
                ]
                for n in snap.notes
            ),
        ),
        _write(
            out_dir / f"{stem}-commitments.csv",
            ["id", "offer", "detail", "offered_by", "owner", "due", "organization"],
            (
                [
                    c.id,
                    c.offer,
                    c.detail,
                    snap.offered_by(c.participant_id),
                    c.owner,
                    c.due,
                    org.get(c.participant_id, ""),
                ]
                for c in snap.commitments
            ),
        ),
    ]
    return paths
