"""The skip logic in the FHIR Questionnaire hides exactly the questions that ``check`` skips.

Property tests: for random answer sets, the generated enableWhen, read the FHIR way
(tests/fhir/enablewhen.py), enables a question exactly when ``redflags.is_skipped`` asks it, for the
shipped bank's gates and for random gate tables (so a change in how gates are written is caught).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from backpain_cli.answers import ANSWER_KEYS, SYMPTOM_KEYS
from backpain_cli.fhir.questionnaire import build_questionnaire, enable_when
from backpain_cli.redflags import is_skipped
from backpain_cli.triage import prune
from tests.fhir.enablewhen import enabled_items, holds
from tests.helpers import answers, bank
from tests.speed import examples
from tests.strategies import answer_sets

SYMPTOMS = sorted(SYMPTOM_KEYS)


def _asked(facts: dict[str, Any], gates: Any) -> dict[str, bool]:
    return {k: not is_skipped(k, facts, gates) for k in ANSWER_KEYS}


@settings(max_examples=examples(600), deadline=None)
@given(data=answer_sets())
def test_the_questionnaire_enables_what_check_asks(data: dict[str, Any]) -> None:
    questionnaire = build_questionnaire(bank())
    state = enabled_items(questionnaire["item"], data)
    facts, _ = prune(answers(data, base=None), bank().skip_gates)
    assert {k: state[k] for k in ANSWER_KEYS} == _asked(facts, bank().skip_gates)


@st.composite
def gate_tables(draw: st.DrawFn) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    """A question order and random skip gates: each gated question stays behind earlier yes/no questions."""
    order = list(draw(st.permutations(SYMPTOMS)))
    table = {}
    for index, key in enumerate(order[1:], start=1):
        if draw(st.booleans()):
            table[key] = tuple(draw(st.lists(st.sampled_from(order[:index]), min_size=1, max_size=3, unique=True)))
    return order, table


@settings(max_examples=examples(600), deadline=None)
@given(
    tables=gate_tables(),
    data=st.fixed_dictionaries({k: st.sampled_from([None, "yes", "no", "unsure"]) for k in SYMPTOMS}),
)
def test_enable_when_agrees_with_is_skipped_for_any_gates(
    tables: tuple[list[str], dict[str, tuple[str, ...]]], data: dict[str, Any]
) -> None:
    order, gates = tables
    state = enabled_items([{"linkId": k, **enable_when(k, gates)} for k in order], data)
    facts, asked = dict(data), {}
    for key in order:  # as check walks: a skipped question gets no answer, and later gates see none
        asked[key] = not is_skipped(key, facts, gates)
        if not asked[key]:
            facts[key] = None
    assert state == asked


def test_an_unanswered_gate_means_ask() -> None:
    """R4: ``exists false`` holds for an unanswered question, so a question behind it is shown."""
    gates = {"weakness_worsening": ("leg_numbness", "leg_weakness")}
    item = {"linkId": "weakness_worsening", **enable_when("weakness_worsening", gates)}
    assert enabled_items([item], {})["weakness_worsening"]
    assert not is_skipped("weakness_worsening", {}, gates)


def test_not_equals_reads_as_the_spec_says() -> None:
    """The evaluator itself: "!=" holds with no answer, "=" does not (R4 and R5 operator definitions)."""
    condition = {"question": "x", "operator": "!=", "answerCoding": {"system": "s", "code": "c"}}
    assert holds(condition, [])
    assert not holds({**condition, "operator": "="}, [])
    assert not holds(condition, [("s", "c")])


def test_a_question_without_gates_has_no_enable_when() -> None:
    assert enable_when("saddle_numbness", bank().skip_gates) == {}
    assert enable_when("both_legs", bank().skip_gates)["enableBehavior"] == "any"
