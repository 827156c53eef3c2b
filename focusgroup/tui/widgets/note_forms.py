"""The note-taker's three forms: a competency, a note or quote, a commitment.

Forms hold what is being typed and never touch the store: they post `SaveRequested`, and the
screen saves and calls `clear()` only when the store accepted it, so nothing typed is lost.
Choices (speakers, steps, topics) are refreshed in place, keeping the current pick.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, Static, TextArea
from textual.widgets.select import InvalidSelectValueError

from focusgroup.domain.model import (
    COMMITMENT_OFFERS,
    Commitment,
    Competency,
    Note,
    Participant,
    QuoteAs,
)
from focusgroup.domain.protocol import Protocol
from focusgroup.tui.widgets.competency_tags import CompetencyTags, Tags

NOBODY = -1
"""Select value for "unattributed" (Select's own blank is for "not chosen")."""

QUOTE_AS_LABELS = {
    QuoteAs.NAMED.value: "by name",
    QuoteAs.ORGANIZATION.value: "by organization only",
    QuoteAs.ANONYMOUS.value: "anonymously",
}


def options(pairs: Sequence[tuple[str, Any]]) -> list[tuple[Content, Any]]:
    """Select options whose labels are shown literally, never parsed as markup."""
    return [(Content(label), value) for label, value in pairs]


def set_choices(select: Select[Any], pairs: Sequence[tuple[str, Any]]) -> None:
    """Replace a Select's options, keeping its value when it still exists."""
    current = select.value
    select.set_options(options(pairs))
    if current is not Select.NULL and any(value == current for _, value in pairs):
        select.value = current


def choose(select: Select[Any], value: Any, fallback: Any = Select.NULL) -> None:
    """Set a Select's value; one that is gone (removed by the other seat) picks `fallback`."""
    try:
        select.value = value
    except InvalidSelectValueError:
        select.value = fallback


def speaker_choices(participants: Sequence[Participant]) -> list[tuple[str, int]]:
    return [("Unattributed", NOBODY), *((p.label, p.id) for p in participants)]


class NoteTakerForm(Vertical):
    """Shared parts: a title line, edit mode, and the save request."""

    kind = ""

    class SaveRequested(Message):
        def __init__(self, form: NoteTakerForm) -> None:
            super().__init__()
            self.form = form

        @property
        def control(self) -> NoteTakerForm:
            return self.form

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="nt-form")
        self.editing: int | None = None
        """The id of the entry being edited, or None for a new one."""

    def request_save(self) -> None:
        self.post_message(self.SaveRequested(self))

    @on(Button.Pressed, ".nt-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.request_save()

    @on(Button.Pressed, ".nt-cancel-edit")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.clear()

    def set_editing(self, entry_id: int | None) -> None:
        self.editing = entry_id
        self.set_class(entry_id is not None, "-editing")
        self.query_one(".nt-save", Button).label = "Save changes" if entry_id else "Add"

    def clear(self) -> None:
        self.set_editing(None)

    def focus_first(self) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class CompetencyValues:
    text: str
    tags: Tags
    participant_id: int | None


class CompetencyForm(NoteTakerForm):
    kind = "competency"

    def __init__(self, protocol: Protocol, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.protocol = protocol

    def compose(self) -> ComposeResult:
        yield Label("Competency", classes="nt-form-title")
        yield Static(id="nt-comp-target", classes="nt-target")
        yield Input(placeholder="What employers said it takes…", id="nt-comp-text")
        yield CompetencyTags(
            self.protocol.ksa_types,
            self.protocol.tiers,
            self.protocol.level_keys(),
            id="nt-comp-tags",
        )
        with Horizontal(classes="nt-row"):
            yield Label("Said by", classes="nt-label")
            yield Select([], prompt="Unattributed", id="nt-comp-speaker")
        with Horizontal(classes="nt-buttons"):
            yield Button("Add", classes="nt-save", variant="primary")
            yield Button("Cancel edit", classes="nt-cancel-edit")

    def focus_first(self) -> None:
        self.query_one("#nt-comp-text", Input).focus()

    def show_target(self, label: str) -> None:
        target = self.query_one("#nt-comp-target", Static)
        if label:
            target.update(Content.assemble(("For: ", "dim"), label))
        else:
            target.update(Content.styled("For: no card or category (highlight one on the wall)"))

    def set_speakers(self, participants: Sequence[Participant]) -> None:
        set_choices(self.query_one("#nt-comp-speaker", Select), speaker_choices(participants))

    @on(Input.Submitted, "#nt-comp-text")
    def _text_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(CompetencyTags).focus()

    @on(CompetencyTags.Submitted)
    def _tags_done(self, event: CompetencyTags.Submitted) -> None:
        event.stop()
        self.request_save()

    @on(CompetencyTags.Back)
    def _tags_back(self, event: CompetencyTags.Back) -> None:
        event.stop()
        self.focus_first()

    def values(self) -> CompetencyValues:
        speaker = self.query_one("#nt-comp-speaker", Select).value
        return CompetencyValues(
            text=self.query_one("#nt-comp-text", Input).value,
            tags=self.query_one(CompetencyTags).tags,
            participant_id=speaker if isinstance(speaker, int) and speaker != NOBODY else None,
        )

    def load(self, comp: Competency) -> None:
        self.query_one("#nt-comp-text", Input).value = comp.text
        self.query_one(CompetencyTags).tags = Tags(comp.ksa, comp.tier, comp.level, comp.lacking)
        speaker = self.query_one("#nt-comp-speaker", Select)
        choose(speaker, comp.participant_id if comp.participant_id is not None else NOBODY, NOBODY)
        self.set_editing(comp.id)

    def clear(self) -> None:
        # The next entry starts from a visible default: unattributed (issue 13: a speaker
        # carried over silently credited the next person's words to the last one).
        self.query_one("#nt-comp-text", Input).value = ""
        self.query_one(CompetencyTags).reset()
        choose(self.query_one("#nt-comp-speaker", Select), NOBODY)
        super().clear()


@dataclass(frozen=True)
class NoteValues:
    text: str
    kind: str
    participant_id: int | None
    quote_as: str
    topic: str
    step: int | None
    tags: tuple[str, ...]


class NoteForm(NoteTakerForm):
    kind = "note"

    def __init__(self, protocol: Protocol, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.protocol = protocol
        self._participants: dict[int, Participant] = {}
        self._auto_step: int | None = None
        self._quote_as_override: str | None = None
        """Set while loading a note: its own quoting choice beats the speaker's default."""

    def compose(self) -> ComposeResult:
        yield Label("Note", classes="nt-form-title", id="nt-note-title")
        yield Static(id="nt-note-about", classes="nt-target")
        yield TextArea(id="nt-note-text", soft_wrap=True, show_line_numbers=False)
        with Horizontal(classes="nt-row"):
            yield Label("Kind", classes="nt-label")
            yield Select(
                options([("Note", "note"), ("Quote", "quote")]),
                value="note",
                allow_blank=False,
                id="nt-note-kind",
            )
            yield Label("Speaker", classes="nt-label")
            yield Select([], prompt="Unattributed", id="nt-note-speaker")
        with Horizontal(classes="nt-row"):
            # Quote fields only for quotes: a plain note has no one to credit it to.
            yield Label("Credit", classes="nt-label nt-quote-only")
            yield Select(
                options([(label, key) for key, label in QUOTE_AS_LABELS.items()]),
                value=QuoteAs.ANONYMOUS.value,
                allow_blank=False,
                id="nt-note-quote-as",
                classes="nt-quote-only",
            )
            yield Label("Topic", classes="nt-label")
            yield Select(
                options([(f"{t.hotkey} {t.label}", t.key) for t in self.protocol.topics]),
                prompt="No topic",
                id="nt-note-topic",
            )
        with Horizontal(classes="nt-row"):
            yield Label("Step", classes="nt-label")
            yield Select(
                options([(f"{i + 1}. {s.title}", i) for i, s in enumerate(self.protocol.steps)]),
                prompt="No step",
                id="nt-note-step",
            )
            yield Label("Tags", classes="nt-label")
            yield Input(placeholder="comma, separated", id="nt-note-tags")
        with Horizontal(classes="nt-buttons"):
            yield Button("Add", classes="nt-save", variant="primary")
            yield Button("Cancel edit", classes="nt-cancel-edit")

    def focus_first(self) -> None:
        self.query_one("#nt-note-text", TextArea).focus()

    def set_kind(self, kind: str) -> None:
        self.query_one("#nt-note-kind", Select).value = kind

    def set_topic(self, topic: str) -> None:
        self.query_one("#nt-note-topic", Select).value = topic

    def show_about(self, labels: Sequence[str]) -> None:
        about = self.query_one("#nt-note-about", Static)
        if labels:
            about.update(Content.assemble(("About: ", "dim"), Content("; ").join(labels)))
        else:
            about.update(Content.styled("About: no card (m marks cards on the wall)", "dim"))

    def set_speakers(self, participants: Sequence[Participant]) -> None:
        self._participants = {p.id: p for p in participants}
        set_choices(self.query_one("#nt-note-speaker", Select), speaker_choices(participants))

    def follow_step(self, current_step: int) -> None:
        """Track the meeting's step, unless the note-taker picked another one."""
        select = self.query_one("#nt-note-step", Select)
        if select.value is Select.NULL or select.value == self._auto_step:
            select.value = current_step
        self._auto_step = current_step

    @on(Select.Changed, "#nt-note-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self.query_one("#nt-note-title", Label).update(
            "Quote" if event.value == "quote" else "Note"
        )
        self.set_class(event.value == "quote", "-quote")

    @on(Select.Changed, "#nt-note-speaker")
    def _speaker_changed(self, event: Select.Changed) -> None:
        """Quoting defaults to how the speaker agreed to be quoted."""
        speaker = self._participants.get(event.value) if isinstance(event.value, int) else None
        quote_as = speaker.quote_as if speaker else QuoteAs.ANONYMOUS.value
        if self._quote_as_override is not None:
            quote_as, self._quote_as_override = self._quote_as_override, None
        self.query_one("#nt-note-quote-as", Select).value = quote_as

    def values(self) -> NoteValues:
        speaker = self.query_one("#nt-note-speaker", Select).value
        topic = self.query_one("#nt-note-topic", Select).value
        step = self.query_one("#nt-note-step", Select).value
        tags = self.query_one("#nt-note-tags", Input).value
        return NoteValues(
            text=self.query_one("#nt-note-text", TextArea).text,
            kind=str(self.query_one("#nt-note-kind", Select).value),
            participant_id=speaker if isinstance(speaker, int) and speaker != NOBODY else None,
            quote_as=str(self.query_one("#nt-note-quote-as", Select).value),
            topic=topic if isinstance(topic, str) else "",
            step=step if isinstance(step, int) else None,
            tags=tuple(dict.fromkeys(t.strip() for t in tags.split(",") if t.strip())),
        )

    def load(self, note: Note) -> None:
        self.query_one("#nt-note-text", TextArea).text = note.text
        self.set_kind(note.kind)
        speaker = self.query_one("#nt-note-speaker", Select)
        who = note.participant_id if note.participant_id in self._participants else NOBODY
        if speaker.value != who:
            # Its Changed handler runs later and would put back the speaker's default.
            self._quote_as_override = note.quote_as
            speaker.value = who
        self.query_one("#nt-note-quote-as", Select).value = note.quote_as
        choose(self.query_one("#nt-note-step", Select), note.step)
        choose(self.query_one("#nt-note-topic", Select), note.topic or Select.NULL)
        self.query_one("#nt-note-tags", Input).value = ", ".join(note.tags)
        self.set_editing(note.id)

    def clear(self) -> None:
        # Kind and step stay (the next note is usually the same sort, in the same step); the
        # speaker goes back to unattributed, shown in the form, never carried over silently.
        self.query_one("#nt-note-text", TextArea).text = ""
        choose(self.query_one("#nt-note-speaker", Select), NOBODY)
        self.query_one("#nt-note-tags", Input).value = ""
        self.query_one("#nt-note-topic", Select).clear()
        super().clear()


@dataclass(frozen=True)
class CommitmentValues:
    participant_id: int | None
    offer: str
    detail: str
    owner: str
    due: str


class CommitmentForm(NoteTakerForm):
    kind = "commitment"

    def compose(self) -> ComposeResult:
        yield Label("Commitment / next step", classes="nt-form-title")
        with Horizontal(classes="nt-row"):
            yield Label("Employer", classes="nt-label")
            yield Select([], prompt="Choose who offered", id="nt-commit-employer")
        with Horizontal(classes="nt-row"):
            yield Label("Offer", classes="nt-label")
            yield Select(
                options([(offer.capitalize(), offer) for offer in COMMITMENT_OFFERS]),
                prompt="What they offered",
                id="nt-commit-offer",
            )
        yield Input(placeholder="Details (optional)", id="nt-commit-detail")
        with Horizontal(classes="nt-row"):
            yield Label("Owner", classes="nt-label")
            yield Input(placeholder="Who follows up", id="nt-commit-owner")
            yield Label("Due", classes="nt-label")
            yield Input(placeholder="YYYY-MM-DD", id="nt-commit-due", max_length=10)
        with Horizontal(classes="nt-buttons"):
            yield Button("Add", classes="nt-save", variant="primary")
            yield Button("Cancel edit", classes="nt-cancel-edit")

    def focus_first(self) -> None:
        self.query_one("#nt-commit-employer", Select).focus()

    def set_speakers(self, participants: Sequence[Participant]) -> None:
        pairs = [(p.label, p.id) for p in participants]
        set_choices(self.query_one("#nt-commit-employer", Select), pairs)

    @on(Input.Submitted, "#nt-commit-due")
    def _due_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.request_save()

    def values(self) -> CommitmentValues:
        employer = self.query_one("#nt-commit-employer", Select).value
        offer = self.query_one("#nt-commit-offer", Select).value
        return CommitmentValues(
            participant_id=employer if isinstance(employer, int) else None,
            offer=offer if isinstance(offer, str) else "",
            detail=self.query_one("#nt-commit-detail", Input).value,
            owner=self.query_one("#nt-commit-owner", Input).value,
            due=self.query_one("#nt-commit-due", Input).value.strip(),
        )

    def load(self, commitment: Commitment) -> None:
        choose(self.query_one("#nt-commit-employer", Select), commitment.participant_id)
        offer = commitment.offer if commitment.offer in COMMITMENT_OFFERS else "other"
        choose(self.query_one("#nt-commit-offer", Select), offer)
        self.query_one("#nt-commit-detail", Input).value = commitment.detail
        self.query_one("#nt-commit-owner", Input).value = commitment.owner
        self.query_one("#nt-commit-due", Input).value = commitment.due
        self.set_editing(commitment.id)

    def clear(self) -> None:
        for selector in ("#nt-commit-detail", "#nt-commit-due"):
            self.query_one(selector, Input).value = ""
        self.query_one("#nt-commit-employer", Select).clear()
        self.query_one("#nt-commit-offer", Select).clear()
        super().clear()
