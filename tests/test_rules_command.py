"""`backpain rules`: the reviewable rule set, and its version on every result."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from backpain_cli.cli import app
from backpain_cli.rules import RULES, RULES_VERSION
from tests.helpers import run, texts


def test_rules_table_lists_every_rule() -> None:
    result = CliRunner().invoke(app, ["rules"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for rule in RULES:
        assert rule.id in result.stdout
    assert RULES_VERSION in result.stdout


def test_rules_are_readable_at_80_columns() -> None:
    """One block per rule, never a squeezed table: every line fits, each rule starts a block."""
    result = CliRunner().invoke(app, ["rules"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    for rule in RULES:
        assert any(line.startswith(f"{rule.id} · ") for line in lines), rule.id
    # Words stay whole: the patient text reads back exactly once the block is unwrapped.
    text = " ".join(line[13:].strip() for line in lines if line.startswith(("patient text", " " * 13)))
    assert texts().rule(RULES[0].id).explanation in " ".join(text.split())
    assert len(lines) < 30 * len(RULES)


def test_rules_markdown_for_sign_off() -> None:
    out = CliRunner().invoke(app, ["rules", "--format", "markdown"]).stdout
    assert out.startswith(f"# backpain rule set {RULES_VERSION}")
    assert out.count("**Reviewed by:**") == len(RULES)
    for rule in RULES:
        assert f"## `{rule.id}`" in out
        assert f"`{rule.when.describe()}`" in out


def test_rules_json_has_trigger_source_and_text() -> None:
    data = json.loads(CliRunner().invoke(app, ["rules", "--format", "json"]).stdout)
    assert data["rules_version"] == RULES_VERSION
    assert [r["id"] for r in data["rules"]] == [r.id for r in RULES]
    for item in data["rules"]:
        assert item["source"] and item["explanation"] and item["trigger_keys"] and item["cases_that_fire"]


def test_rules_version_is_on_every_result() -> None:
    assert run().versions.rules == RULES_VERSION
