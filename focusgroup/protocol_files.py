"""Protocol files: reading one, and finding every protocol the app can use.

Built-in protocols ship with focusgroup; a user's own sit in `protocols/` under
`FOCUSGROUP_HOME` and win over a built-in with the same id. Parsing is the domain's
(`focusgroup.domain.protocol_schema`); this module is what touches the disk and the environment.
"""

from __future__ import annotations

from pathlib import Path

from focusgroup import paths
from focusgroup.domain.errors import ProtocolError
from focusgroup.domain.protocol import Protocol
from focusgroup.domain.protocol_schema import parse_protocol
from focusgroup.domain.text import plural
from focusgroup.domain.yaml_nodes import quote

MAX_BYTES = 1_000_000
"""A protocol is a page or two; anything bigger is the wrong file."""


def load_protocol(path: str | Path) -> Protocol:
    """Read and validate one protocol file."""
    path = Path(path)
    source = str(path)
    try:
        if path.is_dir():
            raise ProtocolError(f"{source}: is a folder, not a protocol file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ProtocolError(f"{source}: no such protocol file") from None
    except OSError as error:
        raise ProtocolError(f"{source}: cannot read it ({error.strerror or error})") from None
    if len(data) > MAX_BYTES:
        raise ProtocolError(f"{source}: is {len(data):,} bytes; a protocol is far smaller")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ProtocolError(
            f"{source}, line {line}: is not UTF-8 text; is this really a protocol file?"
        ) from None
    return parse_protocol(text, source)


def _protocol_files(folder: Path) -> list[Path]:
    try:
        files = [p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")]
    except OSError:
        return []
    return sorted(p for p in files if not p.name.startswith((".", "~")) and p.is_file())


def list_protocols(errors: list[ProtocolError] | None = None) -> list[tuple[Protocol, Path]]:
    """Every protocol the app can use, built-ins first; a user's file overrides the same id.

    A broken file does not hide the others: its error is appended to `errors` (if given) and
    it is skipped.
    """
    found: dict[str, tuple[Protocol, Path]] = {}

    def scan(folder: Path, *, override: bool, claimed: dict[str, Path]) -> None:
        for file in _protocol_files(folder):
            try:
                protocol = load_protocol(file)
            except ProtocolError as error:
                if errors is not None:
                    errors.append(error)
                continue
            if protocol.id in claimed:
                # Two files in the same layer with one id: keep the first, say so.
                if override and errors is not None:
                    errors.append(
                        ProtocolError(
                            f"{file}: id {quote(protocol.id)} is already used by "
                            f"{claimed[protocol.id]}; this file is ignored"
                        )
                    )
                continue
            claimed[protocol.id] = file
            found[protocol.id] = (protocol, file)

    builtin_claimed: dict[str, Path] = {}
    for folder in paths.builtin_protocol_dirs():
        scan(folder, override=False, claimed=builtin_claimed)
    user_claimed: dict[str, Path] = {}
    for folder in paths.user_protocol_dirs():
        scan(folder, override=True, claimed=user_claimed)
    return list(found.values())


def is_builtin(path: Path) -> bool:
    """Whether a protocol file ships with focusgroup (for `protocols list`)."""
    resolved = path.resolve()
    return any(resolved.is_relative_to(d.resolve()) for d in paths.builtin_protocol_dirs())


def find_protocol(id_or_path: str) -> Protocol:
    """A protocol by file path (if that file exists) or else by id."""
    candidate = Path(id_or_path).expanduser()
    if candidate.exists():
        return load_protocol(candidate)
    if candidate.suffix in (".yaml", ".yml") or "/" in id_or_path or "\\" in id_or_path:
        raise ProtocolError(f"{id_or_path}: no such protocol file")
    errors: list[ProtocolError] = []
    available = list_protocols(errors)
    for protocol, _path in available:
        if protocol.id == id_or_path:
            return protocol
    ids = ", ".join(p.id for p, _ in available) or "none found"
    message = f"unknown protocol {quote(id_or_path)} (available: {ids})"
    if errors:
        message += f"; {plural(len(errors), 'protocol file')} could not be read, e.g. {errors[0]}"
    raise ProtocolError(message)
