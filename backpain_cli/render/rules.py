"""The rule set in a form a clinician can review and sign off: a terminal table, Markdown, or JSON."""

from __future__ import annotations

import json
from typing import Any

from backpain_cli.redflags import (
    ALWAYS_ASKED,
    RULES,
    RULES_VERSION,
    SCREENING_KEYS,
    SKIPPABLE,
    UNANSWERED_FLOOR,
    XRAY_NOTE_FOR,
    Rule,
)
from backpain_cli.render.markdown import md_escape

STEP_DOWN = (
    '"Not sure" counts as yes; a rule resting on one single "not sure" and nothing else is one step less '
    "urgent (emergency to urgent, urgent to soon; never down to routine)."
)


def policy_data() -> dict[str, Any]:
    """The clinical policy around the rules: unanswered screening questions, skipping, the X-ray note."""
    return {
        "combining": "Urgency is the highest any rule gives; imaging follows the rules at that urgency.",
        "not_sure": STEP_DOWN,
        "screening_keys": list(SCREENING_KEYS),
        "unanswered_floor": UNANSWERED_FLOOR.value,
        "unanswered_rule": (
            f"Any screening question left unanswered cannot be ruled out: the urgency is at least "
            f"{UNANSWERED_FLOOR.value} and the result lists it in not_ruled_out."
        ),
        "always_asked": sorted(ALWAYS_ASKED),
        "skippable": {key: sorted(gates) for key, gates in SKIPPABLE.items()},
        "skip_rule": "A skippable question is skipped only when every question it stays behind was answered no.",
        "xray_note": (
            "When the person had an X-ray and the imaging is "
            + " or ".join(sorted(i.value for i in XRAY_NOTE_FOR))
            + ", the result adds a note on what an X-ray cannot show, unless a deciding rule's own imaging text "
            "already says it (rules with explains_xray_limits)."
        ),
    }


def _policy_lines() -> list[str]:
    p = policy_data()
    skippable = "; ".join(f"`{k}` behind {', '.join(f'`{g}`' for g in v)}" for k, v in p["skippable"].items())
    return [
        f"- **Combining:** {p['combining']}",
        f"- **Not sure:** {md_escape(p['not_sure'])}",
        f"- **Screening questions:** {', '.join(f'`{k}`' for k in p['screening_keys'])}. {p['unanswered_rule']}",
        f"- **Always asked:** {', '.join(f'`{k}`' for k in p['always_asked'])}",
        f"- **May be skipped:** {skippable}. {p['skip_rule']}",
        f"- **X-ray note:** {p['xray_note']}",
    ]


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
        "explains_xray_limits": rule.explains_xray_limits,
    }


def render_rules_json() -> str:
    data = {"rules_version": RULES_VERSION, "policy": policy_data(), "rules": [rule_data(r) for r in RULES]}
    return json.dumps(data, indent=2) + "\n"


def render_rules_markdown() -> str:
    out = [
        f"# backpain rule set {RULES_VERSION}",
        "",
        f"{len(RULES)} rules. Urgency is the highest any rule gives; imaging follows the rules at that urgency. "
        '"Not sure" counts as yes; a rule resting on one single "not sure" and nothing else is one step less '
        "urgent.",
        "",
        "## Policy",
        "",
        *_policy_lines(),
        "",
        "## The rules",
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


def render_rules_table(console: Any) -> str:
    """The rules for a terminal, one block per rule (labels on the left, text wrapped beside them),
    readable at 80 columns; then the policy. Captured as this console shows it."""
    from rich.table import Table
    from rich.text import Text

    with console.capture() as captured:
        console.print(Text(f"backpain rule set {RULES_VERSION}: {len(RULES)} rules", style="bold"))
        for rule in RULES:
            d = rule_data(rule)
            console.print()
            console.print(Text.assemble((d["id"], "bold"), " · ", d["title"]))
            block = Table.grid(padding=(0, 1))
            block.add_column(style="dim", no_wrap=True)
            block.add_column(overflow="fold")
            kind = f"{d['kind']} ({d['category']})" if d["category"] else d["kind"]
            rows = [
                ("kind", kind),
                ("level", f"{d['urgency']}; imaging: {d['imaging']}"),
                ("fires when", d["triggers"]),
                ("source", d["source"]),
                ("patient text", d["explanation"]),
                ("imaging text", d["imaging_reason"]),
            ]
            for label, value in rows:
                block.add_row(Text(label), Text(value))
            console.print(block)
        console.print()
        console.print(Text("Policy", style="bold"))
        for line in _policy_lines():
            console.print(Text(line.replace("**", "").replace("`", "")))
    # The grid pads every row to its widest; trailing spaces only make copied text untidy.
    return "".join(line.rstrip(" ") + "\n" for line in str(captured.get()).splitlines())
