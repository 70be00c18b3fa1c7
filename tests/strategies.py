"""Hypothesis strategies for answer sets."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from backpain_cli.answers import SYMPTOM_KEYS

SYMPTOMS = sorted(SYMPTOM_KEYS)
symptom_value = st.sampled_from([None, "no", "yes", "unsure"])


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, Any]:
    """Any valid answer set, with unanswered questions as None."""
    data: dict[str, Any] = {k: draw(symptom_value) for k in SYMPTOMS}
    age = draw(st.one_of(st.none(), st.integers(16, 120)))
    data["age"] = age
    longest = (age + 1) * 52 if age is not None else 5200
    # Most draws near the rules' thresholds (2, 4, 6, 13, 52 weeks), some anywhere.
    weeks = st.one_of(st.integers(0, 60), st.integers(0, min(longest, 5200)))
    data["pain_weeks"] = draw(st.one_of(st.none(), weeks.filter(lambda w: w <= longest)))
    # When the leg symptoms began: around GIRFT's 14 days (2 and 3 weeks) and anywhere.
    leg_weeks = st.one_of(st.integers(0, 6), st.integers(0, min(longest, 5200)))
    data["leg_symptoms_weeks"] = draw(st.one_of(st.none(), leg_weeks.filter(lambda w: w <= longest)))
    data["pain_area"] = draw(st.sampled_from([None, "lower_back", "mid_back", "both"]))
    data["pain_score"] = draw(st.one_of(st.none(), st.integers(0, 10)))
    data["previous_imaging"] = draw(
        st.one_of(
            st.none(), st.just(["none"]), st.lists(st.sampled_from(["xray", "mri", "ct"]), min_size=1, unique=True)
        )
    )
    return data
