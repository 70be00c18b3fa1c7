"""The triage decision: combining rules, "not sure", unanswered questions, pruning, and its safety invariants."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from backpain_cli.answers import SYMPTOM_KEYS
from backpain_cli.levels import Category, Imaging, Urgency
from backpain_cli.measures import MEASURE_KEYS
from backpain_cli.rules import RULES_BY_ID
from backpain_cli.rules.policy import ASK_WHEN, skipped
from tests.helpers import ALL_CLEAR, SEED_CASE, bank, fired, run, said, texts
from tests.speed import examples
from tests.strategies import SYMPTOMS, answer_sets


def urgency_of(case: dict[str, Any], base: dict[str, Any] | None = ALL_CLEAR) -> Urgency:
    return run(case, base=base).urgency


# ---------------------------------------------------------------------------- combining


def test_highest_urgency_wins_and_imaging_follows_it() -> None:
    result = run({"major_trauma": "yes", "saddle_numbness": "yes", "osteoporosis": "yes", "minor_trauma": "yes"})
    assert result.urgency == Urgency.EMERGENCY
    assert result.imaging == Imaging.MRI_URGENT  # emergency MRI outranks trauma CT at the same urgency
    assert {f.rule.category for f in result.red_flags} == {Category.CAUDA_EQUINA, Category.FRACTURE}


def test_imaging_comes_only_from_the_rules_at_the_top_urgency() -> None:
    result = run({"abdominal_or_chest_pain": "yes", "leg_weakness": "yes"})
    assert result.urgency == Urgency.EMERGENCY
    assert result.imaging == Imaging.NONE  # the emergency team leads; the MRI for the weak leg is lower


def test_red_flags_come_first_and_most_urgent_first() -> None:
    result = run({"leg_pain_below_knee": "yes", "pain_weeks": 1, "weight_loss": "yes", "fever": "yes"})
    urgencies = [f.urgency.rank for f in result.findings]
    assert urgencies == sorted(urgencies, reverse=True)


def test_nothing_found_says_so() -> None:
    result = run()
    assert result.urgency == Urgency.ROUTINE and result.imaging == Imaging.NONE
    assert result.red_flags == () and said(result).urgency_reasons == ("No warning signs were found in your answers.",)
    assert texts().reasons.no_imaging in said(result).imaging_reasons


def test_red_flags_come_before_care_pathways_at_the_same_urgency() -> None:
    """Findings are listed most urgent first and, at one urgency, red flags before care pathways: a weak leg
    (a red flag, soon) is listed before "leg symptoms after back surgery" (a pathway, soon)."""
    result = run({"back_surgery_before": "yes", "leg_weakness": "yes"})
    assert [f.rule.id for f in result.findings] == ["leg_weakness", "after_back_surgery"]
    assert {f.urgency for f in result.findings} == {Urgency.SOON}


def test_at_one_urgency_the_imaging_that_shows_more_wins() -> None:
    """Rules at the same urgency that disagree on imaging: the one that looks at more wins (levels.Imaging.rank):
    a weak leg's MRI over a urine problem's "no scan" and over a fragility X-ray, and a fragility X-ray over an
    infection risk's "blood tests first" (rule set 2027.1: no MRI for a risk factor without fever)."""
    weak_leg_and_urine = run({"urinary_pain": "yes", "leg_weakness": "yes"})
    assert (weak_leg_and_urine.urgency, weak_leg_and_urine.imaging) == (Urgency.SOON, Imaging.MRI)
    weak_leg_and_fragility = run({"leg_weakness": "yes", "osteoporosis": "yes", "pain_weeks": 10})
    assert {"leg_weakness", "fracture_fragility"} <= fired(weak_leg_and_fragility)
    assert (weak_leg_and_fragility.urgency, weak_leg_and_fragility.imaging) == (Urgency.SOON, Imaging.MRI)
    infection_and_fragility = run({"immune_suppression": "yes", "osteoporosis": "yes", "minor_trauma": "yes"})
    assert {"infection_risk", "fracture_fragility"} <= fired(infection_and_fragility)
    assert (infection_and_fragility.urgency, infection_and_fragility.imaging) == (Urgency.SOON, Imaging.XRAY)


