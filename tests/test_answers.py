"""The answer model and the answer-file reader: every way a file can be wrong gets a clear message."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from backpain_cli.answers import ANSWER_KEYS, SYMPTOM_KEYS, Answers, YesNoUnsure, suggest_key, validate_answers
from backpain_cli.errors import AnswerFileError
from backpain_cli.readers import MAX_FILE_BYTES
from tests.helpers import parse_answers, read_answers


def parse_yaml(text: str) -> Answers:
    return parse_answers(text.encode(), source="a.yaml", kind="yaml")


def problem_text(exc: pytest.ExceptionInfo[AnswerFileError]) -> str:
    return exc.value.describe()


def test_contract_keys_are_exactly_the_model_fields() -> None:
    contract = Path(__file__).parent / "data" / "contract_keys.txt"
    assert set(ANSWER_KEYS) == set(contract.read_text().split())
    assert len(SYMPTOM_KEYS) == 54  # 27 of the first contract, 13 of question bank 2, foot_drop, 13 of 2027.1
    for key in SYMPTOM_KEYS:
        assert Answers.model_fields[key].annotation == (YesNoUnsure | None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("unsure", "unsure"),
        (True, "yes"),
        (False, "no"),
        ("Yes", "yes"),
        (" UNSURE ", "unsure"),
        ("not sure", "unsure"),
        (None, None),
    ],
)
def test_yes_no_unsure_values(raw: object, expected: str | None) -> None:
    assert validate_answers({"fever": raw}).fever == expected


def test_yaml_bare_yes_no_are_booleans_and_accepted() -> None:
    a = parse_yaml("fever: yes\nsaddle_numbness: no\nnight_pain: unsure\n")
    assert (a.fever, a.saddle_numbness, a.night_pain) == ("yes", "no", "unsure")


def test_json_booleans_accepted() -> None:
    a = parse_answers(b'{"fever": true, "bladder_change": false}', source="a.json", kind="json")
    assert (a.fever, a.bladder_change) == ("yes", "no")


def test_blank_and_null_values_are_unanswered_never_no() -> None:
    a = parse_yaml("fever:\nsaddle_numbness: null\nage: 40\n")
    assert a.fever is None and a.saddle_numbness is None
    assert a.age == 40


def test_unknown_key_suggests_closest_and_names_line() -> None:
    with pytest.raises(AnswerFileError) as exc:
        parse_yaml("age: 40\nsaddle_numbnes: yes\n")
    text = problem_text(exc)
    assert "a.yaml:2" in text
    assert "unknown key 'saddle_numbnes'" in text
    assert "did you mean 'saddle_numbness'?" in text


def test_unknown_key_far_from_any_says_how_to_list_keys() -> None:
    assert suggest_key("zzzzzz") is None
    with pytest.raises(AnswerFileError) as exc:
        validate_answers({"zzzzzz": 1})
    assert "backpain questions" in problem_text(exc)


def test_bad_value_names_key_value_allowed_and_line() -> None:
    with pytest.raises(AnswerFileError) as exc:
        parse_yaml("age: 40\n\nfever: maybe\n")
    text = problem_text(exc)
    assert "a.yaml:3: fever: 'maybe' is not allowed: expected yes, no or unsure" in text


def test_every_problem_is_reported_once() -> None:
    with pytest.raises(AnswerFileError) as exc:
        parse_yaml("age: 200\nfever: maybe\npain_score: 11\nfevr: yes\n")
    problems = exc.value.problems
    assert [p.key for p in problems if p.key] == ["age", "fever", "pain_score"]
    assert sum("unknown key" in p.message for p in problems) == 1


@pytest.mark.parametrize("age", [0, 5, 15])
def test_under_16_gets_a_clear_not_for_children_error(age: int) -> None:
    with pytest.raises(AnswerFileError) as exc:
        validate_answers({"age": age})
    assert "this tool is for people aged 16 and over" in problem_text(exc)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("age", 121),
        ("age", -1),
        ("age", 40.5),
        ("age", True),
        ("age", "forty"),
        ("pain_score", 11),
        ("pain_score", -1),
        ("pain_weeks", -2),
        ("pain_area", "neck"),
        ("previous_imaging", ["pet"]),
        ("previous_imaging", ["none", "mri"]),
        ("fever", 1),
        ("fever", ["yes"]),
        ("fever", {"a": 1}),
    ],
)
def test_out_of_range_and_wrong_type_values_are_refused(key: str, value: object) -> None:
    with pytest.raises(AnswerFileError) as exc:
        validate_answers({key: value})
    assert key in problem_text(exc)


def test_whole_numbers_from_strings_and_integral_floats() -> None:
    a = validate_answers({"age": "45", "pain_weeks": 6.0, "pain_score": 7})
    assert (a.age, a.pain_weeks, a.pain_score) == (45, 6, 7)


def test_pain_longer_than_a_lifetime_is_refused() -> None:
    with pytest.raises(AnswerFileError) as exc:
        validate_answers({"age": 20, "pain_weeks": 3000})
    assert "longer than the person has been alive" in problem_text(exc)


def test_previous_imaging_single_value_list_and_duplicates() -> None:
    assert validate_answers({"previous_imaging": "xray"}).previous_imaging == ["xray"]
    assert validate_answers({"previous_imaging": ["MRI", "xray", "mri"]}).previous_imaging == ["mri", "xray"]
    assert validate_answers({"previous_imaging": []}).previous_imaging is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "expected a mapping"),
        ("# nothing\n", "holds no answers"),
        ("", "file is empty"),
        ("age: [\n", "not valid YAML"),
        ("age: 40\nage: 41\n", "appears twice"),
        ("42\n", "expected a mapping"),
        ("1: yes\n", "is not a question key"),
    ],
)
def test_malformed_yaml(text: str, message: str) -> None:
    with pytest.raises(AnswerFileError) as exc:
        parse_yaml(text)
    assert message in problem_text(exc)


def test_yaml_syntax_error_names_line() -> None:
    with pytest.raises(AnswerFileError) as exc:
        parse_yaml("age: 40\nfever: yes\n  bad: [\n")
    assert exc.value.problems[0].line is not None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"age": 40,}', "not valid JSON"),
        (b'{"fever": "yes", "fever": "no"}', "appears twice"),
        (b"[1, 2]", "expected a mapping"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[" * 100_000, "cannot be read as JSON"),
        (b'{"age": 1' + b"0" * 5000 + b"}", "cannot be read as JSON"),
    ],
)
def test_malformed_json(raw: bytes, message: str) -> None:
    with pytest.raises(AnswerFileError) as exc:
        parse_answers(raw, source="a.json", kind="json")
    assert message in problem_text(exc)


def test_json_error_names_line() -> None:
    with pytest.raises(AnswerFileError) as exc:
        parse_answers(b'{\n "age": 40,\n "fever": maybe\n}', source="a.json", kind="json")
    assert exc.value.problems[0].line == 3


def test_json_value_error_names_line_of_key() -> None:
    with pytest.raises(AnswerFileError) as exc:
        parse_answers(b'{\n "age": 40,\n "fever": "maybe"\n}', source="a.json", kind="json")
    assert "a.json:3: fever" in problem_text(exc)


def test_utf8_bom_is_fine() -> None:
    assert parse_answers("\ufeffage: 40\n".encode(), source="a.yaml", kind="yaml").age == 40


def test_kind_sniffed_from_content_when_unknown() -> None:
    assert parse_answers(b'{"age": 40}', source="-", kind=None).age == 40
    assert parse_answers(b"age: 41\n", source="-", kind=None).age == 41


def test_reads_files_by_extension(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"age": 50}))
    (tmp_path / "b.yml").write_text("age: 51\n")
    assert read_answers(tmp_path / "a.json").age == 50
    assert read_answers(tmp_path / "b.yml").age == 51


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(AnswerFileError, match="no such file"):
        read_answers(tmp_path / "nope.yaml")
    with pytest.raises(AnswerFileError, match="is a folder"):
        read_answers(tmp_path)


def test_file_over_1mb_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    with pytest.raises(AnswerFileError, match="over the 1 MB limit"):
        read_answers(big)


def test_stdin_over_1mb_is_refused() -> None:
    with pytest.raises(AnswerFileError, match="over 1 MB"):
        read_answers("-", stdin=io.BytesIO(b"#" * (MAX_FILE_BYTES + 5)))


def test_stdin_reads_yaml_and_json() -> None:
    assert read_answers("-", stdin=io.BytesIO(b'{"age": 33}')).age == 33
    assert read_answers("-", stdin=io.BytesIO(b"age: 34\n")).age == 34


def test_control_characters_in_bad_values_are_escaped_in_messages() -> None:
    with pytest.raises(AnswerFileError) as exc:
        validate_answers({"fever": "\x1b[31mred"})
    text = problem_text(exc)
    assert "\x1b" not in text
    assert "\\x1b" in text


def test_answers_round_trip_through_answered() -> None:
    a = validate_answers({"age": 40, "fever": "yes", "previous_imaging": ["xray"]})
    assert validate_answers(a.answered()) == a
