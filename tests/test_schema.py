"""The published schemas are the tool: what ``backpain schema`` prints agrees with what backpain does.

Answer files: hypothesis probes answers spelled every way a person or a script might write them (odd
case, blanks, booleans, numbers as text, one scan instead of a list, wrong types, unknown keys), and
both the tool (``validate_answers``) and ``jsonschema`` with the printed schema judge each one. They
must agree, except where docs/interface.md says JSON Schema cannot follow the tool.

Results: every result the tool renders (vignettes, the golden cases, random answer sets, batch lines
and error lines) validates against the result model in strict mode, round-trips through it to the
same JSON, and validates against the printed schemas with ``jsonschema``.
"""

from __future__ import annotations

import decimal
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, Final, get_args

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from typer.testing import CliRunner

from backpain_cli import yamlload
from backpain_cli.answer_schema import _digits_between
from backpain_cli.answers import ANSWER_KEYS, OTHER_KEYS, SYMPTOM_KEYS, validate_answers
from backpain_cli.cli import app
from backpain_cli.errors import AnswerFileError, Code
from backpain_cli.readers import kind_from_suffix
from backpain_cli.render.json import FORMAT_VERSION, render_json
from backpain_cli.result_model import JsonlLine, JsonResult, published_schema
from tests.helpers import run
from tests.speed import examples
from tests.strategies import answer_sets
from tests.test_cli import CONTRACT_RESULT_KEYS
from tests.test_summary import CASES as GOLDEN_CASES
from tests.vignette_helpers import Vignettes

ROOT: Final = Path(__file__).parent.parent
VIGNETTES: Final = ROOT / "tests" / "vignettes" / "cases"
VIGNETTE_FILES: Final = sorted(VIGNETTES.iterdir())
SCHEMA_FILES: Final = {"answers": (), "result": ("--result",), "jsonl": ("--jsonl",)}


def printed_schema(*args: str) -> dict[str, Any]:
    """A schema exactly as ``backpain schema [args]`` prints it."""
    result = CliRunner().invoke(app, ["schema", *args])
    assert result.exit_code == 0, result.output
    schema: dict[str, Any] = json.loads(result.stdout)
    return schema


def validator(*args: str) -> jsonschema.Draft202012Validator:
    schema = printed_schema(*args)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


ANSWERS_VALIDATOR: Final = validator()
RESULT_VALIDATOR: Final = validator("--result")
JSONL_VALIDATOR: Final = validator("--jsonl")
NUMBER_KEYS: Final = (
    "age",
    "pain_weeks",
    "pain_score",
    "leg_symptoms_weeks",
    "peg_pain",
    "peg_enjoyment",
    "peg_activity",
)

# ---------------------------------------------------------------------------- the two verdicts

ACCEPTED, REJECTED, CROSS_FIELD = "accepted", "rejected", "rejected only by the cross-field check"


def tool_verdict(data: object) -> str:
    """What backpain says about an answer mapping."""
    try:
        validate_answers(data)
    except AnswerFileError as exc:
        if all(p.code == Code.INCONSISTENT for p in exc.problems):
            return CROSS_FIELD
        return REJECTED
    return ACCEPTED


# The schema's grammar for a whole number written as text: ASCII digits, one optional "+", blanks
# around. Through Python and pydantic the tool also reads digits of other scripts and a few more
# spellings made of digits, signs, "_" and "." ("4_2", "42.0", "-0"): docs/interface.md.
_DOCUMENTED_NUMBER_TEXT: Final = re.compile(r"\s*\+?[0-9]+\s*")
_NUMBER_LIKE_TEXT: Final = re.compile(r"\s*[-+\d_.]+\s*")


def is_known_gap(key: object, value: object) -> bool:
    """A number written as text in a spelling the tool reads but the schema leaves out on purpose."""
    return (
        key in NUMBER_KEYS
        and isinstance(value, str)
        and _NUMBER_LIKE_TEXT.fullmatch(value) is not None
        and not _DOCUMENTED_NUMBER_TEXT.fullmatch(value)
    )


def assert_agree(data: object) -> None:
    tool = tool_verdict(data)
    errors = list(ANSWERS_VALIDATOR.iter_errors(data))
    if tool == REJECTED:
        assert errors, f"{data!r}: the tool rejects, the schema accepts"
    elif errors:
        # Accepted, or refused only by the cross-field check, which JSON Schema cannot express:
        # the schema must accept, unless a value is one of the known gaps.
        assert isinstance(data, dict)
        unexplained = [e for e in errors if not (e.path and is_known_gap(e.path[0], data.get(e.path[0])))]
        assert not unexplained, f"{data!r}: the tool accepts, the schema rejects: {[e.message for e in unexplained]}"


