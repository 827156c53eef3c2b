"""Files nobody on the team wrote, through `focusgroup import-cards` (issue 12).

Each one is either stored exactly as the spreadsheet meant it, or refused with the file, the
line and what to do, and then nothing at all is written.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from focusgroup.store import SessionStore
from tests.imports.conftest import assert_refused, fresh_session, run


def _digest(path: Path) -> str:
    """The session as stored: the file and its write-ahead log."""
    parts = [path.read_bytes()]
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        parts.append(wal.read_bytes())
    return hashlib.sha256(b"".join(parts)).hexdigest()


def _cards(session: Path) -> list[str]:
    with SessionStore.open(session) as store:
        return [c.text for c in sorted(store.cards(), key=lambda c: c.id)]


def _import(template: Path, tmp_path: Path, data: bytes, command: str = "import-cards"):
    session = fresh_session(template, tmp_path)
    csv_file = tmp_path / "file.csv"
    csv_file.write_bytes(data)
    return session, csv_file, run(command, str(session), str(csv_file))


# -- quoting: the cases the header-only Sniffer got wrong ----------------------------------------

EXCEL = (
    b"participant,organization,card\r\n"
    b'Ann,"Smith ""& Sons"", Inc","Cloud engineer, AWS ""certified"""\r\n'
    b'Bo,Chen,"Line lead\r\nnights, ""B"" shift"\r\n'
    b'Cy,Geo,"{""type"": ""Point""}"\r\n'
    b'Di,Ops,=HYPERLINK("x")\r\n'
)


def test_excel_quoting_is_read_exactly(template: Path, tmp_path: Path) -> None:
    session, _, result = _import(template, tmp_path, EXCEL)
    assert result.exit_code == 0, result.output
    assert "Imported 4 cards" in result.output
    assert _cards(session) == [
        'Cloud engineer, AWS "certified"',
        'Line lead\r\nnights, "B" shift',
        '{"type": "Point"}',
        '=HYPERLINK("x")',
    ]
    with SessionStore.open(session) as store:
        assert 'Smith "& Sons", Inc' in {p.organization for p in store.participants()}


@pytest.mark.parametrize(
    ("delimiter", "name"), [(b";", "semicolon"), (b"\t", "tab"), (b",", "comma")]
)
def test_the_delimiter_comes_from_the_header(
    template: Path, tmp_path: Path, delimiter: bytes, name: str
) -> None:
    # Every row holds the other two delimiters unquoted, to tempt a guesser.
    other = b"".join(d for d in (b",", b";", b"\t") if d != delimiter)
    header = delimiter.join([b"participant", b"card", b"level"])
    row = delimiter.join([b"Ann" + other + b"x", b"Welder" + other + b"y", b"mid"])
    session, _, result = _import(template, tmp_path, header + b"\n" + row + b"\n")
    assert result.exit_code == 0, result.output
    assert f"{name}-separated" in result.output
    assert _cards(session) == [("Welder" + other.decode() + "y")]


# -- refused, with the line ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "needles"),
    [
        (
            b"participant,card\nAnn,Welder\nBo,Cloud engineer, AWS\n",
            ["line 3: 3 values but the header has 2 columns", "'AWS'", "double quotes"],
        ),
        (
            b"participant,card,\nAnn,Welder,\nBo,Driver,CDL-A\n",
            ["line 3: the value 'CDL-A' is in a column with no header"],
        ),
        (
            b'participant,card\nAnn,Welder\nBo,"Driver\nCy,Nurse\n',
            ["line 3: a value opens a double quote that is never closed"],
        ),
        (
            b'participant,card\nAnn,"Welder" II\n',
            ["line 2: a closing double quote is followed by more text"],
        ),
        (b"participant,card,Card\nAnn,Welder,x\n", ["line 1: the header has two 'card' columns"]),
        (b"participant,card\nAnn,Wel\x00der\n", ["line 2: contains a NUL byte"]),
        (b"name,email\nAnn,a@x.org\n", ["missing columns participant, card"]),
        (b"participant,card\nAnn,Welder\n0\rx,Nurse\n", ["line 3: this line ends in CR"]),
    ],
    ids=["extra value", "unnamed column", "open quote", "stray quote", "two headers", "NUL",
         "no columns", "lone CR"],
)  # fmt: skip
def test_a_file_that_cannot_be_read_exactly_is_refused_by_line(
    template: Path, tmp_path: Path, data: bytes, needles: list[str]
) -> None:
    session = fresh_session(template, tmp_path)
    before = _digest(session)
    csv_file = tmp_path / "file.csv"
    csv_file.write_bytes(data)
    message = assert_refused(run("import-cards", str(session), str(csv_file)), *needles)
    assert str(csv_file) in message
    assert _digest(session) == before, "a refused import wrote something"


