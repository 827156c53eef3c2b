"""An Input for names, titles and links: pasted line breaks become spaces, nothing is lost.

Textual's Input keeps only the first line of a paste, so pasting "Zoë Quinn" and, on the
next line, "Quinn Tools" silently drops the organization. A name is one line (it goes into
e-mail headers), so here each line break of a paste becomes a space instead: the user sees
every word they pasted and can tidy it.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from focusgroup.domain.fields import joined_lines


class OneLineInput(Input):
    """Input whose paste keeps every line, joined by spaces."""

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Input's own handler would insert the first line again
        if event.text:
            text = joined_lines(event.text)
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *self.selection)
        event.stop()
