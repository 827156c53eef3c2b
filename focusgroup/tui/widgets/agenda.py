"""The agenda panel: the current step's prompt for the room, facilitator notes, questions,
the reasons legend and live counts. Protocol text is shown literally (never as markup)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from focusgroup.domain.protocol import Protocol
from focusgroup.domain.text import plural
from focusgroup.tui.widgets.card_tile import reason_mark


def step_content(protocol: Protocol, index: int) -> Content:
    step = protocol.step(index)
    if step is None:
        return Content("No agenda in this protocol.")
    lines = [
        Content.assemble(
            (f"STEP {index + 1}/{len(protocol.steps)}  ", "dim"), (step.title, "bold")
        ),
        Content.assemble(("≈ ", "dim"), (f"{step.minutes} min", "dim")),
        Content(""),
        Content.assemble(("SAY  ", "bold reverse"), " ", step.say),
    ]
    if step.notes:
        lines += [Content(""), Content.assemble(("NOTE ", "bold"), " ", (step.notes, "italic"))]
    if step.questions:
        lines += [Content(""), Content.styled("ASK", "bold")]
        lines += [Content.assemble(("• ", "bold"), q) for q in step.questions]
    if step.third_card:
        lines += [
            Content(""),
            Content.styled("A card from an employer who already gave two is marked 3rd.", "italic"),
        ]
    return Content("\n").join(lines)


def legend_content(protocol: Protocol) -> Content:
    lines = [Content.styled("REASONS (press the digit)", "bold")]
    lines += [
        Content.assemble((f"{reason_mark(r.hotkey)} ", "bold"), r.label) for r in protocol.reasons
    ]
    return Content("\n").join(lines)


def wall_counts(written: int, occupations: int, unsorted: int, noun: str = "occupation") -> str:
    """The wall's one count, in the words the exports use: occupations (a merged stack is
    one) from cards (every card an employer wrote), and how many occupations are unsorted.
    In a round started from a job profile, `noun` is "task": the paths are counted apart."""
    return f"{plural(occupations, noun)} from {plural(written, 'card')}, {unsorted} unsorted"


def counts_content(
    total: int,
    unsorted: int,
    repeated: Sequence[tuple[str, int]],
    missing: Sequence[str],
    written: int | None = None,
    tallies: Mapping[str, int] | None = None,
    noun: str = "occupation",
    paths: int | None = None,
) -> Content:
    written = total if written is None else written
    lines = [
        Content.styled("ON THE WALL", "bold"),
        Content(
            f"{plural(total, noun)} from {plural(written, 'card')} · "
            f"{total - unsorted} placed · {unsorted} unsorted"
        ),
    ]
    if paths is not None:
        lines.append(Content(f"{plural(paths, 'path')} into and out of the job"))
    if repeated:
        lines.append(Content.styled("Named by 2+ employers:", "bold"))
        lines += [Content.assemble((f"×{n} ", "bold"), text) for text, n in repeated[:6]]
    if missing:
        shown = ", ".join(missing[:5]) + (f" +{len(missing) - 5}" if len(missing) > 5 else "")
        lines.append(Content.assemble(("Still to hand in: ", "bold"), shown))
    if tallies:
        # The same tallies as the summary's "why they are critical": the protocol's reasons
        # by their digit, an employer's own words (y on a card) as written.
        lines.append(Content.styled("Why critical, so far:", "bold"))
        for shown, count in sorted(tallies.items(), key=lambda kv: (-kv[1], kv[0]))[:8]:
            lines.append(Content.assemble((f"{count}× ", "bold"), shown))
    return Content("\n").join(lines)


class AgendaPanel(VerticalScroll, can_focus=False):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=False)
        self.step = Static(id="agenda-step")
        self.counts = Static(id="agenda-counts")
        self.legend = Static(id="agenda-legend")

    def compose(self) -> Iterable[Widget]:
        yield self.step
        yield self.counts
        yield self.legend

    def show_step(self, protocol: Protocol, index: int) -> None:
        self.step.update(step_content(protocol, index))
        self.legend.update(legend_content(protocol))

    def show_counts(self, content: Content) -> None:
        # Relayout only when the number of lines changes; most changes keep it.
        lines = len(content.plain.splitlines())
        self.counts.update(content, layout=lines != getattr(self, "_count_lines", -1))
        self._count_lines = lines
