"""docs/validation.md is what the vignettes give today, and its arithmetic is sound."""

from __future__ import annotations

from pathlib import Path

import pytest

from backpain_cli.levels import Urgency
from tests.validation import Outcome, outcomes, render_validation, wilson

ROOT = Path(__file__).parent.parent


def test_the_committed_validation_is_what_the_vignettes_give() -> None:
    committed = (ROOT / "docs" / "validation.md").read_text(encoding="utf-8")
    assert committed == render_validation(), "docs/validation.md is out of date: run `bash scripts/gen-validation.sh`"


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        # Newcombe 1998, table I (method 3, Wilson score): 81/263 -> 0.2553-0.3662; 15/148 -> 0.0624-0.1605;
        # 0/20 -> 0-0.1611; 1/29 -> 0.0061-0.1718
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_intervals_match_newcombe_1998(k: int, n: int, low: float, high: float) -> None:
    got = wilson(k, n)
    assert got == pytest.approx((low, high), abs=5e-5)


def test_all_agree_gives_an_interval_below_one_and_none_gives_zero() -> None:
    low, high = wilson(20, 20)
    assert high == 1.0 and 0.83 < low < 0.84  # 20/20: 83.9-100%
    assert wilson(0, 0) == (0.0, 1.0)


def test_the_blind_batch_is_measured_against_the_reviewer() -> None:
    blind = {o.name: o for o in outcomes(reviewer=True)}
    assert len(blind) == 57 and all(o.batch == "2027.1" for o in blind.values())
    # a PROJECT DECISION case is counted as the reviewer expected it, so it shows as a difference
    claudication = blind["claudication-both-legs-years-scanned.yaml"]
    assert claudication.want_urgency == Urgency.ROUTINE and claudication.over


def test_under_and_over_are_read_from_the_levels() -> None:
    o = Outcome("x", "b", Urgency.URGENT, "mri", frozenset({"cancer"}), Urgency.SOON, "mri", frozenset({"cancer"}))
    assert o.under and not o.over and not o.reached("cancer")
    o = Outcome("x", "b", Urgency.SOON, "mri", frozenset({"cancer"}), Urgency.URGENT, "mri", frozenset({"cancer"}))
    assert o.over and o.reached("cancer") and not o.reached("fracture")
