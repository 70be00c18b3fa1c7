"""docs/rule-review.md is the rule table as a clinician signs it off: generated, and kept in step."""

from __future__ import annotations

from pathlib import Path

from backpain_cli.render.markdown import md_escape
from backpain_cli.render.rules import render_rule_review
from backpain_cli.rules import RULES
from tests.helpers import texts

REVIEW = Path(__file__).resolve().parent.parent / "docs" / "rule-review.md"


def test_the_committed_review_is_what_the_rules_print() -> None:
    """Run scripts/gen-rule-review.sh after changing a rule."""
    assert REVIEW.read_text() == render_rule_review(texts())


def test_every_rule_is_set_beside_its_source_with_cases_on_both_sides() -> None:
    text = render_rule_review(texts())
    for rule in RULES:
        section = text.split(f"`{rule.id}`: ", 1)[1].split("\n## ", 1)[0]
        assert "**The source says:**" in section and md_escape(rule.criterion) in section
        assert "**Fires for:** `" in section and "**Does not fire for:** `" in section
