"""Every red-flag rule: sound as a table, and fired (or spared) by its own cases."""

from __future__ import annotations

import dataclasses
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
from backpain_cli.levels import Category, Urgency
from backpain_cli.redflags import RULES, RULES_BY_ID, check_rules
from tests.helpers import ALL_CLEAR, fired, run

FIRE_CASES = [pytest.param(rule.id, case, id=f"{rule.id}-{i}") for rule in RULES for i, case in enumerate(rule.fires)]
SPARE_CASES = [pytest.param(rule.id, case, id=f"{rule.id}-{i}") for rule in RULES for i, case in enumerate(rule.spares)]


def test_rule_table_is_sound() -> None:
    assert check_rules() == []


def test_check_rules_reports_problems() -> None:
    bad = dataclasses.replace(RULES[0], when=Yes("not_a_key"), source=" ", fires=())
    problems = check_rules((*RULES, bad))
    assert any("used twice" in p for p in problems)
    assert any("unknown answer keys" in p for p in problems)
    assert any("names no guideline source" in p for p in problems)
    assert any("needs cases" in p for p in problems)


@pytest.mark.parametrize(("rule_id", "case"), FIRE_CASES)
def test_rule_fires_on_its_cases(rule_id: str, case: dict[str, Any]) -> None:
    result = run(case)
    assert rule_id in fired(result), f"{rule_id} should fire for {case}"


@pytest.mark.parametrize(("rule_id", "case"), SPARE_CASES)
def test_rule_is_spared_by_its_cases(rule_id: str, case: dict[str, Any]) -> None:
    assert rule_id not in fired(run(case)), f"{rule_id} must not fire for {case}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_each_rule_names_a_guideline_and_explains_itself(rule) -> None:  # type: ignore[no-untyped-def]
    assert any(
        name in rule.source
        for name in (
            "ACR",
            "NICE",
            "ACP",
            "AFP",
            "GIRFT",
            "ASAS",
            "Chou",
            "Choosing Wisely",
            "Casazza",
            "Downie",
            "clinical reference",
        )
    )
    assert rule.explanation.endswith(".") and rule.imaging_reason.endswith(".")
    assert rule.title and rule.title[0].isupper()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_each_rule_fires_on_unsure_too(rule) -> None:  # type: ignore[no-untyped-def]
    """'Not sure' is never 'no': turning every yes of a firing case into 'unsure' still fires the rule."""
    case = {k: ("unsure" if v == "yes" else v) for k, v in rule.fires[0].items()}
    assert rule.id in fired(run(case))


def test_all_clear_fires_nothing() -> None:
    result = run()
    assert fired(result) == set()
    assert result.urgency == Urgency.ROUTINE


def test_every_category_has_a_rule() -> None:
    assert {r.category for r in RULES if r.category} == set(Category)


def test_every_symptom_key_is_used_by_some_rule() -> None:
    used = set().union(*(r.when.keys() for r in RULES))
    # A question no rule reads would be asked for nothing: every yes/no question must feed a rule.
    assert {k for k, v in ALL_CLEAR.items() if v == "no"} - used == set()


def test_rule_ids_index() -> None:
    assert RULES_BY_ID["ces_saddle_bladder_bowel"].urgency == Urgency.EMERGENCY


# ---------------------------------------------------------------------------- the condition logic

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
