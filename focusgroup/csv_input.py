"""Reading a CSV file exactly as the spreadsheet that wrote it meant it.

Excel, LibreOffice, Numbers and Google Sheets all write RFC 4180 CSV: values containing the
delimiter, a quote or a line break are quoted, and a quote inside is doubled. Only the
delimiter differs (comma; semicolon where the comma is the decimal sign; tab for "Unicode
text"), and the encoding (UTF-8 with or without a byte-order mark, UTF-16 for "Unicode text",
Windows-1252 for Excel's older "CSV (Comma delimited)"). So the delimiter is the only thing
guessed, and it is guessed from the header, whose column names we know; quoting is always the
standard one (`csv.excel`). Every value is kept exactly as written: nothing is stripped.

A file that can't be read that way is refused with its line and what was expected, never
"repaired": a guess that shifts one column loses a card without a word.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from focusgroup.domain.errors import FocusGroupError

DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
MAX_BYTES = 100_000_000
"""A registration list or a stack of transcribed cards is far smaller; a bigger file is the
wrong one (a database dump, a video) and would only fill memory."""
SAVE_AS_UTF8 = (
    "save it as UTF-8: in Excel, File > Save As > 'CSV UTF-8 (Comma delimited)'; in "
    "LibreOffice, Save As > Text CSV with character set 'Unicode (UTF-8)'"
)

# One well-formed UTF-8 multi-byte sequence (RFC 3629). A Windows-1252 file practically never
# contains one; a UTF-8 file contains one for every accented letter.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_LINE_END_TEXT = re.compile(r"\r\n|\r|\n")


class CsvError(FocusGroupError):
    """The file can't be read as CSV; nothing was imported."""


@dataclass(frozen=True)
class CsvRow:
    """One record: its first line in the file, and each header's value exactly as written."""

    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        """The value as written ("" when the column is absent or the row is short)."""
        return self.values.get(column, "")

    def word(self, column: str) -> str:
        """The value without surrounding spaces: for keywords (level, role, yes/no)."""
        return self.values.get(column, "").strip()


@dataclass
class CsvTable:
    path: Path
    header: list[str]
    rows: list[CsvRow]
    encoding: str
    """"UTF-8", "UTF-8 with BOM", "UTF-16" or "Windows-1252": said back to the user."""
    delimiter: str
    problems: list[str] = field(default_factory=list)
    """Row problems found while reading ("line 7: ..."), reported with the importer's own."""

    def ignored(self, known: Iterable[str]) -> list[str]:
        """Header columns the import does not use (reported, so a typo'd header is noticed)."""
        known = set(known)
        return [h for h in self.header if h and h not in known]


def read_csv(path: Path, required: Iterable[str]) -> CsvTable:
    """Read `path`; refuse it (CsvError) when it is not a CSV with the `required` columns."""
    required = tuple(required)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise CsvError(
                f"{path} is {path.stat().st_size:,} bytes; a CSV to import is far smaller "
                f"(at most {MAX_BYTES:,}). Is it the right file?"
            )
        raw = path.read_bytes()
    except IsADirectoryError:
        raise CsvError(f"{path} is a folder, not a CSV file.") from None
    text, encoding = decode(raw, path)
    if not text.strip():
        raise CsvError(f"{path} is empty.")
    if "\x00" in text:
        line = _line_of(text, text.index("\x00"))
        raise CsvError(
            f"{path}, line {line}: contains a NUL byte, so this is not a text CSV file "
            "(a spreadsheet or database file?). Export it from its program as CSV."
        )
    _check_line_ends(text, path)
    delimiter = choose_delimiter(text, required)
    table = CsvTable(path, [], [], encoding, delimiter)
    reader = csv.reader(
        io.StringIO(text, newline=""), dialect=csv.excel, delimiter=delimiter, strict=True
    )
    records = _records(reader, path)
    header_line, header_values = next(records, (1, []))
    table.header = [h.strip().lower() for h in header_values]
    _check_header(table, header_line, required)
    width = len(table.header)
    for line, values in records:
        if not any(v.strip() for v in values):
            continue  # a blank row: spreadsheets write them, nobody means anything by them
        extra = [v for v in values[width:] if v.strip()]
        unnamed = [v for h, v in zip(table.header, values, strict=False) if not h and v.strip()]
        if extra:
            table.problems.append(
                f"line {line}: {len(values)} values but the header has {width} columns "
                f"(extra: {_show(extra[0])}); a value containing "
                f"{'a ' + DELIMITER_NAMES[delimiter]} must be in double quotes"
            )
        elif unnamed:
            table.problems.append(
                f"line {line}: the value {_show(unnamed[0])} is in a column with no header; "
                "name the column or move the value"
            )
        row = {h: values[i] if i < len(values) else "" for i, h in enumerate(table.header) if h}
        table.rows.append(CsvRow(line, row))
    return table


def _records(reader: Any, path: Path) -> Iterator[tuple[int, list[str]]]:
    """(first line, values) per record; a broken quote is refused at the line it opened."""
    start = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise CsvError(
                f"{path}, line {start}: {_quote_problem(str(error))}; nothing was imported. "
                'Inside a quoted value, write a " as two ("").'
            ) from None
        yield start, values
        start = reader.line_num + 1