def test_imaging_reasons_come_only_from_the_rules_that_chose_the_imaging() -> None:
    """The imaging reasons explain the imaging shown: with an MRI chosen for a weak leg, the urine problem's
    "a scan of the spine would not show this" must not appear beside it."""
    result = run({"urinary_pain": "yes", "leg_weakness": "yes"})
    assert said(result).imaging_reasons == (texts().rule("leg_weakness").imaging_reason,)


def test_the_no_warning_signs_imaging_reason_is_only_for_no_warning_signs() -> None:
    """The reason "no scan, because there are no warning signs" must not be given when a warning sign chose no
    spine scan (sudden belly or chest pain: the emergency team leads)."""
    result = run({"abdominal_or_chest_pain": "yes"})
    assert result.imaging == Imaging.NONE
    assert texts().reasons.no_imaging not in said(result).imaging_reasons
    assert said(result).imaging_reasons == (texts().rule("belly_or_chest_pain").imaging_reason,)


# ---------------------------------------------------------------------------- "not sure"


def test_a_lone_unsure_steps_down_one_level_but_still_counts() -> None:
    result = run({"major_trauma": "unsure", "pain_weeks": 1})
    (flag,) = result.red_flags
    assert flag.rule.id == "fracture_major_trauma"
    assert flag.urgency == Urgency.URGENT and flag.downgraded and not flag.certain
    assert flag.unsure == ("major_trauma",)
    assert result.urgency == Urgency.URGENT


def test_a_not_sure_about_sudden_belly_or_chest_pain_or_tearing_pain_stays_an_emergency() -> None:
    """Rule review (issue 23, words that disagree with the level): a lone "not sure" about sudden severe belly or
    chest pain was told "within 24 hours" while the safety net said to get help right away. NICE CG95: current
    chest pain with a suspected acute coronary syndrome is an emergency; a possible aortic cause is no less."""
    for key in ("abdominal_or_chest_pain", "sudden_tearing_pain"):
        result = run({key: "unsure"})
        (flag,) = result.red_flags
        assert result.urgency == Urgency.EMERGENCY and not flag.downgraded and not flag.certain


def test_a_cauda_equina_sign_does_not_step_down_when_unsure() -> None:
    """GIRFT: suspected cauda equina goes to the emergency department; if in doubt, refer (reference §8)."""
    for key in ("saddle_numbness", "bladder_change", "bowel_control_loss"):
        result = run({key: "unsure"})
        assert result.urgency == Urgency.EMERGENCY and not result.red_flags[0].certain


def test_doubts_alone_step_down_however_many() -> None:
    """Doubt policy (rule set 2027.1): a rule that rests only on "not sure" answers, one or several, is one level
    less urgent (GIRFT needs a severe or progressive deficit; CG75 is for people with cancer)."""
    assert urgency_of({"cancer_history": "unsure", "leg_weakness": "unsure"}) == Urgency.URGENT
    assert urgency_of({"cancer_history": "unsure", "leg_weakness": "unsure", "leg_numbness": "unsure"}) == (
        Urgency.URGENT
    )


def test_a_not_sure_risk_factor_beside_a_certain_sign_steps_down() -> None:
    """Issue 23: "not sure whether a removed lesion was cancer" with ordinary sciatica was an emergency. CG75's
    oncological emergency is for patients with cancer: a same-day contact settles the history. A "yes" risk
    factor beside a "not sure" sign still counts in full."""
    result = run({"cancer_history": "unsure", "leg_pain_below_knee": "yes", "pain_weeks": 3})
    assert result.urgency == Urgency.URGENT
    (flag,) = [f for f in result.findings if f.rule.id == "cancer_with_nerve_signs"]
    assert flag.downgraded and flag.urgency == Urgency.URGENT
    assert urgency_of({"cancer_history": "yes", "leg_pain_below_knee": "unsure"}) == Urgency.EMERGENCY
    assert urgency_of({"iv_drug_use": "unsure", "fever_or_chills": "yes", "leg_weakness": "yes"}) == (
        Urgency.EMERGENCY  # the fever and the weak leg are the emergency rule's signs; the risk is not needed
    )