def test_line_numbers_count_the_lines_of_quoted_values(template: Path, tmp_path: Path) -> None:
    data = b'participant,card\nAnn,"two\nlines"\n\nBo,Welder,extra\n'
    _, _, result = _import(template, tmp_path, data)
    assert_refused(result, "line 5: 3 values")


def test_every_bad_row_is_listed_not_only_the_first(template: Path, tmp_path: Path) -> None:
    data = b"participant,card,level\nAnn,Welder,top\n,Driver,\nBo,,mid,x\n"
    _, _, result = _import(template, tmp_path, data)
    assert_refused(
        result,
        "line 2: level must be one of entry, mid, advanced (got 'top')",
        "line 3: participant is empty",
        "line 4: 4 values",
        "line 4: card is empty",
    )


# -- encodings -----------------------------------------------------------------------------------


def test_utf8_with_one_stray_latin1_byte_is_refused_not_turned_to_mojibake(
    template: Path, tmp_path: Path
) -> None:
    data = "participant,card\nZoë Quinn,Welder\n".encode() + b"Ren\xe9,Driver\n"
    _, _, result = _import(template, tmp_path, data)
    assert_refused(
        result,
        "line 3: byte 0xe9 is not UTF-8, but line 2 is UTF-8",
        "nothing was imported",
        "CSV UTF-8",
    )


def test_a_wholly_windows_1252_file_is_read_as_that_and_said(
    template: Path, tmp_path: Path
) -> None:
    text = "participant,card\nRené Müller,Café “chef”\nZoë Quinn,Soudeur – nuit\n"
    session, _, result = _import(template, tmp_path, text.encode("cp1252"))
    assert result.exit_code == 0, result.output
    assert "Windows-1252" in result.output
    assert _cards(session) == ["Café “chef”", "Soudeur – nuit"]
    with SessionStore.open(session) as store:
        assert {p.name for p in store.participants()} == {"René Müller", "Zoë Quinn"}


def test_bytes_windows_1252_lacks_are_refused(template: Path, tmp_path: Path) -> None:
    _, _, result = _import(template, tmp_path, b"participant,card\nAnn,Wel\x81der\n")
    assert_refused(result, "line 2: byte 0x81 is neither UTF-8 nor Windows-1252")


def test_utf16_unicode_text_from_excel(template: Path, tmp_path: Path) -> None:
    data = 'participant\tcard\r\nZoë\t中文 "quoted"\r\n'.encode("utf-16")
    session, _, result = _import(template, tmp_path, data)
    assert result.exit_code == 0, result.output
    assert "UTF-16, tab-separated" in result.output
    assert _cards(session) == ['中文 "quoted"']


def test_values_are_not_stripped_and_blank_rows_are_skipped(template: Path, tmp_path: Path) -> None:
    data = b"participant , Card \r\n Ann ,  Welder  \r\n,\r\n\r\n"
    session, _, result = _import(template, tmp_path, data)
    assert result.exit_code == 0, result.output
    assert _cards(session) == ["  Welder  "]
    with SessionStore.open(session) as store:
        assert [p.name for p in store.participants()] == [" Ann "]


def test_the_output_names_the_session_file_used(template: Path, tmp_path: Path) -> None:
    session, csv_file, result = _import(template, tmp_path, b"participant,card\nAnn,Welder\n")
    assert f"Read {csv_file} (UTF-8, comma-separated) into {session}." in result.output
