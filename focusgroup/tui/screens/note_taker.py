"""NoteTakerScreen: the second seat. The wall small on the left, the note editor large.

Keys: while typing, Ctrl+S saves and Esc goes to the wall; on the wall (or the log) single
keys act: c competency, n note, q quote, o commitment (offer), a applicants (step 8: where
employers find qualified applicants), l log, m mark a card, and the
protocol's topic keys (1-9) start a note on that topic. Ctrl+Z/Ctrl+Y undo this seat only.

Live sync: the app polls the session file and posts `SessionChanged` after either seat's
action; this screen re-reads only what those events touched. Forms are never rebuilt, so a
half-typed note survives the other seat's edits.

For the lead (app wiring), nothing is required beyond `make_app(store, "note-taker")`
pushing `NoteTakerScreen()`. Optional: a palette command / binding on the facilitator's wall
for `focusgroup.tui.screens.join.JoinScreen` (see that module).
"""

from __future__ import annotations

from datetime import date

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static

from focusgroup.store import SessionStore
from focusgroup.tui.live import ActionFailed
from focusgroup.tui.messages import SessionChanged
from focusgroup.tui.session_app import SessionApp
from focusgroup.tui.widgets.applicant_form import ApplicantForm
from focusgroup.tui.widgets.key_footer import KeyFooter
from focusgroup.tui.widgets.note_forms import (
    CommitmentForm,
    CompetencyForm,
    NoteForm,
    NoteTakerForm,
)
from focusgroup.tui.widgets.note_log import Entry, NoteLog, entries
from focusgroup.tui.widgets.note_wall import NoteWall

WALL_TABLES = frozenset({"cards", "categories", "competencies", "card_links"})
LOG_TABLES = frozenset({"competencies", "notes", "commitments", "participants", "referrals"})
FORM_IDS = {
    "competency": "nt-competency",
    "note": "nt-note",
    "commitment": "nt-commitment",
    "applicants": "nt-applicants",
}


def _topic_bindings() -> list[Binding]:
    # Shown per protocol through check_action; the label comes from the protocol's topic.
    return [
        Binding(str(d), f"topic('{d}')", f"Topic {d}", show=False, id=f"nt.topic{d}")
        for d in range(1, 10)
    ]


