"""The skip logic as FHIR: each question's ask condition (rules.policy.ASK_WHEN) as enableWhen or FHIRPath.

``check`` skips a question when its condition is certainly false (``rules.policy.skipped``): an
unanswered yes/no question counts as "not sure" (but a broad question of an earlier bank, which
``check`` never asks, as not answered), a number not given as "maybe", and a question that was
itself skipped as not answered (so never a reason to ask). A FHIR item is enabled in
exactly the other case: when the condition *could* hold.

Two forms, never both on one item (SDC forbids it):

- plain ``enableWhen`` (FHIR R4 4.0.1 / R5 5.0.0 Questionnaire.item.enableWhen) when the
  condition is a choice of simple tests (``any``) or a set of single tests (``all``) on questions
  that are always asked. "Unanswered means ask" is written out: ``exists false`` beside ``= Yes``
  and ``= Don't know`` (never ``!= No``, which R4 and R5 word differently), and ``exists false``
  beside ``>=`` / ``<`` for numbers.
- otherwise the SDC extension ``sdc-questionnaire-enableWhenExpression`` (SDC 3.0.0) with a
  FHIRPath expression over the response (``%resource``): compound conditions (``All`` of
  ``AnyOf``), the onset age, and any test on a question that can itself be skipped. A skipped
  question has no answer in FHIR, and ``exists false`` would read that as "ask"; the expression
  instead repeats the skipped question's own condition, so it never depends on how a renderer
  treats the answers of hidden items.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from backpain_cli.answers import SYMPTOM_KEYS
from backpain_cli.conditions import All, AnyOf, AtLeast, Below, Condition, No, OneOf, OnsetBefore, Some, Unless, Yes
from backpain_cli.fhir import codes
from backpain_cli.rules.policy import REFINED

ENABLE_WHEN_EXPRESSION: Final = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression"
CODE_SYSTEM_BASE: Final = "https://backpain.invalid/fhir/CodeSystem/"

Gates = Mapping[str, Condition]


def choice_system(key: str) -> str:
    """The code system of a choice question's own answers (pain_area, previous_imaging)."""
    return CODE_SYSTEM_BASE + key.replace("_", "-")


def answer_coding(key: str, value: str) -> dict[str, str]:
    """The Coding of one answer: LOINC for yes / no / not sure, else the question's own code system."""
    if key in SYMPTOM_KEYS:
        code, display = codes.YES_NO_UNSURE[value]
        return {"system": codes.LOINC, "code": code, "display": display}
    return {"system": choice_system(key), "code": value}


def enable_when(key: str, gates: Gates) -> dict[str, Any]:
    """The enabling logic of one question from the bank's skip gates (``QuestionBank.skip_gates``).

    Returns {} for a question always asked; ``{"enableWhen": [...], "enableBehavior": ...}``
    when plain enableWhen can say it; else ``{"extension": [enableWhenExpression]}`` (an SDC
    Expression, language ``text/fhirpath``). The one translation of the gates.
    """
    condition = gates.get(key)
    if condition is None:
        return {}
    plain = _plain(condition, gates)
    if plain is not None:
        return plain
    expression = {
        "description": f"Asked when {condition.describe()} could hold (unanswered means ask)",
        "language": "text/fhirpath",
        "expression": possible(condition, gates),
    }
    return {"extension": [{"url": ENABLE_WHEN_EXPRESSION, "valueExpression": expression}]}


# ------------------------------------------------------------------ plain enableWhen


def _plain(condition: Condition, gates: Gates) -> dict[str, Any] | None:
    if not condition.keys().isdisjoint(gates):
        return None  # a skipped question would read as unanswered, so as "ask": not what check does
    atoms = _any_of(condition)
    if atoms is not None:
        return {"enableWhen": atoms, "enableBehavior": "any"}
    if isinstance(condition, All):
        parts = [_any_of(p) for p in condition.parts]
        if parts and all(p is not None and len(p) == 1 for p in parts):
            return {"enableWhen": [p[0] for p in parts if p], "enableBehavior": "all"}
    return None


def _any_of(condition: Condition) -> list[dict[str, Any]] | None:
    """enableWhen conditions whose "any" means ``condition`` could hold, or None when there are none."""
    match condition:
        case Yes(key=key):
            maybe = [] if key in REFINED else [_unanswered(key)]  # a broad key left out is no doubt
            return [*maybe, _equals(key, "yes"), _equals(key, "unsure")]
        case No(key=key):
            return [_equals(key, "no")]
        case AtLeast(key=key, minimum=minimum):
            return [_unanswered(key), {"question": key, "operator": ">=", "answerInteger": minimum}]
        case Below(key=key, limit=limit):
            return [_unanswered(key), {"question": key, "operator": "<", "answerInteger": limit}]
        case OneOf(key=key, values=values):
            return [_unanswered(key), *(_equals(key, v) for v in sorted(values))]
        case AnyOf(parts=parts) | Some(count=1, parts=parts):
            found: list[dict[str, Any]] = []
            for part in parts:
                atoms = _any_of(part)
                if atoms is None:
                    return None
                found += [a for a in atoms if a not in found]
            return found or None
        case All(parts=(part,)):
            return _any_of(part)
    return None


