"""Whatever a spreadsheet writes, the import stores byte for byte (issue 12).

Random rows (any Unicode but NUL, plus quotes, commas, semicolons, tabs, line breaks and
leading `=`) are written with Python's csv.writer in each form a spreadsheet saves: Excel's
comma CSV (CRLF, with or without the UTF-8 byte-order mark), tab-separated "Unicode text"
(UTF-16), and the semicolon CSV of LibreOffice and European Excel (LF or CRLF, minimal or
all-quoted). The file goes through the real `focusgroup import-cards` / `import-participants`
command and every text is read back from the session file and compared exactly.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from focusgroup.domain.fields import LINE_BREAKS
from focusgroup.store import SessionStore
from tests.imports.conftest import fresh_session, run
from tests.reliability.builders import examples

# Half the reliability suite's count per dialect (each runs the CLI); HYPOTHESIS_PROFILE=
# thorough runs ten times as many, randomised.
SETTINGS = settings(examples(), max_examples=max(12, examples().max_examples // 2))

# (name, csv.writer keyword arguments, encoding): what each spreadsheet writes.
DIALECTS = [
    ("Excel CSV UTF-8 (BOM, CRLF)", {"dialect": "excel"}, "utf-8-sig"),
    ("Excel/Google Sheets CSV without BOM", {"dialect": "excel"}, "utf-8"),
    ("Excel Unicode text (UTF-16, tab)", {"dialect": "excel-tab"}, "utf-16"),
    ("tab-separated UTF-8", {"dialect": "excel-tab", "lineterminator": "\n"}, "utf-8"),
    ("LibreOffice semicolon, LF", {"delimiter": ";", "lineterminator": "\n"}, "utf-8"),
    ("European Excel semicolon, BOM", {"delimiter": ";"}, "utf-8-sig"),
    (
        "LibreOffice, quote all text cells",
        {"delimiter": ";", "quoting": csv.QUOTE_ALL, "lineterminator": "\n"},
        "utf-8",
    ),
]

_specials = st.sampled_from(
    ['"', '""', ",", ";", "\t", "\n", "\r\n", "\r", "=", "=SUM(A1:A3)", "'", " ", "\ufeff",
     "\u2028", "\x85", "Zoë", "中文", "👩‍🔧", "\u202e", "\\", "#"]
)  # fmt: skip
_any = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)
_text = st.lists(st.one_of(_specials, _any), min_size=1, max_size=5).map("".join)
card_text = _text.filter(str.strip)
one_line = _text.map(lambda t: "".join(c for c in t if c not in LINE_BREAKS))
name = one_line.filter(str.strip)


def write_csv(path: Path, rows: list[list[str]], writer_args: dict, encoding: str) -> None:
    """csv.writer output, with LF line ends written the way spreadsheets do it.

    Python's writer quotes a value only for the characters of its own line terminator, so
    with LF it leaves a value holding a lone CR unquoted, which no spreadsheet does (and the
    importer refuses as ambiguous). LibreOffice quotes any value with CR or LF: that is what
    writing with CR LF and then ending each row with LF gives.
    """
    args = dict(writer_args)
    lf = args.get("lineterminator") == "\n"
    if lf:
        args["lineterminator"] = "\r\n"
    out = []
    for row in rows:
        buffer = io.StringIO(newline="")
        csv.writer(buffer, **args).writerow(row)
        line = buffer.getvalue()
        out.append(line[:-2] + "\n" if lf else line)
    path.write_bytes("".join(out).encode(encoding))


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@pytest.mark.parametrize("dialect", DIALECTS, ids=[d[0] for d in DIALECTS])
@SETTINGS
@given(
    rows=st.lists(
        st.tuples(
            name,
            one_line,
            card_text,
            st.one_of(st.just(""), card_text),
            st.sampled_from(["", "entry", "Mid", " advanced "]),
        ),
        min_size=1,
        max_size=8,
    ),
    order=st.permutations(["participant", "organization", "card", "category", "level"]),
    shout=st.booleans(),
)
def test_cards_from_any_spreadsheet_are_stored_byte_identical(
    template: Path, tmp_path: Path, dialect: tuple, rows: list, order: list, shout: bool
) -> None:
    label, writer_args, encoding = dialect
    columns = ["participant", "organization", "card", "category", "level"]
    table = [dict(zip(columns, row, strict=True)) for row in rows]
    header = [c.upper() if shout else c.capitalize() for c in order]
    csv_path = tmp_path / "cards.csv"
    write_csv(csv_path, [header, *([r[c] for c in order] for r in table)], writer_args, encoding)
    session = fresh_session(template, tmp_path)

    result = run("import-cards", str(session), str(csv_path))
    assert result.exit_code == 0, f"{label}: {result.output}"
    assert f"Imported {len(rows)} cards" in result.output

    with SessionStore.open(session) as store:
        cards = sorted(store.cards(), key=lambda c: c.id)
        people = {p.id: p for p in store.participants()}
        categories = {c.id: c.name for c in store.categories()}
    assert [c.text for c in cards] == [r["card"] for r in table], label
    # One participant per name and organization (case and spacing aside), named as first given.
    first_name: dict[tuple, tuple[str, str]] = {}
    for r in table:
        first_name.setdefault(
            (_key(r["participant"]), _key(r["organization"])), (r["participant"], r["organization"])
        )
    for card, r in zip(cards, table, strict=True):
        person = people[card.participant_id]
        assert (person.name, person.organization) == first_name[
            (_key(r["participant"]), _key(r["organization"]))
        ], label
        if r["category"].strip():
            assert _key(categories[card.category_id]) == _key(r["category"]), label
            assert card.level == (r["level"].strip().lower() or "entry")
        else:
            assert card.category_id is None and card.level == "unsorted"
    # A new category is stored exactly as first written.
    new = {_key(n): n for n in reversed([r["category"] for r in table if r["category"].strip()])}
    for key, written in new.items():
        if key not in ("production", "office"):  # the protocol's own categories
            assert written in categories.values(), label


emails = st.from_regex(r"[a-z0-9._%+-]{1,12}@[a-z0-9-]{1,10}\.[a-z]{2,4}", fullmatch=True)


@pytest.mark.parametrize("dialect", DIALECTS, ids=[d[0] for d in DIALECTS])
@SETTINGS
@given(
    people=st.lists(
        st.tuples(
            name,
            one_line,
            one_line,
            st.one_of(st.just(""), emails),
            st.sampled_from(["", "yes", "no", "Y", "0"]),
            st.sampled_from(["", "employer", "Support partner", "hiring authority"]),
            st.sampled_from(["", "named", "organization", "anonymous"]),
        ),
        min_size=1,
        max_size=8,
        unique_by=lambda p: (_key(p[0]), _key(p[1])),
    ),
)
def test_registration_lists_are_stored_byte_identical(
    template: Path, tmp_path: Path, dialect: tuple, people: list
) -> None:
    label, writer_args, encoding = dialect
    header = ["Name", "Organization", "Title", "Email", "Consent", "Role", "Quote_as"]
    csv_path = tmp_path / "registration.csv"
    write_csv(csv_path, [header, *map(list, people)], writer_args, encoding)
    session = fresh_session(template, tmp_path)

    result = run("import-participants", str(session), str(csv_path))
    assert result.exit_code == 0, f"{label}: {result.output}"
    assert f"Added {len(people)} participants" in result.output

    with SessionStore.open(session) as store:
        stored = sorted(store.participants(), key=lambda p: p.id)
    for person, (nm, org, title, email, consent, role, quote_as) in zip(
        stored, people, strict=True
    ):
        assert (person.name, person.organization, person.title) == (nm, org, title), label
        assert person.email == email
        assert person.consent == (consent.lower() in ("yes", "y") or (not consent and bool(email)))
        assert person.role == (role.lower() or "employer")
        assert person.quote_as == (quote_as or "named")
