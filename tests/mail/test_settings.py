"""SMTP settings: flags over environment over config file; the password never from either."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from focusgroup.mail.errors import MailSettingsError
from focusgroup.mail.settings import SAVED_KEYS, SmtpSettings, load_settings, save_config


def test_precedence_flags_env_file_defaults(tmp_path: Path) -> None:
    config = tmp_path / "mail.yaml"
    config.write_text(
        "smtp:\n  host: file.example.org\n  port: 2525\n  user: fileuser\n"
        "  from: File <file@example.org>\n  reply_to: r@example.org\n",
        encoding="utf-8",
    )
    env = {"FOCUSGROUP_SMTP_HOST": "env.example.org", "FOCUSGROUP_SMTP_PASSWORD": "pw"}
    settings = load_settings({"user": "flaguser", "port": None}, config_file=config, environ=env)
    assert settings.host == "env.example.org"  # env beats file
    assert settings.user == "flaguser"  # flag beats file
    assert settings.port == 2525 and settings.reply_to == "r@example.org"
    assert settings.password == "pw" and "pw" not in repr(settings)
    assert settings.security == "starttls" and settings.effective_port == 2525
    assert str(settings.sender()) == "File <file@example.org>"


def test_default_ports_follow_security() -> None:
    assert SmtpSettings(security="ssl").effective_port == 465
    assert SmtpSettings(security="starttls").effective_port == 587
    assert SmtpSettings(security="none").effective_port == 25


def test_mail_yaml_in_focusgroup_home_is_picked_up(isolated_home: Path) -> None:
    (isolated_home / "mail.yaml").write_text("host: home.example.org\n", encoding="utf-8")
    assert load_settings(environ={}).host == "home.example.org"


@pytest.mark.parametrize(
    ("flags", "env", "message"),
    [
        ({"password": "x"}, {}, "can't be given as a flag"),
        ({"security": "tls"}, {}, "Unknown SMTP security 'tls'"),
        ({}, {"FOCUSGROUP_SMTP_PORT": "smtp"}, "SMTP port 'smtp' is not a number"),
        ({"port": 70000}, {}, "out of range"),
        ({"cafile": "/nonexistent/ca.pem"}, {}, "No CA certificate file"),
    ],
)
def test_bad_settings_are_one_clear_line(flags: dict, env: dict, message: str) -> None:
    with pytest.raises(MailSettingsError, match=message):
        load_settings(flags, environ=env)


def test_config_file_problems(tmp_path: Path) -> None:
    config = tmp_path / "mail.yaml"
    config.write_text("host: [unclosed\n", encoding="utf-8")
    with pytest.raises(MailSettingsError, match="not valid YAML"):
        load_settings(config_file=config, environ={})
    config.write_text("hots: typo.example.org\n", encoding="utf-8")
    with pytest.raises(MailSettingsError, match="Unknown key.*hots"):
        load_settings(config_file=config, environ={})
    config.write_text("password: hunter2\n", encoding="utf-8")
    with pytest.raises(MailSettingsError, match="holds a password"):
        load_settings(config_file=config, environ={})
    with pytest.raises(MailSettingsError, match="No mail config file"):
        load_settings(config_file=tmp_path / "missing.yaml", environ={})


def test_password_never_goes_unencrypted_to_a_remote_server() -> None:
    settings = SmtpSettings(
        host="mail.example.org", security="none", user="u", mail_from="a@example.org"
    )
    with pytest.raises(MailSettingsError, match="Refusing to send the password unencrypted"):
        settings.check_for_sending()
    SmtpSettings(
        host="127.0.0.1", security="none", user="u", mail_from="a@example.org"
    ).check_for_sending()


def test_an_alias_bomb_in_the_mail_config_is_refused(tmp_path: Path) -> None:
    # Issue 12: YAML from the user is composed with a limit before anything loads it.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    config = tmp_path / "mail.yaml"
    config.write_text("\n".join(lines) + "\nhost: smtp.example.org\n", "utf-8")
    with pytest.raises(MailSettingsError, match="expands to more than 1,000 values"):
        load_settings({}, config_file=config)


# -- saving from the app's form (mail.yaml) -------------------------------------------------

_ADDRESSES = st.sampled_from(
    ["Ana Ruiz <ana@example.org>", "team@example.org", "Zoë Ł. <zoe@example.net>"]
)
_FILE_VALUES = {
    "from": _ADDRESSES,
    "host": st.sampled_from(["smtp.example.org", "127.0.0.1", "mail.example.net"]),
    "port": st.integers(1, 65535),
    "security": st.sampled_from(["none", "starttls", "ssl"]),
    "user": st.sampled_from(["ana", "facilitator@example.org", "Zoë"]),
    "reply_to": _ADDRESSES,
    "timeout": st.floats(1, 120),
}
_FORM_VALUES = {  # what the form's fields hold: text, "" for a cleared field
    key: st.one_of(st.just(""), strategy.map(str))
    for key, strategy in _FILE_VALUES.items()
    if key in SAVED_KEYS
}


@settings(max_examples=60, deadline=None)
@given(
    existing=st.fixed_dictionaries({}, optional=_FILE_VALUES),
    form=st.fixed_dictionaries({}, optional=_FORM_VALUES),
)
def test_saving_the_form_changes_only_the_fields_it_sent(
    existing: dict, form: dict, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The app's form has no Reply-To field: saving it wiped the reply_to written in
    mail.yaml by hand (and would any key the form did not send)."""
    path = tmp_path_factory.mktemp("mail") / "mail.yaml"
    path.write_text(yaml.safe_dump(existing, allow_unicode=True), encoding="utf-8")
    save_config(form, path)
    saved = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for key in _FILE_VALUES:
        if key in form and form[key] == "":
            assert key not in saved, key  # a cleared field clears the setting
        elif key in form:
            assert str(saved[key]) == form[key], key
        elif key in existing:
            assert saved[key] == existing[key], key  # untouched
        else:
            assert key not in saved, key