def test_a_not_sure_fever_beside_an_infection_risk_is_one_story_seen_the_same_day() -> None:
    """Issue 23: an unsure fever beside an infection risk factor stepped down to soon on each side. Chou 2011:
    fever with injecting drugs or a recent infection -> immediate MRI; abscess often has no measured fever."""
    for risk in ("iv_drug_use", "immune_suppression", "infection_elsewhere", "spinal_procedure"):
        result = run({risk: "yes", "fever_or_chills": "unsure"})
        assert (result.urgency, result.imaging) == (Urgency.URGENT, Imaging.MRI), risk
    assert urgency_of({"fever_or_chills": "unsure"}) == Urgency.SOON
    assert run({"iv_drug_use": "yes"}).imaging == Imaging.NONE  # no MRI for a risk factor without fever


@pytest.mark.parametrize(
    "unrelated",
    [
        {"leg_pain_below_knee": "yes", "pain_weeks": 3},
        {"leg_pain_below_knee": "unsure", "pain_weeks": 3},
        {"weight_loss": "yes"},
        {"urinary_pain": "yes"},
        {"morning_stiffness": "unsure"},
    ],
)
def test_unrelated_findings_never_turn_a_doubt_into_certainty(unrelated: dict[str, Any]) -> None:
    """Rule review over-triage kind 1: an unsure unsteady walk stays soon beside ordinary sciatica, weight loss
    or burning urine (reference §8, Combining); the warning keeps its own level."""
    result = run({"walking_unsteady": "unsure", **unrelated})
    assert result.urgency == Urgency.SOON
    assert next(f for f in result.findings if f.rule.id == "cord_signs").urgency == Urgency.SOON


def test_unsure_beside_a_yes_in_the_same_trigger_counts_in_full() -> None:
    assert urgency_of({"cancer_history": "yes", "leg_weakness": "unsure"}) == Urgency.EMERGENCY
    assert urgency_of({"fever": "yes", "leg_numbness": "unsure"}) == Urgency.EMERGENCY


def test_a_lone_unsure_never_steps_down_to_self_care() -> None:
    """The reference steps emergency to urgent and urgent to soon; a "soon" sign stays "soon"."""
    result = run({"sexual_function_change": "unsure"})
    assert result.urgency == Urgency.SOON
    assert fired(result) == {"ces_sexual_function"}
    assert [u.step_down() for u in Urgency] == [Urgency.ROUTINE, Urgency.SOON, Urgency.SOON, Urgency.URGENT]


def test_a_finding_on_a_yes_is_certain() -> None:
    """A rule fired by a "yes" is reported as certain (JSON "certain": true); only "not sure" makes it uncertain."""
    (flag,) = run({"saddle_numbness": "yes"}).red_flags
    assert flag.certain is True
    (flag,) = run({"abdominal_or_chest_pain": "unsure"}).red_flags
    assert flag.certain is False


def test_every_unsure_answer_behind_a_finding_is_named() -> None:
    """When several "not sure" answers fire one rule, the finding names all of them, so the summary can say
    which questions could not be ruled out (two "not sure" cauda equina signs: an emergency, §8 Combining)."""
    result = run({"saddle_numbness": "unsure", "bladder_change": "unsure"})
    (flag,) = result.red_flags
    assert flag.unsure == ("saddle_numbness", "bladder_change")
    assert result.urgency == Urgency.EMERGENCY


# ---------------------------------------------------------------------------- unanswered


# Questions whose answer alone decides whether an emergency or same-day sign is present: left
# unanswered, each raises the urgency to at least soon (each rule's if_unanswered).
FLOOR_KEYS = (
    "saddle_numbness",
    "bladder_change",
    "bowel_control_loss",
    "abdominal_or_chest_pain",
    "major_trauma",
    "fever_or_chills",
    "cancer_history",
)


