"""The quick-entry bar: who wrote it, what it says, Enter. Faster than paper.

The bar never talks to the store: it posts `CardSubmitted` / `ParticipantSubmitted` and the
screen answers with `card_added` (the bar starts over) or leaves everything as typed on failure.

Three rules keep junk off the wall (issue 13): after a saved card or Esc the bar starts empty
at the employer field, so the next card can't silently inherit the last employer; a name that
matches nobody is shown as "new participant" and only added on a second Enter; and a card is
only submitted once its employer field names exactly one person (or is empty).
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
    LABEL = "Card by"

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
        self.pending_new: str | None = None
        """A name that matches nobody, shown as new; a second Enter adds the participant."""
        self._warned_unsaved = False
        """Esc was pressed once with unsaved card text (kept, and the user told)."""

    def compose(self) -> Iterable[Label | Input]:
        yield Label(self.LABEL, id="qe-label", markup=False)
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

    def card_added(self, person: Participant | None = None, cards_done: bool = True) -> None:
        """Ready for the next card: empty, at the employer field (never the last employer)."""
        self.reset()
        self.screen.set_focus(self.who_input)

    def reset(self) -> None:
        """Empty both fields and forget the chosen employer."""
        self.chosen = None
        self._set_pending(None)
        self.who_input.value = ""
        self.text_input.value = ""

    def _set_pending(self, name: str | None) -> None:
        self.pending_new = name
        label = self.query_one("#qe-label", Label)
        if name is None:
            label.update(self.LABEL)
        else:
            # Plain text (markup=False): the typed name is shown exactly as typed.
            label.update(f"New participant “{name}”? Enter adds")
        label.set_class(name is not None, "-new")

    def resolve(self) -> list[Participant]:
        if self.chosen is not None and self.who_input.value == self.chosen.label:
            return [self.chosen]
        return match_participants(self.who_input.value, self.people)

    # -- events ------------------------------------------------------------------------------

    @on(Input.Changed, "#qe-who")
    def _who_edited(self, event: Input.Changed) -> None:
        if self.chosen is not None and event.value != self.chosen.label:
            self.chosen = None
        if self.pending_new is not None and event.value.strip() != self.pending_new:
            self._set_pending(None)

    @on(Input.Changed, "#qe-text")
    def _text_edited(self) -> None:
        self._warned_unsaved = False

    @on(Input.Submitted, "#qe-who")
    def _who_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        who = event.value.strip()
        if not who:
            self.choose(None)  # a card from nobody in particular
            return
        found = self.resolve()
        if len(found) == 1:
            self._set_pending(None)
            self.choose(found[0])
        elif not found:
            if self.pending_new == who:  # the second Enter: they really are new
                self._set_pending(None)
                self.post_message(self.ParticipantSubmitted(who))
            else:
                self._set_pending(who)
        else:
            names = ", ".join(p.label for p in found[:4])
            self.notify(f"Several people match: {names}. Type a few more letters.", markup=False)

    @on(Input.Submitted, "#qe-text")
    def _text_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        who = self.who_input.value.strip()
        found = self.resolve() if who else []
        if who and len(found) != 1:
            # Nobody or several match: settle who wrote it first; the card text stays.
            self.screen.set_focus(self.who_input)
            if not found:
                self._set_pending(who)
            else:
                names = ", ".join(p.label for p in found[:4])
                self.notify(f"Who wrote it? Several match: {names}.", markup=False)
            return
        chosen = found[0] if found else None
        self.post_message(self.CardSubmitted(who, chosen.id if chosen else None, event.value))

    def action_leave(self) -> None:
        """Esc: back to the wall with an empty bar. Unsaved card text is never dropped
        silently: the first Esc keeps it and says so, a second Esc clears it."""
        text = self.text_input.value
        if text.strip() and not self._warned_unsaved:
            self._warned_unsaved = True
            self.notify(
                "The card text isn't saved yet: Enter saves it, Esc again clears the bar.",
                severity="warning",
                timeout=4,
            )
            return
        self._warned_unsaved = False
        self.reset()
        self.post_message(self.Left())
