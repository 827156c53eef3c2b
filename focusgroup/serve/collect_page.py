"""The one page a phone sees: server-rendered HTML, every value escaped, no framework.

Readable at 360 px, colours at WCAG AA contrast or better (ink #1d2330 on white is 15:1, white
on the button's #1f5f7a is 7:1), every field with a label. The only script fills the name
type-ahead; without it the page works the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from focusgroup.serve.collect_desk import SentCard

CARD_LABELS = {
    "first_card": "First card",
    "second_card": "Second card",
    "third_card": "Third card",
}


@dataclass(frozen=True)
class PageState:
    title: str
    state: str
    """"open", "paused" or "closed"."""
    csrf: str
    card_fields: tuple[str, ...]
    reasons: Sequence[tuple[str, str]]
    values: Mapping[str, str] = field(default_factory=dict)
    """What the person typed, given back after a refusal so nothing is lost."""
    ticked: Mapping[str, Sequence[str]] = field(default_factory=dict)
    error: str = ""
    error_field: str = ""
    prompt: str = ""
    """The question the room is answering (the step's)."""
    sent_as: str = ""
    sent: Sequence[SentCard] = ()
    notice: str = ""


_STYLE = (Path(__file__).parent / "collect_page.css").read_text(encoding="utf-8")
"""The page's styles, inlined (a phone makes one request, and the CSP allows no other)."""

_SCRIPT = """
const nameInput = document.getElementById("name");
const list = document.getElementById("known-names");
let pending = 0;
nameInput && nameInput.addEventListener("input", () => {
  const typed = nameInput.value;
  const ticket = ++pending;
  if (typed.trim().length < 3) { list.replaceChildren(); return; }
  fetch("names?q=" + encodeURIComponent(typed), {credentials: "same-origin"})
    .then(r => r.ok ? r.json() : [])
    .then(names => {
      if (ticket !== pending) return;
      list.replaceChildren(...names.map(n => { const o = document.createElement("option");
        o.value = n; return o; }));
    }).catch(() => {});
});
"""


def render_page(page: PageState) -> str:
    e = escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<meta name='referrer' content='same-origin'>",
        f"<title>Your cards: {e(page.title)}</title><style>{_STYLE}</style></head><body><main>",
        f"<h1>Your cards</h1><p class='lead'>{e(page.title)}</p>",
    ]
    if page.notice:
        parts.append(f"<p class='notice' role='status'>{e(page.notice)}</p>")
    if page.error:
        parts.append(f"<p class='error' role='alert' id='error'>{e(page.error)}</p>")
    parts.append(_sent(page))  # what was received comes first: it is what the person checks
    if page.state == "closed":
        parts.append("<p class='notice' role='status'>Cards are closed. Thank you!</p>")
    elif not page.card_fields:
        parts.append(
            "<p class='notice' role='status'>You have sent your cards. Thank you! "
            "If one is wrong, fix it above while it is still waiting to be placed.</p>"
        )
    else:
        parts.append(_form(page))
    parts.append(f"<script>{_SCRIPT}</script></main></body></html>")
    return "".join(parts)


def _form(page: PageState) -> str:
    e = escape
    out = []
    if page.state == "paused":
        out.append(
            "<p class='notice' role='status'>The facilitator has paused cards for a moment. "
            "Keep what you wrote and press Send again once they resume.</p>"
        )
    out.append("<form method='post' action='send' autocomplete='on'>")
    out.append(f"<input type='hidden' name='csrf' value='{e(page.csrf)}'>")
    for name, label, extra in (
        ("name", "Name", " list='known-names' autocomplete='name' maxlength='120'"),
        ("organization", "Organization", " autocomplete='organization' maxlength='120'"),
    ):
        out.append(_input(page, name, label, extra))
    out.append("<datalist id='known-names'></datalist>")
    if page.card_fields == ("third_card",):
        out.append("<p class='lead'>If you had one more card, which position would you add?</p>")
    for name in page.card_fields:
        out.append(_input(page, name, CARD_LABELS[name], " maxlength='300'"))
        if page.reasons:
            ticked = set(page.ticked.get(name, ()))
            out.append("<fieldset><legend>Why is it critical? (optional)</legend>")
            for key, label in page.reasons:
                check = " checked" if key in ticked else ""
                box_id = f"{name}-{key}"
                out.append(
                    f"<label class='reason' for='{e(box_id)}'><input type='checkbox' "
                    f"id='{e(box_id)}' name='reason_{e(name)}' value='{e(key)}'{check}>"
                    f"{e(label)}</label>"
                )
            out.append("</fieldset>")
    out.append("<button type='submit'>Send</button></form>")
    return "".join(out)


def _input(page: PageState, name: str, label: str, extra: str) -> str:
    e = escape
    value = page.values.get(name, "")
    invalid = " aria-invalid='true' aria-describedby='error'" if page.error_field == name else ""
    return (
        f"<label for='{name}'>{e(label)}</label>"
        f"<input type='text' id='{name}' name='{name}' value='{e(value)}'{extra}{invalid}>"
    )


def _sent(page: PageState) -> str:
    if not page.sent:
        return ""
    e = escape
    out = [
        "<section class='sent' aria-label='What was received'>",
        f"<h2>Received from {e(page.sent_as)}</h2>",
    ]
    for card in page.sent:
        if card.editable and page.state != "closed":
            out.append(
                "<form method='post' action='fix'>"
                f"<input type='hidden' name='csrf' value='{e(page.csrf)}'>"
                f"<input type='hidden' name='card' value='{card.id}'>"
                f"<label for='fix-{card.id}'>Fix a typo"
                f"<input type='text' id='fix-{card.id}' name='text' value='{e(card.text)}'"
                " maxlength='300'></label><button type='submit'>Save</button></form>"
            )
        else:
            out.append(f"<p class='placed'>{e(card.text)} — on the wall</p>")
    out.append("</section>")
    return "".join(out)