def test_an_empty_file_rules_nothing_out() -> None:
    result = run({"age": 30}, base=None)
    assert result.urgency == Urgency.SOON
    assert set(FLOOR_KEYS) <= set(result.decision.not_ruled_out)
    assert result.red_flags == ()
    assert said(result).urgency_reasons == (texts().reasons.unanswered,)


@pytest.mark.parametrize("key", FLOOR_KEYS)
def test_each_warning_sign_left_unanswered_raises_the_floor(key: str) -> None:
    result = run({key: None})
    assert result.urgency == Urgency.SOON and result.decision.not_ruled_out == (key,)


def test_would_change_lists_what_could_raise_the_urgency() -> None:
    result = run({"saddle_numbness": None, "leg_pain_below_knee": "yes", "both_legs": None})
    assert {"saddle_numbness", "both_legs"} <= set(result.decision.would_change)
    assert "fever" not in result.decision.would_change


def test_unanswered_questions_that_need_a_second_unknown_do_not_raise_the_floor() -> None:
    """Sepsis needs both feeling very unwell and a reason for infection: two unknowns are listed, not floored."""
    result = run({"diabetes": None, "feel_unwell": None})
    assert result.urgency == Urgency.ROUTINE and result.decision.not_ruled_out == ()
    assert {"diabetes", "feel_unwell"} <= set(result.decision.would_change)


def test_a_missing_leg_answer_is_not_a_no_inside_the_rules() -> None:
    """SAFETY.md H05: with leg pain, an unanswered "both legs" could make it a same-day warning sign."""
    result = run({"leg_pain_below_knee": "yes", "both_legs": None})
    assert result.urgency == Urgency.SOON and result.decision.not_ruled_out == ("both_legs",)


def test_first_contract_files_keep_their_result_and_list_new_questions() -> None:
    from backpain_cli.answers import ANSWER_KEYS
    from backpain_cli.rules.policy import REFINED, implied
    from tests.helpers import FIRST_CONTRACT_KEYS

    old = {k: v for k, v in ALL_CLEAR.items() if k in FIRST_CONTRACT_KEYS}
    result = run(old, base=None)
    assert result.urgency == Urgency.ROUTINE and result.decision.not_ruled_out == ()
    # a broad "no" of the old file answers its finer questions (fever, chills or night sweats: no)
    answered_by_old_keys = {k for k, v in implied(dict.fromkeys(ANSWER_KEYS) | old).items() if v and k not in old}
    new_keys = set(ANSWER_KEYS) - set(FIRST_CONTRACT_KEYS) - set(REFINED) - answered_by_old_keys
    # The PEG's items measure; a file without them has no warning sign left open (issue 22).
    assert set(result.unanswered) | set(result.decision.not_asked) >= new_keys - MEASURE_KEYS
    assert not MEASURE_KEYS & (set(result.unanswered) | set(result.decision.not_asked))
    assert answered_by_old_keys == {"fever_or_chills", "night_sweats", "infection_elsewhere", "spinal_procedure",
                                    "weakness_getting_worse", "numbness_spreading"}  # fmt: skip


def test_a_missing_age_is_noted_and_read_as_the_riskier_age() -> None:
    result = run({"age": None, "pain_weeks": 1})
    assert any("16" in note for note in said(result).notes)
    assert "fracture_risk" in fired(result)  # over 65 could not be ruled out (alone with new pain: no X-ray yet)
    assert run({}).decision.notes == ()


def test_the_unanswered_reason_is_given_exactly_when_the_floor_sets_the_urgency() -> None:
    floor_only = run({"age": 30}, base=None)
    assert said(floor_only).urgency_reasons == (texts().reasons.unanswered,)
    weak_leg = run({"leg_weakness": "yes"})
    assert weak_leg.urgency == Urgency.SOON and weak_leg.decision.not_ruled_out == ()
    assert texts().reasons.unanswered not in said(weak_leg).urgency_reasons


@pytest.mark.parametrize("key", FLOOR_KEYS)
def test_each_floor_question_alone_reaches_the_floor_even_when_unsure(key: str) -> None:
    """Why answering such a question can never lower urgency below the unanswered floor."""
    for value in ("yes", "unsure"):
        assert urgency_of({key: value}, base=None).rank >= Urgency.SOON.rank
        assert urgency_of({key: value}).rank >= Urgency.SOON.rank


