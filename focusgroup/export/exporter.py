"""The two entry points the CLI and the app call: `export_session` and `export_profiles`.

Both accept an open store, a snapshot or a session file path, take one snapshot, and then
never touch the store again, so the app can run them in a thread worker. `progress(done,
total, what)` is called before each file is written (and once at the end).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from focusgroup.domain.errors import FocusGroupError
from focusgroup.domain.text import slug
from focusgroup.export.snapshot import SessionSnapshot, take_snapshot

FORMATS = ("pdf", "md", "json", "csv")
Progress = Callable[[int, int, str], None]


class ExportError(FocusGroupError):
    """An export the user asked for can't be done (bad format, unwritable folder...)."""


def _noop(done: int, total: int, what: str) -> None:
    del done, total, what


def parse_formats(value: str | Iterable[str]) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else list(value)
    formats = tuple(dict.fromkeys(f.strip().lower().lstrip(".") for f in items if f.strip()))
    formats = tuple("md" if f == "markdown" else f for f in formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ExportError(
            f"Unknown export format {', '.join(unknown) or '(none)'}; use {', '.join(FORMATS)}."
        )
    return formats


def snapshot_of(source: Any, *, anonymous: bool | None = None) -> SessionSnapshot:
    """A snapshot from a snapshot, an open store (`SessionReader`) or a session file path."""
    if isinstance(source, SessionSnapshot):
        return source.redacted() if anonymous and not source.anonymous else source
    if isinstance(source, str | Path):
        from focusgroup.store.reader import read_session

        path = Path(source)
        if not path.exists():
            raise ExportError(f"No session file at {path}.")
        # Exporting only reads: the file is not migrated or touched (it may be on a CD).
        with read_session(path) as store:
            return take_snapshot(store, anonymous=anonymous)
    return take_snapshot(source, anonymous=anonymous)


def prepare_out_dir(out_dir: str | Path) -> Path:
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ExportError(f"Can't export to {out}: it is a file, not a folder.") from None
    except OSError as error:
        raise ExportError(f"Can't create the folder {out}: {error.strerror or error}.") from None
    try:  # a real write says why not: os.access said "permission denied" on read-only media
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as error:
        raise ExportError(f"Can't write to {out}: {error.strerror or error}.") from None
    return out


FORMAT_NAMES = {"pdf": "PDF", "md": "Markdown", "json": "JSON", "csv": "CSV", "yaml": "YAML"}


class ExportIncomplete(ExportError):
    """Some files were written and some could not be: each failure is isolated and named.

    Attributes:
        written: the files that were written.
        failures: (what, why) for each file that was not.
    """

    def __init__(self, written: list[Path], failures: list[tuple[str, str]]) -> None:
        self.written = written
        self.failures = failures
        problems = "; ".join(f"{what}: {why}" for what, why in failures)
        done = f"{len(written)} other file(s) were written." if written else "Nothing was written."
        super().__init__(f"Could not write {problems}. {done}")


def reason(error: BaseException) -> str:
    """One line saying why a file could not be written (never a traceback)."""
    if isinstance(error, FocusGroupError):
        return str(error)
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror or error}{where}"
    if type(error).__name__ == "LayoutError":  # reportlab's; not imported for md/json/csv
        return "a block of text is too tall to lay out on a page (reportlab LayoutError)"
    text = " ".join(str(error).split())
    text = text if len(text) <= 200 else text[:199] + "\u2026"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _write_atomically(path: Path, write: Callable[[Path], Any]) -> Path:
    """Write through a temporary file and rename: a failure never leaves half a file."""
    part = path.with_name(f".{path.name}.part")
    try:
        write(part)
        os.replace(part, path)
    except OSError as error:
        raise ExportError(f"can't write {path}: {error.strerror or error}") from None
    finally:
        part.unlink(missing_ok=True)
    return path


class _Collector:
    """Runs each file's writer on its own: one failing format does not stop the others."""

    def __init__(self) -> None:
        self.written: list[Path] = []
        self.failures: list[tuple[str, str]] = []

    def run(self, what: str, write: Callable[[], Path | list[Path]]) -> None:
        try:
            result = write()
        except Exception as error:
            self.failures.append((what, reason(error)))
            return
        self.written += result if isinstance(result, list) else [result]

    def finish(self) -> list[Path]:
        if self.failures:
            raise ExportIncomplete(self.written, self.failures)
        return self.written


def _writer(fmt: str, snap: SessionSnapshot, out: Path, stem: str) -> Callable[[], Any]:
    if fmt == "pdf":

        def pdf() -> Path:
            from focusgroup.export.pdf.summary import write_summary_pdf

            return _write_atomically(out / f"{stem}.pdf", lambda p: write_summary_pdf(snap, p))

        return pdf
    if fmt == "md":

        def md() -> Path:
            from focusgroup.export.markdown import render_markdown

            text = render_markdown(snap)
            return _write_atomically(out / f"{stem}.md", lambda p: p.write_text(text, "utf-8"))

        return md
    if fmt == "json":

        def json() -> Path:
            from focusgroup.export.json_export import write_json

            return _write_atomically(out / f"{stem}.json", lambda p: write_json(snap, p))

        return json

    def csv() -> list[Path]:
        from focusgroup.export.csv_export import write_csvs

        return write_csvs(snap, out, stem)

    return csv


