"""The education and training inventory: programs, step-8 answers and openings.

Every write is one journalled action, so the programs screen, the note-taker's step-8 form and
`programs import` are all undoable like the wall. Text is stored exactly as given.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import Any

from focusgroup.domain.errors import DomainError
from focusgroup.domain.programs import (
    LIST_FIELDS,
    PROGRAM_LEVELS,
    SOURCE_APP,
    SOURCE_STEP8,
    Opening,
    Program,
    Referral,
    norm,
    parse_count,
)
from focusgroup.store.base import StoreBase, _short, _text, writes
from focusgroup.store.journal import now

PROGRAM_FIELDS = tuple(f.name for f in fields(Program) if f.name not in ("id", "created_at"))
REFERRAL_FIELDS = (
    "participant_id",
    "program",
    "institution",
    "occupation",
    "favourite",
    "out_of_state",
    "promotes_within",
    "note",
)


def _program(row: Mapping[str, Any]) -> Program:
    values = {k: row[k] for k in ("id", *PROGRAM_FIELDS, "created_at")}
    for name in LIST_FIELDS:
        values[name] = tuple(json.loads(values[name] or "[]"))
    return Program(**values)


def _referral(row: Mapping[str, Any]) -> Referral:
    return Referral(**{**row, "favourite": bool(row["favourite"])})


def _opening(row: Mapping[str, Any]) -> Opening:
    return Opening(**row)


def _program_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check and encode program fields for a row write."""
    unknown = set(values) - set(PROGRAM_FIELDS)
    if unknown:
        raise DomainError(f"Unknown program details: {', '.join(sorted(unknown))}.")
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name in LIST_FIELDS:
            items = [value] if isinstance(value, str) else list(value)
            out[name] = json.dumps(
                list(dict.fromkeys(str(i) for i in items if str(i).strip())), ensure_ascii=False
            )
        else:
            if not isinstance(value, str):
                raise DomainError(f"A program's {name.replace('_', ' ')} must be text.")
            out[name] = value
    if "level" in out and out["level"] not in ("", *PROGRAM_LEVELS):
        raise DomainError(
            f"Unknown level {out['level']!r}; use one of {', '.join(PROGRAM_LEVELS)} "
            "or leave it blank."
        )
    if "program" in out:
        _text(out["program"], "The program")
    if out.get("completions", "").strip() and parse_count(out["completions"]) is None:
        raise DomainError(
            f"Completions must be a whole number a year, such as 40 (got {out['completions']!r}); "
            "or leave it blank."
        )
    return out


