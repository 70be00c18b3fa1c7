"""Shared test helpers: a full "all clear" answer set to start cases from, and assessment shortcuts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from backpain_cli.answers import SYMPTOM_KEYS, Answers, validate_answers
from backpain_cli.assessment import Result, assess
from backpain_cli.bundle import Bundle, load_bundle
from backpain_cli.content import Library
from backpain_cli.questions import QuestionBank
from backpain_cli.readers import read_bytes, read_source
from backpain_cli.texts import Texts

FIXED_DAY = dt.date(2026, 11, 26)

# A 40-year-old with two weeks of plain low back pain who answered "no" to everything. Which leg
# symptom is in both legs is left out: a case that adds symptoms in both legs answers it itself, or
# leaves it open (never a "no" it did not give).
BOTH_LEGS_FOLLOW_UPS = ("weakness_both_legs", "numbness_both_legs")
ALL_CLEAR: dict[str, Any] = {
    **dict.fromkeys(sorted(SYMPTOM_KEYS - set(BOTH_LEGS_FOLLOW_UPS)), "no"),
    "age": 40,
    "pain_weeks": 2,
    "pain_area": "lower_back",
    "pain_score": 5,
    "previous_imaging": ["none"],
}


# The answer keys of the first contract (CONTRACT.md, before question bank 2): old answer files
# hold only these and must keep their results.
FIRST_CONTRACT_KEYS: tuple[str, ...] = (
    "age", "pain_weeks", "pain_area", "pain_score", "previous_imaging",
    "leg_pain_below_knee", "leg_numbness", "leg_weakness", "weakness_worsening", "both_legs",
    "saddle_numbness", "bladder_change", "bowel_control_loss", "sexual_function_change",
    "cancer_history", "weight_loss", "fever", "iv_drug_use", "immune_suppression", "recent_infection",
    "major_trauma", "minor_trauma", "osteoporosis", "steroid_use", "night_pain", "morning_stiffness",
    "better_with_exercise", "treatment_no_better", "procedure_considered", "back_surgery_before",
    "abdominal_or_chest_pain", "urinary_pain",
)  # fmt: skip


# The seed case: 10 weeks of sciatica, no better with treatment, an injection considered, and an
# earlier X-ray that showed only mild wear.
SEED_CASE: dict[str, Any] = {
    "leg_pain_below_knee": "yes",
    "pain_weeks": 10,
    "treatment_no_better": "yes",
    "procedure_considered": "yes",
    "previous_imaging": ["xray"],
}


def bundle() -> Bundle:
    """The shipped content, loaded once per test process."""
    return load_bundle()


def bank() -> QuestionBank:
    return bundle().bank


def library() -> Library:
    return bundle().library


def answers(case: Mapping[str, Any] | None = None, *, base: Mapping[str, Any] | None = ALL_CLEAR) -> Answers:
    """Answers built from a base set with ``case`` laid over it.

    A case written with a broad key of an earlier bank (rules/policy.py REFINED), and none of the
    finer keys that refine it, is an old-style answer file: the base's finer answers are left out.
    A case written with a finer key and not its broad one is a new-style file: the base's broad
    answer is left out (a broad "no" would otherwise answer a finer question the case leaves open).
    """
    from backpain_cli.rules.policy import REFINED

    data = dict(base or {})
    given = dict(case or {})
    for broad, finer in REFINED.items():
        if broad in given and not set(finer) & set(given):
            for key in finer:
                data.pop(key, None)
        elif broad not in given and set(finer) & set(given):
            data.pop(broad, None)
    data.update(given)
    return validate_answers(data)


def run(case: Mapping[str, Any] | None = None, *, base: Mapping[str, Any] | None = ALL_CLEAR) -> Result:
    return assess(answers(case, base=base), bundle(), today=FIXED_DAY)


def fired(result: Result) -> set[str]:
    return {f.rule.id for f in result.findings}


def texts() -> Texts:
    """The shipped English text catalogue."""
    return bundle().texts


def read_answers(path: str | Path, **options: Any) -> Answers:
    """An answer file read with the shipped content, as ``assess`` reads it (warnings dropped)."""
    return read_source(path, bundle(), **options).answers


def parse_answers(raw: bytes, *, source: str, kind: Literal["json", "yaml"] | None) -> Answers:
    """The bytes of an answer file read with the shipped content (warnings dropped)."""
    return read_bytes(raw, source=source, kind=kind, bundle=bundle()).answers


@dataclass(frozen=True)
class Said:
    """A result's reasons and notes as the patient reads them (the decision itself holds codes)."""

    urgency_reasons: tuple[str, ...]
    imaging_reasons: tuple[str, ...]
    notes: tuple[str, ...]


def said(result: Result) -> Said:
    """The words a result's codes stand for, in its own language."""
    t, d = result.texts, result.decision
    return Said(
        tuple(t.urgency_reasons(d.urgency_reasons)),
        tuple(t.imaging_reasons(d.imaging_reasons)),
        tuple(t.notes(d.notes)),
    )