def test_unknown_age_counts_as_maybe_inside_a_rule() -> None:
    result = run({"age": None, "minor_trauma": "yes", "pain_weeks": 20})
    assert "fracture_fragility" in fired(result)
    assert result.urgency == Urgency.SOON  # a yes in its evidence: counted in full


# ---------------------------------------------------------------------------- pruning


def test_stale_answer_to_a_skipped_question_never_reaches_the_rules() -> None:
    result = run({"leg_weakness": "no", "leg_numbness": "no", "weakness_worsening": "yes"})
    assert result.decision.ignored == ("weakness_worsening",)
    assert "weakness_worsening" not in result.unanswered
    assert result.urgency == Urgency.ROUTINE


def test_a_gate_left_unanswered_keeps_the_dependent_answer() -> None:
    result = run({"leg_weakness": None, "leg_numbness": "no", "weakness_worsening": "yes"})
    assert result.decision.ignored == ()


@settings(max_examples=examples(600), deadline=None)
@given(data=answer_sets(), which=st.sampled_from(sorted(ASK_WHEN)), value=st.sampled_from(["yes", "unsure", "no"]))
def test_no_skippable_question_can_hide_a_red_flag(data: dict[str, Any], which: str, value: str) -> None:
    """When a question is skipped, any answer it could have had changes nothing: the rules read it
    only inside the condition that decides whether it is asked."""
    gate_keys = ASK_WHEN[which].keys() & SYMPTOM_KEYS
    closed = {**data, **dict.fromkeys(gate_keys, "no")}
    assume(which in skipped(closed))
    given: object = value
    if which not in SYMPTOM_KEYS:  # a number (when the leg symptoms began): new, around 14 days, or old
        given = {"yes": 0, "unsure": 2, "no": 20}[value]
        assume(closed["age"] is None or given <= (closed["age"] + 1) * 52)
    with_answer = run({**closed, which: given}, base=None)
    without = run({**closed, which: None}, base=None)
    assert (with_answer.urgency, with_answer.imaging, fired(with_answer)) == (
        without.urgency,
        without.imaging,
        fired(without),
    )
    assert which in without.decision.not_asked and which not in without.unanswered


@settings(max_examples=examples(600), deadline=None)
@given(data=answer_sets(), key=st.sampled_from(SYMPTOMS), value=st.sampled_from(["yes", "unsure"]))
def test_answering_an_unanswered_question_yes_or_unsure_never_lowers_urgency(
    data: dict[str, Any], key: str, value: str
) -> None:
    """The floors for unanswered questions never sit above what a "yes" or a "not sure" gives."""
    before = run({**data, key: None}, base=None).urgency
    after = run({**data, key: value}, base=None).urgency
    assert after.rank >= before.rank, f"{key}: unanswered -> {value} lowered {before} to {after}"


def test_cauda_equina_questions_are_never_skippable() -> None:
    for key in ("saddle_numbness", "bladder_change", "bowel_control_loss", "sexual_function_change"):
        assert bank().get(key).ask_if == ()


# ---------------------------------------------------------------------------- safety invariants


@settings(max_examples=examples(600), deadline=None)
@given(data=answer_sets(), key=st.sampled_from(SYMPTOMS), value=st.sampled_from(["yes", "unsure"]))
def test_adding_yes_or_unsure_never_lowers_urgency(data: dict[str, Any], key: str, value: str) -> None:
    if data[key] == "yes" or (data[key] == "unsure" and value == "unsure"):
        data[key] = "no"  # start from a "no" so the step is always an addition
    before = run(data, base=None).urgency
    after = run({**data, key: value}, base=None).urgency
    assert after.rank >= before.rank, f"{key}: {data[key]} -> {value} lowered {before} to {after}"


@settings(max_examples=examples(300), deadline=None)
@given(data=answer_sets(), key=st.sampled_from(SYMPTOMS))
def test_unsure_to_yes_never_lowers_urgency(data: dict[str, Any], key: str) -> None:
    before = run({**data, key: "unsure"}, base=None).urgency
    after = run({**data, key: "yes"}, base=None).urgency
    assert after.rank >= before.rank


