"""Reading an O*NET text release, whether unpacked in a folder or still in the official zip."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from focusgroup.crosswalk.errors import NotAnOnetRelease

REQUIRED = ("Occupation Data.txt", "Alternate Titles.txt", "Task Statements.txt")
"""Without these there is nothing to match or to build a profile from."""

_OCCUPATION_HEADER = ["O*NET-SOC Code", "Title", "Description"]


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
        header = next(iter(self._reader("Occupation Data.txt")), None)
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
            head = self._text("Read Me.txt")[:2000]
            match = re.search(r"O\*NET\s+(\d+\.\d+)\s+Database", head)
            if match:
                return match.group(1)
        match = re.search(r"db_(\d+)_(\d+)", str(self.path))
        return f"{match.group(1)}.{match.group(2)}" if match else "unknown"

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def _text(self, name: str) -> str:
        where = self._files[name.lower()]
        if isinstance(where, Path):
            return where.read_text(encoding="utf-8", errors="replace")
        assert self._zip is not None
        return self._zip.read(where).decode("utf-8", errors="replace")

    def _reader(self, name: str) -> Iterator[list[str]]:
        # Official files are UTF-8 with a header row; the csv module copes with stray quotes
        # only when quoting is off, since task statements contain literal '"' characters.
        text = self._text(name).lstrip("\ufeff")
        return csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
