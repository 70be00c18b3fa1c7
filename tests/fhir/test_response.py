"""Reading a QuestionnaireResponse (R4 or R5): same result as the answer file, clear errors with item paths,
nothing withdrawn or contradictory assessed silently."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from backpain_cli.cli import app
from backpain_cli.errors import AnswerFileError, Code
from backpain_cli.fhir.codes import ANSWER_BY_CODE, LOINC
from backpain_cli.fhir.questionnaire import QUESTIONNAIRE_URL
from backpain_cli.fhir.response import Displays, build_response, read_response
from tests.fhir.conftest import VIGNETTES, result_json, validate, vignette
from tests.helpers import bank, parse_answers, texts
from tests.speed import examples
from tests.vignette_helpers import Vignettes


def _response(path: Path) -> dict[str, Any]:
    return build_response(vignette(path).as_dict(), bank())


def _read(data: dict[str, Any]) -> Any:
    return parse_answers(json.dumps(data).encode(), source="qr.json", kind="json")


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


# ---------------------------------------------------------------- status (issue 19)


def _with_status(status: object, path: Path = VIGNETTES[0]) -> dict[str, Any]:
    data = _response(path)
    if status is None:
        del data["status"]
    else:
        data["status"] = status
    return data


def _read_with(data: dict[str, Any], *accept: str) -> tuple[dict[str, Any], list[str]]:
    return read_response(data, source="r.json", bank_version=bank().version, accept=accept)


@pytest.mark.parametrize("status", ["completed", "amended"])
def test_completed_and_amended_responses_are_assessed_without_a_word(status: str) -> None:
    answers, warnings = _read_with(_with_status(status))
    assert answers and warnings == []


def test_an_in_progress_response_is_assessed_with_a_warning_that_it_may_be_partial() -> None:
    answers, warnings = _read_with(_with_status("in-progress"))
    assert answers and len(warnings) == 1 and "may be partial" in warnings[0]


@pytest.mark.parametrize("status", ["entered-in-error", "stopped"])
def test_withdrawn_and_stopped_responses_are_refused_unless_accepted_by_name(status: str) -> None:
    with pytest.raises(AnswerFileError) as caught:
        _read_with(_with_status(status))
    (problem,) = caught.value.problems
    assert problem.code == Code.STATUS and f"--accept-status {status}" in problem.describe()
    other = "stopped" if status == "entered-in-error" else "entered-in-error"
    with pytest.raises(AnswerFileError):
        _read_with(_with_status(status), other)  # accepting one status never accepts the other
    answers, warnings = _read_with(_with_status(status), status)
    assert answers and len(warnings) == 1 and f"only because --accept-status {status}" in warnings[0]


def test_a_missing_status_is_read_as_completed_with_a_warning() -> None:
    answers, warnings = _read_with(_with_status(None))
    assert answers and warnings == ["has no status (FHIR requires one); read as completed"]


@pytest.mark.parametrize("status", ["final", "", "COMPLETED", 1, ["completed"]])
def test_a_status_fhir_does_not_have_is_refused(status: object) -> None:
    with pytest.raises(AnswerFileError) as caught:
        _read_with(_with_status(status))
    assert caught.value.problems[0].code == Code.STATUS
    assert "in-progress, completed, amended, entered-in-error, stopped" in caught.value.describe()


def test_every_command_that_reads_answers_refuses_a_withdrawn_response_and_accepts_it_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACKPAIN_HOME", str(tmp_path / "home"))
    runner = CliRunner()
    withdrawn = tmp_path / "withdrawn.json"
    withdrawn.write_text(json.dumps(_with_status("entered-in-error")))
    good = tmp_path / "good.json"
    good.write_text(json.dumps(_response(VIGNETTES[0])))
    for args in (["assess", "-a", str(withdrawn), "-f", "json"], ["history", "add", str(withdrawn), "-f", "json"]):
        refused = runner.invoke(app, args)
        assert refused.exit_code == 2 and refused.stdout == "" and "entered-in-error" in refused.stderr
        accepted = runner.invoke(app, [*args, "--accept-status", "entered-in-error"])
        assert accepted.exit_code == 0 and json.loads(accepted.stdout)["urgency"]
        assert "only because --accept-status entered-in-error" in accepted.stderr
    batch = runner.invoke(app, ["assess", "-a", str(withdrawn), "-a", str(good)])
    lines = [json.loads(line) for line in batch.stdout.splitlines()]
    assert batch.exit_code == 2 and "entered-in-error" in lines[0]["error"] and lines[1]["urgency"]
    batch = runner.invoke(app, ["assess", "-a", str(withdrawn), "-a", str(good), "--accept-status", "entered-in-error"])
    assert batch.exit_code == 0 and all("urgency" in json.loads(line) for line in batch.stdout.splitlines())


def test_check_refuses_to_start_from_a_stopped_response_unless_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from backpain_cli.commands.check import run_check
    from backpain_cli.errors import ExitCode
    from backpain_cli.prompts import PlainPrompter

    stopped = tmp_path / "stopped.json"
    stopped.write_text(json.dumps(_with_status("stopped")))

    def ask() -> PlainPrompter:
        return PlainPrompter(texts().prompts, stdin=io.StringIO(""), stdout=io.StringIO())

    with pytest.raises(AnswerFileError, match="accept-status stopped"):
        run_check(answers=stopped, plain=True, prompter=ask())
    # Accepted: the answers pre-fill the questions (here the input ends at once: a calm stop).
    assert run_check(answers=stopped, plain=True, prompter=ask(), accept_status=("stopped",)) == ExitCode.INTERRUPTED
    assert "only because --accept-status stopped" in capsys.readouterr().err


# ---------------------------------------------------------------- code and display (issue 19)

SADDLE = {"linkId": "saddle_numbness"}


def _coded(code: object, display: object, key: str = "saddle_numbness", system: str | None = LOINC) -> dict[str, Any]:
    coding: dict[str, Any] = {"code": code}
    if system is not None:
        coding["system"] = system
    if display is not None:
        coding["display"] = display
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "item": [{"linkId": "group", "item": []}, {"linkId": key, "answer": [{"valueCoding": coding}]}],
    }


def _read_coded(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    data["item"] = data["item"][1:]  # no group: the path is item[0]
    return read_response(data, source="r.json", bank_version=bank().version, displays=DISPLAYS)


DISPLAYS = Displays.known(bank(), texts().common.answers)


def test_a_code_that_says_no_with_a_display_that_says_yes_is_refused_never_guessed() -> None:
    """The issue's case: saddle numbness coded No (LA32-8) but shown to the person as Yes."""
    with pytest.raises(AnswerFileError) as caught:
        _read_coded(_coded("LA32-8", "Yes"))
    (problem,) = caught.value.problems
    message = problem.describe()
    assert problem.code == Code.INCONSISTENT and problem.key == "saddle_numbness"
    assert "item[0].answer[0]" in message and "LOINC LA32-8 (No)" in message and "'Yes'" in message
    assert "LOINC LA33-6 (Yes)" in message and "does not guess" in message