# ---------------------------------------------------------------------------- answers, spelled every way

# What str.strip() removes (every character Python counts as a space), and look-alikes it keeps.
SPACES: Final = sorted(c for c in map(chr, range(0x110000)) if c.isspace())
NOT_SPACES: Final = ["\u200b", "\ufeff", "\x00", "-", ".", "_", "+"]
padding = st.text(alphabet=st.sampled_from(SPACES + NOT_SPACES), max_size=3)

WORDS: Final = [
    # the allowed words of every kind of answer
    "yes", "no", "unsure", "not sure", "not_sure",
    "lower_back", "mid_back", "both",
    "none", "xray", "mri", "ct",
    # and near misses
    "y", "n", "true", "false", "maybe", "not  sure", "not-sure", "notsure", "unknown", "",
    "lower back", "lower-back", "back", "x-ray", "mri scan", "ct_scan", "no ne",
]  # fmt: skip
# Characters whose lower case is an ASCII letter: the ASCII capitals and the Kelvin sign.
_CAPITALS: Final = {c: sorted({c, c.upper(), *(["\u212a"] if c == "k" else [])}) for c in set("".join(WORDS))}


@st.composite
def spelled(draw: st.DrawFn) -> str:
    """A word in random case with random padding: " Not Sure", "MRI\\t", "lower_bac\u212a"."""
    word = draw(st.sampled_from(WORDS))
    return draw(padding) + "".join(draw(st.sampled_from(_CAPITALS[c])) for c in word) + draw(padding)


DIGITS: Final = {
    "ascii": "0123456789",
    "arabic-indic": "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669",
    "fullwidth": "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19",
}


@st.composite
def number_text(draw: st.DrawFn) -> str:
    """A whole number as text: "42", "+042", " 16 ", "-0", "4_2", "42.0", "٤٢", "++1"."""
    number = str(draw(st.integers(0, 130) | st.integers(0, 6000) | st.sampled_from([10, 11, 15, 16, 120, 121, 5201])))
    number = number.translate(str.maketrans("0123456789", DIGITS[draw(st.sampled_from(sorted(DIGITS)))]))
    if draw(st.booleans()):
        number = draw(st.sampled_from(["", "0", "00"])) + number
    if len(number) > 1 and draw(st.integers(0, 5)) == 0:
        cut = draw(st.integers(1, len(number) - 1))
        number = number[:cut] + "_" + number[cut:]
    if draw(st.integers(0, 5)) == 0:
        number += draw(st.sampled_from([".0", ".00", ".5", "."]))
    sign = draw(st.sampled_from(["", "", "+", "++", "-", "+-", "+ "]))
    return draw(padding) + sign + number + draw(padding)


numbers = (
    st.integers(-10, 6000)
    | st.integers()
    | st.sampled_from([16.0, 42.0, 120.0, 120.5, 0.0, -0.0, 10.0, 0.5, 1e300, -1e300])
    | st.floats(allow_nan=False, allow_infinity=False)
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=5,
)
# Mostly answers a person might write; now and then anything at all.
answer_values = st.one_of(
    spelled(),
    spelled(),
    number_text(),
    number_text(),
    numbers,
    st.lists(spelled(), max_size=4),
    st.lists(st.sampled_from(["none", "xray", "mri", "ct", "NONE", " Mri ", "x-ray"]), max_size=4),
    st.lists(spelled() | number_text() | numbers | st.none(), max_size=3),
    st.booleans() | st.none(),
    st.text(max_size=6) | json_values,
)

answer_keys = (
    st.sampled_from(ANSWER_KEYS)
    | st.sampled_from(sorted(OTHER_KEYS))
    | st.sampled_from(["Age", "age ", "saddle_numbnes", "previous_imagings", "source", ""])
    | st.text(max_size=8)
)
# Numbers that make the cross-field check (pain_weeks within a lifetime) fire now and then.
ages_and_weeks = st.fixed_dictionaries({"age": st.integers(16, 120) | number_text(), "pain_weeks": numbers})
answer_mappings = st.dictionaries(answer_keys, answer_values, max_size=6) | ages_and_weeks


@settings(max_examples=examples(3000), deadline=None)
@given(key=st.sampled_from(ANSWER_KEYS), value=answer_values)
def test_schema_and_tool_agree_on_every_single_answer(key: str, value: object) -> None:
    assert_agree({key: value})


