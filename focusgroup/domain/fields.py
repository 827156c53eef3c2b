"""Rules for the few fields whose shape matters, shared by every way they come in.

The CLI, the start-screen form, the CSV importers and the store all ask these functions, so
a value the CLI refuses is refused in the form with the same words, and the store is the
last line for anything that gets past both.

Names and titles are one line: they go into e-mail headers ("To: Zoë Quinn <...>", the
subject), file names and single-line lists, where a line break either breaks the message or
is an injection. Card text, notes and quotes may have line breaks; they are kept.

The follow-up link is put into the summary as a link (Markdown, HTML e-mail, the PDF's QR
code), so it must be a web address and nothing else: `javascript:` or text that closes the
link and opens another would become a live link in a document sent under a director's name.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from urllib.parse import urlsplit

from focusgroup.domain.errors import DomainError

LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
"""Every character Python's str.splitlines() breaks on; mail clients and terminals agree."""
_LINE_BREAK_RE = re.compile(f"[{re.escape(LINE_BREAKS)}]")

MAX_URL = 2000
"""Longer links don't fit a QR code a phone can scan from paper."""
# RFC 3986's characters, plus non-ASCII letters for international addresses (an IRI). Not
# allowed: spaces, control characters, < > " { } | \ ^ ` (never part of an address; they are
# what lets a link break out of Markdown or HTML).
_URL_ASCII_OK = set(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%"
)


_JOIN_RE = re.compile(f"\r\n|[{re.escape(LINE_BREAKS)}]")


def line_break_in(value: str) -> bool:
    return bool(_LINE_BREAK_RE.search(value))


def joined_lines(text: str) -> str:
    """`text` with each line break as a space (a trailing one, from copying a line, dropped).

    For a pasted name, and for writing a value from an older file into an e-mail header.
    """
    return _JOIN_RE.sub(" ", text.rstrip(LINE_BREAKS))


def one_line_problem(value: str, what: str) -> str | None:
    """Why `value` can't be a name or title, or None. `what`: "a participant's name"."""
    if line_break_in(value):
        return f"{what} must be on one line (it contains a line break)"
    return None


def check_one_line(value: str, what: str) -> str:
    problem = one_line_problem(value, what)
    if problem:
        raise DomainError(_sentence(problem) + ".")
    return value


def follow_up_problem(url: str) -> str | None:
    """Why `url` can't be the follow-up link, or None when it is a usable web address.

    Only http and https, with a host; no spaces, quotes, angle brackets or control
    characters anywhere. An empty link means "no follow-up link" and is fine.
    """
    if url == "":
        return None
    shown = url if len(url) <= 60 else url[:57] + "..."
    shown = repr(shown)
    if len(url) > MAX_URL:
        return f"the follow-up link is {len(url):,} characters; use a shorter one"
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in ("http", "https") or not url[len(scheme) :].startswith("://"):
        return f"the follow-up link {shown} must start with https:// (or http://)"
    bad = next((c for c in url if not _url_char_ok(c)), None)
    if bad is not None:
        name = unicodedata.name(bad, f"U+{ord(bad):04X}").lower()
        return (
            f"the follow-up link {shown} contains {name!r}, which a web address can't "
            "contain; copy the link from the browser's address bar"
        )
    try:
        host = urlsplit(url).hostname
    except ValueError:  # e.g. an unclosed [ in the host
        host = None
    if not host:
        return f"the follow-up link {shown} has no web site after {scheme}://"
    return None


def check_follow_up(url: str) -> str:
    problem = follow_up_problem(url)
    if problem:
        raise DomainError(_sentence(problem) + ".")
    return url


_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def date_problem(value: str) -> str | None:
    """Why `value` can't be the meeting's date, or None ("" means no date given)."""
    if value == "":
        return None
    try:
        if _DATE_RE.match(value):
            date.fromisoformat(value)
            return None
    except ValueError:
        pass
    return f"{value!r} is not a date in the form YYYY-MM-DD"


def _url_char_ok(char: str) -> bool:
    if char in _URL_ASCII_OK:
        return True
    if ord(char) < 0x80:
        return False
    # Letters, marks, digits and symbols of other scripts (an IRI); never spaces, controls or
    # invisible format characters (a right-to-left override can disguise the address).
    return unicodedata.category(char)[0] in "LMNS" or unicodedata.category(char) == "Pd"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
