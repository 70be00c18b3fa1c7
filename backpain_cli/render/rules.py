"""The rule set in a form a clinician can review and sign off: a terminal table, Markdown, or JSON."""

from __future__ import annotations

import json
from typing import Any

from backpain_cli.history.changes import HISTORY_RULES
from backpain_cli.render.markdown import md_escape
from backpain_cli.rules import RULES, RULES_VERSION, Rule
from backpain_cli.rules.policy import ALWAYS_ASKED, ASK_WHEN, ASKED_NOT_SCORED, DOUBT_POLICY, REFINED, XRAY_NOTE_FOR
from backpain_cli.texts import Texts

STEP_DOWN = (
    '"Not sure" counts as yes, never as no; the doubt policy below says when a rule resting on doubt is one step '
    "less urgent (emergency to urgent, urgent to soon; never down to routine). Only the rule's own answers "
    "count: an unrelated finding never turns a doubt into certainty."
)
REFINED_NOTE = (
    "Broad questions of earlier question banks keep their meaning in answer files: each counts for every finer "
    "question it could stand for, unless that finer answer is no and another finer answer explains the yes; a "
    "broad no answers each finer question no; a broad key left out is never unanswered."
)


def policy_data() -> dict[str, Any]:
    """The clinical policy around the rules: unanswered screening questions, skipping, the X-ray note."""
    return {
        "combining": "Urgency is the highest any rule gives; imaging follows the rules at that urgency.",
        "not_sure": STEP_DOWN,
        "doubt_policy": [{"rule": rule, "source": source} for rule, source in DOUBT_POLICY],
        "refined_keys": {"note": REFINED_NOTE, "keys": {broad: list(finer) for broad, finer in REFINED.items()}},
        "history": [{"id": i, "rule": rule, "source": source} for i, rule, source in HISTORY_RULES],
        "unanswered_rule": (
            "An unanswered yes/no question is never read as no. A rule that one unanswered question alone could "
            "make fire is not ruled out: the urgency is at least that rule's if_unanswered level and the result "
            "lists the question in not_ruled_out; any unanswered question that could raise the urgency is listed "
            "in would_change. A missing age is read as the riskier age and noted in the result."
        ),
        "always_asked": sorted(ALWAYS_ASKED),
        "asked_not_scored": sorted(ASKED_NOT_SCORED),
        "ask_when": {key: condition.describe() for key, condition in ASK_WHEN.items()},
        "skip_rule": (
            "A question in ask_when is asked unless its condition is certainly false given the answers so far "
            "(unanswered counts as not sure; a number not given as maybe); skipped questions are listed in not_asked."
        ),
        "xray_note": (
            "When the person had an X-ray and the imaging is "
            + " or ".join(sorted(i.value for i in XRAY_NOTE_FOR))
            + ", the result adds a note on what an X-ray cannot show, unless a deciding rule's own imaging text "
            "already says it (rules with explains_xray_limits)."
        ),
    }


def _policy_lines() -> list[str]:
    p = policy_data()
    skippable = "; ".join(f"`{k}` when {md_escape(v)}" for k, v in p["ask_when"].items())
    return [
        f"- **Combining:** {p['combining']}",
        f"- **Not sure:** {md_escape(p['not_sure'])}",
        *(
            f"  - **Doubt policy {n}:** {md_escape(d['rule'])} *Source:* {md_escape(d['source'])}"
            for n, d in enumerate(p["doubt_policy"], 1)
        ),
        f"- **Earlier questions:** {md_escape(REFINED_NOTE)} "
        + "; ".join(f"`{b}` by {', '.join(f'`{k}`' for k in f)}" for b, f in p["refined_keys"]["keys"].items())
        + ".",
        "- **The history's rules** (`backpain history`, `check` with a kept history):",
        *(f"  - **{d['id']}:** {md_escape(d['rule'])} *Source:* {md_escape(d['source'])}" for d in p["history"]),
        f"- **Unanswered:** {p['unanswered_rule']}",
        f"- **Always asked:** {', '.join(f'`{k}`' for k in p['always_asked'])}",
        f"- **Asked only when it applies:** {skippable}. {p['skip_rule']}",
        f"- **Asked, not scored:** {', '.join(f'`{k}`' for k in p['asked_not_scored'])} (see docs/rule-review.md)",
        f"- **X-ray note:** {p['xray_note']}",
    ]


def rule_data(rule: Rule, texts: Texts) -> dict[str, Any]:
    words = texts.rule(rule.id)
    return {
        "id": rule.id,
        "kind": "red flag" if rule.is_red_flag else "care pathway",
        "category": rule.category.value if rule.category else None,
        "urgency": rule.urgency.value,
        "imaging": rule.imaging.value,
        "triggers": rule.when.describe(),
        "trigger_keys": sorted(rule.when.keys()),
        "source": rule.source,
        "title": words.title,
        "explanation": words.explanation,
        "imaging_reason": words.imaging_reason,
        "cases_that_fire": [dict(c) for c in rule.fires],
        "cases_that_do_not_fire": [dict(c) for c in rule.spares],
        "explains_xray_limits": rule.explains_xray_limits,
        "if_unanswered": rule.if_unanswered.value,
        "steps_down_when_unsure": rule.steps_down_when_unsure,
        "source_criterion": rule.criterion,
        "differs_from_source": rule.differs,
    }


def render_rules_json(texts: Texts) -> str:
    data = {"rules_version": RULES_VERSION, "policy": policy_data(), "rules": [rule_data(r, texts) for r in RULES]}
    return json.dumps(data, indent=2) + "\n"