def _unanswered(key: str) -> dict[str, Any]:
    return {"question": key, "operator": "exists", "answerBoolean": False}


def _equals(key: str, value: str) -> dict[str, Any]:
    return {"question": key, "operator": "=", "answerCoding": answer_coding(key, value)}


# ------------------------------------------------------------------ FHIRPath


def _values(key: str) -> str:
    return f"%resource.repeat(item).where(linkId='{key}').answer.value"


def _asked(key: str, gates: Gates) -> str | None:
    """FHIRPath for "this question is enabled", or None when it always is."""
    return possible(gates[key], gates) if key in gates else None


def _given(key: str, test: str, gates: Gates) -> str:
    """An answer of ``key`` passes ``test`` (a FHIRPath on $this) and the question was asked."""
    found = f"{_values(key)}.where({test}).exists()"
    asked = _asked(key, gates)
    return found if asked is None else f"(({asked}) and {found})"


def _missing(key: str, gates: Gates) -> str:
    """``key`` counts as not given: not answered, or not asked."""
    empty = f"{_values(key)}.empty()"
    asked = _asked(key, gates)
    return empty if asked is None else f"(({asked}).not() or {empty})"


def _code_is(key: str, value: str) -> str:
    return f"code='{answer_coding(key, value)['code']}'"


def _one_of(key: str, values: frozenset[str]) -> str:
    return " or ".join(_code_is(key, v) for v in sorted(values)) or "false"


def _join(word: str, parts: list[str], empty: str) -> str:
    if not parts:
        return empty
    return parts[0] if len(parts) == 1 else "(" + f" {word} ".join(parts) + ")"


def possible(condition: Condition, gates: Gates) -> str:
    """FHIRPath (boolean, never empty) for "``condition`` is not certainly false" (the item is asked)."""
    match condition:
        case Yes(key=key) if key in REFINED:
            # a broad question of an earlier bank, never asked: left out, it is no doubt (policy.skipped)
            return _given(key, f"{_code_is(key, 'yes')} or {_code_is(key, 'unsure')}", gates)
        case Yes(key=key):
            not_no = f"{_values(key)}.where({_code_is(key, 'no')}).empty()"
            asked = _asked(key, gates)
            return not_no if asked is None else f"(({asked}) and {not_no})"
        case No(key=key):
            return _given(key, _code_is(key, "no"), gates)
        case AtLeast(key=key, minimum=minimum):
            return f"({_missing(key, gates)} or {_given(key, f'$this >= {minimum}', gates)})"
        case Below(key=key, limit=limit):
            return f"({_missing(key, gates)} or {_given(key, f'$this < {limit}', gates)})"
        case OneOf(key=key, values=values):
            return f"({_missing(key, gates)} or {_given(key, _one_of(key, values), gates)})"
        case OnsetBefore():
            return f"({_missing('age', gates)} or {_missing('pain_weeks', gates)} or {_onset(condition, gates)})"
        case All(parts=parts):
            return _join("and", [possible(p, gates) for p in parts], "true")
        case AnyOf(parts=parts):
            return _join("or", [possible(p, gates) for p in parts], "false")
        case Some(count=count, parts=parts):
            return _at_least(count, [possible(p, gates) for p in parts])
        case Unless(part=part):
            return f"({certain(part, gates)}).not()"
    raise TypeError(f"no FHIR form for the condition {condition!r}")


def certain(condition: Condition, gates: Gates) -> str:
    """FHIRPath (boolean, never empty) for "``condition`` is certainly true" (only ``Unless`` needs it)."""
    match condition:
        case Yes(key=key):
            return _given(key, _code_is(key, "yes"), gates)
        case No(key=key):
            return _given(key, _code_is(key, "no"), gates)
        case AtLeast(key=key, minimum=minimum):
            return _given(key, f"$this >= {minimum}", gates)
        case Below(key=key, limit=limit):
            return _given(key, f"$this < {limit}", gates)
        case OneOf(key=key, values=values):
            return _given(key, _one_of(key, values), gates)
        case OnsetBefore():
            given = f"{_missing('age', gates)}.not() and {_missing('pain_weeks', gates)}.not()"
            return f"({given} and {_onset(condition, gates)})"
        case All(parts=parts):
            return _join("and", [certain(p, gates) for p in parts], "true")
        case AnyOf(parts=parts):
            return _join("or", [certain(p, gates) for p in parts], "false")
        case Some(count=count, parts=parts):
            return _at_least(count, [certain(p, gates) for p in parts])
        case Unless(part=part):
            return f"({certain(part, gates)}).not()"
    raise TypeError(f"no FHIR form for the condition {condition!r}")


def _onset(condition: OnsetBefore, gates: Gates) -> str:
    # age - weeks / 52 < limit, in whole numbers (age * 52 - weeks < limit * 52): no decimals to round.
    weeks = f"{_values('pain_weeks')}.first()"
    return _given("age", f"$this * 52 - {weeks} < {condition.age * 52}", gates)


def _at_least(count: int, parts: list[str]) -> str:
    if count <= 0:
        return "true"
    return "((" + " + ".join(f"iif({p}, 1, 0)" for p in parts) + f") >= {count})" if parts else "false"
