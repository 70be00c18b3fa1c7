"""The walk's questions say what they mean to a patient who is not sure (issue 24).

A user trial found "Is the weakness in your leg getting worse?" asked of a patient who had just
answered "not sure" to leg weakness: the question is asked (a doubt always asks, rules/policy), but
its words took the weakness as fact. And "Can you not lift your foot or toes up ...?" was a double
negative: "yes" and "no" both read as "I cannot". Only the words changed; when each is asked did not.
"""

from __future__ import annotations

import re

import pytest

from backpain_cli.rules.policy import ASK_WHEN
from tests.helpers import bank

# A follow-up asked when its gate is "not sure", and the gate it follows.
FOLLOW_UPS = {
    "weakness_getting_worse": "leg_weakness",
    "numbness_spreading": "leg_numbness",
    "foot_drop": "leg_weakness",
    "weakness_both_legs": "leg_weakness",  # seen in tmux: "Is the weakness in both of your legs?" after "not sure"
    "numbness_both_legs": "leg_numbness",
    "rash": "band_pain",  # seen in tmux: "...where that band of pain is?" after "not sure" to the band
}
NEGATIVE_QUESTION = re.compile(r"^(can|do|does|is|are|have|has|did)(n't| you not| it not| not)\b", re.IGNORECASE)


@pytest.mark.parametrize("question", bank().questions, ids=lambda q: q.key)
def test_no_question_is_asked_in_the_negative(question) -> None:  # type: ignore[no-untyped-def]
    assert not NEGATIVE_QUESTION.search(question.text), question.text
    assert " not lift" not in question.text


def test_the_foot_drop_question_asks_plainly() -> None:
    assert bank().get("foot_drop").text == (
        "Is a foot too weak to lift at the front (toes up), so it slaps down or drags when you walk?"
    )


@pytest.mark.parametrize(("key", "gate"), FOLLOW_UPS.items())
def test_a_follow_up_asked_after_not_sure_does_not_take_the_sign_as_fact(key: str, gate: str) -> None:
    # Still asked after "not sure" (the rule logic is unchanged) ...
    assert key not in bank().skipped({gate: "unsure"})
    assert key in bank().skipped({gate: "no"})
    assert key in ASK_WHEN
    # ... and its words fit that answer: a condition, not a fact.
    text = bank().get(key).text
    assert not text.startswith(("Is the weakness", "Is the numbness")), text
    assert "the weakness in" not in text and "the numbness or tingling in" not in text, text
    assert "where that band" not in text, text


def test_the_weakness_follow_up_reads_right_after_not_sure() -> None:
    assert bank().get("weakness_getting_worse").text == "If a leg or foot feels weak, is the weakness getting worse?"
    numbness = "If a leg feels numb or tingles, is that spreading or getting worse?"
    assert bank().get("numbness_spreading").text == numbness