def _check_line_ends(text: str, path: Path) -> None:
    """Refuse a file whose carriage returns can't be told from data.

    Lines end in CR LF (Windows), LF (macOS, Linux) or, rarely, CR (old Mac); spreadsheets
    quote any value holding a line break. A CR outside quotes in a file whose lines end
    otherwise is either a line end (a file pasted together from two systems) or part of a
    value (a script's unquoted output): read either way, some rows could change without a
    word, so the file is refused at that line.
    """
    segments = text.split('"')  # even segments are outside quotes (a doubled "" toggles twice)
    first = None
    offset = 0
    for index, segment in enumerate(segments):
        if index % 2 == 0:
            for found in _LINE_END_TEXT.finditer(segment):
                end = found.group()
                if first is None:
                    first = end
                elif (
                    "\r" in (end, first) and end != first and not (first == "\r\n" and end == "\n")
                ):
                    kind = {"\r\n": "CR LF", "\n": "LF", "\r": "CR"}
                    raise CsvError(
                        f"{path}, line {_line_of(text, offset + found.start())}: this line "
                        f"ends in {kind[end]} while the file's lines end in {kind[first]}, so a "
                        "carriage return (CR) here could end the row or belong to the value; "
                        "nothing was imported. Save the file again from your spreadsheet (it "
                        "puts such values in double quotes)."
                    )
        offset += len(segment) + 1


def _quote_problem(error: str) -> str:
    if "unexpected end of data" in error:
        return "a value opens a double quote that is never closed"
    if "expected after" in error:
        return 'a closing double quote is followed by more text (a lone " inside a quoted value)'
    return f"this line is not valid CSV ({error})"


def _check_header(table: CsvTable, line: int, required: tuple[str, ...]) -> None:
    path, header = table.path, table.header
    missing = [c for c in required if c not in header]
    if missing:
        raise CsvError(
            f"{path}: missing column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} (the header line has: "
            f"{', '.join(h for h in header if h) or 'nothing'})."
        )
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise CsvError(
                f"{path}, line {line}: the header has two {name!r} columns; keep one, "
                "so no value is dropped."
            )
        seen.add(name)


# -- the delimiter ------------------------------------------------------------------------------


def choose_delimiter(text: str, required: Iterable[str]) -> str:
    """The delimiter that splits the header into the known column names.

    The header is what we know: a comma that splits `participant;card` into one unknown name
    is wrong, a semicolon that yields two known ones is right. A one-column header (`name`)
    says nothing; then it is the delimiter that leaves no row with more values than columns,
    and if several do, they all read the file the same way.
    """
    required = tuple(required)

    def header_with(delimiter: str) -> list[str]:
        try:
            first = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
        except csv.Error:
            return []
        return [h.strip().lower() for h in first]

    scores = {}
    for delimiter in DELIMITERS:
        names = header_with(delimiter)
        scores[delimiter] = (sum(n in required for n in names), len(names))
    best = max(scores.values())
    candidates = [d for d in DELIMITERS if scores[d] == best]
    if len(candidates) == 1:
        return candidates[0]
    return min(candidates, key=lambda d: _overflowing_rows(text, d, best[1]))


def _overflowing_rows(text: str, delimiter: str, width: int) -> int:
    count = 0
    try:
        for values in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            count += len(values) > width
    except csv.Error:
        return 1 << 30
    return count


# -- the encoding -------------------------------------------------------------------------------


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """Text and the encoding it was in, decided for the whole file and said back.

    UTF-8 (with or without the byte-order mark Excel writes) when the file decodes as UTF-8;
    UTF-16 when it starts with UTF-16's byte-order mark (Excel's "Unicode text"); Windows-1252
    only when the file is wholly that, with not one UTF-8 sequence in it. A file mixing the two
    (a UTF-8 list with one name pasted from an old file) is refused at its first bad line:
    reading it either way would change some names.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as error:
            raise CsvError(
                f"{path}: starts as UTF-16 text but byte {error.start:,} is not UTF-16; "
                f"nothing was imported. Open it in your spreadsheet and {SAVE_AS_UTF8}."
            ) from None
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8-sig"), "UTF-8 with BOM" if bom else "UTF-8"
    except UnicodeDecodeError as error:
        bad_at = error.start
    line = _line_of_bytes(raw, bad_at)
    byte = raw[bad_at]
    utf8 = None if bom else _UTF8_SEQUENCE.search(raw)
    if bom or utf8 is not None:
        where = (
            "it starts with UTF-8's byte-order mark"
            if bom
            else f"line {_line_of_bytes(raw, utf8.start())} is UTF-8"  # type: ignore[union-attr]
        )
        raise CsvError(
            f"{path}, line {line}: byte {byte:#04x} is not UTF-8, but {where}: the file mixes "
            "two encodings, so some names would come out wrong either way; nothing was "
            f"imported. Retype the accented letters on line {line}, or {SAVE_AS_UTF8}."
        )
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as error:
        line = _line_of_bytes(raw, error.start)
        raise CsvError(
            f"{path}, line {line}: byte {raw[error.start]:#04x} is neither UTF-8 nor "
            f"Windows-1252 text; nothing was imported. Open it in your spreadsheet and "
            f"{SAVE_AS_UTF8}."
        ) from None


def _line_of_bytes(raw: bytes, offset: int) -> int:
    return len(_LINE_BREAK.findall(raw, 0, offset)) + 1


def _line_of(text: str, offset: int) -> int:
    return len(re.findall(r"\r\n|\r|\n", text[:offset])) + 1


def _show(value: str) -> str:
    flat = " ".join(value.split())
    return repr(flat if len(flat) <= 40 else flat[:39] + "\u2026")