class ProgramOps(StoreBase):
    # -- programs ----------------------------------------------------------------------------

    def programs(self) -> list[Program]:
        return [_program(r) for r in self.journal.rows("programs")]

    def program(self, program_id: int) -> Program:
        return _program(self._row_or_error("programs", program_id, "program"))

    def _insert_program(self, institution: str, program: str, details: Mapping[str, Any]) -> int:
        values = _program_values({"institution": institution, "program": program, **details})
        values.setdefault("source", SOURCE_APP)
        return self.journal.insert("programs", {**values, "created_at": now()})

    @writes
    def add_program(self, institution: str, program: str, **details: Any) -> int:
        """Add one program to the inventory (details: any `Program` field)."""
        with self.action(f"Add program {_short(program)}"):
            return self._insert_program(institution, program, details)

    @writes
    def update_program(self, program_id: int, **details: Any) -> None:
        row = self._row_or_error("programs", program_id, "program")
        values = _program_values(details)
        with self.action(f"Edit program {_short(row['program'])}"):
            self.journal.update("programs", program_id, values)

    @writes
    def delete_program(self, program_id: int) -> None:
        """Remove a program; step-8 answers that named it keep their words, lose the link."""
        row = self._row_or_error("programs", program_id, "program")
        with self.action(f"Delete program {_short(row['program'])}"):
            for referral in self.journal.rows("referrals", "program_id = ?", [program_id]):
                self.journal.update("referrals", referral["id"], {"program_id": None})
            self.journal.delete("programs", program_id)

    def find_program(self, institution: str, program: str, credential: str = "") -> Program | None:
        """The inventory row for this institution and program (and credential, if both have one)."""
        for found in self.programs():
            if norm(found.institution) != norm(institution) or norm(found.program) != norm(program):
                continue
            if not credential or not found.credential or norm(found.credential) == norm(credential):
                return found
        return None

    @writes
    def import_programs(
        self, rows: Sequence[Mapping[str, Any]], description: str
    ) -> tuple[list[int], list[int]]:
        """Add or fill in programs, all in one undoable action. Returns (added, updated) ids.

        A row naming a program already in the inventory (same institution, program and
        credential, or one seeded at step 8 without a credential) fills in that row: its
        non-blank cells replace the stored ones and its occupations are added to them.
        """
        added: list[int] = []
        updated: list[int] = []
        with self.action(description):
            for row in rows:
                details = {k: v for k, v in row.items() if k not in ("institution", "program")}
                found = self.find_program(
                    row["institution"], row["program"], row.get("credential", "")
                )
                if found is None or found.id in added:
                    added.append(self._insert_program(row["institution"], row["program"], details))
                    continue
                changes = {k: v for k, v in details.items() if v and k not in LIST_FIELDS}
                for name in LIST_FIELDS:
                    if details.get(name):
                        changes[name] = (*getattr(found, name), *details[name])
                if self.journal.update("programs", found.id, _program_values(changes)):
                    updated.append(found.id)
        return added, updated

    # -- step 8: where employers find qualified applicants ------------------------------------

    def referrals(self) -> list[Referral]:
        return [_referral(r) for r in self.journal.rows("referrals")]

    @writes
    def add_referral(
        self,
        *,
        participant_id: int | None = None,
        program: str = "",
        institution: str = "",
        occupation: str = "",
        favourite: bool = False,
        out_of_state: str = "",
        promotes_within: str = "",
        note: str = "",
    ) -> int:
        """Record one step-8 answer. A named program seeds (or joins) the inventory.

        The program is added with source "employers (step 8)" when it is new; the occupation
        it feeds is added to its occupations. All in one action: one undo removes both.
        """
        if not any(
            v.strip()
            for v in (program, institution, occupation, out_of_state, promotes_within, note)
        ):
            raise DomainError("An answer needs at least a program, a share or a note.")
        if participant_id is not None:
            self.participant(participant_id)
        if institution.strip() and not program.strip():
            raise DomainError("Name the program at that institution (or leave both blank).")
        with self.action(f"Add step-8 answer {_short(program or note or out_of_state)}"):
            program_id = (
                self._seed_program(program, institution, occupation) if program.strip() else None
            )
            return self.journal.insert(
                "referrals",
                {
                    "participant_id": participant_id,
                    "program": program,
                    "institution": institution,
                    "occupation": occupation,
                    "favourite": int(bool(favourite)),
                    "out_of_state": out_of_state,
                    "promotes_within": promotes_within,
                    "note": note,
                    "program_id": program_id,
                    "created_at": now(),
                },
            )

    def _seed_program(self, program: str, institution: str, occupation: str) -> int:
        found = self.find_program(institution, program)
        if found is None:
            return self._insert_program(
                institution,
                program,
                {"occupations": [occupation] if occupation.strip() else [], "source": SOURCE_STEP8},
            )
        if occupation.strip() and norm(occupation) not in {norm(o) for o in found.occupations}:
            self.journal.update(
                "programs",
                found.id,
                _program_values({"occupations": [*found.occupations, occupation]}),
            )
        return found.id

    @writes
    def update_referral(self, referral_id: int, **values: Any) -> None:
        row = self._row_or_error("referrals", referral_id, "answer")
        unknown = set(values) - set(REFERRAL_FIELDS)
        if unknown:
            raise DomainError(f"Unknown answer details: {', '.join(sorted(unknown))}.")
        if "favourite" in values:
            values["favourite"] = int(bool(values["favourite"]))
        if values.get("participant_id") is not None:
            self.participant(values["participant_id"])
        after = {**row, **values}
        if after["institution"].strip() and not after["program"].strip():
            raise DomainError("Name the program at that institution (or leave both blank).")
        with self.action(f"Edit step-8 answer {_short(row['program'] or row['note'])}"):
            if after["program"].strip() and any(
                after[k] != row[k] for k in ("program", "institution", "occupation")
            ):
                # A renamed program seeds (or joins) the inventory, as a new answer does.
                values["program_id"] = self._seed_program(
                    after["program"], after["institution"], after["occupation"]
                )
            elif not after["program"].strip():
                values["program_id"] = None
            self.journal.update("referrals", referral_id, values)

    @writes
    def delete_referral(self, referral_id: int) -> None:
        """Delete an answer; the program it seeded stays in the inventory (delete it there)."""
        row = self._row_or_error("referrals", referral_id, "answer")
        with self.action(f"Delete step-8 answer {_short(row['program'] or row['note'])}"):
            self.journal.delete("referrals", referral_id)

    # -- openings (demand) -------------------------------------------------------------------

    def openings(self) -> list[Opening]:
        return [_opening(r) for r in self.journal.rows("openings")]

    @writes
    def import_openings(self, rows: Sequence[tuple[str, int, str]], description: str) -> int:
        """Replace the openings for each occupation named, in one undoable action."""
        with self.action(description):
            named = {norm(o) for o, _, _ in rows}
            for old in self.journal.rows("openings"):
                if norm(old["occupation"]) in named:
                    self.journal.delete("openings", old["id"])
            for occupation, count, source in rows:
                if count < 0:
                    raise DomainError(f"Openings for {occupation} can't be negative.")
                self.journal.insert(
                    "openings",
                    {
                        "occupation": occupation,
                        "openings": count,
                        "source": source,
                        "created_at": now(),
                    },
                )
        return len(rows)