@pytest.mark.parametrize(
    ("code", "display", "answer"),
    [
        ("LA33-6", "Yes", "yes"),
        ("LA33-6", "  YES ", "yes"),
        ("LA32-8", "no", "no"),
        ("LA12688-0", "Don't know", "unsure"),
        ("LA12688-0", "Don\u2019t know", "unsure"),
        ("LA12688-0", "Not sure", "unsure"),  # the text catalogue's word for it
        ("LA12688-0", "unsure", "unsure"),  # the answer files' word for it
        ("LA33-6", None, "yes"),
        ("LA33-6", "", "yes"),
    ],
)
def test_a_display_that_agrees_with_its_code_in_any_known_wording_is_read(
    code: str, display: str | None, answer: str
) -> None:
    answers, warnings = _read_coded(_coded(code, display))
    assert answers == {"saddle_numbness": answer} and warnings == []


@pytest.mark.parametrize(("code", "display"), [("LA33-6", "Not sure"), ("LA12688-0", "NO"), ("LA32-8", "don't know")])
def test_any_known_display_of_another_answer_is_a_contradiction(code: str, display: str) -> None:
    with pytest.raises(AnswerFileError) as caught:
        _read_coded(_coded(code, display))
    assert caught.value.problems[0].code == Code.INCONSISTENT


