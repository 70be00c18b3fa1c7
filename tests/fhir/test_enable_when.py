"""The skip logic in the FHIR Questionnaire hides exactly the questions that ``check`` skips.

Property tests: for random answer sets, the generated enableWhen / enableWhenExpression, read the
FHIR way (tests/fhir/enablewhen.py: enableWhen per the R4/R5 rules, FHIRPath with fhirpathpy),
enables a question exactly when ``check`` asks it (``QuestionBank.skipped`` / ``redflags.skipped``),
for the shipped bank's gates and for random condition tables (every kind of Condition, gates behind
gates), so a new kind of gate is caught.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backpain_cli.answers import ANSWER_KEYS, SYMPTOM_KEYS
from backpain_cli.conditions import (
    All,
    AnyOf,
    AtLeast,
    Below,
    Condition,
    No,
    OneOf,
    OnsetBefore,
    Some,
    Unless,
    Yes,
)
from backpain_cli.fhir.enable import ENABLE_WHEN_EXPRESSION
from backpain_cli.fhir.questionnaire import build_questionnaire, enable_when
from backpain_cli.rules.policy import skipped
from tests.fhir.enablewhen import enabled_items, holds
from tests.helpers import bank, texts
from tests.speed import examples
from tests.strategies import answer_sets

SYMPTOMS = sorted(SYMPTOM_KEYS)
NUMBERS = ("age", "pain_weeks")


@settings(max_examples=examples(400), deadline=None)
@given(data=answer_sets(), hidden=st.booleans())
def test_the_questionnaire_enables_what_check_asks(data: dict[str, Any], hidden: bool) -> None:
    questionnaire = build_questionnaire(bank(), texts())
    state = enabled_items(questionnaire["item"], data, hidden_answers=hidden)
    gone = bank().skipped(data)
    assert {k: state[k] for k in ANSWER_KEYS} == {k: k not in gone for k in ANSWER_KEYS}


def _leaf(draw: st.DrawFn, earlier: list[str]) -> Condition:
    kind = draw(st.sampled_from(["yes", "yes", "no", "at_least", "below", "one_of", "onset"]))
    if kind == "at_least":
        return AtLeast(draw(st.sampled_from(NUMBERS)), draw(st.integers(0, 80)))
    if kind == "below":
        return Below(draw(st.sampled_from(NUMBERS)), draw(st.integers(0, 80)))
    if kind == "one_of":
        return OneOf("pain_area", frozenset(draw(st.sets(st.sampled_from(["lower_back", "mid_back", "both"])))))
    if kind == "onset":
        return OnsetBefore(draw(st.integers(16, 80)))
    key = draw(st.sampled_from(earlier))
    return Yes(key) if kind == "yes" else No(key)


def _condition(draw: st.DrawFn, earlier: list[str], depth: int = 0) -> Condition:
    kind = draw(st.sampled_from(["leaf", "leaf", "all", "any", "some", "unless"] if depth < 2 else ["leaf"]))
    if kind == "leaf":
        return _leaf(draw, earlier)
    parts = [_condition(draw, earlier, depth + 1) for _ in range(draw(st.integers(1, 3)))]
    if kind == "all":
        return All(*parts)
    if kind == "any":
        return AnyOf(*parts)
    if kind == "some":
        return Some(draw(st.integers(1, len(parts))), *parts)
    return Unless(parts[0])


@st.composite
def gate_tables(draw: st.DrawFn) -> tuple[list[str], dict[str, Condition]]:
    """A question order (a few yes/no questions) and random conditions, each behind earlier questions."""
    order = list(draw(st.permutations(SYMPTOMS)))[: draw(st.integers(2, 7))]
    table = {}
    for index, key in enumerate(order[1:], start=1):
        if draw(st.booleans()):
            table[key] = _condition(draw, order[:index])
    return order, table


@settings(max_examples=examples(500), deadline=None)
@given(
    tables=gate_tables(),
    data=st.fixed_dictionaries(
        {
            **{k: st.sampled_from([None, "yes", "no", "unsure"]) for k in SYMPTOMS},
            "age": st.one_of(st.none(), st.integers(16, 90)),
            "pain_weeks": st.one_of(st.none(), st.integers(0, 2000)),
            "pain_area": st.sampled_from([None, "lower_back", "mid_back", "both"]),
        }
    ),
    hidden=st.booleans(),
)
def test_enable_logic_agrees_with_check_for_any_gates(
    tables: tuple[list[str], dict[str, Condition]], data: dict[str, Any], hidden: bool
) -> None:
    order, gates = tables
    items = [{"linkId": k} for k in (*NUMBERS, "pain_area")]
    items += [{"linkId": k, **enable_when(k, gates)} for k in order]
    state = enabled_items(items, data, hidden_answers=hidden)
    facts = {k: data[k] for k in (*NUMBERS, "pain_area", *order)}
    gone = skipped(facts, gates)
    assert {k: state[k] for k in order} == {k: k not in gone for k in order}


def _logic(key: str) -> dict[str, Any]:
    return enable_when(key, bank().skip_gates)


def test_an_unanswered_gate_means_ask() -> None:
    """R4: ``exists false`` holds for an unanswered question, so a question behind it is shown."""
    gates = {"weakness_worsening": AnyOf(Yes("leg_numbness"), Yes("leg_weakness"))}
    item = {"linkId": "weakness_worsening", **enable_when("weakness_worsening", gates)}
    assert enabled_items([item], {})["weakness_worsening"]
    assert "weakness_worsening" not in skipped({"leg_numbness": None, "leg_weakness": None}, gates)


def test_not_equals_reads_as_the_spec_says() -> None:
    """The evaluator itself: "!=" holds with no answer, "=" does not (R4 and R5 operator definitions)."""
    condition = {"question": "x", "operator": "!=", "answerCoding": {"system": "s", "code": "c"}}
    assert holds(condition, [])
    assert not holds({**condition, "operator": "="}, [])
    assert not holds(condition, [("s", "c")])


def test_a_question_without_gates_has_no_enable_logic() -> None:
    assert _logic("saddle_numbness") == {}
    assert _logic("both_legs")["enableBehavior"] == "any"


def test_a_number_gate_is_plain_enable_when_and_a_missing_number_asks() -> None:
    """treatment_no_better: pain_weeks >= 4, or pain_weeks not given."""
    assert _logic("treatment_no_better") == {
        "enableWhen": [
            {"question": "pain_weeks", "operator": "exists", "answerBoolean": False},
            {"question": "pain_weeks", "operator": ">=", "answerInteger": 4},
        ],
        "enableBehavior": "any",
    }
    items = [{"linkId": "pain_weeks"}, {"linkId": "treatment_no_better", **_logic("treatment_no_better")}]
    assert [enabled_items(items, {"pain_weeks": w})["treatment_no_better"] for w in (None, 3, 4)] == [
        True,
        False,
        True,
    ]


@pytest.mark.parametrize("key", ["morning_stiffness", "procedure_considered"])
def test_compound_gates_are_one_fhirpath_expression_and_no_enable_when(key: str) -> None:
    logic = _logic(key)
    assert "enableWhen" not in logic and "enableBehavior" not in logic
    (extension,) = logic["extension"]
    assert extension["url"] == ENABLE_WHEN_EXPRESSION
    assert extension["valueExpression"]["language"] == "text/fhirpath"


@pytest.mark.parametrize(
    ("age", "weeks", "asked"),
    [
        (44, 13, True),  # began at 43.75
        (45, 52, True),  # began at 44
        (46, 52, False),  # began at 45 exactly: not before 45
        (46, 53, True),
        (70, 12, False),  # under 13 weeks
        (70, None, True),  # weeks not given: ask
        (None, 20, True),  # age not given: ask
    ],
)
def test_the_onset_age_gate(age: int | None, weeks: int | None, asked: bool) -> None:
    data = {"age": age, "pain_weeks": weeks}
    state = enabled_items(build_questionnaire(bank(), texts())["item"], data)
    assert state["morning_stiffness"] is asked
    assert ("morning_stiffness" not in bank().skipped(data)) is asked


def test_a_skipped_gate_is_not_a_reason_to_ask() -> None:
    """procedure_considered behind leg_pain_walking: a hidden leg_pain_walking has no answer, yet must not ask.

    Age 40, no leg symptoms: leg_pain_walking is skipped; even its (hidden) "yes" or its missing
    answer must not open procedure_considered, as in check.
    """
    base = {"age": 40, "pain_weeks": 10, "leg_pain_below_knee": "no", "leg_numbness": "no", "leg_weakness": "no"}
    items = build_questionnaire(bank(), texts())["item"]
    for walking in (None, "yes", "unsure"):
        data = {**base, "leg_pain_walking": walking}
        assert {"leg_pain_walking", "procedure_considered"} <= bank().skipped(data)
        for hidden in (False, True):
            state = enabled_items(items, data, hidden_answers=hidden)
            assert not state["leg_pain_walking"] and not state["procedure_considered"]
    older = {**base, "age": 60, "leg_pain_walking": None}
    assert enabled_items(items, older)["procedure_considered"]