def export_session(
    source: Any,
    out_dir: str | Path,
    formats: str | Iterable[str] = FORMATS,
    *,
    anonymous: bool | None = None,
    progress: Progress | None = None,
    stem: str | None = None,
) -> list[Path]:
    """Write the session summary in each format; returns the files written.

    Each format is written on its own: if one fails (a layout error, a full disk), the
    others are still written and `ExportIncomplete` then names what failed and why.

    Args:
        source: SessionSnapshot, open SessionStore or session file path.
        formats: any of pdf, md, json, csv (a list or "pdf,md").
        anonymous: True names nobody; None follows the session's own setting.
        progress: called as progress(done, total, "what is being written").
    """
    progress = progress or _noop
    wanted = parse_formats(formats)
    out = prepare_out_dir(out_dir)
    snap = snapshot_of(source, anonymous=anonymous)
    stem = stem or slug(snap.session.title, "session") + ("-anonymous" if snap.anonymous else "")
    collector = _Collector()
    total = len(wanted)
    for done, fmt in enumerate(wanted):
        progress(done, total, f"Writing {fmt.upper()}")
        collector.run(f"the {FORMAT_NAMES[fmt]} summary", _writer(fmt, snap, out, stem))
    progress(total, total, "Done")
    return collector.finish()


def export_profiles(
    source: Any,
    out_dir: str | Path,
    occupations: Sequence[str] = (),
    *,
    anonymous: bool | None = None,
    progress: Progress | None = None,
    onet_lookup: Callable[[str], Any] | None | bool = True,
    formats: Sequence[str] = ("pdf", "yaml"),
    uncoded: bool = True,
    skipped: Callable[[str], None] | None = None,
) -> list[Path]:
    """One PDF and one YAML per occupation; from a follow-up session, the updated profile.

    `occupations` names cards on the wall (any wording or SOC title); empty means the room's
    shortlist, else the top five. `onet_lookup=True` uses the crosswalk's profiles when installed.
    An occupation with no SOC code gets a labelled skeleton of what the room said; with
    `uncoded=False` (the CLI's default) it is skipped with a message to `skipped` saying how
    to crosswalk it.
    """
    from focusgroup.export.followup import updated_profile
    from focusgroup.export.profile_build import (
        UncodedOccupation,
        choose_occupations,
        default_onet_lookup,
        strawman_profile,
    )
    from focusgroup.export.profiles import write_profile

    progress = progress or _noop
    out = prepare_out_dir(out_dir)
    snap = snapshot_of(source, anonymous=anonymous)
    lookup = default_onet_lookup() if onet_lookup is True else (onet_lookup or None)
    if snap.is_competency_session:
        if occupations:
            raise ExportError("This session reviews one occupation's profile; drop --occupation.")
        profiles = [updated_profile(snap)]
    else:
        cards = choose_occupations(snap, occupations)
        if not cards:
            raise ExportError("This session has no occupation cards yet, so no profiles to make.")
        profiles = []
        notices: list[str] = []
        for card in cards:
            try:
                profiles.append(strawman_profile(snap, card, lookup, uncoded=uncoded))
            except UncodedOccupation as error:
                notices.append(str(error))
                if skipped is not None:
                    skipped(str(error))
        if not profiles:
            raise ExportError(
                notices[0]
                if len(notices) == 1
                else (
                    f"None of the {len(notices)} occupations has a SOC code yet: run "
                    "`focusgroup crosswalk FILE` to code them, or add --uncoded for skeletons."
                )
            )
    collector = _Collector()
    total = len(profiles)
    for done, profile in enumerate(profiles):
        progress(done, total, f"Profile: {profile.occupation}")
        stem = f"profile-{slug(profile.occupation, 'occupation')}-v{profile.version}"
        name = _short(profile.occupation)
        if "yaml" in formats:
            write_yaml = partial(write_profile, profile)
            collector.run(
                f"the {name} profile (YAML)",
                partial(_write_atomically, out / f"{stem}.yaml", write_yaml),
            )
        if "pdf" in formats:
            from focusgroup.export.profile_pdf import write_profile_pdf

            write_pdf = partial(write_profile_pdf, profile, session_title=snap.session.title)
            collector.run(
                f"the {name} profile (PDF)",
                partial(_write_atomically, out / f"{stem}.pdf", write_pdf),
            )
    progress(total, total, "Done")
    return collector.finish()


def _short(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "\u2026"
