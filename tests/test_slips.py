"""A hint for the common JSON and YAML slips in a hand-written answer file (issue 24).

Was: a trailing comma got only the parser's words, "Expecting property name enclosed in double
quotes", on the line of the brace after it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from backpain_cli.cli import app
from backpain_cli.slips import json_hint, yaml_hint
from backpain_cli.yamlload import PARSE_ERRORS, load_document, yaml_problem

JSON_SLIPS = [
    ('{"age": 45,\n "pain_weeks": 3,\n}\n', 2, "comma after the last answer: remove it"),
    ('{"age": 45,}', 1, "comma after the last answer"),
    ("{'age': 45}", 1, "double quotes"),
    ("{age: 45}", 1, "each key needs double quotes"),
    ('{"age": 45\n "pain_weeks": 3}', 1, "a comma is missing"),
    ('// my answers\n{"age": 45}', 1, "cannot hold comments"),
    ('{"fever": True}', 1, 'like "yes", "no" or "unsure", not True'),
    ('{"age": 45}\n{"age": 46}', 2, "one file holds one set of answers"),
]
YAML_SLIPS = [
    ("age: 45\n\tpain_weeks: 3\n", 2, "spaces, not tabs"),
    ("age: 45\n  pain_weeks: 3\n", 2, "start each answer at the left edge"),
    ("age 45\npain_weeks: 3\n", 1, "the line above has no colon"),
    ("age: 45\nnote: pain: bad\n", 2, "needs quotes"),
    ('age: 45\nnote: "bad\n', 2, "a quote is not closed"),
    ("age: 45\nprevious_imaging: [xray\n", 2, "a list is not closed"),
]


def run(tmp_path: Path, name: str, text: str) -> tuple[int, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["assess", "-a", str(path), "-f", "json"])
    return result.exit_code, " ".join(result.stderr.split())


@pytest.mark.parametrize(("text", "line", "hint"), JSON_SLIPS)
def test_a_json_slip_gets_a_hint_on_the_line_to_change(tmp_path: Path, text: str, line: int, hint: str) -> None:
    code, said = run(tmp_path, "a.json", text)
    assert code == 2 and f"a.json:{line}: not valid JSON: " in said and hint in said, said
    assert "the parser says:" in said  # the parser's own words are kept, after the hint
    assert "Traceback" not in said


@pytest.mark.parametrize(("text", "line", "hint"), YAML_SLIPS)
def test_a_yaml_slip_gets_a_hint_on_the_line_to_change(tmp_path: Path, text: str, line: int, hint: str) -> None:
    code, said = run(tmp_path, "a.yaml", text)
    assert code == 2 and f"a.yaml:{line}: not valid YAML: " in said and hint in said, said


def test_a_missing_space_after_the_colon_is_named(tmp_path: Path) -> None:
    code, said = run(tmp_path, "a.yaml", "age:45\n")
    assert code == 2 and "put a space after each colon: age: 45" in said


def test_no_hint_is_made_up_where_none_fits(tmp_path: Path) -> None:
    code, said = run(tmp_path, "a.json", '{"age": 45, "x": [1, 2}')
    assert code == 2 and "not valid JSON:" in said and "the parser says" not in said


@given(st.text(max_size=60))
def test_hints_never_fail_on_any_text(text: str) -> None:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        hint = json_hint(text, exc.msg, exc.pos)
        assert hint is None or (hint.text and (hint.line is None or hint.line >= 1))
    except (ValueError, RecursionError):
        pass
    try:
        load_document(text)
    except PARSE_ERRORS as exc:
        problem = yaml_problem(exc, source="a.yaml", text=text)
        assert problem.message.startswith(("not valid YAML", "cannot be read", "key appears twice"))
    for line in (None, 0, 1, 99):  # any line, even one the text does not have
        hint = yaml_hint(text, "mapping values are not allowed here", line, line)
        assert hint is None or hint.line is None or hint.line >= 1
