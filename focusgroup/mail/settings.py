"""SMTP settings from command-line flags, the environment and a small YAML file.

Precedence: flags, then `FOCUSGROUP_*` environment variables, then the config file, then
defaults. The password is the exception: it comes only from `FOCUSGROUP_SMTP_PASSWORD` or a
prompt, never from a flag (visible in `ps` and shell history) or a file someone may share.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from email.errors import MessageError
from email.headerregistry import Address
from email.utils import parseaddr
from pathlib import Path
from typing import Any

import yaml

from focusgroup import paths
from focusgroup.mail.errors import MailSettingsError

SECURITY_MODES = ("none", "starttls", "ssl")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
DEFAULT_TIMEOUT = 30.0
CONFIG_FILE_NAME = "mail.yaml"

ENV = {
    "host": "FOCUSGROUP_SMTP_HOST",
    "port": "FOCUSGROUP_SMTP_PORT",
    "user": "FOCUSGROUP_SMTP_USER",
    "security": "FOCUSGROUP_SMTP_SECURITY",
    "cafile": "FOCUSGROUP_SMTP_CAFILE",
    "timeout": "FOCUSGROUP_SMTP_TIMEOUT",
    "mail_from": "FOCUSGROUP_MAIL_FROM",
    "reply_to": "FOCUSGROUP_MAIL_REPLY_TO",
}
PASSWORD_ENV = "FOCUSGROUP_SMTP_PASSWORD"
CONFIG_ENV = "FOCUSGROUP_MAIL_CONFIG"

# Keys a config file may hold, and the setting each one fills.
CONFIG_KEYS = {
    "host": "host",
    "port": "port",
    "user": "user",
    "security": "security",
    "cafile": "cafile",
    "timeout": "timeout",
    "from": "mail_from",
    "reply_to": "reply_to",
    "reply-to": "reply_to",
}


@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""
    port: int = 0
    """0 means the usual port for `security`."""
    user: str = ""
    password: str = field(default="", repr=False)
    security: str = "starttls"
    cafile: str = ""
    """Extra CA bundle to trust (a company or test CA); verification is never switched off."""
    timeout: float = DEFAULT_TIMEOUT
    mail_from: str = ""
    reply_to: str = ""

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.security]

    @property
    def needs_password(self) -> bool:
        return bool(self.user) and not self.password

    def with_password(self, password: str) -> SmtpSettings:
        return replace(self, password=password)

    def describe(self) -> str:
        """One line for reports; never includes the password."""
        who = f"{self.user}@" if self.user else ""
        return f"{who}{self.host}:{self.effective_port} ({self.security})"

    def check_for_sending(self) -> None:
        """Everything needed to talk to a server; raises with what is missing."""
        if not self.host:
            raise MailSettingsError(
                f"No mail server: use --host, {ENV['host']} or 'host:' in the mail config file."
            )
        self.sender()
        if self.user and self.security == "none" and not _is_loopback(self.host):
            raise MailSettingsError(
                f"Refusing to send the password unencrypted to {self.host}; "
                "use --security starttls or ssl."
            )

    def sender(self) -> Address:
        if not self.mail_from:
            raise MailSettingsError(
                f"No sender address: use --from, {ENV['mail_from']} or 'from:' in the mail "
                "config file."
            )
        return parse_address(self.mail_from, "sender")

    def reply_address(self) -> Address | None:
        return parse_address(self.reply_to, "reply-to") if self.reply_to else None


def parse_address(value: str, what: str) -> Address:
    """`Name <addr>` or a bare address, as an Address; raises a clear error if malformed."""
    name, addr = parseaddr(value)
    if not addr or "@" not in addr or addr.startswith("@") or addr.endswith("@"):
        raise MailSettingsError(f"The {what} address {value!r} is not a valid e-mail address.")
    try:
        address = Address(display_name=name, addr_spec=addr)
        ascii_domain(address.domain)
    except (ValueError, IndexError, MessageError) as error:  # "a@example..org": HeaderParseError
        raise MailSettingsError(
            f"The {what} address {value!r} is not a valid e-mail address ({error})."
        ) from None
    return address


def ascii_domain(domain: str) -> str:
    """`bücher.example` as mail servers and headers carry it: `xn--bcher-kva.example` (IDNA).

    Raises ValueError (UnicodeError) for a domain that has no such form (an empty label...).
    """
    return domain if domain.isascii() else domain.encode("idna").decode("ascii")


def load_settings(
    flags: Mapping[str, Any] | None = None,
    *,
    config_file: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> SmtpSettings:
    """Merge flags > environment > config file > defaults into validated settings.

    `flags` uses the setting names (host, port, user, security, cafile, timeout, mail_from,
    reply_to); None values mean "not given". A `password` flag is refused on purpose.
    """
    environ = os.environ if environ is None else environ
    flags = {k: v for k, v in (flags or {}).items() if v is not None and v != ""}
    if "password" in flags:
        raise MailSettingsError(
            f"The SMTP password can't be given as a flag; set {PASSWORD_ENV} or let "
            "focusgroup prompt for it."
        )
    merged: dict[str, Any] = {}
    merged.update(_read_config(_config_path(config_file, environ)))
    merged.update({name: environ[var] for name, var in ENV.items() if environ.get(var)})
    merged.update(flags)
    merged["password"] = environ.get(PASSWORD_ENV, "")
    return _validated(merged)


def config_file_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where the app saves settings: the file the CLI reads by default (FOCUSGROUP_MAIL_CONFIG,
    else `mail.yaml` in FOCUSGROUP_HOME)."""
    environ = os.environ if environ is None else environ
    if environ.get(CONFIG_ENV):
        return Path(environ[CONFIG_ENV]).expanduser()
    return paths.home() / CONFIG_FILE_NAME