def test_a_display_in_another_language_is_read_by_its_code_with_one_warning() -> None:
    """LOINC LA33-6 is "Ja" in HL7 Germany's value sets: not a display backpain knows, so not a
    contradiction it can see; the code is read, and one warning names the first such item."""
    data = _coded("LA33-6", "Ja")
    data["item"].append(
        {"linkId": "fever", "answer": [{"valueCoding": {"system": LOINC, "code": "LA32-8", "display": "Nein"}}]}
    )
    answers, warnings = _read_coded(data)
    assert answers == {"saddle_numbness": "yes", "fever": "no"}
    assert len(warnings) == 1 and "item[0].answer[0] and 1 more" in warnings[0] and "'Ja'" in warnings[0]


def test_a_choice_whose_display_names_another_choice_is_refused() -> None:
    data = _coded("lower_back", "Both", key="pain_area", system=None)
    with pytest.raises(AnswerFileError) as caught:
        _read_coded(data)
    assert caught.value.problems[0].code == Code.INCONSISTENT and "'both'" in caught.value.describe()
    answers, _ = _read_coded(_coded("lower_back", "lower back (below the ribs)", key="pain_area", system=None))
    assert answers == {"pain_area": "lower_back"}


def test_a_display_that_is_not_text_is_refused() -> None:
    with pytest.raises(AnswerFileError, match="display must be text, not a whole number: 1"):
        _read_coded(_coded("LA33-6", 1))


_KNOWN_DISPLAYS = sorted({d for words in DISPLAYS.yes_no.values() for d in words} | {"Yes", "NO", " Not Sure "})


@settings(max_examples=examples(400), deadline=None)
@given(
    code=st.sampled_from(["LA33-6", "LA32-8", "LA12688-0"]) | st.text(max_size=8),
    display=st.none() | st.sampled_from(_KNOWN_DISPLAYS) | st.text(max_size=12),
)
def test_random_code_and_display_pairs_are_read_by_code_or_refused_never_guessed(
    code: str, display: str | None
) -> None:
    """Whatever the pair: a display known for another answer than the code's is refused with the
    item's path; otherwise the code alone decides the answer (a display never changes it)."""
    normal = " ".join(display.replace("\u2019", "'").casefold().split()) if display else ""
    owners = {a for a, words in DISPLAYS.yes_no.items() if normal in words}
    try:
        answers, _ = _read_coded(_coded(code, display))
    except AnswerFileError as error:
        (problem,) = error.problems
        assert "item[0].answer[0]" in problem.describe()
        if code in ANSWER_BY_CODE:
            assert problem.code == Code.INCONSISTENT and owners and ANSWER_BY_CODE[code] not in owners
        return
    assert code in ANSWER_BY_CODE and answers == {"saddle_numbness": ANSWER_BY_CODE[code]}
    assert not owners or ANSWER_BY_CODE[code] in owners


# ---------------------------------------------------------------- type errors (issue 19)


@pytest.mark.parametrize(
    ("key", "answer", "said"),
    [
        (
            "age",
            {"valueInteger": "42"},
            "age takes valueInteger (a whole number), but this valueInteger holds text: '42'",
        ),
        ("age", {"valueInteger": 42.5}, "but this valueInteger holds a decimal number: 42.5"),
        ("age", {"valueInteger": True}, "but this valueInteger holds true or false: true"),
        ("age", {"valueString": "ten"}, "age takes valueInteger (a whole number), not 'valueString' (text: 'ten')"),
        ("fever", {"valueBoolean": "yes"}, "but this valueBoolean holds text: 'yes'"),
        ("fever", {"valueCoding": "LA33-6"}, "but this valueCoding holds text: 'LA33-6'"),
        ("fever", {"valueInteger": 1}, "not 'valueInteger' (a whole number: 1)"),
        ("pain_area", {"valueString": "both"}, "pain_area takes valueCoding, not 'valueString' (text: 'both')"),
        ("age", {"answer": 42}, "exactly one value[x], not no value[x] (an object: {'answer': 42})"),
    ],
)
def test_type_errors_name_the_expected_and_given_type_and_show_the_value(
    key: str, answer: dict[str, Any], said: str
) -> None:
    data = {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "item": [{"linkId": key, "answer": [answer]}],
    }
    (message,) = _problems(data)
    assert "item[0].answer[0]" in message and said in message
