"""The condition logic of the red-flag triggers: three-valued truth, evidence, needs() and describe().

Several tests build their conditions inside the test body on purpose: the rule table is built once at
import time, so a mistake in a constructor or in ``needs()`` would otherwise only show in a condition
built later, by a clinic's tooling or by ``dataclasses.replace`` (docs/mutation.md).
"""

from __future__ import annotations

from typing import Any

import pytest

from backpain_cli.conditions import (
    MAYBE,
    NO,
    YES,
    All,
    AnyOf,
    AtLeast,
    Below,
    OneOf,
    OnsetBefore,
    Some,
    Unless,
    Yes,
)
from tests.helpers import ALL_CLEAR

# ---------------------------------------------------------------------------- three-valued truth and evidence

FACTS: dict[str, Any] = {**ALL_CLEAR, "fever": "yes", "night_pain": "unsure", "pain_area": None}


@pytest.mark.parametrize(
    ("condition", "truth"),
    [
        (Yes("fever"), YES),
        (Yes("night_pain"), MAYBE),
        (Yes("bladder_change"), NO),
        (AtLeast("age", 40), YES),
        (AtLeast("age", 41), NO),
        (Below("pain_weeks", 3), YES),
        (Below("pain_weeks", 2), NO),
        (OneOf("pain_area", frozenset({"mid_back"})), MAYBE),
        (OneOf("previous_imaging", frozenset({"none"})), YES),
        (OnsetBefore(45), YES),
        (OnsetBefore(39), NO),
        (All(Yes("fever"), Yes("night_pain")), MAYBE),
        (All(Yes("fever"), Yes("bladder_change")), NO),
        (AnyOf(Yes("bladder_change"), Yes("night_pain")), MAYBE),
        (AnyOf(Yes("fever"), Yes("night_pain")), YES),
        (Some(2, Yes("fever"), Yes("night_pain"), Yes("osteoporosis")), MAYBE),
        (Some(2, Yes("fever"), Yes("osteoporosis")), NO),
        (Unless(Yes("fever")), NO),
        (Unless(Yes("night_pain")), YES),
        (Unless(Yes("osteoporosis")), YES),
    ],
)
def test_three_valued_logic(condition, truth: int) -> None:  # type: ignore[no-untyped-def]
    assert condition.evaluate(FACTS)[0] == truth
    assert condition.describe()


def test_unknown_numbers_are_maybe_and_named() -> None:
    facts = {**FACTS, "age": None}
    assert AtLeast("age", 50).evaluate(facts) == (MAYBE, ("age",), ("age",))
    assert OnsetBefore(45).evaluate(facts)[0] == MAYBE
    assert Below("age", 50).evaluate(facts)[0] == MAYBE


def test_evidence_lists_every_key_that_holds() -> None:
    truth, keys, unsure = AnyOf(Yes("fever"), Yes("night_pain"), Yes("osteoporosis")).evaluate(FACTS)
    assert (truth, set(keys), unsure) == (YES, {"fever", "night_pain"}, ("night_pain",))


# ---------------------------------------------------------------------------- conditions built at run time


def test_all_built_at_run_time_takes_the_weakest_part_and_names_its_evidence() -> None:
    """All: every part must hold; the truth is the weakest part's, and the evidence lists each part's keys."""
    facts = {**ALL_CLEAR, "fever": "yes", "night_pain": "unsure"}
    both = All(Yes("fever"), Yes("night_pain"))
    assert both.evaluate(facts) == (MAYBE, ("fever", "night_pain"), ("night_pain",))
    assert All(Yes("fever"), Yes("weight_loss")).evaluate(facts) == (NO, (), ())


def test_some_built_at_run_time_counts_the_parts_that_hold() -> None:
    """Some(2, ...): two of the parts must hold, and the truth is that of the second strongest."""
    facts = {**ALL_CLEAR, "morning_stiffness": "yes", "night_pain": "unsure"}
    two_of = Some(2, Yes("morning_stiffness"), Yes("better_with_exercise"), Yes("night_pain"))
    assert two_of.count == 2
    assert two_of.evaluate(facts) == (MAYBE, ("morning_stiffness", "night_pain"), ("night_pain",))
    assert Some(3, Yes("morning_stiffness"), Yes("better_with_exercise"), Yes("night_pain")).evaluate(facts)[0] == NO


