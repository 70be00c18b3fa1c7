"""Measures: short validated scales of how pain affects a person. They measure; they never triage.

One measure today, the PEG (Krebs EE, Lorenz KA, Bair MJ, Damush TM, Wu J, Sutherland JM, Asch SM,
Kroenke K. Development and initial validation of the PEG, a three-item scale assessing pain intensity
and interference. J Gen Intern Med 2009;24(6):733-738, doi:10.1007/s11606-009-0981-1): average pain
(P), interference with enjoyment of life (E) and with general activity (G), each 0-10, scored as
their mean. The items' words are in the content folder's question bank, which also says whether a
measure is asked (its ``measures:`` list, docs/measures.md); the scoring and the meaningful-change
rule are here. Nothing here reads the rules, and the rules never read these answers.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Final, Literal

PEG: Final = "peg"
PEG_KEYS: Final = ("peg_pain", "peg_enjoyment", "peg_activity")
# Every measure backpain can score, with its items in the published order.
ITEMS: Final[dict[str, tuple[str, ...]]] = {PEG: PEG_KEYS}
MEASURE_KEYS: Final = frozenset(key for keys in ITEMS.values() for key in keys)
LOWEST: Final = 0
HIGHEST: Final = 10

# A clinically important change of the PEG since the episode's first check-in (docs/measures.md):
# at least 30% of the first score, and at least one whole point.
# - 30%: IMMPACT (Dworkin RH et al., J Pain 2008;9(2):105-121, Table 1): a decrease of at least 30%
#   in a 0-10 pain rating is a moderately important change; the CDC's checklist for prescribing
#   opioids (2016) applies the same 30% to the PEG score ("30% improvement from baseline is
#   clinically meaningful").
# - 1 point: Reed DE et al., J Pain 2024;25(1):142-152 (doi:10.1016/j.jpain.2023.07.028): the PEG's
#   minimally important difference over six trials was about 1 point (0.6 to 1.75 by method), so a
#   30% change of a low score (1.0 to 0.7) is within what the scale cannot tell apart.
# Krebs 2009 found the PEG sensitive to change: it told patients whose pain had improved at 6 months
# from those whose pain had not. It sets no threshold of its own.
IMPORTANT_FRACTION: Final = Fraction(3, 10)
IMPORTANT_POINTS: Final = Fraction(1)

Change = Literal["improved", "worsened"]


@dataclass(frozen=True)
class Score:
    """A measure's score for one set of answers: its items as given, and their mean."""

    measure: str
    items: Mapping[str, int]

    @property
    def mean(self) -> Fraction:
        """The exact mean (thirds stay thirds, so comparisons never meet rounding)."""
        return Fraction(sum(self.items.values()), len(self.items))

    @property
    def value(self) -> float:
        """The score as reported: the mean to one decimal, halves rounded up."""
        return one_decimal(self.mean)


def one_decimal(value: Fraction) -> float:
    """A fraction to one decimal place, halves away from zero (4.25 -> 4.3), as people round."""
    exact = decimal.Decimal(value.numerator) / decimal.Decimal(value.denominator)
    return float(exact.quantize(decimal.Decimal("0.1"), rounding=decimal.ROUND_HALF_UP))


def _item(value: object) -> int | None:
    """An item's answer when it is a whole number on the scale (a hand-edited history row may hold anything)."""
    if isinstance(value, int) and not isinstance(value, bool) and LOWEST <= value <= HIGHEST:
        return value
    return None


def score(measure: str, answers: Mapping[str, Any]) -> Score | None:
    """The measure's score, or None unless every one of its items is answered (no item is guessed)."""
    items = {key: _item(answers.get(key)) for key in ITEMS[measure]}
    if any(value is None for value in items.values()):
        return None
    return Score(measure, {key: value for key, value in items.items() if value is not None})


def peg(answers: Mapping[str, Any]) -> Score | None:
    """The PEG score of these answers, or None when an item is missing."""
    return score(PEG, answers)


def scores(answers: Mapping[str, Any], measures: tuple[str, ...]) -> dict[str, Score]:
    """The scores of the measures asked (``measures``: the content folder's list) that were answered."""
    found = {measure: score(measure, answers) for measure in measures}
    return {measure: found_score for measure, found_score in found.items() if found_score is not None}


def change(first: Score, now: Score) -> Change | None:
    """Whether ``now`` is a clinically important change from ``first`` (see IMPORTANT_FRACTION)."""
    needed = max(IMPORTANT_FRACTION * first.mean, IMPORTANT_POINTS)
    if first.mean - now.mean >= needed:
        return "improved"
    if now.mean - first.mean >= needed:
        return "worsened"
    return None


def scores_to_dict(found: Mapping[str, Score]) -> dict[str, Any]:
    """The result's ``measures`` object: each measure answered, with its score and items."""
    return {measure: {"score": s.value, "items": dict(s.items)} for measure, s in found.items()}