@settings(max_examples=examples(400), deadline=None)
@given(data=answer_sets())
def test_any_answer_set_gives_a_complete_result(data: dict[str, Any]) -> None:
    result = run(data, base=None)
    assert result.urgency in Urgency and result.imaging in Imaging
    assert all(f.rule.category in Category for f in result.red_flags)
    assert all(f.because for f in result.findings)
    assert result.urgency.rank >= max((f.urgency.rank for f in result.findings), default=0)
    assert result.questions_for_doctor
    # unanswered: left out and asked, but never a broad key of an earlier bank, nor a finer question that a
    # broad answer settles (a "no" answers it; a "yes" or "not sure" stands for it)
    from backpain_cli.rules.policy import REFINED, implied

    view = implied(data)
    covered = {f for b, finer in REFINED.items() if view[b] in ("yes", "unsure") for f in finer}
    expected = {k for k, v in view.items() if v is None} - bank().skipped(view) - set(REFINED) - covered
    assert set(result.unanswered) == expected
    if result.red_flags or result.decision.not_ruled_out:
        assert said(result).urgency_reasons


@settings(max_examples=examples(300), deadline=None)
@given(data=answer_sets())
def test_skipping_rules_by_what_they_need_changes_nothing(data: dict[str, Any]) -> None:
    """The shortcut in evaluate() (skip a rule none of whose needed answers is yes/unsure) is exact."""
    import dataclasses

    from backpain_cli.rules import RULES
    from backpain_cli.triage import evaluate

    unskippable = tuple(dataclasses.replace(rule) for rule in RULES)
    for rule in unskippable:
        object.__setattr__(rule, "needs", None)
    facts = {**data}
    fast = [(f.rule.id, f.urgency, f.because) for f in evaluate(facts)]
    slow = [(f.rule.id, f.urgency, f.because) for f in evaluate(facts, unskippable)]
    assert fast == slow


def test_earlier_xray_never_stands_in_for_the_mri_discussion() -> None:
    """The seed case: an X-ray that showed mild wear does not rule out a disc on a nerve."""
    result = run(SEED_CASE)
    assert (result.urgency, result.imaging) == (Urgency.SOON, Imaging.MRI)
    assert sum("X-ray" in r for r in said(result).imaging_reasons) == 1
    assert any("does not rule out a disc" in r for r in said(result).imaging_reasons)


def test_an_earlier_xray_adds_its_limits_to_an_mri_discussion() -> None:
    """§8: an earlier X-ray never counts as a reason to skip the MRI discussion. When an MRI is suggested for a
    weak leg and the person had an X-ray, the result says what an X-ray cannot show; not without an X-ray, and
    not when the imaging is an X-ray itself."""
    with_xray = run({"leg_weakness": "yes", "previous_imaging": ["xray"]})
    assert with_xray.imaging == Imaging.MRI
    assert texts().reasons.xray_limits in said(with_xray).imaging_reasons
    without = run({"leg_weakness": "yes", "previous_imaging": ["none"]})
    assert texts().reasons.xray_limits not in said(without).imaging_reasons
    fragility = run({"osteoporosis": "yes", "minor_trauma": "yes", "previous_imaging": ["xray"]})
    assert fragility.imaging == Imaging.XRAY
    assert texts().reasons.xray_limits not in said(fragility).imaging_reasons


@settings(max_examples=examples(300), deadline=None)
@given(data=answer_sets(), earlier=st.sampled_from([None, ["none"], ["xray"], ["mri"], ["ct"], ["xray", "mri"]]))
def test_an_earlier_scan_never_changes_the_urgency(data: dict[str, Any], earlier: list[str] | None) -> None:
    """A past X-ray or MRI is never a reason to lower urgency (only the years-stable, already-scanned
    night-pain case can switch the cancer rule off, and that one is tested by its own cases)."""
    data = {**data, "night_pain": "no" if data["night_pain"] is None else data["night_pain"]}
    baseline = run({**data, "previous_imaging": None}, base=None)
    other = run({**data, "previous_imaging": earlier}, base=None)
    if data["night_pain"] in ("yes", "unsure") and earlier and ("mri" in earlier or "ct" in earlier):
        return  # the one documented exception: see the cancer_suspected rule's cases
    assert other.urgency == baseline.urgency


