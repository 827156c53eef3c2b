"""WallScreen: the facilitator's sticky wall, agenda, timer and quick-entry bar.

Intent flows one way: keys and widget messages arrive here, the screen calls the store through
`app.perform` (which syncs straight after), and `SessionChanged` brings the new state down to the
board, which repaints only what changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from focusgroup.domain.model import Card
from focusgroup.domain.wall import (
    build_wall,
    employers_named,
    missing_cards,
    path_columns,
    path_side,
    path_steps,
    rank_occupations,
    reason_tallies,
)
from focusgroup.tui.messages import SessionChanged
from focusgroup.tui.screens.wall_cards import WallCards
from focusgroup.tui.screens.wall_categories import WallCategories
from focusgroup.tui.screens.wall_entry import WallEntry
from focusgroup.tui.screens.wall_meeting import WallMeeting
from focusgroup.tui.screens.wall_tools import WallTools
from focusgroup.tui.wall_view import ViewOptions, WallView, build_wall_view
from focusgroup.tui.widgets.agenda import AgendaPanel, counts_content, wall_counts
from focusgroup.tui.widgets.card_tile import reason_mark
from focusgroup.tui.widgets.key_footer import KeyFooter
from focusgroup.tui.widgets.quick_entry import QuickEntry
from focusgroup.tui.widgets.step_timer import StepTimer
from focusgroup.tui.widgets.wall_board import WallBoard, WallKeys

AGENDA_WIDTH = 38
"""Keep in step with AgendaPanel's width in agenda.tcss."""
NARROW = 110
COLLECT_CHECK_SECONDS = 1.0
"""How often the title bar looks at the phones' collect file (a stat and a small read)."""
"""Below this width the agenda starts hidden (F6 shows it)."""


class Covered(Horizontal):
    """A row whose children cover it: a full repaint skips its own background lines."""

    BLANK = True


