"""What a portal must do for the enableWhenExpressions to work: load the FHIR model (docs/fhir.md, issue 21).

``answer.value`` is a choice element (value[x]). A FHIRPath engine finds ``valueCoding`` or
``valueInteger`` under the name ``value`` only when it is given the FHIR model (fhirpath.js:
``fhirpath_r4_model``; fhirpathpy: ``models["r4"]``). Without it ``answer.value`` is empty, so
``.where(code='LA32-8').empty()`` ("not answered no") is true for every response, and every gated
question is shown to everyone. This test reproduces that with fhirpathpy, and shows the same
expressions with the model enabling exactly what ``check`` asks.
"""

from __future__ import annotations

from typing import Any

import fhirpathpy
import pytest
from fhirpathpy.models import models

from backpain_cli.fhir.questionnaire import build_questionnaire
from backpain_cli.rules.policy import skipped
from tests.fhir.enablewhen import expression_of, response_answers
from tests.helpers import ALL_CLEAR, bank, texts


def _items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for item in items:
        found.append(item)
        found += _items(item.get("item", []))
    return found


def expressions(release: str = "R4") -> dict[str, str]:
    """linkId -> enableWhenExpression, for every item that has one."""
    form = build_questionnaire(bank(), texts(), release)  # type: ignore[arg-type]
    return {i["linkId"]: e for i in _items(form["item"]) if (e := expression_of(i)) is not None}


def response(answers: dict[str, Any]) -> dict[str, Any]:
    items = [{"linkId": k, "answer": response_answers(k, v)} for k, v in answers.items() if v is not None]
    return {"resourceType": "QuestionnaireResponse", "status": "in-progress", "item": items}


def evaluate(expression: str, resource: dict[str, Any], model: dict[str, Any] | None) -> list[Any]:
    if model is None:
        return list(fhirpathpy.evaluate(resource, expression, {"resource": resource}))
    return list(fhirpathpy.evaluate(resource, expression, {"resource": resource}, model))


def test_the_questionnaire_has_enable_when_expressions() -> None:
    assert len(expressions()) >= 4  # the four the issue counted, and the ones rule set 2027.1 added


def test_without_the_model_every_expression_is_true_and_gated_questions_show_to_everyone() -> None:
    """The problem, reproduced: a routine answer set that ``check`` asks none of these questions of."""
    answers = dict(ALL_CLEAR)
    skip = skipped(answers, bank().skip_gates)
    gated = expressions()
    assert set(gated) <= skip  # check skips every one of them for this person
    resource = response(answers)
    assert all(evaluate(e, resource, None) == [True] for e in gated.values())


@pytest.mark.parametrize("release", ["r4", "r5"])
def test_with_the_model_the_expressions_enable_what_check_asks(release: str) -> None:
    answers = dict(ALL_CLEAR)
    skip = skipped(answers, bank().skip_gates)
    resource = response(answers)
    for key, expression in expressions("R4" if release == "r4" else "R5").items():
        assert evaluate(expression, resource, models[release]) == [key not in skip], key