@settings(max_examples=examples(1500), deadline=None)
@given(data=answer_mappings | json_values)
def test_schema_and_tool_agree_on_whole_answer_files(data: object) -> None:
    assert_agree(data)


def read_vignette(path: Path) -> object:
    """A vignette's data as the tool parses it (by extension, YAML 1.2 the tool's way)."""
    text = path.read_bytes().decode("utf-8-sig")
    return json.loads(text) if kind_from_suffix(path.suffix) == "json" else yamlload.safe_load(text)


@pytest.mark.parametrize("path", VIGNETTE_FILES, ids=lambda p: p.name)
def test_every_vignette_validates(path: Path) -> None:
    data = read_vignette(path)
    ANSWERS_VALIDATOR.validate(data)
    assert tool_verdict(data) == ACCEPTED


def test_the_probes_cover_every_kind_of_answer() -> None:
    assert set(NUMBER_KEYS) | {"pain_area", "previous_imaging"} == OTHER_KEYS
    assert set(ANSWER_KEYS) == SYMPTOM_KEYS | OTHER_KEYS


@pytest.mark.parametrize("key", NUMBER_KEYS)
def test_numbers_agree_at_every_value(key: str) -> None:
    for n in range(-3, 5300 if key == "pain_weeks" else 200):
        for value in (n, float(n), str(n), f" +0{n}\t", f"00{n}"):
            assert_agree({key: value})


BOUNDS: Final = [0, 1, 5, 9, 10, 11, 15, 16, 19, 20, 21, 99, 100, 101, 120, 199, 200, 999, 1000, 1234, 5200, 9999]


def test_number_patterns_hold_for_any_bounds() -> None:
    """The range patterns are made for whatever bounds the model sets, not only today's."""
    numbers = sorted({*range(250), *(b + d for b in BOUNDS for d in (-1, 0, 1)), 10000, 10001, 99999} - {-1})
    for i, low in enumerate(BOUNDS):
        for high in BOUNDS[i:]:
            pattern = re.compile(f"(?:{_digits_between(low, high)})")
            assert [n for n in numbers if pattern.fullmatch(str(n))] == [n for n in numbers if low <= n <= high]


def _matches(pattern: re.Pattern[str], texts: list[str]) -> list[str]:
    return [t for t in texts if pattern.search(t)]


def test_blanks_are_what_strip_removes_and_case_is_what_lower_folds() -> None:
    pain_area = ANSWERS_VALIDATOR.schema["properties"]["pain_area"]["anyOf"][1]["pattern"]
    pattern = re.compile(pain_area)
    everything = list(map(chr, range(0x110000)))
    assert _matches(pattern, [c + "both" for c in everything]) == [c + "both" for c in SPACES]
    # str.lower() turns exactly these into a "k": the schema must take each of them.
    folding = [c for c in everything if c.lower() == "k"]
    assert folding == ["K", "k", "\u212a"]
    assert _matches(pattern, ["mid_bac" + c for c in everything]) == ["mid_bac" + c for c in folding]


