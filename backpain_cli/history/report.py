"""The history part of a result: the JSON ``history`` object and the summary's "since last time" section.

Every patient-facing sentence about the history is here, so it can be read and tested as a whole.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

from backpain_cli.history.changes import HistoryView

if TYPE_CHECKING:
    from backpain_cli.questions import QuestionBank

HEADING: Final = "Since your last check-in"
KEEP_QUESTION: Final = "Keep this check-in in your history on this computer?"
MORE_URGENT: Final = "With your earlier check-ins, your answers point to more urgent care. Here is your new summary."
NEXT_HEADING: Final = "Your next check-in"
FIRST_TIME: Final = "This is your first check-in for this back pain. Next time, we can tell you what changed."
NOTHING_NEW: Final = "Nothing new since your last check-in."
NOT_SETTLING: Final = (
    "Your pain has not gone down much in 6 weeks or more. We count this as pain that is not settling, "
    "even if you did not say so."
)
NEXT_BY_URGENCY: Final = {
    "emergency": "After you have been seen, check in again on {date}.",
    "urgent": "After you have been seen, check in again on {date}.",
    "soon": "Check in again on {date}, or sooner if anything changes.",
    "routine": "Check in again on {date}, or sooner if anything changes.",
}


def kept(number: int, where: str) -> str:
    """Said after a check-in is kept."""
    return f"Kept as check-in {number} in {where}. To remove it: backpain history forget {number}"


def day(date: dt.date) -> str:
    """A date as people read it: 8 November 2026."""
    return date.strftime("%d %B %Y").lstrip("0")


def new_note(since: dt.date) -> str:
    """The words beside a symptom that is new since the last check-in."""
    return f"New since your check-in on {day(since)}."


def history_to_dict(view: HistoryView) -> dict[str, Any]:
    """The ``history`` object of the JSON result (result_model.HistorySummary describes each field)."""
    c = view.changes
    return {
        "previous_check_in": c.previous_on.isoformat() if c.previous_on else None,
        "first_check_in": c.first_on.isoformat(),
        "check_ins_before": c.check_ins,
        "weeks_since_first": c.weeks_since_first,
        "new": list(c.new),
        "resolved": list(c.resolved),
        "pain_scores": [{"date": p.taken_on.isoformat(), "score": p.score, "urgency": p.urgency} for p in c.pain],
        "not_settling": c.not_settling,
        "raised": [{"key": r.key, "value": r.value, "was": r.was, "note": r.note} for r in view.raised],
        "pain_weeks_kept": view.weeks_kept,
        "next_check_in": view.next_check_in.isoformat(),
    }


def history_lines(view: HistoryView, bank: QuestionBank) -> tuple[list[str], list[tuple[str, str]]]:
    """The section's paragraphs, and its items as (lead, text) pairs, in plain words."""
    c = view.changes
    paragraphs: list[str] = []
    items: list[tuple[str, str]] = []
    if c.previous_on is None:
        paragraphs.append(FIRST_TIME)
    else:
        paragraphs.append(
            f"Your first check-in for this back pain was on {day(c.first_on)}, "
            f"{_weeks(c.weeks_since_first)} ago. Your last one was on {day(c.previous_on)}."
        )
        for key in c.new:
            items.append((_name(bank, key), new_note(c.previous_on)))
        for key in c.resolved:
            items.append((_name(bank, key), f"Gone since your check-in on {day(c.previous_on)}."))
        if not c.new and not c.resolved:
            paragraphs.append(NOTHING_NEW)
    for fact in view.raised:
        if fact.key == "weakness_worsening":
            paragraphs.append("A nerve sign that is new since last time counts as new or getting worse.")
        elif fact.key == "treatment_no_better":
            paragraphs.append(NOT_SETTLING)
        elif fact.key == "pain_weeks":
            paragraphs.append(
                f"You first checked in for this pain on {day(c.first_on)}, so we count it as at least "
                f"{_weeks(int(fact.value))} long."
            )
    scores = [p for p in c.pain if p.score is not None]
    if len(scores) > 1:
        trail = ", ".join(f"{p.score} on {p.taken_on.strftime('%d %b').lstrip('0')}" for p in scores)
        paragraphs.append(f"Your pain scores: {trail}.")
    return paragraphs, items


def next_line(view: HistoryView, urgency: str) -> str:
    """When to check in again, in words that fit the urgency."""
    return NEXT_BY_URGENCY.get(urgency, NEXT_BY_URGENCY["routine"]).format(date=day(view.next_check_in))


def _weeks(weeks: int) -> str:
    return "1 week" if weeks == 1 else f"{weeks} weeks"


def _name(bank: QuestionBank, key: str) -> str:
    try:
        return bank.get(key).short
    except KeyError:
        return key.replace("_", " ")
