"""The app's proposed takeaways: 3 to 5 sentences drawn from the wall and the notes.

The facilitator writes the summary's takeaways at the recap; these are offered as a start
(and used when none were written), each a plain statement of something the file records.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from focusgroup.domain.model import TAKEAWAYS_MAX
from focusgroup.domain.text import plural

if TYPE_CHECKING:
    from focusgroup.export.content import Summary


def times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _and_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _employers(n: int) -> str:
    return f"{n} employer" + ("" if n == 1 else "s")


def propose_takeaways(summary: Summary) -> list[str]:
    """Up to five takeaways, most important first; [] for an empty wall."""
    snap = summary.snapshot
    out: list[str] = []
    occupations = summary.occupations
    if not occupations:
        return out
    if summary.has_shortlist:
        names = _and_list([o.card.text.strip() for o in summary.shortlist])
        n = len(summary.shortlist)
        noun = "occupation" if n == 1 else "occupations"
        out.append(f"The room agreed on {n} critical {noun}: {names}.")
    lead = occupations[0]
    if snap.is_competency_session:
        out.append(
            f"The room reviewed {plural(len(summary.tasks), 'task')} under "
            f"{plural(summary.categories, 'job function')}."
        )
    elif lead.employers >= 2:
        tied = [o.card.text.strip() for o in occupations if o.employers == lead.employers]
        of = f" of {summary.employers}" if summary.employers >= lead.employers else ""
        if len(tied) == 1:
            out.append(
                f"{tied[0]} was named by {_employers(lead.employers)}{of}, "
                "more than any other occupation."
            )
        else:
            out.append(
                f"{_and_list(tied)} were each named by {_employers(lead.employers)}{of}, "
                "more than any other occupation."
            )
    labels, count = summary.most_common_reasons
    if labels:
        quoted = _and_list([f"“{label}”" for label in labels])
        verb = "were the reasons" if len(labels) > 1 else "was the reason"
        each = " each" if len(labels) > 1 else ""
        out.append(f"{quoted} {verb} given most often ({times(count)}{each}).")
    # Gaps named for an occupation, then for a category, then for the sector as a whole.
    lacking = [c.text.strip() for o in occupations for c in o.lacking]
    lacking += [
        c.text.strip() for _, comps in summary.category_competencies for c in comps if c.lacking
    ]
    lacking += [c.text.strip() for c in summary.general_competencies if c.lacking]
    lacking = list(dict.fromkeys(t for t in lacking if t))
    if lacking:
        out.append("Most often lacking in entry-level candidates: " + _and_list(lacking[:3]) + ".")
    for title, notes in summary.discussion:
        if title.startswith("Where needs are shifting") and notes:
            out.append(notes[0].text.strip())
            break
    if not snap.is_competency_session and len(out) < 3:
        out.append(
            f"{_employers(summary.employers)} named {len(occupations)} distinct occupations "
            f"on {summary.cards_written} cards."
        )
    return out[:TAKEAWAYS_MAX]
