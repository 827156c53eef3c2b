"""CompetencyTags: tag a competency in a few keystrokes, one key per choice.

Focused after the competency's text: a letter picks its type (k/s/a/w for the default types),
a digit its tier in the protocol's framework, `l` cycles the level, `g` toggles "lacking in
entry-level candidates", Enter saves, Escape goes back to the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from focusgroup.domain.protocol import Tier

LEVEL_KEY = "l"
GAP_KEY = "g"
TIER_KEYS = "123456789"


@dataclass(frozen=True)
class Tags:
    ksa: str = ""
    tier: str = ""
    level: str = ""
    lacking: bool = False


def type_keys(ksa_types: Sequence[str]) -> dict[str, str]:
    """A letter for each type: its first letter free of clashes (k, s, a, w by default)."""
    keys: dict[str, str] = {}
    taken = {LEVEL_KEY, GAP_KEY}
    for ksa in ksa_types:
        for letter in ksa.lower():
            if letter.isalpha() and letter not in taken:
                keys[letter] = ksa
                taken.add(letter)
                break
    return keys


class CompetencyTags(Widget, can_focus=True):
    """The tag bar under the competency text. Keys are shown on the bar itself."""

    BINDINGS = [
        Binding("enter", "submit", "Save competency", id="nt.tags.save"),
        Binding("escape", "back", "Back to text", id="nt.tags.back"),
        Binding(LEVEL_KEY, "cycle_level", "Level", id="nt.tags.level"),
        Binding(GAP_KEY, "toggle_gap", "Gap", tooltip="Lacking in entry-level candidates"),
    ]

    tags: reactive[Tags] = reactive(Tags, layout=True)
    """The current choice; reset after each save."""

    class Submitted(Message):
        """Enter: save the competency with these tags."""

    class Back(Message):
        """Escape: back to the competency text."""

    def __init__(
        self,
        ksa_types: Sequence[str],
        tiers: Sequence[Tier],
        levels: Sequence[str],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.type_keys = type_keys(ksa_types)
        self.tiers = tuple(tiers)[: len(TIER_KEYS)]
        self.levels = tuple(levels)

    def reset(self) -> None:
        self.tags = Tags()

    # -- keys ---------------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        char = event.character or ""
        if len(char) != 1:
            return
        if char in self.type_keys:
            ksa = self.type_keys[char]
            self.tags = replace(self.tags, ksa="" if self.tags.ksa == ksa else ksa)
        elif char in TIER_KEYS[: len(self.tiers)]:
            tier = self.tiers[int(char) - 1].key
            self.tags = replace(self.tags, tier="" if self.tags.tier == tier else tier)
        elif char == "0":
            self.tags = replace(self.tags, tier="")
        else:
            return
        event.stop()
        event.prevent_default()

    def action_cycle_level(self) -> None:
        order = ("", *self.levels)
        index = order.index(self.tags.level) if self.tags.level in order else 0
        self.tags = replace(self.tags, level=order[(index + 1) % len(order)])

    def action_toggle_gap(self) -> None:
        self.tags = replace(self.tags, lacking=not self.tags.lacking)

    def action_submit(self) -> None:
        self.post_message(self.Submitted())

    def action_back(self) -> None:
        self.post_message(self.Back())

    # -- drawing ---------------------------------------------------------------------------------

    def render(self) -> Content:
        tags = self.tags

        def choice(key: str, label: str, chosen: bool) -> Content:
            text = Content.assemble((key, "bold underline"), " ", label)
            # Chosen shows without colour too (projectors, colour-blind note-takers).
            return Content.assemble("▸", text.stylize("reverse")) if chosen else text

        def row(title: str, items: list[Content]) -> Content:
            return Content.assemble((f"{title:<6}", "dim"), Content("  ").join(items))

        types = [choice(k, ksa, tags.ksa == ksa) for k, ksa in self.type_keys.items()]
        tiers = [
            choice(str(i), tier.label, tags.tier == tier.key)
            for i, tier in enumerate(self.tiers, start=1)
        ]
        level = choice(LEVEL_KEY, f"level: {tags.level or 'not set'}", bool(tags.level))
        gap = choice(
            GAP_KEY,
            "lacking in entry-level candidates" if tags.lacking else "not flagged as a gap",
            tags.lacking,
        )
        return Content("\n").join(
            [
                row("Type", types),
                row("Tier", tiers),
                row("Level", [level, gap]),
                Content.styled("Enter saves · Esc back to the text · 0 clears the tier", "dim"),
            ]
        )