class NoteTakerScreen(Screen[None]):
    """Competencies, notes, quotes and commitments, linked to the wall as it is built."""

    app = getters.app(SessionApp)

    # Styles: styles/note_taker.tcss, loaded by the app with the others. A screen's own
    # CSS_PATH is not loaded when it is the app's first (default) screen, which is how
    # `focusgroup open FILE --role note-taker` starts it (issue 13).
    AUTO_FOCUS = "#nt-comp-text"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="nt.save"),
        Binding("escape", "focus_wall", "To wall", id="nt.wall"),
        Binding("c", "form('competency')", "Competency", id="nt.competency"),
        Binding("n", "form('note')", "Note", id="nt.note"),
        Binding("q", "form('quote')", "Quote", id="nt.quote"),
        Binding("o", "form('commitment')", "Commitment", id="nt.commitment"),
        Binding("a", "form('applicants')", "Applicants", id="nt.applicants"),
        Binding("l", "focus_log", "Log", id="nt.log"),
        *_topic_bindings(),
    ]

    def compose(self) -> ComposeResult:
        protocol = self.app.store.protocol()
        yield Static(id="nt-status")
        with Horizontal(id="nt-body"):
            yield NoteWall(id="nt-wall")
            with Vertical(id="nt-main"):
                with ContentSwitcher(initial="nt-competency", id="nt-forms"):
                    yield CompetencyForm(protocol, id="nt-competency")
                    yield NoteForm(protocol, id="nt-note")
                    yield CommitmentForm(id="nt-commitment")
                    yield ApplicantForm(id="nt-applicants")
                yield NoteLog(id="nt-log")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_all()

    # -- reading the store ---------------------------------------------------------------------

    def refresh_all(self) -> None:
        self._refresh_status()
        self._refresh_participants()
        self._refresh_wall()
        self._refresh_log()

    @on(SessionChanged)
    def session_changed(self, message: SessionChanged) -> None:
        """Re-read only what the events touched; forms and the cursor stay as they are."""
        tables = message.tables
        if "sessions" in tables:
            self._refresh_status()
        if "participants" in tables:
            self._refresh_participants()
        if tables & WALL_TABLES:
            self._refresh_wall()
        if tables & LOG_TABLES:
            self._refresh_log()
            self._check_editing()

    def _refresh_status(self) -> None:
        store = self.app.store
        session, protocol = store.session(), store.protocol()
        step = protocol.step(session.current_step)
        where = (
            f"Step {session.current_step + 1}/{len(protocol.steps)}: {step.title}" if step else ""
        )
        self.query_one("#nt-status", Static).update(
            Content.assemble(
                (session.title, "bold"),
                "  ·  ",
                where,
                ("  ·  note-taker seat", "dim"),
            )
        )
        self.query_one(NoteForm).follow_step(session.current_step)

    def _refresh_participants(self) -> None:
        participants = self.app.store.participants()
        for form in self.query(NoteTakerForm):
            if hasattr(form, "set_speakers"):
                form.set_speakers(participants)

    def _refresh_wall(self) -> None:
        store = self.app.store
        self.query_one(NoteWall).show(
            store.wall(),
            store.competencies(),
            self._tier_labels(),
            store.links(),
            tasks=store.session().from_profile,
        )

    def _refresh_log(self) -> None:
        store = self.app.store
        rows = entries(
            store.competencies(),
            store.notes(),
            store.commitments(),
            store.participants(),
            self._tier_labels(),
        )
        rows += applicant_entries(store)
        rows.sort(key=lambda e: (e.at, e.key), reverse=True)
        self.query_one(ApplicantForm).show_count(len(store.referrals()))
        self.query_one(NoteLog).show(rows)

    def _tier_labels(self) -> dict[str, str]:
        return {tier.key: tier.label for tier in self.app.store.protocol().tiers}

    def _check_editing(self) -> None:
        """The entry being edited was deleted from the other seat: keep the text, as new."""
        log = self.query_one(NoteLog)
        for form in self.query(NoteTakerForm):
            if form.editing is None:
                continue
            table = "note" if form.kind == "note" else form.kind
            if f"{table}:{form.editing}" not in log.rows:
                form.set_editing(None)
                self.notify(
                    f"The {form.kind} you are editing was deleted (perhaps by the other seat). "
                    "Your text is kept; saving adds it again.",
                    severity="warning",
                    markup=False,
                )

    # -- the wall and the forms ------------------------------------------------------------------

    @on(NoteWall.TargetChanged)
    def target_changed(self) -> None:
        wall = self.query_one(NoteWall)
        self.query_one(CompetencyForm).show_target(wall.target.label)
        self.query_one(NoteForm).show_about([wall.card_text(i) for i in wall.note_cards])
        card = next((c for c in self.app.store.cards() if c.id == wall.target.card_id), None)
        if card is not None:
            self.query_one(ApplicantForm).suggest_occupation(card.text)

    @property
    def current_form(self) -> NoteTakerForm:
        switcher = self.query_one("#nt-forms", ContentSwitcher)
        return self.query_one(f"#{switcher.current}", NoteTakerForm)

    def action_form(self, kind: str) -> None:
        """Open a form with the cursor in its first field (text typed earlier is still there)."""
        form_kind = "note" if kind == "quote" else kind
        self.query_one("#nt-forms", ContentSwitcher).current = FORM_IDS[form_kind]
        if form_kind == "note" and self.query_one(NoteForm).editing is None:
            self.query_one(NoteForm).set_kind(kind)
        self.current_form.focus_first()

    def action_topic(self, hotkey: str) -> None:
        topic = next((t for t in self.app.store.protocol().topics if t.hotkey == hotkey), None)
        if topic is None:
            return
        self.action_form("note")
        self.query_one(NoteForm).set_topic(topic.key)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "topic":
            topics = self.app.store.protocol().topics
            return any(t.hotkey == parameters[0] for t in topics)
        return True

    def action_focus_wall(self) -> None:
        self.query_one(NoteWall).focus()

    def action_focus_log(self) -> None:
        self.query_one(NoteLog).focus()

    def action_save(self) -> None:
        self.current_form.request_save()

    # -- saving ---------------------------------------------------------------------------

    @on(NoteTakerForm.SaveRequested)
    def save(self, message: NoteTakerForm.SaveRequested) -> None:
        form = message.form
        try:
            if isinstance(form, CompetencyForm):
                self._save_competency(form)
            elif isinstance(form, NoteForm):
                self._save_note(form)
            elif isinstance(form, CommitmentForm):
                self._save_commitment(form)
            elif isinstance(form, ApplicantForm):
                self._save_applicants(form)
        except ActionFailed:
            return  # the app showed why; everything typed is still in the form
        form.clear()
        if isinstance(form, NoteForm):
            # The marks were for that note; the next one starts about no card (visible).
            self.query_one(NoteWall).action_clear_marks()
        form.focus_first()

    def _save_competency(self, form: CompetencyForm) -> None:
        store, values = self.app.store, form.values()
        fields = dict(
            ksa=values.tags.ksa,
            tier=values.tags.tier,
            level=values.tags.level,
            lacking=values.tags.lacking,
            participant_id=values.participant_id,
        )
        if form.editing is not None:
            self.app.perform(
                store.update_competency, form.editing, text=values.text, strict=True, **fields
            )
        else:
            target = self.query_one(NoteWall).target
            self.app.perform(
                store.add_competency,
                values.text,
                card_id=target.card_id,
                category_id=target.category_id,
                strict=True,
                **fields,
            )

    def _save_note(self, form: NoteForm) -> None:
        store, values = self.app.store, form.values()
        fields = dict(
            kind=values.kind,
            participant_id=values.participant_id,
            step=values.step,
            tags=values.tags,
            topic=values.topic,
            quote_as=values.quote_as,
        )
        if form.editing is not None:
            self.app.perform(
                store.update_note, form.editing, text=values.text, strict=True, **fields
            )
        else:
            cards = self.query_one(NoteWall).note_cards
            self.app.perform(store.add_note, values.text, card_ids=cards, strict=True, **fields)

    def _save_commitment(self, form: CommitmentForm) -> None:
        store, values = self.app.store, form.values()
        if values.due:
            try:
                date.fromisoformat(values.due)
            except ValueError:
                self.notify(
                    f"{values.due!r} is not a date; use YYYY-MM-DD.",
                    severity="warning",
                    markup=False,
                )
                raise ActionFailed(values.due) from None
        fields = dict(
            participant_id=values.participant_id,
            detail=values.detail,
            owner=values.owner,
            due=values.due,
        )
        if form.editing is not None:
            self.app.perform(
                store.update_commitment, form.editing, offer=values.offer, strict=True, **fields
            )
        else:
            self.app.perform(store.add_commitment, values.offer, strict=True, **fields)

    def _save_applicants(self, form: ApplicantForm) -> None:
        store, values = self.app.store, form.values()
        fields = vars(values).copy()
        if form.editing is not None:
            self.app.perform(store.update_referral, form.editing, strict=True, **fields)
        else:
            self.app.perform(store.add_referral, strict=True, **fields)
            if values.program.strip():
                self.notify(
                    f"Saved; {values.program} is in the programs inventory. Ctrl+Z undoes both.",
                    markup=False,
                    timeout=4,
                )

    # -- the log: edit and delete ----------------------------------------------------------

    @on(NoteLog.EditRequested)
    def edit_entry(self, message: NoteLog.EditRequested) -> None:
        table, _, raw_id = message.key.partition(":")
        form = self._load_form(table, int(raw_id))
        if form is None:
            self.notify("That entry is no longer in the session.", severity="warning")
            return
        self.query_one("#nt-forms", ContentSwitcher).current = FORM_IDS[form.kind]
        form.focus_first()

    def _load_form(self, table: str, entry_id: int) -> NoteTakerForm | None:
        """Fill the form for a logged entry; None when the entry is gone (the other seat)."""
        store = self.app.store
        if table == "competency":
            competency = next((c for c in store.competencies() if c.id == entry_id), None)
            if competency is None:
                return None
            competency_form = self.query_one(CompetencyForm)
            competency_form.load(competency)
            return competency_form
        if table == "note":
            note = next((n for n in store.notes() if n.id == entry_id), None)
            if note is None:
                return None
            note_form = self.query_one(NoteForm)
            note_form.load(note)
            return note_form
        if table == "applicants":
            answer = next((r for r in store.referrals() if r.id == entry_id), None)
            if answer is None:
                return None
            applicant_form = self.query_one(ApplicantForm)
            applicant_form.load(answer)
            return applicant_form
        commitment = next((c for c in store.commitments() if c.id == entry_id), None)
        if commitment is None:
            return None
        commitment_form = self.query_one(CommitmentForm)
        commitment_form.load(commitment)
        return commitment_form

    @on(NoteLog.DeleteRequested)
    def delete_entry(self, message: NoteLog.DeleteRequested) -> None:
        table, _, raw_id = message.key.partition(":")
        store = self.app.store
        delete = {
            "competency": store.delete_competency,
            "note": store.delete_note,
            "commitment": store.delete_commitment,
            "applicants": store.delete_referral,
        }[table]
        try:
            self.app.perform(delete, int(raw_id), strict=True)
        except ActionFailed:
            return
        self.notify(f"Deleted the {table}. Ctrl+Z brings it back.", timeout=3)


def applicant_entries(store: SessionStore) -> list[Entry]:
    """Step-8 answers as log rows (the log's `entries` covers the other three kinds)."""
    names = {p.id: p.label for p in store.participants()}
    rows = []
    for r in store.referrals():
        where = f"{r.program} ({r.institution})" if r.institution else r.program
        details = [
            "favourite" if r.favourite else "",
            f"feeds {r.occupation}" if r.occupation else "",
            f"out of state {r.out_of_state}" if r.out_of_state else "",
            f"within: {r.promotes_within}" if r.promotes_within else "",
        ]
        rows.append(
            Entry(
                "applicants",
                r.id,
                where or r.note or "(no program named)",
                names.get(r.participant_id, "") if r.participant_id is not None else "",
                " · ".join(d for d in details if d),
                r.created_at,
            )
        )
    return rows
