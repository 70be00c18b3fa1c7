"""docs/validation.md: how often the rules reach the expected level on the project's own vignettes.

Run ``python -m tests.validation`` (scripts/gen-validation.sh) to print it; tests/test_validation.py
keeps the committed file equal to what this prints. Issue 23 asked for it: no peer publishes such a
benchmark for back pain, so the numbers, their 95% Wilson intervals and their limits are set out here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import yaml

from backpain_cli.levels import Category, Urgency
from backpain_cli.rules import RULES_VERSION

HERE: Final = Path(__file__).parent / "vignettes"
Z_95: Final = 1.959964  # the normal quantile for a two-sided 95% interval
LEVELS: Final = tuple(Urgency)  # routine, soon, urgent, emergency
CATEGORIES: Final = tuple(c.value for c in Category)
# The blind 2027.1 batch at its first run, before the rules were revised against it (2026-12-07).
FIRST_RUN_AGREED: Final = 41


def wilson(k: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval for k successes in n trials (Wilson 1927; Newcombe 1998, method 3).

    Returns (low, high) as proportions in [0, 1]; (0.0, 1.0) when n is 0. Unlike the Wald interval it
    stays inside [0, 1] and is sound at k = n, which a benchmark that mostly agrees needs.
    """
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Outcome:
    """One vignette: what was expected and what the program gave."""

    name: str
    batch: str
    want_urgency: Urgency
    want_imaging: str
    want_categories: frozenset[str]
    got_urgency: Urgency
    got_imaging: str
    got_categories: frozenset[str]

    @property
    def under(self) -> bool:
        return self.got_urgency.rank < self.want_urgency.rank

    @property
    def over(self) -> bool:
        return self.got_urgency.rank > self.want_urgency.rank

    def reached(self, category: str) -> bool:
        """The category was flagged, at the expected level or higher (sensitivity's success)."""
        return category in self.got_categories and not self.under


def outcomes(*, reviewer: bool) -> list[Outcome]:
    """Assess every vignette. ``reviewer``: measure the blind 2027.1 set against its reviewer's own
    expectations (where the project decided otherwise), and leave the other vignettes out."""
    from backpain_cli.assessment import assess
    from tests.helpers import FIXED_DAY, bundle, read_answers

    expected: dict[str, dict[str, Any]] = yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))
    out = []
    for name in sorted(expected):
        entry = expected[name]
        if reviewer:
            if entry["batch"] != "2027.1":
                continue
            entry = {**entry, **entry.get("reviewer", {})}
        result = assess(read_answers(HERE / "cases" / name), bundle(), today=FIXED_DAY)
        out.append(
            Outcome(
                name=name,
                batch=entry["batch"],
                want_urgency=Urgency(entry["urgency"]),
                want_imaging=entry["imaging"],
                want_categories=frozenset(entry["categories"]),
                got_urgency=result.urgency,
                got_imaging=result.imaging.value,
                got_categories=frozenset(f.rule.category.value for f in result.red_flags if f.rule.category),
            )
        )
    return out


def _pct(k: int, n: int) -> str:
    if n == 0:
        return "-"
    low, high = wilson(k, n)
    return f"{k}/{n} = {100 * k / n:.0f}% ({100 * low:.0f}-{100 * high:.0f}%)"


def _measures(rows: list[Outcome]) -> list[str]:
    """The per-category table, the under- and over-triage summary and the level matrix of ``rows``."""
    return [
        *_table(rows),
        "",
        *_summary(rows),
        "",
        "Level, expected (rows) against given (columns):",
        "",
        *_matrix(rows),
    ]


def _table(results: list[Outcome]) -> list[str]:
    lines = [
        "| expected red flag | vignettes | sensitivity: flagged at the expected level or higher (95% CI) | "
        "exact level | under-triaged | over-triaged |",
        "|---|---|---|---|---|---|",
    ]
    for category in CATEGORIES:
        group = [o for o in results if category in o.want_categories]
        if not group:
            continue
        reached = sum(o.reached(category) for o in group)
        exact = sum(o.got_urgency == o.want_urgency for o in group)
        lines.append(
            f"| {category} | {len(group)} | {_pct(reached, len(group))} | {exact} | "
            f"{sum(o.under for o in group)} | {sum(o.over for o in group)} |"
        )
    none = [o for o in results if not o.want_categories]
    lines.append(
        f"| no red flag expected | {len(none)} | - | {sum(o.got_urgency == o.want_urgency for o in none)} | "
        f"{sum(o.under for o in none)} | {sum(o.over for o in none)} |"
    )
    return lines


def _summary(results: list[Outcome]) -> list[str]:
    n = len(results)
    exact = sum(o.got_urgency == o.want_urgency for o in results)
    under = sum(o.under for o in results)
    over = sum(o.over for o in results)
    imaging = sum(o.got_imaging == o.want_imaging for o in results)
    categories = sum(o.got_categories == o.want_categories for o in results)
    all_three = sum(
        o.got_urgency == o.want_urgency and o.got_imaging == o.want_imaging and o.got_categories == o.want_categories
        for o in results
    )
    return [
        f"- Level exactly as expected: {_pct(exact, n)}",
        f"- Under-triage (a lower level than expected): {_pct(under, n)}",
        f"- Over-triage (a higher level than expected): {_pct(over, n)}",
        f"- Imaging as expected: {_pct(imaging, n)}",
        f"- Red-flag categories exactly as expected: {_pct(categories, n)}",
        f"- Level, imaging and categories all as expected: {_pct(all_three, n)}",
    ]


