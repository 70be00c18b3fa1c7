"""The history's patient-facing words stay plain (grade 8 or under), like the rest of backpain."""

from __future__ import annotations

import datetime as dt

import pytest
import textstat

from backpain_cli.assessment import assess
from backpain_cli.history.changes import PastCheckIn
from backpain_cli.render.history import history_lines
from tests.helpers import ALL_CLEAR, FIXED_DAY, answers, bank, bundle, texts

MAX_GRADE = 8.0


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


@pytest.mark.parametrize(
    "text",
    [
        texts().history.first_time,
        texts().history.nothing_new,
        texts().history.not_settling,
        texts().history.keep_question,
        texts().history.more_urgent,
        texts().reminder.text,
        *(template.format(date="8 November 2026") for template in texts().history.next.model_dump().values()),
    ],
)
def test_fixed_sentences(text: str) -> None:
    assert grade(text) <= MAX_GRADE, text


def test_the_whole_section_for_a_busy_history() -> None:
    history = [PastCheckIn(FIXED_DAY - dt.timedelta(weeks=w), {**ALL_CLEAR, "pain_score": 7}) for w in (8, 4, 1)]
    result = assess(answers({"leg_numbness": "yes", "pain_score": 7}), bundle(), today=FIXED_DAY, history=history)
    assert result.history is not None
    paragraphs, items = history_lines(result.history, bank(), texts())
    text = " ".join([*paragraphs, *(f"{lead}. {note}" for lead, note in items)])
    assert grade(text) <= MAX_GRADE, text
