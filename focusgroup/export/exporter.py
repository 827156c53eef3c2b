"""The two entry points the CLI and the app call: `export_session` and `export_profiles`.

Both accept an open store, a snapshot or a session file path, take one snapshot, and then
never touch the store again, so the app can run them in a thread worker. `progress(done,
total, what)` is called before each file is written (and once at the end).
"""

from __future__ import annotations

import os
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
    if not os.access(out, os.W_OK | os.X_OK):
        raise ExportError(f"Can't write to {out}: permission denied.")
    return out


def _guard(path: Path, write: Callable[[], Any]) -> Path:
    try:
        write()
    except OSError as error:
        raise ExportError(f"Can't write {path}: {error.strerror or error}.") from None
    return path


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
    written: list[Path] = []
    total = len(wanted)
    for done, fmt in enumerate(wanted):
        progress(done, total, f"Writing {fmt.upper()}")
        if fmt == "pdf":
            from focusgroup.export.pdf.summary import write_summary_pdf

            path = out / f"{stem}.pdf"
            written.append(_guard(path, partial(write_summary_pdf, snap, path)))
        elif fmt == "md":
            from focusgroup.export.markdown import render_markdown

            path = out / f"{stem}.md"
            written.append(_guard(path, partial(path.write_text, render_markdown(snap), "utf-8")))
        elif fmt == "json":
            from focusgroup.export.json_export import write_json

            path = out / f"{stem}.json"
            written.append(_guard(path, partial(write_json, snap, path)))
        elif fmt == "csv":
            from focusgroup.export.csv_export import write_csvs

            try:
                written += write_csvs(snap, out, stem)
            except OSError as error:
                raise ExportError(f"Can't write CSV files in {out}: {error.strerror}.") from None
    progress(total, total, "Done")
    return written


def export_profiles(
    source: Any,
    out_dir: str | Path,
    occupations: Sequence[str] = (),
    *,
    anonymous: bool | None = None,
    progress: Progress | None = None,
    onet_lookup: Callable[[str], Any] | None | bool = True,
    formats: Sequence[str] = ("pdf", "yaml"),
) -> list[Path]:
    """One PDF and one YAML per occupation; from a follow-up session, the updated profile.

    `occupations` names cards on the wall (any wording or SOC title); empty means the room's
    shortlist, else the top five. `onet_lookup=True` uses the crosswalk's profiles when installed.
    """
    from focusgroup.export.followup import updated_profile
    from focusgroup.export.profile_build import (
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
        profiles = [strawman_profile(snap, c, lookup) for c in cards]
    written: list[Path] = []
    total = len(profiles)
    for done, profile in enumerate(profiles):
        progress(done, total, f"Profile: {profile.occupation}")
        stem = f"profile-{slug(profile.occupation, 'occupation')}-v{profile.version}"
        if "yaml" in formats:
            path = out / f"{stem}.yaml"
            written.append(_guard(path, partial(write_profile, profile, path)))
        if "pdf" in formats:
            from focusgroup.export.profile_pdf import write_profile_pdf

            path = out / f"{stem}.pdf"
            write = partial(write_profile_pdf, profile, path, session_title=snap.session.title)
            written.append(_guard(path, write))
    progress(total, total, "Done")
    return written
