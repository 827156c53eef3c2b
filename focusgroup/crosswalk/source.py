"""Reading an O*NET text release, whether unpacked in a folder or still in the official zip."""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from focusgroup.crosswalk.errors import NotAnOnetRelease

REQUIRED = ("Occupation Data.txt", "Alternate Titles.txt", "Task Statements.txt")
"""Without these there is nothing to match or to build a profile from."""

_OCCUPATION_HEADER = ["O*NET-SOC Code", "Title", "Description"]

MAX_FILE_BYTES = 512 * 1024 * 1024
"""Per file, uncompressed: far more than any O*NET text file (those here are under 10 MB). A
zip member that expands past this (a zip bomb, or the wrong download) is refused unread."""


class OnetRelease:
    """The tab-separated files of one release, found by name at any depth of a folder or zip."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        self._files: dict[str, str | Path] = {}
        if path.is_dir():
            # The release itself or an unpacked zip's top folder; never a deep walk (a home dir).
            for pattern in ("*.txt", "*/*.txt", "*/*/*.txt"):
                for file in sorted(path.glob(pattern)):
                    self._files.setdefault(file.name.lower(), file)
        elif path.is_file() and zipfile.is_zipfile(path):
            self._zip = zipfile.ZipFile(path)
            for name in self._zip.namelist():
                if name.lower().endswith(".txt"):
                    self._files.setdefault(name.rsplit("/", 1)[-1].lower(), name)
        elif not path.exists():
            raise NotAnOnetRelease(f"{path} does not exist")
        else:
            raise NotAnOnetRelease(
                f"{path} is not an O*NET release: expected a folder or the official "
                "db_XX_X_text.zip download"
            )
        missing = [name for name in REQUIRED if not self.has(name)]
        if missing:
            raise NotAnOnetRelease(
                f"{path} is not an O*NET text release: {', '.join(missing)} not found "
                "(download the 'text' database, db_XX_X_text.zip, from onetcenter.org)"
            )
        reader = self._reader("Occupation Data.txt")
        header = next(reader, None)
        reader.close()  # only the header: let go of the file now
        if header != _OCCUPATION_HEADER:
            raise NotAnOnetRelease(
                f"{path}: 'Occupation Data.txt' does not have the O*NET text layout "
                f"(expected columns {', '.join(_OCCUPATION_HEADER)})"
            )

    def has(self, name: str) -> bool:
        return name.lower() in self._files

    def rows(self, name: str) -> Iterator[dict[str, str]]:
        """Rows as dicts keyed by the header; 'n/a' becomes ''. A missing file yields nothing."""
        if not self.has(name):
            return
        reader = self._reader(name)
        header = next(reader, None)
        if header is None:
            return
        for row in reader:
            if len(row) < len(header):
                row = row + [""] * (len(header) - len(row))
            yield {
                key: ("" if value == "n/a" else value)
                for key, value in zip(header, row, strict=False)
            }

    def release(self) -> str:
        """'30.0' from the Read Me or from a db_30_0_text name; 'unknown' otherwise."""
        if self.has("Read Me.txt"):
            with self._open("Read Me.txt") as handle:
                head = handle.read(2000)
            match = re.search(r"O\*NET\s+(\d+\.\d+)\s+Database", head)
            if match:
                return match.group(1)
        match = re.search(r"db_(\d+)_(\d+)", str(self.path))
        return f"{match.group(1)}.{match.group(2)}" if match else "unknown"

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    @contextmanager
    def _open(self, name: str) -> Iterator[io.TextIOBase]:
        """One file as text, streamed: never the whole file in memory, and capped in size."""
        where = self._files[name.lower()]
        if isinstance(where, Path):
            size = where.stat().st_size
            raw: IO[bytes] = where.open("rb")
        else:
            assert self._zip is not None
            size = self._zip.getinfo(where).file_size
            raw = self._zip.open(where)
        try:
            if size > MAX_FILE_BYTES:
                raise self._too_big(name, size)
            capped = _Capped(raw, MAX_FILE_BYTES, lambda: self._too_big(name, None))
            # The official files are UTF-8 (some with a byte-order mark); a stray bad byte in
            # a task statement is shown as U+FFFD rather than refusing the whole release.
            text = io.TextIOWrapper(
                io.BufferedReader(capped), encoding="utf-8-sig", errors="replace", newline=""
            )
            yield text
        finally:
            raw.close()

    def _too_big(self, name: str, size: int | None) -> NotAnOnetRelease:
        told = f"{size:,} bytes" if size is not None else f"more than {MAX_FILE_BYTES:,} bytes"
        return NotAnOnetRelease(
            f"{self.path}: '{name}' expands to {told}, far more than any O*NET text file "
            f"(the limit is {MAX_FILE_BYTES:,}); is this the official db_XX_X_text.zip?"
        )

    def _reader(self, name: str) -> Generator[list[str], None, None]:
        # Official files are UTF-8 with a header row; the csv module copes with stray quotes
        # only when quoting is off, since task statements contain literal '"' characters.
        try:
            with self._open(name) as handle:
                yield from csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:
            raise NotAnOnetRelease(
                f"{self.path}: '{name}' is damaged in the zip ({error}); download it again"
            ) from None


class _Capped(io.RawIOBase):
    """A byte stream that raises once more than `limit` bytes came out of it: a zip
    member's stated size can lie, and decompression would go on filling memory."""

    def __init__(self, raw: IO[bytes], limit: int, too_big: Callable[[], Exception]) -> None:
        self.raw = raw
        self.left = limit
        self.too_big = too_big

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(min(len(buffer), self.left + 1))
        if len(data) > self.left:
            raise self.too_big()
        self.left -= len(data)
        buffer[: len(data)] = data
        return len(data)