# ============================================================================ mutation testing, rule set 2026.12.1
# Tests written to kill the surviving mutants of scripts/mutation.sh (pass 1) after triage.py gained
# the unanswered floors, would_change and the per-rule step down (issues 10 and 14; docs/mutation.md).


def test_prune_uses_the_gates_it_is_given_and_clears_what_they_skip() -> None:
    """A content folder's skip gates decide what is pruned; a pruned answer becomes "not answered" (None)."""
    from backpain_cli.triage import prune
    from tests.helpers import answers

    stale = answers({"leg_weakness": "no", "leg_numbness": "no", "weakness_worsening": "yes"})
    facts, ignored, skip = prune(stale)
    assert facts["weakness_worsening"] is None and ignored == ("weakness_worsening",)
    assert "weakness_worsening" in skip
    facts, ignored, skip = prune(stale, {})
    assert facts["weakness_worsening"] == "yes" and ignored == () and skip == frozenset()


def test_decide_uses_the_gates_and_rules_it_is_given() -> None:
    """decide() is called with the question bank's gates and may be called with another rule table: it must
    prune, fire and look for unresolved rules with exactly those."""
    from backpain_cli.triage import decide
    from tests.helpers import answers

    stale = answers({"leg_weakness": "no", "leg_numbness": "no", "weakness_worsening": "yes"})
    assert decide(stale).ignored == ("weakness_worsening",)
    assert decide(stale, gates={}).ignored == () and decide(stale, gates={}).not_asked == ()
    only_weak_leg = (RULES_BY_ID["leg_weakness"],)
    saddle = decide(answers({"saddle_numbness": "yes"}), rules=only_weak_leg)
    assert saddle.findings == () and saddle.urgency == Urgency.ROUTINE
    open_saddle = decide(answers({"saddle_numbness": None}), rules=only_weak_leg)
    assert open_saddle.unresolved == () and open_saddle.not_ruled_out == () and open_saddle.urgency == Urgency.ROUTINE


def test_a_rule_that_fired_is_not_also_listed_as_unresolved() -> None:
    """A fired cauda equina rule with another of its signs unanswered is a finding, not an open question."""
    result = run({"saddle_numbness": "yes", "bladder_change": None})
    assert "ces_saddle_bladder_bowel" not in {u.rule.id for u in result.decision.unresolved}
    assert result.decision.not_ruled_out == ()


def test_every_rule_left_open_is_listed_even_after_one_that_fired() -> None:
    """The search for unresolved rules goes on past the rules that fired: a fever left unanswered beside a
    cauda equina sign is still not ruled out."""
    result = run({"saddle_numbness": "yes", "fever_or_chills": None})
    assert "fever_or_chills" in result.decision.not_ruled_out
    assert "infection_fever" in {u.rule.id for u in result.decision.unresolved}
    assert isinstance(result.decision.unresolved, tuple)


def test_two_unknowns_needed_together_never_raise_the_floor_even_for_a_same_day_rule() -> None:
    """Worsening weakness needs a weak leg and its worsening: with both unanswered, neither alone could make it
    fire, so there is no floor (each is still listed as able to change the result)."""
    result = run({"leg_weakness": None, "weakness_getting_worse": None})
    (open_rule,) = [u for u in result.decision.unresolved if u.rule.id == "weakness_worsening"]
    assert open_rule.alone is False
    assert result.urgency == Urgency.ROUTINE and result.decision.not_ruled_out == ()
    assert {"leg_weakness", "weakness_getting_worse"} <= set(result.decision.would_change)


