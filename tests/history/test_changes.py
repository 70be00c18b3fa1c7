"""The change rules: what counts as new, resolved, not settling; the facts they raise; never lower."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backpain_cli.answers import ANSWER_KEYS
from backpain_cli.assessment import assess
from backpain_cli.history import changes as ch
from backpain_cli.history.changes import PastCheckIn, compute_changes, raise_facts
from backpain_cli.levels import Urgency
from backpain_cli.rules.policy import ASK_WHEN
from tests.helpers import ALL_CLEAR, FIXED_DAY, answers, bundle, fired
from tests.strategies import SYMPTOMS, answer_sets

TODAY = FIXED_DAY


def ago(weeks: float) -> dt.date:
    return TODAY - dt.timedelta(days=round(weeks * 7))


def past(weeks: float, case: dict[str, Any] | None = None, *, base: dict[str, Any] | None = ALL_CLEAR) -> PastCheckIn:
    return PastCheckIn(ago(weeks), {**(base or {}), **(case or {})}, "routine")


def test_a_first_check_in_has_nothing_to_compare() -> None:
    c = compute_changes([], ALL_CLEAR, TODAY)
    assert (c.previous_on, c.first_on, c.new, c.resolved, c.weeks_since_first) == (None, TODAY, (), (), 0)
    assert not c.not_settling and [p.score for p in c.pain] == [5]


def test_new_is_no_or_unanswered_to_yes_or_unsure_and_resolved_is_yes_to_no() -> None:
    before = {**ALL_CLEAR, "leg_numbness": "no", "fever": None, "night_pain": "yes", "leg_weakness": "unsure"}
    now = {**ALL_CLEAR, "leg_numbness": "yes", "fever": "unsure", "night_pain": "no", "leg_weakness": "yes"}
    c = compute_changes([PastCheckIn(ago(1), before)], now, TODAY)
    assert set(c.new) == {"leg_numbness", "fever"}  # unsure -> yes is not new: it was never ruled out
    assert c.resolved == ("night_pain",)
    assert c.previous_on == ago(1)


def test_the_last_check_in_is_the_one_compared_and_later_ones_are_ignored() -> None:
    history = [past(3, {"leg_numbness": "yes"}), past(1), PastCheckIn(TODAY + dt.timedelta(days=7), ALL_CLEAR)]
    c = compute_changes(history, {**ALL_CLEAR, "leg_numbness": "yes"}, TODAY)
    assert c.previous_on == ago(1) and c.new == ("leg_numbness",) and c.check_ins == 2


def test_a_long_gap_starts_a_new_episode() -> None:
    gap = ch.EPISODE_GAP_WEEKS
    history = [past(gap + 10), past(4), past(1)]
    c = compute_changes(history, ALL_CLEAR, TODAY)
    assert c.first_on == ago(4) and c.weeks_since_first == 4 and c.check_ins == 2
    # A gap of exactly the limit still joins the episode.
    assert compute_changes([past(gap)], ALL_CLEAR, TODAY).first_on == ago(gap)


@pytest.mark.parametrize(
    ("first", "now", "weeks", "settling"),
    [
        (7, 7, 6, False),  # no change over 6 weeks: not settling
        (7, 6, 8, False),  # 1 point and 14%: not settling
        (7, 5, 6, True),  # 2 points
        (10, 8, 6, True),  # 2 points (20%)
        (10, 9, 6, False),  # 1 point, 10%
        (3, 2, 6, True),  # 1 point but 33%
        (7, 7, 5, True),  # under 6 weeks: too soon to say
        (7, 0, 8, True),  # no pain now
        (4, 8, 6, False),  # worse
    ],
)
def test_not_settling_is_less_than_30_percent_and_less_than_2_points_over_6_weeks(
    first: int, now: int, weeks: int, settling: bool
) -> None:
    c = compute_changes([past(weeks, {"pain_score": first})], {**ALL_CLEAR, "pain_score": now}, TODAY)
    assert c.not_settling is not settling


def test_no_score_today_says_nothing_about_settling() -> None:
    c = compute_changes([past(8, {"pain_score": 8})], {**ALL_CLEAR, "pain_score": None}, TODAY)
    assert not c.not_settling


def test_a_new_nerve_sign_raises_new_or_worsening_with_a_dated_note() -> None:
    now = {**ALL_CLEAR, "leg_numbness": "yes"}
    c = compute_changes([past(1)], now, TODAY)
    facts, raised = raise_facts(now, c, gates=ASK_WHEN)
    # a new numb leg: the numbness counts as spreading (no weak leg today: that question is skipped)
    assert facts["numbness_spreading"] == "yes" and facts["weakness_getting_worse"] == "no"
    assert [(r.key, r.was) for r in raised] == [("numbness_spreading", "no")]
    assert raised[0].nerve_keys == ("leg_numbness",)
    from backpain_cli.history.changes import HistoryView
    from backpain_cli.render.json import raised_note
    from tests.helpers import texts

    note = raised_note(raised[0], HistoryView(c, raised, TODAY), texts())
    assert note == f"leg_numbness: new since your check-in on {ago(1).isoformat()}"


@pytest.mark.parametrize("key", ["leg_numbness", "leg_weakness", "saddle_numbness", "bladder_change"])
def test_each_nerve_sign_counts_and_unsure_counts_too(key: str) -> None:
    gate = "leg_numbness" if key == "leg_weakness" else "leg_weakness"  # keeps a worsening question asked
    now = {**ALL_CLEAR, gate: "yes", key: "unsure"}
    facts, _ = raise_facts(now, compute_changes([past(1, {gate: "yes"})], now, TODAY), gates=ASK_WHEN)
    target = {"leg_numbness": "numbness_spreading", "leg_weakness": "weakness_getting_worse"}[gate]
    assert facts[target] == "yes"


def test_nothing_is_raised_into_a_question_that_is_skipped_or_already_yes() -> None:
    now = {**ALL_CLEAR, "bladder_change": "yes"}  # no leg symptoms: the worsening questions are skipped
    facts, raised = raise_facts(now, compute_changes([past(1)], now, TODAY), gates=ASK_WHEN)
    assert facts["weakness_getting_worse"] == facts["numbness_spreading"] == "no" and raised == ()
    now = {**ALL_CLEAR, "leg_numbness": "yes", "numbness_spreading": "yes"}
    assert raise_facts(now, compute_changes([past(1)], now, TODAY), gates=ASK_WHEN)[1] == ()


def test_a_non_nerve_change_raises_nothing() -> None:
    now = {**ALL_CLEAR, "night_pain": "yes"}
    assert raise_facts(now, compute_changes([past(1)], now, TODAY), gates=ASK_WHEN)[1] == ()


def test_cord_signs_count_only_when_the_question_bank_has_them(monkeypatch: pytest.MonkeyPatch) -> None:
    now = {**ALL_CLEAR, "leg_numbness": "no"}
    c = compute_changes([past(1)], now, TODAY)
    fake = ch.Changes(**{**c.__dict__, "new": ("walking_unsteady",)})
    facts, raised = raise_facts(now, fake, gates={})
    assert (facts["weakness_getting_worse"] == "yes") == ("walking_unsteady" in ANSWER_KEYS)
    monkeypatch.setattr(ch, "ANSWER_KEYS", tuple(k for k in ANSWER_KEYS if k != "walking_unsteady"))
    facts, raised = raise_facts(now, fake, gates={})
    assert facts["weakness_getting_worse"] == "no" and raised == ()
    monkeypatch.setattr(ch, "ANSWER_KEYS", ANSWER_KEYS)
    facts, raised = raise_facts(now, fake, gates={})
    assert facts["weakness_getting_worse"] == "yes" and "walking_unsteady" in raised[0].nerve_keys


def test_a_bank_before_2027_1_raises_its_one_worsening_question(monkeypatch: pytest.MonkeyPatch) -> None:
    old_bank = tuple(k for k in ANSWER_KEYS if k not in ch.WORSENING_TARGETS and k != "treatment_not_helping")
    monkeypatch.setattr(ch, "ANSWER_KEYS", old_bank)
    now = {k: v for k, v in {**ALL_CLEAR, "leg_numbness": "yes", "pain_score": 7, "pain_weeks": 8}.items()}
    c = compute_changes([past(7, {"pain_score": 7}), past(1, {"pain_score": 7})], now, TODAY)
    facts, raised = raise_facts(now, c, gates=ASK_WHEN)
    assert facts["weakness_worsening"] == "yes" and facts["treatment_no_better"] == "yes"
    assert [r.key for r in raised][:2] == ["weakness_worsening", "treatment_no_better"]


def test_pain_not_settling_raises_treatment_not_helping() -> None:
    now = {**ALL_CLEAR, "pain_score": 7, "pain_weeks": 8}
    c = compute_changes([past(7, {"pain_score": 7}), past(3, {"pain_score": 7})], now, TODAY)
    facts, raised = raise_facts(now, c, gates=ASK_WHEN)
    assert facts["treatment_not_helping"] == "yes"
    assert any(r.key == "treatment_not_helping" for r in raised)


def test_pain_weeks_is_raised_to_the_episode_but_a_blank_stays_blank() -> None:
    now = {**ALL_CLEAR, "pain_weeks": 1}
    c = compute_changes([past(9), past(5)], now, TODAY)
    facts, raised = raise_facts(now, c, gates=ASK_WHEN)
    assert facts["pain_weeks"] == 9 and raised[-1].was == 1
    assert raise_facts({**now, "pain_weeks": 20}, c, gates=ASK_WHEN)[0]["pain_weeks"] == 20  # never lowered
    assert raise_facts({**now, "pain_weeks": None}, c, gates=ASK_WHEN)[0]["pain_weeks"] is None
    assert raise_facts(now, c, gates=ASK_WHEN, with_weeks=False)[0]["pain_weeks"] == 1


def test_an_assessment_with_a_history_carries_it_and_the_new_sign_reaches_the_rules() -> None:
    case = answers({"leg_numbness": "yes"})
    without = assess(case, bundle(), today=TODAY)
    with_history = assess(case, bundle(), today=TODAY, history=[past(1)])
    assert without.history is None and with_history.history is not None
    assert "numbness_worsening" in fired(with_history) and "numbness_worsening" not in fired(without)
    assert with_history.urgency.rank > without.urgency.rank
    assert with_history.history.changes.new == ("leg_numbness",)
    assert with_history.history.changes.pain[-1].urgency == with_history.urgency.value


def test_a_longer_pain_never_lowers_the_urgency_it_is_kept_as_answered_instead() -> None:
    # Pain since a major injury a week ago is an emergency (under 2 weeks); the check-ins say the episode
    # is longer, but that must not take the warning away.
    case = {"age": 40, "pain_weeks": 1, "pain_score": 4, "major_trauma": "yes"}
    history = [past(w, {"pain_score": 8}) for w in (12, 8, 4)]  # settling: 8 -> 4
    without = assess(answers(case), bundle(), today=TODAY)
    result = assess(answers(case), bundle(), today=TODAY, history=history)
    assert result.urgency == without.urgency == Urgency.EMERGENCY and "fracture_major_trauma" in fired(result)
    assert result.history is not None and result.history.weeks_kept


def test_next_check_in_fits_the_urgency() -> None:
    assert ch.next_check_in("routine", TODAY) == TODAY + dt.timedelta(days=7)
    assert ch.next_check_in("soon", TODAY) < ch.next_check_in("routine", TODAY)
    assert ch.next_check_in("emergency", TODAY) == TODAY + dt.timedelta(days=1)


histories = st.lists(
    st.tuples(st.integers(0, 40 * 7), answer_sets()).map(lambda t: PastCheckIn(TODAY - dt.timedelta(days=t[0]), t[1])),
    max_size=4,
)


@given(history=histories, data=answer_sets(), key=st.sampled_from(SYMPTOMS))
def test_a_yes_never_lowers_the_urgency_with_any_history(
    history: list[PastCheckIn], data: dict[str, Any], key: str
) -> None:
    base = assess(answers(data, base=None), bundle(), today=TODAY, history=history)
    more = assess(answers({**data, key: "yes"}, base=None), bundle(), today=TODAY, history=history)
    assert more.urgency.rank >= base.urgency.rank


@given(history=histories, data=answer_sets())
def test_a_history_never_lowers_the_urgency(history: list[PastCheckIn], data: dict[str, Any]) -> None:
    alone = assess(answers(data, base=None), bundle(), today=TODAY)
    assert assess(answers(data, base=None), bundle(), today=TODAY, history=history).urgency.rank >= alone.urgency.rank
