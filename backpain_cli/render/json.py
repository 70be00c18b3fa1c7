"""The JSON result: the contract's keys first, in the contract's order, then the added fields."""

from __future__ import annotations

import json
from functools import cache
from typing import Any, Final

from backpain_cli.assessment import Result
from backpain_cli.redflags import Rule
from backpain_cli.triage import Finding
from backpain_cli.wording import NOT_A_DIAGNOSIS

# The version of the result's layout, written in every result right after the contract's keys.
# Bump it when a field changes meaning or goes away (never for an added field), and say so in
# CHANGELOG.md and docs/interface.md; result_model.py's JsonResult.format_version must follow.
FORMAT_VERSION: Final = "1"


@cache
def _rule_fields(rule: Rule) -> tuple[tuple[str, Any], ...]:
    # The parts of a red flag that depend only on the rule, worked out once per rule.
    return (
        ("title", rule.title),
        ("imaging", rule.imaging.value),
        ("explanation", rule.explanation),
        ("source", rule.source),
    )


def _flag(finding: Finding) -> dict[str, Any]:
    rule = finding.rule
    data: dict[str, Any] = {
        "id": rule.id,
        "category": rule.category.value if rule.category else None,
        "urgency": finding.urgency.value,
        "because": list(finding.because),
        "certain": finding.certain,
        "unsure": list(finding.unsure),
    }
    data.update(_rule_fields(rule))
    return data


def result_to_dict(result: Result) -> dict[str, Any]:
    """The result as plain data. Keys listed in CONTRACT.md keep their names and meanings.

    Built directly, not through result_model.JsonResult, because batches render thousands a
    second; tests/test_schema.py proves every result validates against that model.
    """
    others = [_flag(f) for f in result.other_findings]
    for item in others:
        del item["category"]
    data = {
        "urgency": result.urgency.value,
        "imaging": result.imaging.value,
        "red_flags": [_flag(f) for f in result.red_flags],
        "questions_for_doctor": list(result.questions_for_doctor),
        "faq": [{"id": p.id, "title": p.front.title, "excerpt": p.excerpt} for p in result.faq],
        "unanswered": list(result.unanswered),
        # Added fields (CONTRACT.md: add freely). Each is described in result_model.py.
        "format_version": FORMAT_VERSION,
        "urgency_reasons": list(result.urgency_reasons),
        "imaging_reasons": list(result.imaging_reasons),
        "other_findings": others,
        "not_ruled_out": list(result.not_ruled_out),
        "ignored_answers": list(result.ignored),
        "not_asked": list(result.not_asked),
        "would_change": list(result.would_change),
        "notes": list(result.notes),
        "disclaimer": NOT_A_DIAGNOSIS,
        "assessed_on": result.assessed_on.isoformat(),
        "versions": {
            "program": result.versions.program,
            "question_bank": result.versions.question_bank,
            "rules": result.versions.rules,
            "content": result.versions.content,
            "content_fingerprint": result.versions.content_fingerprint,
        },
    }
    if result.history is not None:  # issue 12: only for an assessment made with a history
        from backpain_cli.history.report import history_to_dict

        data["history"] = history_to_dict(result.history)
    return data


def render_json(result: Result) -> str:
    """One JSON object, pretty-printed for people and parseable by scripts."""
    return json.dumps(result_to_dict(result), ensure_ascii=False, indent=2) + "\n"


def render_jsonl_line(result: Result | None, *, source: str, error: str | None = None) -> str:
    """One line of batch output: the result with its ``source``, or ``source`` and ``error``."""
    if result is None:
        data: dict[str, Any] = {"source": source, "error": error}
    else:
        data = result_to_dict(result)
        data["source"] = source
    # A file name that is not UTF-8 holds lone surrogates: written as \\udcXX escapes, the line
    # stays valid UTF-8 and the name can be turned back into its bytes (os.fsencode).
    ascii_only = not source.isascii() and any("\ud800" <= c <= "\udfff" for c in source)
    return json.dumps(data, ensure_ascii=ascii_only, separators=(",", ":")) + "\n"