def test_would_change_leaves_out_questions_that_could_only_match_the_urgency() -> None:
    """would_change lists unanswered questions whose answer could raise the urgency, not ones whose rule is
    no more urgent than the result already is (burning urine is a "soon" sign beside a weak leg)."""
    result = run({"leg_weakness": "yes", "urinary_pain": None})
    assert result.urgency == Urgency.SOON
    assert "urinary_symptoms" in {u.rule.id for u in result.decision.unresolved}
    assert "urinary_pain" not in result.decision.would_change


def test_pregnancy_words_follow_a_not_sure_answer_too() -> None:
    """A "not sure" is never "no": an X-ray or CT for someone unsure whether they are pregnant carries the note."""
    result = run({"pregnant_or_postpartum": "unsure", "age": 30, "major_trauma": "yes", "pain_weeks": 1})
    assert result.imaging == Imaging.CT_URGENT and texts().reasons.pregnancy_imaging in said(result).imaging_reasons


# ---------------------------------------------------------------------------- mutation testing, rule set 2027.1 (B)


def test_a_level_set_by_an_unanswered_warning_sign_says_so_about_imaging_too() -> None:
    """When an unanswered warning-sign question set the level and no rule fired at it, the imaging reason is
    "no scan yet: it depends on the questions not answered", never "no warning signs, so no scan" (CONTRACT:
    unanswered is never "no"; clinical reference §8)."""
    floor_only = run({"age": 30}, base=None)
    assert floor_only.imaging == Imaging.NONE
    assert said(floor_only).urgency_reasons == (texts().reasons.unanswered,)
    assert floor_only.decision.imaging_reasons == ("unanswered_imaging",)
    assert run().decision.imaging_reasons == ("no_imaging",)  # all answered, nothing found


def test_the_pregnancy_imaging_note_is_only_for_someone_who_may_be_pregnant() -> None:
    """ACOG 723: an emergency CT needed in pregnancy is not withheld, and it is named. Someone known not to be
    pregnant gets the same CT without the pregnancy words."""
    injury = {"major_trauma": "yes", "pain_weeks": 1, "age": 30}
    pregnant = run({**injury, "pregnant_now": "yes", "birth_last_6_months": "no"})
    assert pregnant.imaging == Imaging.CT_URGENT and "pregnancy_imaging" in pregnant.decision.imaging_reasons
    not_pregnant = run({**injury, "pregnant_now": "no", "birth_last_6_months": "no"})
    assert (
        not_pregnant.imaging == Imaging.CT_URGENT and "pregnancy_imaging" not in not_pregnant.decision.imaging_reasons
    )
    man_of_60 = run({**injury, "age": 60})
    assert "pregnancy_imaging" not in man_of_60.decision.imaging_reasons


def test_a_broad_no_never_overrides_a_finer_answer_given() -> None:
    """policy.implied: a broad "no" of an earlier bank answers only the finer questions left open; a finer
    "yes" given beside it stands (adding a red-flag answer never lowers urgency; Chou 2011: fever is the
    infection red flag)."""
    result = run({"fever": "no", "fever_or_chills": "yes", "night_sweats": None})
    assert "infection_fever" in fired(result) and result.urgency == Urgency.URGENT
    assert "night_sweats" not in result.decision.unanswered  # the broad "no" answered the one left open


def test_a_number_not_given_never_lets_a_doubtful_risk_factor_step_the_rule_down() -> None:
    """The doubt policy (policy.DOUBT_POLICY, last rows; triage.steps_down): a number not given is never read as
    reassuring and never counts toward a step down. Thin bones "not sure" beside a weak leg steps the same-day
    fragility rule down only when the pain is known to be new (under 6 weeks, ACR 2021 variant 6): with the
    weeks not given it stays urgent."""
    case = {"steroid_use": "unsure", "leg_weakness": "yes"}
    (known,) = [f for f in run({**case, "pain_weeks": 2}).findings if f.rule.id == "fracture_fragility_nerve_signs"]
    assert known.urgency == Urgency.SOON and known.downgraded
    (open_weeks,) = [
        f for f in run({**case, "pain_weeks": None}).findings if f.rule.id == "fracture_fragility_nerve_signs"
    ]
    assert open_weeks.urgency == Urgency.URGENT and "pain_weeks" in open_weeks.unsure
