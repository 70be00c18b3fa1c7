"""Property tests for the answer-file parser: whatever arrives, exit 0 or 2 with a message, never a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from backpain_cli.answers import ANSWER_KEYS
from backpain_cli.cli import app
from tests.speed import examples
from tests.strategies import answer_sets

NASTY_TEXT = st.sampled_from(
    [
        "\x1b[31mred\x1b[0m",
        "[bold red]markup[/]",
        "\x00",
        "\u202e",
        "💥",
        "yes\n",
        "a" * 5000,
        "\x07",
        "[link=x]y[/link]",
        "<script>alert(1)</script>",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    NASTY_TEXT,
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
KEYS = st.one_of(st.sampled_from(ANSWER_KEYS), st.text(max_size=20), NASTY_TEXT)
DOCUMENTS = st.one_of(st.dictionaries(KEYS, VALUES, max_size=8), VALUES)

runner = CliRunner()
pytestmark = pytest.mark.fuzz

FUZZ = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def run_file(tmp_path: Path, name: str, raw: bytes) -> Any:
    path = tmp_path / name
    path.write_bytes(raw)
    return runner.invoke(app, ["assess", "--answers", str(path), "--format", "json"])


def assert_clean(result: Any) -> None:
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr, result.exception)
    assert "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr  # bad values are echoed escaped, never as live escape codes
    if result.exit_code == 0:
        assert json.loads(result.stdout)["urgency"] in {"routine", "soon", "urgent", "emergency"}
    else:
        assert result.stdout == "" and result.stderr.startswith("backpain: error:")


@FUZZ
@given(doc=DOCUMENTS)
def test_any_json_document(tmp_path: Path, doc: object) -> None:
    try:
        raw = json.dumps(doc).encode()
    except ValueError:
        return
    assert_clean(run_file(tmp_path, "a.json", raw))


@FUZZ
@given(doc=DOCUMENTS)
def test_any_yaml_document(tmp_path: Path, doc: object) -> None:
    assert_clean(run_file(tmp_path, "a.yaml", yaml.safe_dump(doc, allow_unicode=True).encode()))


@FUZZ
@given(raw=st.binary(max_size=300))
def test_any_bytes(tmp_path: Path, raw: bytes) -> None:
    assert_clean(run_file(tmp_path, "a.yaml", raw))
    assert_clean(run_file(tmp_path, "a.json", raw))


@FUZZ
@given(text=st.text(max_size=200))
def test_any_text_on_stdin(text: str) -> None:
    assert_clean(runner.invoke(app, ["assess", "--answers", "-", "--format", "json"], input=text))


@FUZZ
@given(data=answer_sets())
def test_every_valid_answer_set_round_trips_through_a_file(tmp_path: Path, data: dict[str, Any]) -> None:
    result = run_file(tmp_path, "a.json", json.dumps(data).encode())
    assert result.exit_code == 0, result.stderr
    unanswered = set(json.loads(result.stdout)["unanswered"])
    assert unanswered <= {k for k, v in data.items() if v is None}


ENCODINGS = st.sampled_from(["utf-8", "utf-16", "utf-32", "latin-1", "cp1252", "utf-8-sig"])


@FUZZ
@given(doc=st.dictionaries(KEYS, VALUES, max_size=6), encoding=ENCODINGS)
def test_odd_encodings(tmp_path: Path, doc: dict[str, object], encoding: str) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True)
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        return
    assert_clean(run_file(tmp_path, "a.yaml", raw))


@FUZZ
@given(depth=st.integers(1, 3000), kind=st.sampled_from(["[", '{"a":']))
def test_deep_nesting(tmp_path: Path, depth: int, kind: str) -> None:
    closer = "]" if kind == "[" else "}"
    raw = ('{"age": ' + kind * depth + "1" + closer * depth + "}").encode()
    assert_clean(run_file(tmp_path, "a.json", raw))
    assert_clean(run_file(tmp_path, "a.yaml", raw))


@FUZZ
@given(data=answer_sets(), fmt=st.sampled_from(["text", "markdown", "html", "json"]), nasty=NASTY_TEXT)
def test_every_output_format_is_free_of_escape_codes(
    tmp_path: Path, data: dict[str, Any], fmt: str, nasty: str
) -> None:
    """Valid answers through every printable format, with a hostile string in the one free-text option."""
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data))
    result = runner.invoke(app, ["assess", "--answers", str(path), "--format", fmt, "--name", nasty])
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\x00" not in result.stdout
    if fmt in ("html", "markdown"):
        # Escaped (&lt; in HTML, \< in Markdown), so no page that renders the file runs it.
        assert re.search(r"(?<!\\)<script", result.stdout, re.IGNORECASE) is None


# A QuestionnaireResponse with any status and yes/no answers whose code and display may disagree
# (issue 19): a withdrawn, stopped or unknown status, or a display that names another answer, is
# always exit 2; nothing contradictory or withdrawn is ever assessed.
_LOINC = {"LA33-6": "yes", "LA32-8": "no", "LA12688-0": "unsure"}
_DISPLAYS = {"yes": {"yes"}, "no": {"no"}, "unsure": {"don't know", "not sure", "unsure"}}
STATUSES = st.none() | st.sampled_from(
    ["completed", "amended", "in-progress", "entered-in-error", "stopped", "final", ""]
)
CODINGS = st.fixed_dictionaries(
    {"code": st.sampled_from(sorted(_LOINC)) | st.text(max_size=6)},
    optional={
        "display": st.sampled_from(["Yes", "No", "Don't know", "Not sure", "YES", "no ", "Ja", "Sí"])
        | NASTY_TEXT
        | st.text(max_size=8),
        "system": st.just("http://loinc.org"),
    },
)


@FUZZ
@given(status=STATUSES, codings=st.lists(CODINGS, min_size=1, max_size=4))
def test_any_response_status_and_code_display_pair(tmp_path: Path, status: str | None, codings: list[Any]) -> None:
    keys = ["saddle_numbness", "bladder_change", "fever", "night_pain"]
    data: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "item": [{"linkId": k, "answer": [{"valueCoding": c}]} for k, c in zip(keys, codings, strict=False)],
    }
    if status is not None:
        data["status"] = status
    result = run_file(tmp_path, "r.json", json.dumps(data).encode())
    assert_clean(result)

    def contradicts(coding: dict[str, Any]) -> bool:
        said = " ".join(str(coding.get("display", "")).casefold().split())
        answer = _LOINC.get(coding["code"])
        return answer is not None and said not in _DISPLAYS[answer] and any(said in w for w in _DISPLAYS.values())

    refused = status in ("entered-in-error", "stopped", "final", "") or any(map(contradicts, codings))
    if refused:
        assert result.exit_code == 2
    if status in ("entered-in-error", "stopped"):
        assert "--accept-status" in result.stderr
