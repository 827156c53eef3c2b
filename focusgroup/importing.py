"""CSV imports: cards transcribed after a meeting, and the registration list before one.

Every row is checked before anything is written; a file with a bad row imports nothing and
the error lists each bad row by its line number, so the user fixes the file and runs again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from focusgroup.domain.errors import FocusGroupError
from focusgroup.domain.model import UNSORTED, QuoteAs, Role
from focusgroup.domain.protocol import Protocol
from focusgroup.domain.reasons import match_reason
from focusgroup.store.session_store import SessionStore

CARD_COLUMNS = (
    "participant",
    "organization",
    "email",
    "card",
    "category",
    "level",
    "reasons",
    "role",
    "consent",
)
PARTICIPANT_COLUMNS = ("name", "organization", "role", "email", "consent", "quote_as")
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}


class ImportFailed(FocusGroupError):
    """The CSV has problems; nothing was imported."""


@dataclass
class ImportReport:
    cards: int = 0
    participants_added: int = 0
    categories_added: int = 0
    own_reasons: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def read_csv(path: Path, required: Iterable[str]) -> list[dict[str, str]]:
    """Rows keyed by lower-cased header, each with its 1-based line number under "_line"."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheets on Windows still save "CSV" as cp1252.
        text = raw.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise ImportFailed(f"{path} is not a text CSV file.")
    if not text.strip():
        raise ImportFailed(f"{path} is empty.")
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error) as error:
        raise ImportFailed(f"{path}: can't read the header line ({error}).") from None
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportFailed(
            f"{path}: missing column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} (the header line has: {', '.join(h for h in header if h)})."
        )
    rows: list[dict[str, str]] = []
    try:
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            row = {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)}
            row["_line"] = str(reader.line_num)
            rows.append(row)
    except csv.Error as error:
        raise ImportFailed(f"{path}, line {reader.line_num}: {error}.") from None
    return rows


def _ignored(rows: list[dict[str, str]], known: Iterable[str]) -> list[str]:
    """Header columns the import does not use (reported, so a typo'd header is noticed)."""
    return [h for h in (rows[0] if rows else {}) if h not in known and h not in ("_line", "")]


def _consent(value: str, email: str) -> bool | str:
    value = value.strip().lower()
    if not value:
        return bool(email)
    if value in YES:
        return True
    if value in NO:
        return False
    return f"consent must be yes or no (got {value!r})"


def _role(value: str) -> str | None:
    value = value.strip().lower() or Role.EMPLOYER.value
    for role in Role:
        if value in (role.value, role.name.lower().replace("_", " ")):
            return role.value
    if value in ("partner", "support"):
        return Role.SUPPORT_PARTNER.value
    return None


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


class _Participants:
    """Finds a participant by name and organization, or adds them once."""

    def __init__(self, store: SessionStore) -> None:
        self.store = store
        self.known: dict[tuple[str, str], int] = {
            _key(p.name, p.organization): p.id for p in store.participants()
        }
        self.added = 0

    def find_or_add(self, name: str, organization: str, **details: object) -> int:
        key = _key(name, organization)
        if key not in self.known:
            self.known[key] = self.store.add_participant(name, organization, **details)
            self.added += 1
        return self.known[key]


def _key(name: str, organization: str) -> tuple[str, str]:
    return (" ".join(name.split()).casefold(), " ".join(organization.split()).casefold())


def import_cards(store: SessionStore, path: Path) -> ImportReport:
    """Import occupation cards from a CSV, all or nothing."""
    rows = read_csv(path, ("participant", "card"))
    protocol = store.protocol()
    problems: list[str] = []
    report = ImportReport(ignored_columns=_ignored(rows, CARD_COLUMNS))
    for row in rows:
        line = row["_line"]
        errors = []
        if not row.get("participant"):
            errors.append("participant is empty")
        if not row.get("card"):
            errors.append("card is empty")
        if _level(row.get("level", ""), protocol) is None:
            levels = ", ".join(protocol.level_keys())
            errors.append(f"level must be one of {levels} (got {row['level']!r})")
        if _role(row.get("role", "")) is None:
            errors.append(f"unknown role {row['role']!r}")
        if isinstance(_consent(row.get("consent", ""), row.get("email", "")), str):
            errors.append(str(_consent(row["consent"], "")))
        if problem := _email_problem(row.get("email", "")):
            errors.append(problem)
        problems.extend(f"line {line}: {e}" for e in errors)
    if problems:
        raise ImportFailed(_summary(path, problems))
    with store.action(f"Import {len(rows)} cards from {path.name}"):
        people = _Participants(store)
        categories = {c.name.casefold(): c.id for c in store.categories()}
        for row in rows:
            email = row.get("email", "")
            person = people.find_or_add(
                row["participant"],
                row.get("organization", ""),
                role=_role(row.get("role", "")),
                email=email,
                consent=_consent(row.get("consent", ""), email),
            )
            category_id = None
            if name := row.get("category", ""):
                if name.casefold() not in categories:
                    categories[name.casefold()] = store.add_category(name)
                    report.categories_added += 1
                category_id = categories[name.casefold()]
            reasons = []
            for reason in filter(None, (r.strip() for r in row.get("reasons", "").split(";"))):
                # Matched by key, label or close wording ("biggest impact on growth");
                # one that means none of the protocol's reasons is the employer's own
                # definition of "critical": keep it as written.
                known = match_reason(reason, protocol.reasons)
                if known is None:
                    report.own_reasons.append(reason)
                if (known.key if known else reason) not in reasons:
                    reasons.append(known.key if known else reason)
            store.add_card(
                row["card"],
                person,
                category_id=category_id,
                level=_level(row.get("level", ""), protocol) or UNSORTED,
                reasons=reasons,
            )
            report.cards += 1
        report.participants_added = people.added
    return report


def import_participants(store: SessionStore, path: Path) -> ImportReport:
    """Import the registration list, all or nothing. Known people are not added twice."""
    rows = read_csv(path, ("name",))
    problems: list[str] = []
    quote_choices = {q.value for q in QuoteAs}
    for row in rows:
        line = row["_line"]
        if not row.get("name"):
            problems.append(f"line {line}: name is empty")
        if _role(row.get("role", "")) is None:
            problems.append(f"line {line}: unknown role {row['role']!r}")
        consent = _consent(row.get("consent", ""), row.get("email", ""))
        if isinstance(consent, str):
            problems.append(f"line {line}: {consent}")
        if problem := _email_problem(row.get("email", "")):
            problems.append(f"line {line}: {problem}")
        if row.get("quote_as") and row["quote_as"].lower() not in quote_choices:
            problems.append(
                f"line {line}: quote_as must be one of {', '.join(sorted(quote_choices))}"
            )
    if problems:
        raise ImportFailed(_summary(path, problems))
    report = ImportReport(ignored_columns=_ignored(rows, PARTICIPANT_COLUMNS))
    with store.action(f"Import {len(rows)} participants from {path.name}"):
        people = _Participants(store)
        for row in rows:
            email = row.get("email", "")
            people.find_or_add(
                row["name"],
                row.get("organization", ""),
                role=_role(row.get("role", "")),
                email=email,
                consent=_consent(row.get("consent", ""), email),
                quote_as=(row.get("quote_as") or QuoteAs.NAMED.value).lower(),
            )
        report.participants_added = people.added
    return report


def _summary(path: Path, problems: list[str]) -> str:
    shown = problems[:20]
    more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
    listing = "\n  ".join(shown)
    return f"{path}: nothing was imported; fix these rows and try again:\n  {listing}{more}"
