"""An independent reading of FHIR enableWhen, written from the spec, to check the generated items.

R4 / R5 Questionnaire.item.enableWhen: an item with enableWhen is enabled when any (enableBehavior
"any") or all ("all") conditions hold; one condition per operator:
- ``exists``: true when the question has an answer and answerBoolean is true, or has none and it is false;
- ``=``: true when some answer equals the given one; with no answer, false;
- ``!=``: true when no answer equals the given one (so true with no answer at all: "True if no
  answer has a value that is equal to the enableWhen answer");
- ``>``, ``<``, ``>=``, ``<=``: true when some answer compares so; with no answer, false.
"If enableWhen logic depends on an item that is disabled, the logic should proceed as though the
item is not valued": a disabled item's answers do not count. Items are read in order, so an item's
gates (always earlier ones) are settled first.

SDC enableWhenExpression (sdc-questionnaire-enableWhenExpression): the item is enabled when the
FHIRPath expression gives true. It is evaluated here with fhirpathpy (FHIR R4 model) against a
QuestionnaireResponse of the answers so far, with ``%resource`` bound to it. ``hidden_answers``
also puts the answers of disabled items in that response, as a renderer might: the result must
not change.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Mapping
from typing import Any

from backpain_cli.answers import SYMPTOM_KEYS
from backpain_cli.fhir import codes
from backpain_cli.fhir.enable import ENABLE_WHEN_EXPRESSION, choice_system

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    ">": operator.gt,
    "<": operator.lt,
    ">=": operator.ge,
    "<=": operator.le,
}


def fhir_values(key: str, value: Any) -> list[Any]:
    """An answer as the FHIR values a response holds: a (system, code) per coding, or a number."""
    if value is None:
        return []
    if key in SYMPTOM_KEYS:
        return [(codes.LOINC, codes.YES_NO_UNSURE[value][0])]
    if isinstance(value, list):
        return [(choice_system(key), v) for v in value]
    if isinstance(value, str):
        return [(choice_system(key), value)]
    return [value]


def response_answers(key: str, value: Any) -> list[dict[str, Any]]:
    """An answer as QuestionnaireResponse.item.answer entries."""
    out: list[dict[str, Any]] = []
    for held in fhir_values(key, value):
        if isinstance(held, tuple):
            out.append({"valueCoding": {"system": held[0], "code": held[1]}})
        else:
            out.append({"valueInteger": held})
    return out


def expression_of(item: Mapping[str, Any]) -> str | None:
    """The FHIRPath of an item's enableWhenExpression extension, if it has one."""
    for ext in item.get("extension", ()):
        if ext["url"] == ENABLE_WHEN_EXPRESSION:
            assert ext["valueExpression"]["language"] == "text/fhirpath"
            return str(ext["valueExpression"]["expression"])
    return None


@functools.cache
def _compiled(expression: str) -> Callable[[Any, Any], list[Any]]:
    """``expression`` parsed once (fhirpathpy, R4 model): parsing costs far more than evaluating."""
    import fhirpathpy
    from fhirpathpy.models import models

    return fhirpathpy.compile(expression, models["r4"])


def evaluate_expression(expression: str, response_items: list[dict[str, Any]]) -> bool:
    """An enableWhenExpression's value for a response holding ``response_items`` (fhirpathpy, R4 model)."""
    response = {"resourceType": "QuestionnaireResponse", "status": "in-progress", "item": response_items}
    result = _compiled(expression)(response, {"resource": response})
    assert result in ([True], [False]), f"not one boolean: {result!r} from {expression}"
    return bool(result[0])


def _condition_value(condition: Mapping[str, Any]) -> Any:
    kind = next(k for k in condition if k.startswith("answer"))
    value = condition[kind]
    if kind == "answerCoding":
        return (value["system"], value["code"])
    return value


def holds(condition: Mapping[str, Any], answered: list[Any]) -> bool:
    op = condition["operator"]
    if op == "exists":
        return bool(answered) == condition["answerBoolean"]
    wanted = _condition_value(condition)
    if op == "=":
        return any(a == wanted for a in answered)
    if op == "!=":
        return all(a != wanted for a in answered)
    return any(_COMPARE[op](a, wanted) for a in answered)


def enabled_items(
    items: list[Mapping[str, Any]], answers: Mapping[str, Any], *, hidden_answers: bool = False
) -> dict[str, bool]:
    """For every item (depth first, in order), whether it is enabled given ``answers`` (key -> value)."""
    state: dict[str, bool] = {}
    values: dict[str, list[Any]] = {}
    response: list[dict[str, Any]] = []

    def walk(group: list[Mapping[str, Any]], parent_on: bool) -> None:
        for item in group:
            link = item["linkId"]
            conditions = item.get("enableWhen", [])
            expression = expression_of(item)
            assert not (conditions and expression), f"{link}: enableWhen and enableWhenExpression together"
            if conditions:
                results = [holds(c, values.get(c["question"], [])) for c in conditions]
                on = any(results) if item.get("enableBehavior", "any") == "any" else all(results)
            elif expression:
                on = evaluate_expression(expression, response)
            else:
                on = True
            on = on and parent_on
            state[link] = on
            values[link] = fhir_values(link, answers.get(link)) if on else []
            given = response_answers(link, answers.get(link))
            if given and (on or hidden_answers):
                response.append({"linkId": link, "answer": given})
            walk(item.get("item", []), on)

    walk(items, True)
    return state