def test_a_some_that_does_not_hold_offers_no_evidence() -> None:
    """A condition reports the keys that made it true; when it is not true it names none (one "yes" of a
    two-of-three pattern is no evidence for the pattern)."""
    facts = {**ALL_CLEAR, "morning_stiffness": "yes"}
    two_of = Some(2, Yes("morning_stiffness"), Yes("better_with_exercise"), Yes("night_pain"))
    assert two_of.evaluate(facts) == (NO, (), ())


def test_some_lists_every_part_that_holds_in_the_rules_order() -> None:
    """The evidence of Some keeps all the parts that hold (not only the last), equally certain parts in the
    order the rule names them, and every "not sure" among them."""
    two_of = Some(2, Yes("morning_stiffness"), Yes("better_with_exercise"), Yes("night_pain"))
    sure = {**ALL_CLEAR, "morning_stiffness": "yes", "night_pain": "yes"}
    assert two_of.evaluate(sure) == (YES, ("morning_stiffness", "night_pain"), ())
    unsure = {**ALL_CLEAR, "morning_stiffness": "unsure", "night_pain": "unsure"}
    assert two_of.evaluate(unsure) == (MAYBE, ("morning_stiffness", "night_pain"), ("morning_stiffness", "night_pain"))


def test_onset_evidence_names_both_numbers_and_only_the_missing_one_as_unsure() -> None:
    """OnsetBefore reads age and pain_weeks: both are its evidence, and when one is not given only that one
    is reported as unknown, so the summary names the right question."""
    onset = OnsetBefore(45)
    assert onset.evaluate({**ALL_CLEAR, "age": 40, "pain_weeks": 2}) == (YES, ("age", "pain_weeks"), ())
    assert onset.evaluate({**ALL_CLEAR, "age": None, "pain_weeks": 20}) == (MAYBE, ("age", "pain_weeks"), ("age",))
    assert onset.evaluate({**ALL_CLEAR, "age": 30, "pain_weeks": None}) == (
        MAYBE,
        ("age", "pain_weeks"),
        ("pain_weeks",),
    )


def test_onset_is_age_minus_the_years_of_pain() -> None:
    """The pain began (pain_weeks / 52) years ago: 104 weeks at 46 began at 44, before 45; 106 weeks at 47
    began just before 45; and 52 weeks at 46 began at exactly 45, which is not *before* 45 (ASAS: onset < 45)."""
    onset = OnsetBefore(45)
    assert onset.evaluate({**ALL_CLEAR, "age": 46, "pain_weeks": 104})[0] == YES
    assert onset.evaluate({**ALL_CLEAR, "age": 47, "pain_weeks": 106})[0] == YES
    assert onset.evaluate({**ALL_CLEAR, "age": 46, "pain_weeks": 52})[0] == NO


def test_needs_names_the_answers_a_trigger_cannot_hold_without() -> None:
    """needs(): the yes/no keys of which one must be yes or unsure. Any of several signs: the union; all of
    several parts: a part's requirement; numbers only (they can hold with every answer "no"): None."""
    assert AnyOf(Yes("saddle_numbness"), Yes("bladder_change")).needs() == {"saddle_numbness", "bladder_change"}
    assert All(Yes("leg_weakness"), AtLeast("age", 18)).needs() == {"leg_weakness"}
    assert All(AtLeast("age", 65), Below("pain_weeks", 2)).needs() is None
    assert AnyOf(Yes("osteoporosis"), AtLeast("age", 70)).needs() is None


def test_describe_brackets_the_same_grouping_as_the_logic() -> None:
    """describe() renders a trigger for a clinician reviewing the table: groups of two or more inside another
    group are bracketed (or "a and b or c" would read as a different rule); a single part and a condition that
    brackets itself ("at least 2 of (...)") need no extra brackets."""
    nested = All(Yes("both_legs"), AnyOf(Yes("leg_weakness"), Yes("leg_numbness")))
    assert nested.describe() == "both_legs and (leg_weakness or leg_numbness)"
    assert AnyOf(Yes("bladder_change"), All(Yes("saddle_numbness"))).describe() == "bladder_change or saddle_numbness"
    pattern = All(AtLeast("pain_weeks", 12), Some(2, Yes("morning_stiffness"), Yes("night_pain")))
    assert pattern.describe() == "pain_weeks >= 12 and at least 2 of (morning_stiffness, night_pain)"
    assert OneOf("pain_area", frozenset({"mid_back", "both"})).describe() == "pain_area in (both, mid_back)"
