"""errors.py: located problems, their codes, exit statuses, and the one pydantic translator."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from backpain_cli.errors import (
    AnswerFileError,
    Code,
    ContentError,
    ExitCode,
    OutputError,
    Problem,
    UsageError,
    validation_problems,
)


def test_a_problem_names_where_and_what() -> None:
    assert Problem("bad", source="a.yaml", line=3, key="age", hint="16 to 120").describe() == (
        "a.yaml:3: age: bad (16 to 120)"
    )
    assert Problem("bad", line=3).describe() == "line 3: bad"
    assert Problem("bad", key="age").describe() == "age: bad"
    assert Problem("bad\x1b[2J").describe() == "bad\\x1b[2J"


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (AnswerFileError, Code.GENERAL),
        (ContentError, Code.CONTENT),
        (OutputError, Code.OUTPUT),
        (UsageError, Code.USAGE),
    ],
)
def test_each_error_carries_its_code_and_exit_status(error: type, code: Code) -> None:
    exc = error("wrong")
    assert exc.problems[0].code == code and exc.exit_code == ExitCode.BAD_INPUT
    assert str(exc) == "wrong"


class _Model(BaseModel):
    age: int
    name: str | int


def test_pydantic_errors_become_located_problems_said_once() -> None:
    with pytest.raises(ValidationError) as info:
        _Model.model_validate({"age": "x", "name": [1]})
    found = validation_problems(
        info.value, source="f.yaml", where="item[2]", lines={"age": 4}, line=9, code=Code.CONTENT
    )
    assert found[0].describe().startswith("f.yaml:4: item[2]: age: ")
    assert len(found) == 3 and found[1].line == 9  # pydantic's words: one line per union member
    assert {p.code for p in found} == {Code.CONTENT}


def test_a_caller_may_word_an_error_itself_once_per_field() -> None:
    with pytest.raises(ValidationError) as info:
        _Model.model_validate({"age": "x", "name": [1]})
    found = validation_problems(info.value, source=None, wording=lambda err: Problem(f"custom {err['loc'][0]}"))
    assert [p.message for p in found] == ["custom age", "custom name"]
