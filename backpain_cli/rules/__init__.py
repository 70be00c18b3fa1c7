"""The red-flag rules: one declarative table, joined from one module per kind of cause.

Built from the clinical reference shared with the project (§2 red-flag table, §3 imaging, §6
inflammatory back pain, §8 decision rules). A clinician reviews these files: each rule keeps its
trigger, urgency, imaging and source together, and every change gets its own cases.

- ``cauda_equina``: saddle, bladder, bowel and sexual signs, symptoms in both legs (GIRFT)
- ``cord_and_nerves``: spinal cord compression and signs, weakness or numbness getting worse
- ``cancer``, ``infection``, ``fracture``, ``inflammatory``, ``non_spinal``: one module each
- ``pathways``: care pathways that are not red flags (sciatica that has lasted, claudication, ...)
- ``policy``: which questions are always asked, and when each of the others is (``ASK_WHEN``)

The table's order matters: findings of equal urgency are listed in it, and the first of two
rules that favour the same imaging speaks first.
"""

from __future__ import annotations

from typing import Final

from backpain_cli.answers import ANSWER_KEYS
from backpain_cli.levels import Reason
from backpain_cli.rules import (
    cancer,
    cauda_equina,
    cord_and_nerves,
    fracture,
    infection,
    inflammatory,
    non_spinal,
    pathways,
)
from backpain_cli.rules.model import Case, Rule, RuleTableError
from backpain_cli.rules.policy import ALWAYS_ASKED, ASK_WHEN
from backpain_cli.rules_version import RULES_VERSION

__all__ = ["RULES", "RULES_BY_ID", "RULES_VERSION", "Case", "Rule", "RuleTableError", "check_rules"]

RULES: Final[tuple[Rule, ...]] = (
    *cauda_equina.RULES,
    *cord_and_nerves.RULES,
    *cancer.RULES,
    *infection.RULES,
    *non_spinal.RULES,
    *fracture.RULES,
    *inflammatory.RULES,
    *pathways.RULES,
)

RULES_BY_ID: Final[dict[str, Rule]] = {rule.id: rule for rule in RULES}


def check_rules(rules: tuple[Rule, ...] = RULES) -> list[str]:
    """Load-time checks on the table and its policy; an empty list means it is sound."""
    problems = []
    ids = [r.id for r in rules]
    problems += [f"rule id {i!r} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    # A decision's reasons are rule ids or reason codes: the two must never be confused.
    problems += [f"rule id {i!r} is also a reason code" for i in sorted(set(ids) & {r.value for r in Reason})]
    for rule in rules:
        unknown = rule.when.keys() - set(ANSWER_KEYS)
        if unknown:
            problems.append(f"rule {rule.id!r} names unknown answer keys {sorted(unknown)}")
        if not rule.source.strip():
            problems.append(f"rule {rule.id!r} names no guideline source")
        if not rule.fires or not rule.spares:
            problems.append(f"rule {rule.id!r} needs cases that fire it and cases that spare it")
    gated_so_far: set[str] = set()
    for key, condition in ASK_WHEN.items():
        if key not in ANSWER_KEYS:
            problems.append(f"policy names unknown answer key {key!r}")
        if key in ALWAYS_ASKED:
            problems.append(f"{key!r} is a cauda equina question and may not be skipped")
        later = (condition.keys() & set(ASK_WHEN)) - gated_so_far
        if later:
            problems.append(f"{key!r} is asked behind {sorted(later)}, which come later in ASK_WHEN")
        gated_so_far.add(key)
    for rule in rules:
        if rule.if_unanswered.rank > rule.urgency.rank:
            problems.append(f"rule {rule.id!r} asks more when unanswered than when answered")
        if not rule.criterion.strip():
            problems.append(f"rule {rule.id!r} does not state its source's criterion")
    return problems


_PROBLEMS = check_rules()
if _PROBLEMS:  # pragma: no cover - a broken table never ships; tests/test_rules.py shows this fires
    raise RuleTableError("; ".join(_PROBLEMS))
