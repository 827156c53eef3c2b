"""The quick-entry bar: who wrote it, what it says, Enter. Faster than paper.

The bar never talks to the store: it posts `CardSubmitted` / `ParticipantSubmitted` and the
screen answers with `card_added` (clears the text) or leaves everything as typed on failure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, Label

from focusgroup.domain.model import Participant


def participant_label(person: Participant) -> str:
    return person.label


def match_participants(query: str, people: Sequence[Participant]) -> list[Participant]:
    """People whose label matches what was typed: exact label, then prefixes, then substrings."""
    q = " ".join(query.split()).casefold()
    if not q:
        return []
    exact = [p for p in people if q in (p.label.casefold(), p.name.casefold())]
    if exact:
        return exact
    words = [p for p in people if any(w.startswith(q) for w in _words(p))]
    if words:
        return words
    return [p for p in people if q in f"{p.name} {p.organization}".casefold()]


def _words(person: Participant) -> Iterable[str]:
    yield person.name.casefold()
    yield person.organization.casefold()
    yield from person.name.casefold().split()
    yield from person.organization.casefold().split()


def split_new_participant(text: str) -> tuple[str, str]:
    """'Ana Ruiz, Acme' or 'Ana Ruiz (Acme)' -> name and organization."""
    text = " ".join(text.split())
    if text.endswith(")") and "(" in text:
        name, _, org = text[:-1].partition("(")
        return name.strip(), org.strip()
    if "," in text:
        name, _, org = text.partition(",")
        return name.strip(), org.strip()
    return text, ""


class WhoSuggester(Suggester):
    """Completes a participant's label from the start of their name or organization."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.people: list[Participant] = []

    async def get_suggestion(self, value: str) -> str | None:
        q = value.casefold()
        if not q:
            return None
        for person in self.people:
            if person.label.casefold().startswith(q):
                return value + person.label[len(value) :]
        return None


class TitleSuggester(Suggester):
    """Completes occupation titles already on the wall, then SOC titles (crosswalk)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.titles: list[str] = []
        self.extra: list[str] = []
        """Titles from the crosswalk search, filled by the screen's worker."""

    async def get_suggestion(self, value: str) -> str | None:
        q = value.casefold()
        if len(q) < 2:
            return None
        for title in (*self.titles, *self.extra):
            if title.casefold().startswith(q) and len(title) > len(value):
                return value + title[len(value) :]
        return await self._soc_title(value) if len(q) >= 3 else None

    async def _soc_title(self, value: str) -> str | None:
        """An O*NET occupation title that starts with what was typed (searched off the loop)."""
        import asyncio

        from focusgroup.crosswalk.search import search
        from focusgroup.domain.errors import FocusGroupError

        try:
            matches = await asyncio.to_thread(search, value, 5)
        except FocusGroupError:
            return None  # no index: suggest from the wall only
        q = value.casefold()
        for match in matches:
            if match.title.casefold().startswith(q) and len(match.title) > len(value):
                return value + match.title[len(value) :]
        return None


class QuickEntry(Horizontal):
    """Employer and card text side by side; Enter adds the card to Unsorted."""

    BINDINGS = [Binding("escape", "leave", "Back to wall", id="entry.leave")]

    class CardSubmitted(Message):
        def __init__(self, who: str, participant_id: int | None, text: str) -> None:
            super().__init__()
            self.who = who
            self.participant_id = participant_id
            self.text = text

    class ParticipantSubmitted(Message):
        """Enter on a name nobody has: the screen adds them in one step."""

        def __init__(self, who: str) -> None:
            super().__init__()
            self.who = who

    class Left(Message):
        """Escape: the screen puts focus back on the wall."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.who_suggester = WhoSuggester()
        self.title_suggester = TitleSuggester()
        self.people: list[Participant] = []
        self.chosen: Participant | None = None

    def compose(self) -> Iterable[Label | Input]:
        yield Label("Card by", id="qe-label")
        yield Input(
            placeholder="employer: a few letters",
            id="qe-who",
            suggester=self.who_suggester,
            select_on_focus=False,
        )
        yield Input(
            placeholder="card text, Enter adds it to Unsorted",
            id="qe-text",
            suggester=self.title_suggester,
            select_on_focus=False,
        )

    @property
    def who_input(self) -> Input:
        return self.query_one("#qe-who", Input)

    @property
    def text_input(self) -> Input:
        return self.query_one("#qe-text", Input)

    # -- data from the screen ------------------------------------------------------------------

    def set_participants(self, people: Sequence[Participant]) -> None:
        self.people = list(people)
        self.who_suggester.people = self.people
        if self.chosen is not None:
            self.chosen = next((p for p in self.people if p.id == self.chosen.id), None)

    def set_titles(self, titles: Iterable[str]) -> None:
        self.title_suggester.titles = sorted(set(titles), key=str.casefold)

    def choose(self, person: Participant | None, *, focus_text: bool = True) -> None:
        self.chosen = person
        self.who_input.value = person.label if person else ""
        if focus_text:
            self.screen.set_focus(self.text_input)
        else:
            self.screen.set_focus(self.who_input)

    def card_added(self, person: Participant | None, cards_done: bool) -> None:
        """Ready for the next card: same employer until they've turned in their two."""
        self.text_input.value = ""
        if cards_done:
            self.choose(None, focus_text=False)
        else:
            self.screen.set_focus(self.text_input)

    def resolve(self) -> list[Participant]:
        if self.chosen is not None and self.who_input.value == self.chosen.label:
            return [self.chosen]
        return match_participants(self.who_input.value, self.people)

    # -- events ------------------------------------------------------------------------------

    @on(Input.Changed, "#qe-who")
    def _who_edited(self, event: Input.Changed) -> None:
        if self.chosen is not None and event.value != self.chosen.label:
            self.chosen = None

    @on(Input.Submitted, "#qe-who")
    def _who_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        who = event.value.strip()
        if not who:
            self.choose(None)  # a card from nobody in particular
            return
        found = self.resolve()
        if len(found) == 1:
            self.choose(found[0])
        elif not found:
            self.post_message(self.ParticipantSubmitted(who))
        else:
            names = ", ".join(p.label for p in found[:4])
            self.notify(f"Several people match: {names}. Type a few more letters.", markup=False)

    @on(Input.Submitted, "#qe-text")
    def _text_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        found = self.resolve()
        chosen = found[0] if len(found) == 1 else None
        self.post_message(
            self.CardSubmitted(
                self.who_input.value.strip(), chosen.id if chosen else None, event.value
            )
        )

    def action_leave(self) -> None:
        self.post_message(self.Left())