def _patterns(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return own + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _patterns(value)]
    return []


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run JavaScript regular expressions")
def test_patterns_mean_the_same_in_javascript() -> None:
    """JSON Schema patterns are ECMA-262 regexes: a JavaScript validator must read them as Python does."""
    patterns = sorted(set(_patterns(ANSWERS_VALIDATOR.schema)))
    texts = [*WORDS, *(c + w + c for c in [*SPACES, *NOT_SPACES] for w in ("yes", "Not Sure", "+042", "16"))]
    texts += ["bac\u212a", "lower_bac\u212a", "MRI", "120", "121", "5200", "5201", "0010", "+", "++1", "\ufeffno"]
    script = (
        "const [patterns, texts] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(patterns.map(p => texts.map(t => new RegExp(p, 'u').test(t)))));"
    )
    proc = subprocess.run(
        ["node", "-e", script], input=json.dumps([patterns, texts]), capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    python = [[re.search(p, t) is not None for t in texts] for p in patterns]
    assert json.loads(proc.stdout) == python


# ---------------------------------------------------------------------------- results


def assert_valid(
    text: str, model: type[BaseModel] = JsonResult, schema: jsonschema.Draft202012Validator = RESULT_VALIDATOR
) -> dict[str, Any]:
    """``text`` validates against the model (strict) and the printed schema, and the model holds all of it."""
    data: dict[str, Any] = json.loads(text)
    schema.validate(data)
    parsed = model.model_validate_json(text, strict=True)
    # Every field, in the order written, with the same value: the model leaves nothing out.
    assert json.dumps(parsed.model_dump(mode="json")) == json.dumps(data)
    return data


@pytest.mark.parametrize("path", VIGNETTE_FILES, ids=lambda p: p.name)
def test_every_vignette_result_validates(path: Path, vignettes: Vignettes) -> None:
    assert_valid(render_json(vignettes[path].result))


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_every_golden_case_result_validates(name: str) -> None:
    assert_valid(render_json(run(GOLDEN_CASES[name])))


@settings(max_examples=examples(300), deadline=None)
@given(answer_sets())
def test_the_result_of_any_answers_validates(data: dict[str, Any]) -> None:
    assert_valid(render_json(run(data, base=None)))


def test_batch_lines_and_error_lines_validate(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("age: 12\nfeverr: yes\n", encoding="utf-8")
    proc = CliRunner().invoke(app, ["assess", "-a", str(VIGNETTES), "-a", str(bad), "--format", "jsonl"])
    assert proc.exit_code == 2
    lines = [assert_valid(line, JsonlLine, JSONL_VALIDATOR) for line in proc.stdout.splitlines()]
    assert [line["source"] for line in lines] == [*map(str, VIGNETTE_FILES), str(bad)]
    *results, error = lines
    assert set(error) == {"source", "error"} and "feverr" in error["error"]
    assert all(line["format_version"] == FORMAT_VERSION for line in results)
    # Each kind of line fits its own branch only, so the schema's oneOf holds.
    assert not RESULT_VALIDATOR.is_valid(error)
    assert JSONL_VALIDATOR.is_valid(results[0]) and not JSONL_VALIDATOR.is_valid({**results[0], "error": "x"})


def test_format_version_comes_right_after_the_contract_keys() -> None:
    data = json.loads(render_json(run()))
    assert list(data)[:7] == [*CONTRACT_RESULT_KEYS, "format_version"]
    assert data["format_version"] == FORMAT_VERSION
    assert get_args(JsonResult.model_fields["format_version"].annotation) == (FORMAT_VERSION,)
    assert f'`format_version` is "{FORMAT_VERSION}"' in (ROOT / "docs" / "interface.md").read_text(encoding="utf-8")


def test_schemas_print_the_same_with_older_pydantic() -> None:
    class Older(BaseModel):
        @classmethod
        def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
            # as pydantic 2.6 writes it: a $ref with a description beside it, wrapped in a one-item allOf
            return {"properties": {"u": {"allOf": [{"$ref": "#/$defs/U"}], "description": "d"}, "v": {"allOf": []}}}

    assert published_schema(Older) == {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "properties": {"u": {"$ref": "#/$defs/U", "description": "d"}, "v": {"allOf": []}},
    }

    class Pydantic27(BaseModel):
        @classmethod
        def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
            # as pydantic 2.7 writes a one-value Literal: const, and an enum of that one value
            return {"properties": {"f": {"const": "1", "enum": ["1"]}, "g": {"const": "1", "enum": ["1", "2"]}}}

    assert published_schema(Pydantic27)["properties"] == {"f": {"const": "1"}, "g": {"const": "1", "enum": ["1", "2"]}}


def test_the_model_checks_answer_keys_strictly() -> None:
    text = render_json(run({"fever": "yes"}))
    assert_valid(text)
    with pytest.raises(ValueError, match="not an answer key"):
        JsonResult.model_validate_json(text.replace('"fever"', '"fevers"'), strict=True)


# ---------------------------------------------------------------------------- committed copies


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_committed_schemas_are_what_backpain_prints(name: str) -> None:
    committed = ROOT / "docs" / "schema" / f"{name}.schema.json"
    printed = CliRunner().invoke(app, ["schema", *SCHEMA_FILES[name]]).stdout

    # The same schema, key for key in the same order and number for number: pydantic before 2.8 writes a
    # float field's bound 10 as 10.0 (the floor, 2.7.4, runs in CI's lowest-versions suite), so numbers
    # are compared as numbers, everything else exactly.
    def same(text: str) -> object:
        return json.loads(text, object_pairs_hook=list, parse_float=decimal.Decimal)

    assert committed.exists() and same(committed.read_text(encoding="utf-8")) == same(printed), (
        f"docs/schema/{name}.schema.json is out of date: run `bash scripts/gen-schemas.sh` and commit it"
    )