SAVED_KEYS = ("from", "host", "port", "security", "user", "reply_to")
"""What the app's settings form writes; other keys already in the file (cafile, timeout) stay."""


def save_config(values: Mapping[str, Any], path: Path | None = None) -> Path:
    """Validate and write the form's settings to mail.yaml; never a password.

    `values` uses the file's keys (from, host, port, security, user, reply_to); an empty one
    clears that setting. Keys not in `values` (cafile, timeout...) are kept from the file.
    The file is replaced in one rename, so a crash mid-write leaves the old one.
    """
    if "password" in values:
        raise MailSettingsError("The SMTP password is never saved; it is asked for when sending.")
    path = config_file_path() if path is None else path
    existing = _read_config(path) if path.is_file() else {}
    # Only what the form sent is replaced: the form has no reply_to field, and saving it
    # must not wipe the reply_to (or cafile, timeout) someone wrote in the file by hand.
    given = {CONFIG_KEYS[key] for key in values if key in SAVED_KEYS}
    kept = {k: v for k, v in existing.items() if k not in given}
    fresh = {
        CONFIG_KEYS[k]: v for k, v in values.items() if k in SAVED_KEYS and v not in ("", None)
    }
    settings = _validated({**kept, **fresh})  # raises on a bad port, security or address
    if settings.mail_from:
        settings.sender()
    if settings.reply_to:
        settings.reply_address()
    names = {v: k for k, v in CONFIG_KEYS.items() if k != "reply-to"}
    data = {names[k]: v for k, v in {**kept, **fresh}.items()}
    if "port" in data:
        data["port"] = int(data["port"])
    text = (
        "# focusgroup mail settings (written by the app; the CLI reads them too).\n"
        "# The password is never stored here: it is asked for when sending.\n"
        + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(path.name + ".tmp")
    try:
        scratch.write_text(text, encoding="utf-8")
        scratch.replace(path)
    except OSError as error:
        raise MailSettingsError(f"Can't write the mail settings to {path}: {error}") from None
    return path


def saved_values(path: Path | None = None) -> dict[str, str]:
    """What mail.yaml holds, as text for the settings form, each value as written, even one
    that is wrong (the form is where it gets fixed). {} if there is no file or no YAML."""
    path = config_file_path() if path is None else path
    try:
        values = _read_config(path) if path.is_file() else {}
    except MailSettingsError:
        return {}
    return {name: str(value) for name, value in values.items()}


def overridden_by_environment(environ: Mapping[str, str] | None = None) -> list[str]:
    """Environment variables that win over the file (the form says so)."""
    environ = os.environ if environ is None else environ
    return [var for var in ENV.values() if environ.get(var)]


def _config_path(config_file: str | Path | None, environ: Mapping[str, str]) -> Path | None:
    if config_file:
        path = Path(config_file).expanduser()
        if not path.is_file():
            raise MailSettingsError(f"No mail config file at {path}.")
        return path
    if environ.get(CONFIG_ENV):
        return _config_path(environ[CONFIG_ENV], {})
    default = paths.home() / CONFIG_FILE_NAME
    return default if default.is_file() else None


MAX_CONFIG_BYTES = 100_000
"""A handful of settings; anything bigger is the wrong file."""


def _read_config(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    from focusgroup.domain.yaml_nodes import compose

    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise MailSettingsError(f"The mail config file {path} is far too big to be one.")
        text = path.read_text(encoding="utf-8")
        # Composed first, with the protocols' limit on aliases: a few lines of anchors must
        # not expand into gigabytes when loaded (an "alias bomb").
        compose(text, str(path), error=MailSettingsError, what="mail config", max_nodes=1_000)
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError) as error:
        raise MailSettingsError(f"Can't read the mail config file {path}: {error}") from None
    except yaml.YAMLError as error:
        raise MailSettingsError(f"The mail config file {path} is not valid YAML: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise MailSettingsError(f"The mail config file {path} should be a list of 'key: value'.")
    data = data.get("smtp", data) if isinstance(data.get("smtp"), dict) else data
    if "password" in data:
        raise MailSettingsError(
            f"The mail config file {path} holds a password; remove it and set {PASSWORD_ENV} "
            "or let focusgroup prompt for it."
        )
    unknown = sorted(set(map(str, data)) - set(CONFIG_KEYS))
    if unknown:
        allowed = ", ".join(k for k in CONFIG_KEYS if k != "reply-to")
        raise MailSettingsError(
            f"Unknown key(s) in the mail config file {path}: {', '.join(unknown)} "
            f"(allowed: {allowed})."
        )
    return {CONFIG_KEYS[k]: v for k, v in data.items() if v is not None}


def _validated(values: dict[str, Any]) -> SmtpSettings:
    security = str(values.get("security", "starttls")).strip().lower()
    if security not in SECURITY_MODES:
        raise MailSettingsError(
            f"Unknown SMTP security {security!r}; use one of: {', '.join(SECURITY_MODES)}."
        )
    port = _number(values.get("port", 0), "SMTP port", int)
    if port and not 0 < port < 65536:
        raise MailSettingsError(f"The SMTP port {port} is out of range (1-65535).")
    timeout = _number(values.get("timeout", DEFAULT_TIMEOUT), "SMTP timeout", float)
    if timeout <= 0:
        raise MailSettingsError("The SMTP timeout must be more than 0 seconds.")
    cafile = str(values.get("cafile", "") or "")
    if cafile and not Path(cafile).expanduser().is_file():
        raise MailSettingsError(f"No CA certificate file at {cafile}.")
    return SmtpSettings(
        host=str(values.get("host", "")).strip(),
        port=port,
        user=str(values.get("user", "")).strip(),
        password=str(values.get("password", "")),
        security=security,
        cafile=str(Path(cafile).expanduser()) if cafile else "",
        timeout=timeout,
        mail_from=str(values.get("mail_from", "")).strip(),
        reply_to=str(values.get("reply_to", "")).strip(),
    )


def _number(value: Any, what: str, kind: type) -> Any:
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise MailSettingsError(f"The {what} {value!r} is not a number.") from None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
