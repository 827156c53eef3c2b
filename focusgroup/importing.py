"""CSV imports: cards transcribed after a meeting, the registration list before one, and
annual openings from a projections table (for the career pathway map).

Every row is checked before anything is written; a file with a bad row imports nothing and
the error lists each bad row by its line number, so the user fixes the file and runs again.
Text is stored exactly as the file has it (see `csv_input`). A large import is written in
parts of `PART_ROWS` rows, each its own commit, so the other seat is never kept waiting for
long; one undo takes back every part.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from focusgroup.csv_input import CsvError, CsvRow, CsvTable, read_csv
from focusgroup.domain.errors import FocusGroupError
from focusgroup.domain.fields import one_line_problem
from focusgroup.domain.model import UNSORTED, QuoteAs, Role
from focusgroup.domain.protocol import Protocol
from focusgroup.domain.reasons import match_reason
from focusgroup.people_merge import PeopleMerge, PersonInput, PersonPlan
from focusgroup.store.session_store import SessionStore

PERSON_COLUMNS = ("organization", "email", "title", "role", "consent", "quote_as")
CARD_COLUMNS = ("participant", "card", "category", "level", "reasons", *PERSON_COLUMNS)
PARTICIPANT_COLUMNS = ("name", *PERSON_COLUMNS)
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0"}
PART_ROWS = 1000
"""Rows per commit: ~0.1 s of holding the write lock here, so the other seat barely waits."""

Progress = Callable[[int, int], None]
"""Called after each committed part with (rows written so far, rows in all)."""

__all__ = [
    "CsvError",
    "ImportFailed",
    "ImportReport",
    "import_cards",
    "import_participants",
    "import_projections",
]


class ImportFailed(FocusGroupError):
    """The CSV has problems; nothing was imported."""


@dataclass
class ImportReport:
    cards: int = 0
    participants_added: int = 0
    participants_updated: list[str] = field(default_factory=list)
    """One line per known participant the list added to or (with --update) changed."""
    categories_added: int = 0
    own_reasons: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    encoding: str = "UTF-8"
    delimiter: str = ","
    parts: int = 0


# -- checking one value --------------------------------------------------------------------------


def _consent(value: str) -> bool | None | str:
    """True/False when the row says, None when it doesn't, else the problem."""
    word = value.strip().lower()
    if not word:
        return None
    if word in YES:
        return True
    if word in NO:
        return False
    return f"consent must be yes or no (got {value.strip()!r})"


def _role(value: str) -> str | None:
    """The role's stored value; "" when the row gives none; None when it is not a role."""
    word = " ".join(value.lower().split())
    if not word:
        return ""
    for role in Role:
        if word in (role.value, role.name.lower().replace("_", " ")):
            return role.value
    if word in ("partner", "support"):
        return Role.SUPPORT_PARTNER.value
    return None


def _role_problem(value: str) -> str:
    allowed = ", ".join(r.value for r in Role)
    return (
        f"role must be one of {allowed} (got {value.strip()!r}); "
        "put a job title such as 'HR Director' in a 'title' column"
    )


def _level(value: str, protocol: Protocol) -> str | None:
    value = value.strip().lower()
    if not value:
        return UNSORTED
    for level in protocol.levels:
        if value in (level.key, level.label.lower()) or value.startswith(level.key[:3]):
            return level.key
    return None


def _email_problem(email: str) -> str | None:
    if email and ("@" not in email or any(c.isspace() for c in email)):
        return f"{email!r} is not an e-mail address"
    return None


def _person(row: CsvRow, name_column: str, problems: list[str]) -> PersonInput | None:
    """What the row says about its person, checking each value; None if it can't be used."""
    errors: list[str] = []
    name = row.get(name_column)
    if not name.strip():
        errors.append(f"{name_column} is empty")
    for column, what in ((name_column, name_column), ("organization", "organization"),
                         ("title", "title")):  # fmt: skip
        if problem := one_line_problem(row.get(column), what):
            errors.append(problem)
    role = _role(row.get("role"))
    if role is None:
        errors.append(_role_problem(row.get("role")))
    consent = _consent(row.get("consent"))
    if isinstance(consent, str):
        errors.append(consent)
    email = row.word("email")
    if problem := _email_problem(email):
        errors.append(problem)
    quote_as = row.word("quote_as").lower()
    choices = {q.value for q in QuoteAs}
    if quote_as and quote_as not in choices:
        errors.append(f"quote_as must be one of {', '.join(sorted(choices))} (got {quote_as!r})")
    problems.extend(f"line {row.line}: {e}" for e in errors)
    if errors:
        return None
    return PersonInput(
        line=row.line,
        name=name,
        organization=row.get("organization"),
        email=email,
        title=row.get("title"),
        role=role or None,
        consent=consent if isinstance(consent, bool) else None,
        quote_as=quote_as or None,
    )


