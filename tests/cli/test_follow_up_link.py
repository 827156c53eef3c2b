"""The follow-up link (issue 12): http(s) only, the same rule in the CLI, the start-screen form
and the store, and never a live link for anything else in what is written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from markdown_it import MarkdownIt

from focusgroup.cli import main
from focusgroup.domain.errors import DomainError
from focusgroup.domain.fields import follow_up_problem
from focusgroup.store import SessionStore
from tests.builders import tiny_protocol

BAD = [
    "https://x>[Confirm](https://evil.example)<",
    "javascript:alert(1)",
    "JavaScript://%0aalert(1)",
    "mailto:dana@example.org",
    "ftp://files.example.org/x",
    "data:text/html,<b>x</b>",
    "https://",
    "https:///path",
    "forms.example.org/health",
    "https://forms.example.org/a b",
    'https://forms.example.org/"onmouseover="x',
    "https://forms.example.org/\u202egnp.exe",
    "https://forms.example.org/\n[x](https://evil.example)",
    "https://[::1",
]
GOOD = [
    "https://forms.example.org/health?x=1&y=(2)#top",
    "http://intranet.local:8080/a_b~c/%20",
    "https://例え.jp/パス",
    "HTTPS://FORMS.EXAMPLE.ORG",
    "https://[2001:db8::1]/form",
]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("url", BAD)
def test_a_bad_link_is_refused_the_same_way_everywhere(tmp_path: Path, url: str) -> None:
    problem = follow_up_problem(url)
    assert problem
    # The CLI: refused before anything is created.
    result = run("new", str(tmp_path / "a.db"), "--title", "T", "--follow-up", url)
    assert result.exit_code != 0 and problem in result.output, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "a.db").exists()
    # The store, the last line for anything else that writes a session.
    sentence = problem[0].upper() + problem[1:] + "."
    with pytest.raises(DomainError) as created:
        SessionStore.create(tmp_path / "b.db", tiny_protocol(), title="T", follow_up_url=url)
    assert str(created.value) == sentence
    assert not (tmp_path / "b.db").exists()
    with SessionStore.create(tmp_path / "c.db", tiny_protocol(), title="T") as store:
        with pytest.raises(DomainError) as updated:
            store.update_session(follow_up_url=url)
        assert str(updated.value) == sentence
        assert store.session().follow_up_url == ""


@pytest.mark.parametrize("url", GOOD)
def test_a_web_address_is_kept_exactly(tmp_path: Path, url: str) -> None:
    result = run("new", str(tmp_path / "a.db"), "--title", "T", "--follow-up", url)
    assert result.exit_code == 0, result.output
    with SessionStore.open(tmp_path / "a.db") as store:
        assert store.session().follow_up_url == url


def _old_file_with_link(path: Path, url: str) -> Path:
    """A session from before the rule: the link written straight into the file."""
    SessionStore.create(path, tiny_protocol(), title="Old meeting").close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE sessions SET follow_up_url = ?", [url])
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("url", [BAD[0], BAD[1]])
def test_a_bad_link_in_an_older_file_is_never_written_as_a_link(tmp_path: Path, url: str) -> None:
    from focusgroup.export.markdown import render_markdown, short_summary_html
    from focusgroup.export.snapshot import take_snapshot

    with SessionStore.open(_old_file_with_link(tmp_path / "old.db", url)) as store:
        snap = take_snapshot(store)
    # Rendered by a CommonMark renderer (markdown-it, which rich brings): no link at all.
    rendered = MarkdownIt("commonmark").render(render_markdown(snap))
    assert "href" not in rendered
    assert "Confirm" in rendered or "javascript" in rendered  # shown, as text
    html = short_summary_html(snap)
    assert "<a " not in html and "javascript" not in html.split("Follow-up")[0]
    assert "href" not in html


def test_a_good_link_is_escaped_where_it_is_written(tmp_path: Path) -> None:
    from focusgroup.export.markdown import render_markdown, short_summary_html
    from focusgroup.export.snapshot import take_snapshot

    url = GOOD[0]
    run("new", str(tmp_path / "a.db"), "--title", "T", "--follow-up", url)
    with SessionStore.open(tmp_path / "a.db") as store:
        snap = take_snapshot(store)
    assert f"Follow-up: <{url}>" in render_markdown(snap)
    rendered = MarkdownIt("commonmark").render(render_markdown(snap))
    assert f'<a href="{url.replace("&", "&amp;")}">' in rendered
    html = short_summary_html(snap)
    escaped = url.replace("&", "&amp;")
    assert f'<a href="{escaped}">{escaped}</a>' in html


def test_the_pdf_shows_the_link_as_text(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    from focusgroup.export.exporter import export_session

    with SessionStore.open(_old_file_with_link(tmp_path / "old.db", BAD[0])) as store:
        (pdf,) = export_session(store, tmp_path / "out", ("pdf",), stem="x")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(str(pdf)).pages)
    assert "https://x>[Confirm](https://evil.example)<" in "".join(text.split())
    annotations = [p.get("/Annots") for p in pypdf.PdfReader(str(pdf)).pages]
    assert not any(annotations), "the PDF must not carry a clickable link for it"


async def click_start(pilot) -> None:
    """Click Start as a person would: with the toast that lies over it gone, and in view."""
    pilot.app.clear_notifications()
    pilot.app.screen.query_one("#new-start").scroll_visible(animate=False)
    await pilot.pause(0.5)  # Textual's Button ignores a press while its last one still shows
    await pilot.click("#new-start")
    await pilot.pause()


async def test_the_start_screen_form_refuses_a_bad_date_or_link_with_the_same_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input

    from focusgroup import paths
    from focusgroup.tui.app import make_app
    from focusgroup.tui.screens.start import StartScreen
    from focusgroup.tui.screens.wall import WallScreen

    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    app = make_app(None, today=lambda: "2026-03-14")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#new-title", Input).value = "Health care"
        # The date first: the same rule as `new --date` and the store.
        screen.query_one("#new-date", Input).value = "14/10/2026"
        await pilot.click("#new-start")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert "'14/10/2026' is not a date in the form YYYY-MM-DD." in [
            n.message for n in app._notifications
        ]
        assert app.focused is screen.query_one("#new-date", Input)
        screen.query_one("#new-date", Input).value = "2026-10-14"
        screen.query_one("#new-link", Input).value = "javascript:alert(1)"
        await click_start(pilot)
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        problem = follow_up_problem("javascript:alert(1)")
        assert problem is not None
        shown = [n.message for n in app._notifications]
        assert problem[0].upper() + problem[1:] + "." in shown
        assert app.focused is screen.query_one("#new-link", Input)
        assert list(paths.sessions_dir().glob("*.db")) == []  # nothing was created

        screen.query_one("#new-link", Input).value = GOOD[0]
        await click_start(pilot)
        await pilot.pause()
        assert isinstance(app.screen, WallScreen), [n.message for n in app._notifications]
        assert app.store.session().follow_up_url == GOOD[0]


@pytest.mark.parametrize("day", ["14/10/2026", "2026-02-30", "20261014", "2026-1-4", "soon"])
def test_the_date_follows_one_rule_too(tmp_path: Path, day: str) -> None:
    from focusgroup.domain.fields import date_problem

    problem = date_problem(day)
    assert problem is not None
    result = run("new", str(tmp_path / "a.db"), "--title", "T", "--date", day)
    assert result.exit_code != 0 and problem in result.output
    with pytest.raises(DomainError, match="YYYY-MM-DD"):
        SessionStore.create(tmp_path / "b.db", tiny_protocol(), title="T", date=day)
    assert date_problem("2026-10-14") is None
