"""Reading a QuestionnaireResponse (R4 or R5): same result as the answer file, clear errors with item paths."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from backpain_cli.answers import parse_answer_bytes
from backpain_cli.cli import app
from backpain_cli.errors import AnswerFileError, Code
from backpain_cli.fhir.questionnaire import QUESTIONNAIRE_URL
from backpain_cli.fhir.response import build_response, read_response
from tests.fhir.conftest import VIGNETTES, result_json, validate, vignette
from tests.helpers import bank
from tests.speed import examples
from tests.vignette_helpers import Vignettes


def _response(path: Path) -> dict[str, Any]:
    return build_response(vignette(path).as_dict(), bank())


def _read(data: dict[str, Any]) -> Any:
    return parse_answer_bytes(json.dumps(data).encode(), source="qr.json", kind="json")


@pytest.mark.parametrize("path", VIGNETTES, ids=lambda p: p.name)
def test_answer_file_to_response_to_result_is_the_same(path: Path, vignettes: Vignettes) -> None:
    answers = vignettes[path].answers
    back = _read(build_response(answers.as_dict(), bank()))
    assert back == answers
    assert result_json(back) == vignettes[path].result_json()


@pytest.mark.parametrize("models", ["R4B", "R5"])
def test_the_response_is_valid_fhir(models: str) -> None:
    for path in VIGNETTES[:10]:
        validate(_response(path), models)


def test_a_flat_response_and_booleans_are_read_too() -> None:
    """Some systems drop the section groups, or answer yes/no with valueBoolean."""
    data = {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "item": [
            {"linkId": "age", "answer": [{"valueInteger": 50}]},
            {"linkId": "saddle_numbness", "answer": [{"valueBoolean": True}]},
            {"linkId": "bladder_change", "answer": [{"valueCoding": {"code": "LA32-8"}}]},
        ],
    }
    answers = _read(data)
    assert (answers.age, answers.saddle_numbness, answers.bladder_change) == (50, "yes", "no")


def _problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(AnswerFileError) as caught:
        _read(data)
    return [p.describe() for p in caught.value.problems]


def test_errors_name_the_item_path() -> None:
    data = _response(VIGNETTES[0])
    wrong = copy.deepcopy(data)
    wrong["item"][1]["item"][0]["answer"] = [{"valueString": "ten"}]
    (message,) = _problems(wrong)
    assert "item[1].item[0].answer[0]" in message and "valueInteger" in message

    unknown = copy.deepcopy(data)
    unknown["item"][0]["item"].append({"linkId": "saddle_numbnes", "answer": [{"valueBoolean": True}]})
    (message,) = _problems(unknown)
    assert "item[0].item[1]" in message and "unknown linkId" in message and "saddle_numbness" in message

    code = copy.deepcopy(data)
    code["item"][2]["item"][0]["answer"] = [{"valueCoding": {"system": "http://loinc.org", "code": "LA4489-6"}}]
    (message,) = _problems(code)
    assert "item[2].item[0].answer[0]" in message and "LA33-6" in message


def test_a_response_to_another_questionnaire_is_refused() -> None:
    data = _response(VIGNETTES[0])
    data["questionnaire"] = "http://example.org/Questionnaire/phq-9|1"
    (message,) = _problems(data)
    assert "another questionnaire" in message


def test_a_response_to_another_version_is_read_with_a_warning() -> None:
    data = _response(VIGNETTES[0])
    data["questionnaire"] = f"{QUESTIONNAIRE_URL}|2025.1.0"
    answers, warnings = read_response(data, source="x", bank_version=bank().version)
    assert answers and len(warnings) == 1 and "2025.1.0" in warnings[0]


def test_other_resources_and_bad_values_are_bad_input() -> None:
    (message,) = _problems({"resourceType": "Patient"})
    assert "not a QuestionnaireResponse" in message
    data = {"resourceType": "QuestionnaireResponse", "item": [{"linkId": "age", "answer": [{"valueInteger": 12}]}]}
    with pytest.raises(AnswerFileError) as caught:
        _read(data)
    assert caught.value.problems[0].code == Code.UNDER_AGE
    twice = {"resourceType": "QuestionnaireResponse", "item": [{"linkId": "age"}, {"linkId": "age"}]}
    assert "twice" in _problems(twice)[0]


def test_assess_reads_a_response_from_a_file_stdin_and_a_batch(tmp_path: Path) -> None:
    runner = CliRunner()
    path = VIGNETTES[0]
    qr = tmp_path / "qr.json"
    qr.write_text(json.dumps(_response(path)))
    expected = runner.invoke(app, ["assess", "-a", str(path), "-f", "json"])
    from_file = runner.invoke(app, ["assess", "-a", str(qr), "-f", "json"])
    from_stdin = runner.invoke(app, ["assess", "-a", "-", "-f", "json"], input=qr.read_text())
    assert from_file.exit_code == from_stdin.exit_code == 0, from_file.output
    assert json.loads(from_file.stdout) == json.loads(expected.stdout) == json.loads(from_stdin.stdout)
    batch = runner.invoke(app, ["assess", "-a", str(qr), "-a", str(path)])
    lines = [json.loads(line) for line in batch.stdout.splitlines()]
    assert [line["urgency"] for line in lines] == [lines[1]["urgency"]] * 2


def test_a_bad_response_exits_2_with_the_path(tmp_path: Path) -> None:
    qr = tmp_path / "qr.json"
    qr.write_text(
        json.dumps(
            {"resourceType": "QuestionnaireResponse", "item": [{"linkId": "age", "answer": [{"valueString": "x"}]}]}
        )
    )
    result = CliRunner().invoke(app, ["assess", "-a", str(qr), "-f", "json"])
    assert result.exit_code == 2
    assert "item[0].answer[0]" in result.stderr and "Traceback" not in result.output
    assert result.stdout == ""


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12) | st.sampled_from(["age", "fever", "LA33-6"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["linkId", "item", "answer", "valueCoding", "valueInteger", "valueBoolean", "code", "system"]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=examples(600), deadline=None)
@given(items=_json, questionnaire=st.none() | st.text(max_size=10) | st.integers())
def test_any_response_shape_is_read_or_refused_never_a_crash(items: Any, questionnaire: Any) -> None:
    data = {"resourceType": "QuestionnaireResponse", "item": items, "questionnaire": questionnaire}
    try:
        _read(data)
    except AnswerFileError as error:
        assert error.problems
