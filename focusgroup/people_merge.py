"""Who a CSV row is: a participant already in the session, one met earlier in the file, or new.

A registration list is imported more than once: before the meeting, then again when people
have sent an address or given consent. What the list adds to a person is applied (an e-mail
where there was none, a job title, consent given later); what it contradicts (a different
address, a different role) is never applied silently: it is reported by name and line, and
applied only when the user says so (`--update`). Two rows for the same person that disagree
are treated the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from focusgroup.domain.model import Participant, QuoteAs, Role

FIELDS = ("email", "title", "role", "consent", "quote_as")
LABELS = {
    "email": "e-mail",
    "title": "job title",
    "role": "role",
    "consent": "consent",
    "quote_as": "quote_as",
}


def person_key(name: str, organization: str) -> tuple[str, str]:
    """Same person: same name and organization, ignoring case and runs of spaces."""
    return (" ".join(name.split()).casefold(), " ".join(organization.split()).casefold())


@dataclass(frozen=True)
class PersonInput:
    """What one row says about a person; None (or "") where the row says nothing."""

    line: int
    name: str
    organization: str
    email: str = ""
    title: str = ""
    role: str | None = None
    consent: bool | None = None
    quote_as: str | None = None

    def given(self) -> dict[str, Any]:
        values: dict[str, Any] = {"email": self.email, "title": self.title, "role": self.role}
        values.update(consent=self.consent, quote_as=self.quote_as)
        return {k: v for k, v in values.items() if v not in (None, "")}


@dataclass
class PersonPlan:
    """One person's planned state after the import, and where each value came from."""

    name: str
    organization: str
    existing: Participant | None
    values: dict[str, Any]
    first_line: int
    sources: dict[str, int] = field(default_factory=dict)
    """Field -> the line of this file that gave its value."""
    explicit_consent: bool = False
    participant_id: int | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.organization})" if self.organization else self.name

    def final(self) -> dict[str, Any]:
        """Values to store: defaults filled in, consent implied by a first e-mail address."""
        values = dict(self.values)
        values["role"] = values.get("role") or Role.EMPLOYER.value
        values["quote_as"] = values.get("quote_as") or QuoteAs.NAMED.value
        if not self.explicit_consent and self._consent_only_implied():
            # Giving an address at registration is taken as consent to get the summary.
            values["consent"] = bool(values.get("email"))
        return values

    def _consent_only_implied(self) -> bool:
        # New, or known but without an address: their "no" was only the missing address.
        old = self.existing
        return old is None or (not old.email and not old.consent)

    def changes(self) -> dict[str, Any]:
        """For a known participant: the fields that change."""
        assert self.existing is not None
        final = self.final()
        return {k: final[k] for k in FIELDS if getattr(self.existing, k) != final[k]}


class PeopleMerge:
    """Plans every person of one import before anything is written."""

    def __init__(self, participants: list[Participant], *, update: bool) -> None:
        self.update = update
        self.known = {person_key(p.name, p.organization): p for p in participants}
        self.plans: dict[tuple[str, str], PersonPlan] = {}
        self.conflicts: list[str] = []

    def person(self, given: PersonInput) -> PersonPlan:
        """The plan for this row's person, with what the row says merged in."""
        key = person_key(given.name, given.organization)
        plan = self.plans.get(key)
        if plan is None:
            existing = self.known.get(key)
            values: dict[str, Any] = (
                {k: getattr(existing, k) for k in FIELDS}
                if existing is not None
                else {"email": "", "title": "", "role": None, "consent": None, "quote_as": None}
            )
            # A known person keeps the spelling the session has; the first row names a new one.
            name, organization = (
                (existing.name, existing.organization)
                if existing is not None
                else (given.name, given.organization)
            )
            plan = PersonPlan(name, organization, existing, values, given.line)
            self.plans[key] = plan
        for name, value in given.given().items():
            self._merge(plan, name, value, given.line)
        return plan

    def _merge(self, plan: PersonPlan, name: str, value: Any, line: int) -> None:
        current = plan.values.get(name)
        if name == "consent":
            plan.explicit_consent = True
        if _same(name, current, value):
            plan.sources.setdefault(name, line)
            return
        if _blank(name, current):
            plan.values[name] = value
            plan.sources[name] = line
            return
        if not self.update:
            where = f"line {plan.sources[name]}" if name in plan.sources else "the session"
            self.conflicts.append(
                f"line {line}: {plan.label}: {LABELS[name]} {_show(name, value)} here, "
                f"{_show(name, current)} in {where}"
            )
            return
        plan.values[name] = value  # --update: the list's (later) value wins
        plan.sources[name] = line

    def updates(self) -> list[str]:
        """What changes for known participants, one line each, for the report."""
        out = []
        for plan in self.plans.values():
            if plan.existing is None:
                continue
            changed = plan.changes()
            if changed:
                old = plan.existing
                parts = [
                    f"{LABELS[k]} {_show(k, v)}"
                    + (
                        f" (was {_show(k, getattr(old, k))})"
                        if k == "consent" or not _blank(k, getattr(old, k))
                        else ""
                    )
                    for k, v in changed.items()
                ]
                out.append(f"{plan.label}: {', '.join(parts)}")
        return out


def _same(name: str, current: Any, value: Any) -> bool:
    if name == "email" and isinstance(current, str) and isinstance(value, str):
        return current.casefold() == value.casefold()
    return bool(current == value)


def _blank(name: str, current: Any) -> bool:
    # Consent not given is the blank state: giving it later fills it in. Withdrawing it is
    # a change someone must confirm (--update), like any other contradiction.
    if name == "consent":
        return not current
    return current in (None, "")


def _show(name: str, value: Any) -> str:
    if name == "consent":
        return "yes" if value else "no"
    return repr(value) if name == "title" else str(value)