def render_rules_markdown(texts: Texts) -> str:
    out = [
        f"# backpain rule set {RULES_VERSION}",
        "",
        f"{len(RULES)} rules. Urgency is the highest any rule gives; imaging follows the rules at that urgency. "
        '"Not sure" counts as yes; the doubt policy (below) says when a rule resting on doubt is one step less '
        "urgent.",
        "",
        "For sign-off, docs/rule-review.md sets each rule beside its source's criterion and says where and why "
        "they differ (`backpain rules --format review` prints it).",
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
        d = rule_data(rule, texts)
        out.append(f"| `{d['id']}` | {d['kind']} | {d['category'] or '-'} | {d['urgency']} | {d['imaging']} |")
    for rule in RULES:
        d = rule_data(rule, texts)
        out += [
            "",
            f"## `{d['id']}`: {md_escape(d['title'])}",
            "",
            f"- **Kind:** {d['kind']}" + (f" ({d['category']})" if d["category"] else ""),
            f"- **Urgency:** {d['urgency']}; **imaging:** {d['imaging']}",
            f"- **Fires when:** `{d['triggers']}`",
            f"- **Source:** {md_escape(d['source'])}",
            f"- **Source's criterion:** {md_escape(d['source_criterion'])}",
            *(
                [f"- **Differs from the source:** {md_escape(d['differs_from_source'])}"]
                if d["differs_from_source"]
                else []
            ),
            f"- **Unanswered:** at least {d['if_unanswered']} when one missing answer could make it fire; "
            + ("steps down as the doubt policy says" if d["steps_down_when_unsure"] else "never steps down"),
            f"- **Patient text:** {md_escape(d['explanation'])}",
            f"- **Imaging text:** {md_escape(d['imaging_reason'])}",
            f"- **Cases:** {len(rule.fires)} that fire it, {len(rule.spares)} that must not",
            "- **Reviewed by:** ______________________  **Date:** __________",
        ]
    return "\n".join(out) + "\n"


def _case(case: dict[str, Any]) -> str:
    return ", ".join(f"{k}={'/'.join(v) if isinstance(v, list) else v}" for k, v in case.items())


def render_rule_review(texts: Texts) -> str:
    """docs/rule-review.md: each rule beside its source, for a clinician to sign off in one sitting.

    Generated from the rule table (scripts/gen-rule-review.sh); tests/test_rule_review.py keeps the
    committed file equal to this.
    """
    out = [
        f"# Rule review: backpain rule set {RULES_VERSION}",
        "",
        "Generated from `backpain_cli/rules/` and the text catalogue (`content/texts/en.yaml`) by "
        "`scripts/gen-rule-review.sh`; do not edit by hand. For each "
        "rule: the source's criterion in our words, what the rule does, how and why it differs (if it does), its "
        "level when an answer is missing, and the cases on both sides of its thresholds (each is a test). "
        "Clinical facts come from `clinical-reference.md` (revised 2026-11-29) and the sources it cites; where "
        "they disagree, the source wins and the rule says so.",
        "",
        "How the rules combine: " + md_escape(STEP_DOWN) + " " + md_escape(policy_data()["unanswered_rule"]),
        "",
        "## The policy around the rules",
        "",
        *_policy_lines(),
        "- **Policy signed off:** ______________________  **Date:** __________",
        "",
        "## The rules",
        "",
        "| # | rule | urgency | imaging | source |",
        "|---|---|---|---|---|",
    ]
    for number, rule in enumerate(RULES, 1):
        out.append(
            f"| {number} | `{rule.id}` | {rule.urgency.value} | {rule.imaging.value} | {md_escape(rule.source)} |"
        )
    for number, rule in enumerate(RULES, 1):
        d = rule_data(rule, texts)
        out += [
            "",
            f"## {number}. `{d['id']}`: {md_escape(d['title'])}",
            "",
            f"- **The source says:** {md_escape(d['source_criterion'])} ({md_escape(d['source'])})",
            f"- **The rule does:** {d['urgency']}, imaging {d['imaging']}"
            + (f", red flag `{d['category']}`" if d["category"] else ", a care pathway (not a red flag)")
            + f", when `{d['triggers']}`.",
            f"- **Differs:** {md_escape(d['differs_from_source']) or 'no'}",
            f"- **Unanswered:** at least {d['if_unanswered']}; "
            + (
                "doubts step it down one level as the doubt policy says"
                + (
                    f" (its doubt keys: {', '.join(f'`{k}`' for k in sorted(rule.doubt_keys))})."
                    if rule.doubt_keys
                    else "."
                )
                if d["steps_down_when_unsure"]
                else "never steps down on a doubt."
            ),
            "- **Fires for:** " + "; ".join(f"`{_case(dict(c))}`" for c in rule.fires),
            "- **Does not fire for:** " + "; ".join(f"`{_case(dict(c))}`" for c in rule.spares),
            "- **Signed off:** ______________________  **Date:** __________",
        ]
    return "\n".join(out) + "\n"


def render_rules_table(console: Any, texts: Texts) -> str:
    """The rules for a terminal, one block per rule (labels on the left, text wrapped beside them),
    readable at 80 columns; then the policy. Captured as this console shows it."""
    from rich.table import Table
    from rich.text import Text

    with console.capture() as captured:
        console.print(Text(f"backpain rule set {RULES_VERSION}: {len(RULES)} rules", style="bold"))
        for rule in RULES:
            d = rule_data(rule, texts)
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
