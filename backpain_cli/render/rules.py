"""The rule set in a form a clinician can review and sign off: a terminal table, Markdown, or JSON."""

from __future__ import annotations

import json
from typing import Any

from backpain_cli.redflags import RULES, RULES_VERSION, Rule
from backpain_cli.render.markdown import md_escape


def rule_data(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "kind": "red flag" if rule.is_red_flag else "care pathway",
        "category": rule.category.value if rule.category else None,
        "urgency": rule.urgency.value,
        "imaging": rule.imaging.value,
        "triggers": rule.when.describe(),
        "trigger_keys": sorted(rule.when.keys()),
        "source": rule.source,
        "title": rule.title,
        "explanation": rule.explanation,
        "imaging_reason": rule.imaging_reason,
        "cases_that_fire": [dict(c) for c in rule.fires],
        "cases_that_do_not_fire": [dict(c) for c in rule.spares],
    }


def render_rules_json() -> str:
    return json.dumps({"rules_version": RULES_VERSION, "rules": [rule_data(r) for r in RULES]}, indent=2) + "\n"


def render_rules_markdown() -> str:
    out = [
        f"# backpain rule set {RULES_VERSION}",
        "",
        f"{len(RULES)} rules. Urgency is the highest any rule gives; imaging follows the rules at that urgency. "
        '"Not sure" counts as yes; a rule resting on one single "not sure" and nothing else is one step less '
        "urgent.",
        "",
        "| id | kind | category | urgency | imaging |",
        "|---|---|---|---|---|",
    ]
    for rule in RULES:
        d = rule_data(rule)
        out.append(f"| `{d['id']}` | {d['kind']} | {d['category'] or '-'} | {d['urgency']} | {d['imaging']} |")
    for rule in RULES:
        d = rule_data(rule)
        out += [
            "",
            f"## `{d['id']}`: {md_escape(d['title'])}",
            "",
            f"- **Kind:** {d['kind']}" + (f" ({d['category']})" if d["category"] else ""),
            f"- **Urgency:** {d['urgency']}; **imaging:** {d['imaging']}",
            f"- **Fires when:** `{d['triggers']}`",
            f"- **Source:** {md_escape(d['source'])}",
            f"- **Patient text:** {md_escape(d['explanation'])}",
            f"- **Imaging text:** {md_escape(d['imaging_reason'])}",
            f"- **Cases:** {len(rule.fires)} that fire it, {len(rule.spares)} that must not",
            "- **Reviewed by:** ______________________  **Date:** __________",
        ]
    return "\n".join(out) + "\n"


def print_rules_table(console: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(f"backpain rule set {RULES_VERSION}"), show_lines=True, expand=True)
    for heading in ("id", "category", "urgency", "imaging", "fires when", "source", "patient text"):
        table.add_column(heading, overflow="fold")
    for rule in RULES:
        d = rule_data(rule)
        cells = [
            d["id"],
            d["category"] or f"({d['kind']})",
            d["urgency"],
            d["imaging"],
            d["triggers"],
            d["source"],
            d["explanation"],
        ]
        table.add_row(*(Text(c) for c in cells))
    console.print(table)