# -- the two imports -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _CardRow:
    person: PersonPlan
    text: str
    category: str
    level: str
    reasons: tuple[str, ...]


def import_cards(
    store: SessionStore, path: Path, *, update: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Import occupation cards from a CSV, all or nothing."""
    table = _read(path, ("participant", "card"))
    protocol = store.protocol()
    problems = list(table.problems)
    merge = PeopleMerge(store.participants(), update=update)
    planned: list[_CardRow] = []
    for row in table.rows:
        errors = []
        if not row.get("card").strip():
            errors.append("card is empty")
        level = _level(row.get("level"), protocol)
        if level is None:
            levels = ", ".join(protocol.level_keys())
            errors.append(f"level must be one of {levels} (got {row.word('level')!r})")
        problems.extend(f"line {row.line}: {e}" for e in errors)
        person = _person(row, "participant", problems)
        if person is None or errors or level is None:
            continue
        reasons = tuple(r.strip() for r in row.get("reasons").split(";") if r.strip())
        planned.append(
            _CardRow(merge.person(person), row.get("card"), row.get("category"), level, reasons)
        )
    report = _report(table, CARD_COLUMNS)
    _refuse_if_needed(path, problems, merge)
    report.participants_updated = merge.updates()

    categories = {_category_key(c.name): c.id for c in store.categories()}
    people = _PeopleWriter(store)

    def write(item: _CardRow) -> None:
        category_id = None
        if item.category.strip():
            key = _category_key(item.category)
            if key not in categories:
                categories[key] = store.add_category(item.category)
                report.categories_added += 1
            category_id = categories[key]
        reasons: list[str] = []
        for reason in item.reasons:
            # Matched by key, label or close wording ("biggest impact on growth"); one that
            # means none of the protocol's reasons is the employer's own definition of
            # "critical": keep it as written.
            known = match_reason(reason, protocol.reasons)
            if known is None:
                report.own_reasons.append(reason)
            value = known.key if known else reason
            if value not in reasons:
                reasons.append(value)
        store.add_card(
            item.text,
            people.id_of(item.person),
            category_id=category_id,
            level=item.level,
            reasons=reasons,
        )
        report.cards += 1

    report.parts = _write_in_parts(
        store, f"Import {len(planned)} cards from {path.name}", planned, write, progress
    )
    report.participants_added = people.added
    return report


def import_participants(
    store: SessionStore, path: Path, *, update: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Import the registration list, all or nothing. Known people are updated, not added."""
    table = _read(path, ("name",))
    problems = list(table.problems)
    merge = PeopleMerge(store.participants(), update=update)
    for row in table.rows:
        person = _person(row, "name", problems)
        if person is not None:
            merge.person(person)
    report = _report(table, PARTICIPANT_COLUMNS)
    _refuse_if_needed(path, problems, merge)
    report.participants_updated = merge.updates()
    people = _PeopleWriter(store)
    plans = [p for p in merge.plans.values() if p.existing is None or p.changes()]
    report.parts = _write_in_parts(
        store,
        f"Import {len(table.rows)} participants from {path.name}",
        plans,
        people.id_of,
        progress,
    )
    report.participants_added = people.added
    return report


# -- shared steps --------------------------------------------------------------------------------


def _read(path: Path, required: tuple[str, ...]) -> CsvTable:
    try:
        return read_csv(path, required)
    except CsvError as error:
        raise ImportFailed(str(error)) from None


def _report(table: CsvTable, known: Iterable[str]) -> ImportReport:
    return ImportReport(
        ignored_columns=table.ignored(known),
        encoding=table.encoding,
        delimiter=table.delimiter,
    )


def _refuse_if_needed(path: Path, problems: list[str], merge: PeopleMerge) -> None:
    if not problems and not merge.conflicts:
        return
    sections = []
    if problems:
        sections.append(("fix these rows and try again", problems))
    if merge.conflicts:
        sections.append(
            (
                "the file disagrees with the session (or with itself) about these people; "
                "correct the file, or run again with --update to use the file's values",
                merge.conflicts,
            )
        )
    text = f"{path}: nothing was imported"
    for heading, lines in sections:
        shown = "\n  ".join(lines[:20])
        more = f"\n  ... and {len(lines) - 20} more" if len(lines) > 20 else ""
        text += f"; {heading}:\n  {shown}{more}"
    raise ImportFailed(text)


class _PeopleWriter:
    """Adds or updates each planned person once, the first time a row needs them."""

    def __init__(self, store: SessionStore) -> None:
        self.store = store
        self.added = 0

    def id_of(self, plan: PersonPlan) -> int:
        if plan.participant_id is None:
            final = plan.final()
            if plan.existing is None:
                plan.participant_id = self.store.add_participant(
                    plan.name,
                    plan.organization,
                    role=final["role"],
                    email=final["email"],
                    consent=bool(final["consent"]),
                    quote_as=final["quote_as"],
                    title=final["title"],
                )
                self.added += 1
            else:
                plan.participant_id = plan.existing.id
                if changes := plan.changes():
                    self.store.update_participant(plan.existing.id, **changes)
        return plan.participant_id


def _write_in_parts(
    store: SessionStore,
    description: str,
    items: list[Any],
    write: Callable[[Any], object],
    progress: Progress | None,
) -> int:
    """Write `items` in commits of PART_ROWS; returns how many parts it took."""
    parts = list(_chunks(items, PART_ROWS))
    done = 0
    with store.batch():
        for number, part in enumerate(parts, start=1):
            label = (
                description if len(parts) == 1 else f"{description} (part {number} of {len(parts)})"
            )
            with store.action(label):
                for item in part:
                    write(item)
            done += len(part)
            if progress is not None:
                progress(done, len(items))
    return len(parts)


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _category_key(name: str) -> str:
    return " ".join(name.split()).casefold()


# -- projections (annual openings for the career pathway map) --------------------------------
# Columns by header, any order and case; comma, semicolon or tab:
#     soc_code          required: a SOC code, 51-4041 (an O*NET code 51-4041.00 is accepted)
#     annual_openings   required: the average annual openings, as published (1,230 or 1230)
#     title             optional: the occupation title in the source
#     area              optional: the area the projection covers (blank: the session's area)
# Where the figures come from and for which period are given on the command line (`--source`,
# `--period`): every figure on a map carries its source and year.

PROJECTION_COLUMNS = ("soc_code", "annual_openings", "title", "area")
PROJECTION_ALIASES = {"soc": "soc_code", "occ_code": "soc_code", "openings": "annual_openings"}
_SOC_CODE = re.compile(r"^(\d{2}-\d{4})(\.\d{2})?$")
_NUMBER = re.compile(r"^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$")


def import_projections(
    store: SessionStore, path: Path, *, source: str, period: str = ""
) -> tuple[int, list[str]]:
    """Check every row, then store them all as one undoable action.

    Returns the number of rows stored and the header columns that were not used.
    """
    if not source.strip():
        raise ImportFailed('Say where the projections come from: --source "Agency, year".')
    table = _read(path, ())
    header = [PROJECTION_ALIASES.get(h, h) for h in table.header]
    if "soc_code" not in header or "annual_openings" not in header:
        raise ImportFailed(
            f"{path}: the header needs soc_code and annual_openings columns "
            f"(it has: {', '.join(h for h in table.header if h) or 'nothing'})."
        )
    problems, entries = list(table.problems), []
    for row in table.rows:
        values = {PROJECTION_ALIASES.get(k, k): v for k, v in row.values.items()}
        code = _SOC_CODE.match(values.get("soc_code", "").strip())
        openings = values.get("annual_openings", "").strip()
        if code is None:
            problems.append(
                f"line {row.line}: {values.get('soc_code', '')!r} is not a SOC code like 51-4041"
            )
            continue
        if not _NUMBER.match(openings):
            problems.append(f"line {row.line}: annual_openings {openings!r} is not a number")
            continue
        entries.append(
            {
                "soc_code": code.group(1),
                "annual_openings": openings,
                "title": values.get("title", ""),  # kept exactly as written
                "area": values.get("area", "").strip(),
            }
        )
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise ImportFailed(
            f"{path}: nothing was imported; fix these rows and try again:\n  {shown}{more}"
        )
    if not entries:
        raise ImportFailed(f"{path} has no rows to import.")
    count = store.import_projections(entries, source=source, period=period)
    known = set(PROJECTION_COLUMNS) | set(PROJECTION_ALIASES)
    return count, table.ignored(known)
