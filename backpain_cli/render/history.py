"""The summary's history section (issue 12): what changed since the last check-in, what the history
counts it as, and when to check in again, in the result's words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from backpain_cli.history.changes import HistoryView, PainPoint, peg_change
from backpain_cli.questions import QuestionBank
from backpain_cli.render.layout import Item, Section
from backpain_cli.texts import Texts

if TYPE_CHECKING:
    from backpain_cli.assessment import Result


def history_sections(result: Result, bank: QuestionBank) -> list[Section]:
    """ "Since your last check-in": what changed, what it counts as, and when to check in again.

    Empty for an assessment made without a history.
    """
    view = result.history
    if view is None:
        return []
    t = result.texts
    paragraphs, items = history_lines(view, bank, t)
    paragraphs.append(next_line(view, result, t))
    return [
        Section(
            t.history.heading,
            paragraphs=paragraphs,
            items=[Item(text, lead=lead) for lead, text in items],
            id="history",
        )
    ]


def history_lines(view: HistoryView, bank: QuestionBank, texts: Texts) -> tuple[list[str], list[tuple[str, str]]]:
    """The section's paragraphs, and its items as (lead, text) pairs, in plain words."""
    c, words = view.changes, texts.history
    paragraphs: list[str] = []
    items: list[tuple[str, str]] = []
    if c.previous_on is None:
        paragraphs.append(words.first_time)
    else:
        paragraphs.append(
            words.first_and_last.format(
                first=texts.day(c.first_on),
                weeks=texts.plural(words.weeks, c.weeks_since_first) if c.weeks_since_first else words.under_a_week,
                last=texts.day(c.previous_on),
            )
        )
        for key in c.new:
            items.append((_name(bank, key), words.new_since.format(date=texts.day(c.previous_on))))
        for key in c.resolved:
            items.append((_name(bank, key), words.gone_since.format(date=texts.day(c.previous_on))))
        if not c.new and not c.resolved:
            paragraphs.append(words.nothing_new)
    worsening = False
    for fact in view.raised:
        if fact.nerve_keys:
            if not worsening:  # one paragraph for weakness and numbness alike
                paragraphs.append(words.worsening)
            worsening = True
        elif fact.key in ("treatment_not_helping", "treatment_no_better"):
            paragraphs.append(words.not_settling)
        elif fact.key == "pain_weeks":
            weeks = texts.plural(words.weeks, int(fact.value))
            paragraphs.append(words.at_least_weeks.format(first=texts.day(c.first_on), weeks=weeks))
    scores = [p for p in c.pain if p.score is not None]
    if len(scores) > 1:
        trail = ", ".join(words.score_on.format(score=p.score, date=texts.short_day(p.taken_on)) for p in scores)
        paragraphs.append(words.pain_scores.format(trail=trail))
    paragraphs += peg_lines(c.pain, texts)
    return paragraphs, items


def peg_lines(points: Sequence[PainPoint], texts: Texts) -> list[str]:
    """The PEG scores of the episode, and in words whether today's differs from the first by a
    clinically important amount (history/changes.peg_change; issue 22)."""
    words = texts.history
    pegs = [p for p in points if p.peg is not None]
    if len(pegs) < 2:
        return []
    trail = ", ".join(
        words.score_on.format(score=texts.decimal(p.peg.value), date=texts.short_day(p.taken_on))
        for p in pegs
        if p.peg is not None
    )
    lines = [words.peg_scores.format(trail=trail)]
    found = peg_change(points)
    if found is not None:
        first, now, moved = found
        assert first.peg is not None and now.peg is not None  # for the type checker
        template = {"improved": words.peg_improved, "worsened": words.peg_worsened}.get(moved or "", words.peg_steady)
        lines.append(
            template.format(
                first=texts.decimal(first.peg.value),
                date=texts.day(first.taken_on),
                now=texts.decimal(now.peg.value),
                latest=texts.day(now.taken_on),  # a check-in dated in the past (--date) is not "today"
            )
        )
    return lines


def next_line(view: HistoryView, result: Result, texts: Texts) -> str:
    """When to check in again, in words that fit the urgency."""
    return texts.history.next[result.urgency].format(date=texts.day(view.next_check_in))


def _name(bank: QuestionBank, key: str) -> str:
    try:
        return bank.get(key).short
    except KeyError:
        return key.replace("_", " ")
