"""The reference commands called directly: rules, questions, template, schema, version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backpain_cli import __version__
from backpain_cli.commands.reference import (
    ListFormat,
    RulesFormat,
    run_questions,
    run_rules,
    run_schema,
    run_template,
    version_text,
)
from backpain_cli.errors import ExitCode, OutputError
from backpain_cli.rules import RULES, RULES_VERSION
from backpain_cli.rules.policy import ASK_WHEN


def test_rules_json_carries_the_policy(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_rules(RulesFormat.JSON) == ExitCode.OK
    data = json.loads(capsys.readouterr().out)
    assert data["rules_version"] == RULES_VERSION and len(data["rules"]) == len(RULES)
    policy = data["policy"]
    assert "never read as no" in policy["unanswered_rule"]
    assert list(policy["ask_when"]) == list(ASK_WHEN)
    assert policy["ask_when"]["treatment_no_better"] == "pain_weeks >= 4"
    assert all(rule["if_unanswered"] and rule["source_criterion"] for rule in data["rules"])
    assert "X-ray" in policy["xray_note"]


def test_rules_markdown_and_table_print_the_policy(capsys: pytest.CaptureFixture[str]) -> None:
    run_rules(RulesFormat.MARKDOWN)
    markdown = capsys.readouterr().out
    assert "## Policy" in markdown and "`saddle_numbness`" in markdown
    run_rules(RulesFormat.TABLE)
    table = capsys.readouterr().out
    assert "Policy" in table and "Asked only when it applies" in table


def test_questions_lists_every_key(capsys: pytest.CaptureFixture[str]) -> None:
    run_questions(ListFormat.JSON)
    assert len(json.loads(capsys.readouterr().out)["questions"]) == 63


def test_template_never_replaces_a_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "answers.yaml"
    target.write_text("age: 50\n", encoding="utf-8")
    with pytest.raises(OutputError, match="already exists"):
        run_template(target)
    assert target.read_text() == "age: 50\n"
    assert run_template(target, force=True) == ExitCode.OK
    assert "saddle_numbness:" in target.read_text()


def test_schema_is_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_schema() == ExitCode.OK
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "saddle_numbness" in schema["properties"]
    assert "pain_weeks" in schema["description"]  # says what it cannot check


def test_schema_of_the_result_and_of_a_batch_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_schema(result=True) == ExitCode.OK
    result = json.loads(capsys.readouterr().out)
    assert list(result["properties"])[:7] == [
        *["urgency", "imaging", "red_flags", "questions_for_doctor", "faq", "unanswered"],
        "format_version",
    ]
    assert run_schema(jsonl=True) == ExitCode.OK
    line = json.loads(capsys.readouterr().out)
    assert line["oneOf"] == [{"$ref": "#/$defs/JsonlResult"}, {"$ref": "#/$defs/JsonlError"}]
    # --jsonl describes a batch line whether or not --result is given too
    run_schema(result=True, jsonl=True)
    assert json.loads(capsys.readouterr().out) == line


def test_version_names_every_version() -> None:
    lines = version_text().splitlines()
    assert lines[0] == f"backpain {__version__}" and lines[1] == f"rules {RULES_VERSION}"
    assert lines[2].startswith("content ") and len(lines) == 3


def test_version_survives_broken_content(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BACKPAIN_CONTENT", str(tmp_path / "none"))
    assert f"content {tmp_path / 'none'} (versions: backpain content check)" in version_text()