class WallScreen(WallMeeting, WallCards, WallCategories, WallEntry, WallTools):
    """The wall as one screen: bindings, building and repainting here; actions in the mixins."""

    HELP_INTRO = (
        "Add a card: a, a few letters of the employer, Enter, the card text, Enter; "
        "it lands in Unsorted. Arrows pick a card; Shift+arrows move it between "
        "categories and levels."
    )
    """The first line of F1 help on the wall (tests/tui/test_help_lines.py runs it)."""

    AUTO_FOCUS = "WallKeys"
    """The wall (not the entry bar) takes keys from the start."""
    BLANK = True
    """The bar, the board, the entry bar and the footer cover the whole screen."""
    BINDINGS = [
        # Card keys act when the wall has focus; typing in the bar never triggers them.
        Binding("a", "focus_entry", "Add card", id="wall.add"),
        Binding("up", "select(0, -1)", "Previous card", show=False, id="wall.select.up"),
        Binding("down", "select(0, 1)", "Next card", show=False, id="wall.select.down"),
        Binding("left", "select(-1, 0)", "Column ←", show=False, id="wall.select.left"),
        Binding("right", "select(1, 0)", "Column →", show=False, id="wall.select.right"),
        Binding("shift+right,greater_than_sign", "step_category(1)", "Card →", id="wall.right"),
        Binding("shift+left,less_than_sign", "step_category(-1)", "Card ←", id="wall.left"),
        Binding("shift+up", "step_level(1)", "Level ↑", id="wall.up"),
        Binding("shift+down", "step_level(-1)", "Level ↓", id="wall.down"),
        Binding("left_square_bracket", "reorder(-1)", "Earlier", show=False, id="wall.earlier"),
        Binding("right_square_bracket", "reorder(1)", "Later", show=False, id="wall.later"),
        Binding("space", "toggle_mark", "Mark", id="wall.mark"),
        Binding("m", "merge", "Merge", id="wall.merge"),
        Binding("enter,o", "open_card", "Open", id="wall.open"),
        Binding("s", "split", "Split", show=False, id="wall.split"),
        Binding("h", "hands", "Hands", id="wall.hands"),
        Binding("l", "link_card", "Advances to", show=False, id="wall.link"),
        Binding("e", "edit_card", "Edit", show=False, id="wall.edit"),
        Binding("y", "own_reason", "Own reason", show=False, id="wall.reason.own"),
        Binding("d", "cycle_shift", "Shifting", show=False, id="wall.shift"),
        Binding("x,delete", "delete_card", "Delete", show=False, id="wall.delete"),
        Binding("c", "add_category", "New category", show=False, id="wall.category.add"),
        Binding("r", "rename_category", "Rename category", show=False, id="wall.category.rename"),
        Binding(
            "k", "recolour_category", "Recolour category", show=False, id="wall.category.colour"
        ),
        Binding(
            "left_curly_bracket",
            "move_category(-1)",
            "Category ←",
            show=False,
            id="wall.category.left",
        ),
        Binding(
            "right_curly_bracket",
            "move_category(1)",
            "Category →",
            show=False,
            id="wall.category.right",
        ),
        Binding("X", "remove_category", "Remove category", show=False, id="wall.category.remove"),
        Binding(
            "U",  # "unused": C is the phones' collection screen (issue 18)
            "remove_empty_categories",
            "Remove empty categories",
            show=False,
            id="wall.category.remove_empty",
        ),
        Binding("f", "fold", "Fold competencies", show=False, id="wall.fold"),
        Binding("pagedown", "step(1)", "Next step", id="wall.step.next"),
        Binding("pageup", "step(-1)", "Prev step", show=False, id="wall.step.prev"),
        Binding("f7,t", "pause_timer", "Pause timer", show=False, id="wall.timer.pause"),
        Binding("f8,plus", "extend_timer", "+1 min", show=False, id="wall.timer.extend"),
        Binding("f2,p", "participants", "People", id="wall.participants"),
        Binding("i", "programs", "Programs", show=False, id="wall.programs"),
        Binding("f5,v", "projector", "Projector", id="wall.projector"),
        Binding("f6", "toggle_agenda", "Agenda", show=False, id="wall.agenda"),
        Binding("w", "crosswalk", "Crosswalk", show=False, id="wall.crosswalk"),
        Binding("E", "export", "Export", id="wall.export"),
        Binding("P", "pathway_map", "Pathway map", show=False, id="wall.map"),
        # The recap's keys (issue 14); listed last so the footer keeps the meeting's own keys.
        Binding("asterisk", "shortlist", "Shortlist", id="wall.shortlist"),
        Binding("R", "recap", "Recap", id="wall.recap"),
        Binding("M", "email", "E-mail summary", show=False, id="wall.email"),
        Binding("j", "join", "Join link", show=False, id="wall.join"),
        Binding("C", "collect", "Phones", show=False, id="wall.collect"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.options = ViewOptions()
        self.step_index = 0
        self._opening_cards: list[Card] = []
        """Read once in compose for the wall, then handed to the panels in on_mount."""
        self._counts = (0, 0, 0)
        """(cards, unsorted) as the title bar shows them; set with the counts panel."""
        self._collecting: tuple[str, str] | None = None
        """The phones' collector for this session: (join link, state), or None."""
        self.agenda_wanted: bool | None = None
        """The facilitator's choice for the agenda panel; None follows the terminal width."""
        self._paths: tuple[frozenset[int], dict[int, str]] = (frozenset(), {})
        """(category ids, their path columns), read again only when the categories change."""

    # -- building ------------------------------------------------------------------------------

    @property
    def _noun(self) -> str:
        return "task" if self.options.tasks else "occupation"

    def compose(self) -> Iterable[Widget]:
        store = self.app.store
        session = store.session()
        self.step_index = session.current_step
        self.options = replace(self.options, tasks=session.from_profile)
        self._opening_cards = store.cards()
        with Covered(id="wall-bar"):
            yield Static(id="bar-title")
            yield StepTimer(self.app.clock, id="bar-timer")
        with Covered(id="wall-body"):
            yield WallKeys()
            width = self.app.size.width
            agenda = 0 if width < NARROW else AGENDA_WIDTH
            view = self.build_view(self._opening_cards)
            yield WallBoard(view, board_width=width - agenda, id="board")
            yield AgendaPanel(id="agenda")
        yield QuickEntry(id="quick-entry")
        yield KeyFooter()

    def on_mount(self) -> None:
        store = self.app.store
        protocol = store.protocol()
        for reason in protocol.reasons:
            # Reason hotkeys come from the protocol, so they are bound per session.
            self.query_one(WallKeys)._bindings.bind(
                reason.hotkey, f"screen.toggle_reason('{reason.key}')", reason.label, show=False
            )
        cards, self._opening_cards = self._opening_cards, []
        self.refresh_people(cards)
        self.refresh_side(cards)
        self.show_step(restart_timer=True)
        self.set_interval(COLLECT_CHECK_SECONDS, self.check_collecting, name="collect-state")

    def on_resize(self) -> None:
        if self.agenda_wanted is None:
            self.set_class(self.size.width < NARROW, "-no-agenda")

    def build_view(self, cards: list[Card]) -> WallView:
        store = self.app.store
        return build_wall_view(
            build_wall(store.categories(), cards, store.levels()),
            store.protocol(),
            store.participants(),
            store.competencies(),
            self.options,
            store.links(),
        )

    # -- applying changes ------------------------------------------------------------------------

    @on(SessionChanged)
    def session_changed(self, message: SessionChanged) -> None:
        wall = message.touches("cards", "categories", "competencies", "participants", "card_links")
        people = message.touches("participants", "cards")
        cards = self.app.store.cards()  # once per change, for the wall and every panel
        if wall:
            self.refresh_wall(cards)
        if wall or people:
            # The counts and the type-ahead lists follow a frame later: the wall is what
            # the room watches, and its repaint goes out first.
            self.call_after_refresh(self._refresh_panels, cards, people)
        if message.touches("sessions"):
            step = self.app.store.session().current_step
            if step != self.step_index:
                self.step_index = step
                self.show_step(restart_timer=True)
            self.refresh_title()

    def refresh_wall(self, cards: list[Card] | None = None) -> None:
        if cards is None:
            cards = self.app.store.cards()
        tiles = self.board.tiles
        self.options = replace(self.options, marked=frozenset(self.options.marked & tiles.keys()))
        self.board.apply(self.build_view(cards), self.options.folded)
        # Marks on cards that are gone (merged, deleted) go too.
        self.options = replace(
            self.options, marked=frozenset(self.options.marked & self.board.tiles.keys())
        )
        selected = self.board.selected_card
        if selected is not None:
            self.call_after_refresh(self._scroll_to_selected, selected)

    def _refresh_panels(self, cards: list[Card], people: bool) -> None:
        self.refresh_side(cards)
        if people:
            self.refresh_people(cards)

    def _scroll_to_selected(self, card_id: int) -> None:
        # Not `_scroll_to`: that is Widget's own (private) method, with another signature.
        if card_id in self.board.tiles and self.board.selected_card == card_id:
            self.board.scroll_to_card(card_id)

    def _path_columns(self) -> dict[int, str]:
        """A profile round's two path columns, by the name each was added with (as every
        export counts them: renaming one keeps it a path column). A category's first name
        never changes, so the event log is read again only when a category is added."""
        store = self.app.store
        categories = store.categories()
        ids = frozenset(c.id for c in categories)
        if ids != self._paths[0]:
            self._paths = (ids, path_columns(categories, store.first_category_names()))
        return self._paths[1]

    def refresh_side(self, cards: list[Card]) -> None:
        people = self.app.store.participants()
        by_id = {p.id: p for p in people}
        protocol = self.app.store.protocol()
        paths: int | None = None
        if self.options.tasks:
            # A round started from a profile: the cards are its tasks, which nobody hands
            # in, and the jobs in the two path columns are counted apart, as the summary does.
            columns = self._path_columns()
            steps = path_steps(protocol)
            on_paths = [c for c in cards if path_side(c, columns, steps)]
            paths = len(on_paths)
            cards = [c for c in cards if c not in on_paths]
            missing: list[str] = []
        else:
            missing = [by_id[i].name for i in missing_cards(people, cards)]
        ranked = rank_occupations(cards)
        named = [(r.card.text, employers_named(r.card, tasks=self.options.tasks)) for r in ranked]
        repeated = [(text, n) for text, n in named if n >= 2]
        unsorted = sum(1 for c in cards if c.category_id is None)
        written = sum(c.count for c in cards)
        tallies = {}
        for key, count in reason_tallies(cards).items():
            known = protocol.reason(key)
            shown = f"{reason_mark(known.hotkey)} {known.label}" if known else f"✎ {key}"
            tallies[shown] = count
        self.agenda.show_counts(
            counts_content(
                len(cards), unsorted, repeated, missing, written, tallies, self._noun, paths
            )
        )
        self._counts = (written, len(cards), unsorted)
        self.refresh_title()

    def refresh_title(self) -> None:
        store = self.app.store
        written, total, unsorted = self._counts
        protocol = store.protocol()
        step = protocol.step(self.step_index)
        title = Content.assemble(
            (store.session().title, "bold"),
            ("  ·  ", "dim"),
            (f"Step {self.step_index + 1}/{len(protocol.steps)}: ", "dim"),
            step.title if step else "",
            # Before the counts: on a narrow bar the end is cut, and the phones' state matters.
            *self._collecting_parts(),
            ("  ·  ", "dim"),
            wall_counts(written, total, unsorted, self._noun),
        )
        # One line, 1fr wide: a new title never changes the layout, so skip the relayout.
        self.query_one("#bar-title", Static).update(title, layout=False)

    def _collecting_parts(self) -> tuple[tuple[str, str] | str, ...]:
        """Phones' state in the title bar; on the projector, open, also the link to type."""
        found = self._collecting
        if found is None:
            return ()
        url, state = found
        parts: list[tuple[str, str] | str] = [("  ·  ", "dim"), (f"Phones: {state}", "bold")]
        if state == "open" and self.has_class("-projector"):
            parts += [" ", (url, "underline")]
        return tuple(parts)

    def check_collecting(self) -> None:
        """A collector (this app's or another terminal's) started, paused, closed or stopped."""
        from focusgroup.serve import collect_file

        found = collect_file.read(self.app.store.path)
        if found != self._collecting:
            self._collecting = found
            self.refresh_title()

    def show_step(self, restart_timer: bool) -> None:
        protocol = self.app.store.protocol()
        self.agenda.show_step(protocol, self.step_index)
        step = protocol.step(self.step_index)
        if restart_timer and step is not None:
            self.start_step_timer(step.minutes)
        self.refresh_title()

    # Actions that only make sense with the wall focused: hidden while typing in the bar.
    WALL_ONLY = frozenset(
        {
            "select",
            "step_category",
            "step_level",
            "reorder",
            "toggle_mark",
            "merge",
            "open_card",
            "split",
            "hands",
            "link_card",
            "shortlist",
            "edit_card",
            "own_reason",
            "cycle_shift",
            "remove_empty_categories",
            "delete_card",
            "add_category",
            "rename_category",
            "recolour_category",
            "move_category",
            "remove_category",
            "fold",
            "toggle_reason",
            "focus_entry",
        }
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.WALL_ONLY and not isinstance(self.focused, WallKeys):
            return False
        return True

    # -- helpers --------------------------------------------------------------------------------

    # -- view ----------------------------------------------------------------------------------

    def action_fold(self) -> None:
        self.options = replace(self.options, folded=not self.options.folded)
        self.refresh_wall()

    def action_projector(self) -> None:
        on = not self.has_class("-projector")
        self.set_class(on, "-projector")
        self.options = replace(self.options, projector=on)
        self.refresh_title()  # the phones' link shows on the projector only
        self.refresh_wall()
        self.set_focus(self.query_one(WallKeys))

    def action_toggle_agenda(self) -> None:
        hidden = not self.has_class("-no-agenda")
        self.agenda_wanted = not hidden
        self.set_class(hidden, "-no-agenda")

    def action_participants(self) -> None:
        from focusgroup.tui.screens.participants import ParticipantsScreen

        self.app.push_screen(ParticipantsScreen())

    def action_programs(self) -> None:
        """The education and training inventory (issue 17)."""
        from focusgroup.tui.screens.programs import ProgramsScreen

        self.app.push_screen(ProgramsScreen())

    # -- agenda and timer ----------------------------------------------------------------------

    def action_step(self, direction: int) -> None:
        target = self.step_index + direction
        if not 0 <= target < len(self.app.store.protocol().steps):
            return
        self.app.perform(self.app.store.set_step, target)

    def action_pause_timer(self) -> None:
        paused = self.timer.toggle_pause()
        self.save_timer("Pause step timer" if paused else "Resume step timer")
        self.notify("Timer paused." if paused else "Timer running.", timeout=2)

    def action_extend_timer(self) -> None:
        self.timer.extend(60)
        self.save_timer("One more minute for this step")

    @on(StepTimer.Warning)
    def timer_warning(self, message: StepTimer.Warning) -> None:
        self.notify(message.text, severity="warning", timeout=4)

    # -- quick entry -----------------------------------------------------------------------------