def _matrix(results: list[Outcome]) -> list[str]:
    lines = [
        "| expected \\ given | " + " | ".join(u.value for u in LEVELS) + " |",
        "|---|" + "---|" * len(LEVELS),
    ]
    for want in LEVELS:
        row = [sum(o.want_urgency == want and o.got_urgency == got for o in results) for got in LEVELS]
        lines.append(f"| {want.value} | " + " | ".join(str(c) for c in row) + " |")
    return lines


def _differences(results: Iterable[Outcome]) -> list[str]:
    lines = []
    for o in results:
        parts = []
        if o.got_urgency != o.want_urgency:
            parts.append(f"level {o.want_urgency.value} -> {o.got_urgency.value}")
        if o.got_imaging != o.want_imaging:
            parts.append(f"imaging {o.want_imaging} -> {o.got_imaging}")
        if o.got_categories != o.want_categories:
            parts.append(
                "red flags "
                + (", ".join(sorted(o.want_categories)) or "none")
                + " -> "
                + (", ".join(sorted(o.got_categories)) or "none")
            )
        if parts:
            lines.append(f"- `{o.name}`: " + "; ".join(parts))
    return lines or ["- none"]


def render_validation(final: list[Outcome] | None = None, blind: list[Outcome] | None = None) -> str:
    """The Markdown of docs/validation.md."""
    final = outcomes(reviewer=False) if final is None else final
    blind = outcomes(reviewer=True) if blind is None else blind
    batches: Mapping[str, int] = {b: sum(o.batch == b for o in final) for b in sorted({o.batch for o in final})}
    out = [
        f"# Validation on the project's vignettes (rule set {RULES_VERSION})",
        "",
        "Generated by `scripts/gen-validation.sh` from `tests/vignettes/` (answer files in, the expected level, "
        "imaging and red-flag categories beside them); `tests/test_validation.py` keeps this file current. Do not "
        "edit by hand.",
        "",
        "**This is not a clinical validation.** The vignettes were written for this project from the same "
        "published sources the rules follow. Agreement shows that the rules do what those sources say, as we "
        "read them; it does not show how the program performs with real patients, whose answers are less tidy.",
        "",
        "## What is measured",
        "",
        f"- {len(final)} vignettes: "
        + ", ".join(f"{n} of batch {b}" for b, n in batches.items())
        + ". Batch 2026.11 was written by a first independent author from the clinical reference; some of "
        "its expectations were revised since, each with a CHANGED note that gives the source. Batch 2027.1 was "
        "written for rule set 2027.1 by a reviewer who did not read the rules or run the program, on both sides "
        "of each threshold the issue named.",
        "- For each vignette, the level (routine, soon, urgent, emergency), the imaging and the set of red-flag "
        "categories are compared with the expected ones. Under-triage: a lower level than expected; "
        "over-triage: a higher one.",
        "- Sensitivity, per expected red-flag category: the share of vignettes with that category in which the "
        "program flagged it at the expected level or higher. The 95% intervals are Wilson score intervals "
        "(sound at 100%, where the simple interval collapses).",
        "",
        "## 1. Every vignette, against its current expectation",
        "",
        "The test suite fails when any vignette disagrees, so this table is 100% by construction; its use is "
        "the width of the intervals (how few cases stand behind each category).",
        "",
        *_measures(final),
        "",
        "## 2. The blind 2027.1 batch, against the reviewer's own expectations",
        "",
        "The more honest measure: where the project decided otherwise than the reviewer (PROJECT DECISION in "
        "`tests/vignettes/expected.yaml`, each with its reason), the reviewer's value is used here. The "
        "expectations were written blind, but the rules were revised after a first run against them (at that "
        f"first run {FIRST_RUN_AGREED} of 57 agreed on level, imaging and categories; `docs/rule-changes-2027.1.md` "
        "lists each change and why): this batch is a development set, not a held-out test.",
        "",
        *_measures(blind),
        "",
        "Where the program and the reviewer differ:",
        "",
        *_differences(blind),
        "",
        "## Limits",
        "",
        "- **Red flags are weak screens.** In the studies behind them, the red-flag questions themselves miss "
        "many cases: for cauda equina syndrome the pooled sensitivity of single symptoms is about 0.19-0.43 "
        "(Dionne et al. 2019), and most red flags on their own carry a low post-test probability (Downie et al., "
        "BMJ 2013). A summary that finds no warning sign never rules a cause out; the safety net in every "
        "summary says what to do if something changes.",
        "- **Written by the project.** The vignettes, the rules and the expectations share their sources and "
        "their authors' reading of them; batch 2027.1 was kept blind to the rules, batch 2026.11 was not kept "
        "blind to later rule changes.",
        "- **Few cases per category.** The intervals above are wide: a category with a dozen vignettes cannot "
        "show a sensitivity much above 75% at its lower bound, however good the rules are.",
        "- **No peer benchmark for back pain.** General symptom checkers, tested on 48 vignettes of all kinds, "
        "reached the right triage level in 49% (95% CI 44-54%) of tests (Hill et al., MJA 2020); that study used "
        "other vignettes, so the numbers are context, not a comparison.",
        "",
    ]
    return "\n".join(out)


if __name__ == "__main__":
    print(render_validation(), end="")
