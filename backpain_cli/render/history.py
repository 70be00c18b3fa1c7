"""The summary's history section (issue 12), kept apart so the rest of render/ can change freely."""

from __future__ import annotations

from backpain_cli.assessment import Result
from backpain_cli.history.report import HEADING, history_lines, next_line
from backpain_cli.questions import QuestionBank
from backpain_cli.render.document import Item, Section


def history_sections(result: Result, bank: QuestionBank) -> list[Section]:
    """ "Since your last check-in": what changed, what it counts as, and when to check in again.

    Empty for an assessment made without a history.
    """
    view = result.history
    if view is None:
        return []
    paragraphs, items = history_lines(view, bank)
    paragraphs.append(next_line(view, result.urgency.value))
    return [Section(HEADING, paragraphs=paragraphs, items=[Item(text, lead=lead) for lead, text in items])]
