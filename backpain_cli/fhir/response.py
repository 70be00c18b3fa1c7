"""QuestionnaireResponse: answers written as one (for the result bundle) and read from one (R4 or R5).

Items are matched by linkId, which is the answer key, wherever they sit (in section groups, or
flat). Every problem names the item's path in the response, e.g. ``item[3].item[0].answer[0]``.
Spec: FHIR R4 / R5 QuestionnaireResponse.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from backpain_cli.answers import ANSWER_KEYS, INTEGER_KEYS, SYMPTOM_KEYS, suggest_key
from backpain_cli.errors import AnswerFileError, Code, Problem
from backpain_cli.fhir import codes
from backpain_cli.fhir.questionnaire import (
    EMERGENCY_PREFIX,
    HELP_SUFFIX,
    QUESTIONNAIRE_URL,
    SECTION_PREFIX,
    choice_system,
)
from backpain_cli.questions import QuestionBank
from backpain_cli.safetext import shown

_INTEGERS: Final = INTEGER_KEYS
_CHOICES: Final = frozenset(ANSWER_KEYS) - SYMPTOM_KEYS - _INTEGERS
_MANY: Final = frozenset({"previous_imaging"})


def build_response(answers: Mapping[str, Any], bank: QuestionBank) -> dict[str, Any]:
    """A completed QuestionnaireResponse holding ``answers`` (answer key -> value; None = not answered).

    Grouped by section like the Questionnaire; unanswered questions are left out.
    """
    groups = []
    for section in bank.sections:
        items = []
        for q in bank.questions:
            value = answers.get(q.key)
            if q.section != section.id or value is None:
                continue
            labels = {c.value: c.label for c in q.choices}
            items.append({"linkId": q.key, "text": q.text, "answer": _answer_values(q.key, value, labels)})
        if items:
            groups.append({"linkId": SECTION_PREFIX + section.id, "text": section.title, "item": items})
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{QUESTIONNAIRE_URL}|{bank.version}",
        "status": "completed",
        "item": groups,
    }


def _answer_values(key: str, value: Any, labels: Mapping[str, str]) -> list[dict[str, Any]]:
    if key in _INTEGERS:
        return [{"valueInteger": int(value)}]
    if key in SYMPTOM_KEYS:
        code, display = codes.YES_NO_UNSURE[value]
        return [{"valueCoding": {"system": codes.LOINC, "code": code, "display": display}}]
    values = value if isinstance(value, list) else [value]
    return [{"valueCoding": {"system": choice_system(key), "code": v, "display": labels.get(v, v)}} for v in values]


def is_response(data: object) -> bool:
    """Whether parsed JSON is a FHIR QuestionnaireResponse (recognised by ``resourceType``)."""
    return isinstance(data, Mapping) and data.get("resourceType") == "QuestionnaireResponse"


def read_response(
    data: Mapping[str, Any], *, source: str | None, bank_version: str | None = None
) -> tuple[dict[str, Any], list[str]]:
    """The answers a QuestionnaireResponse holds, as an answer mapping, and warnings to show.

    Raises AnswerFileError when it answers another questionnaire, holds an unknown linkId, an
    answer of the wrong type or an unknown code, or the same question twice: each problem names
    its item path. A response to another version of our questionnaire is read, with a warning.
    """
    problems: list[Problem] = []
    warnings: list[str] = []

    def fail(path: str, message: str, code: Code = Code.BAD_VALUE, key: str | None = None) -> None:
        problems.append(Problem(f"{path}: {message}", source=source, key=key, code=code))

    canonical = data.get("questionnaire")
    if canonical is not None:
        if not isinstance(canonical, str):
            fail("questionnaire", "must be the questionnaire's canonical URL (text)", Code.NOT_A_MAPPING)
        else:
            url, _, version = canonical.partition("|")
            if url != QUESTIONNAIRE_URL:
                fail(
                    "questionnaire",
                    f"answers another questionnaire ({shown(url)}), not backpain's ({QUESTIONNAIRE_URL})",
                    Code.NOT_A_MAPPING,
                )
            elif bank_version and version and version != bank_version:
                warnings.append(
                    f"answers version {shown(version)} of the questionnaire, not {bank_version}: "
                    "questions may have changed since, so check the answers"
                )
    answers: dict[str, Any] = {}
    items = data.get("item", [])
    if not isinstance(items, list):
        fail("item", "must be a list of items", Code.NOT_A_MAPPING)
        items = []
    _walk(items, "item", answers, set(), fail)
    if problems:
        raise AnswerFileError(problems)
    return answers, warnings


def _walk(items: list[Any], path: str, answers: dict[str, Any], seen: set[str], fail: Any) -> None:
    for index, item in enumerate(items):
        where = f"{path}[{index}]"
        if not isinstance(item, Mapping) or not isinstance(item.get("linkId"), str):
            fail(where, "an item must be an object with a linkId", Code.NOT_A_MAPPING)
            continue
        link = item["linkId"]
        children = item.get("item", [])
        answer = item.get("answer")
        if link in ANSWER_KEYS:
            if link in seen:
                fail(where, f"{link} appears twice; give each question once", Code.DUPLICATE_KEY, key=link)
            elif answer is not None:
                value = _read_answers(link, answer, f"{where}.answer", fail)
                if value is not None:
                    answers[link] = value
            seen.add(link)
        elif not _ours(link):
            guess = suggest_key(link)
            hint = f" (did you mean {guess!r}?)" if guess else ""
            fail(where, f"unknown linkId {shown(link)}{hint}", Code.UNKNOWN_KEY)
        elif answer:
            fail(f"{where}.answer", f"{shown(link)} is not a question and takes no answer", Code.BAD_VALUE)
        if isinstance(children, list):
            _walk(children, f"{where}.item", answers, seen, fail)
        # Items nested under an answer (answer[].item) are allowed by FHIR; ours has none.


def _ours(link: str) -> bool:
    return link.startswith((SECTION_PREFIX, EMERGENCY_PREFIX)) or (
        link.endswith(HELP_SUFFIX) and link.removesuffix(HELP_SUFFIX) in ANSWER_KEYS
    )


def _read_answers(key: str, answer: object, where: str, fail: Any) -> Any:
    if not isinstance(answer, list):
        fail(where, "must be a list of answers", Code.NOT_A_MAPPING, key=key)
        return None
    if len(answer) > 1 and key not in _MANY:
        fail(where, f"{key} takes one answer, not {len(answer)}", key=key)
        return None
    values = []
    for index, entry in enumerate(answer):
        value = _read_one(key, entry, f"{where}[{index}]", fail)
        if value is None:
            return None
        values.append(value)
    if not values:
        return None
    return values if key in _MANY else values[0]


def _read_one(key: str, entry: object, where: str, fail: Any) -> Any:
    value_keys = [k for k in entry if k.startswith("value")] if isinstance(entry, Mapping) else []
    if not isinstance(entry, Mapping) or len(value_keys) != 1:
        fail(where, "an answer must hold exactly one value[x]", Code.BAD_VALUE, key=key)
        return None
    kind = value_keys[0]
    value = entry[kind]
    if key in _INTEGERS:
        if kind == "valueInteger" and isinstance(value, int) and not isinstance(value, bool):
            return value
        fail(where, f"{key} takes valueInteger, not {kind}", key=key)
        return None
    if key in SYMPTOM_KEYS and kind == "valueBoolean" and isinstance(value, bool):
        return "yes" if value else "no"
    if kind != "valueCoding" or not isinstance(value, Mapping):
        expected = "valueCoding (or valueBoolean)" if key in SYMPTOM_KEYS else "valueCoding"
        fail(where, f"{key} takes {expected}, not {kind}", key=key)
        return None
    system, code = value.get("system"), value.get("code")
    if key in SYMPTOM_KEYS:
        if system in (None, codes.LOINC) and isinstance(code, str) and code in codes.ANSWER_BY_CODE:
            return codes.ANSWER_BY_CODE[code]
        allowed = ", ".join(f"{c} ({d})" for c, d in codes.YES_NO_UNSURE.values())
        fail(where, f"{shown(code)} is not an answer to {key}: expected LOINC {allowed}", key=key)
        return None
    if system in (None, choice_system(key)) and isinstance(code, str):
        return code  # the answer model checks the value itself
    fail(where, f"{key} takes codes from {choice_system(key)}, not {shown(system)}", key=key)
    return None
