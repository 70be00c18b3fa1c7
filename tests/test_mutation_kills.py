"""Tests written to kill mutants that survived mutation testing (scripts/mutation.sh, docs/mutation.md).

Each test pins one behaviour of the red-flag rules, the condition logic or the triage decision that
the rest of the suite left open; its docstring says which behaviour, and why it is the right one
(clinical reference §8, or the documented contract of the code).

The rule-table tests near the end come from the second pass of scripts/mutation.sh, which changes
the table itself (an urgency, an imaging, a category, a threshold, a part of a trigger): mutmut
does not mutate module-level code.

Several tests build conditions and rules inside the test body on purpose: the rule table is built
once at import time, so a mistake in a constructor or in ``needs()`` would otherwise only show in a
rule built later (by a clinic's tooling, or by ``dataclasses.replace`` as tests/test_triage.py does).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from backpain_cli import __version__
from backpain_cli.assessment import assess
from backpain_cli.conditions import MAYBE, NO, YES, All, AnyOf, AtLeast, Below, OneOf, OnsetBefore, Some, Yes
from backpain_cli.levels import Category, Imaging, Urgency
from backpain_cli.redflags import RULES_BY_ID, RULES_VERSION
from backpain_cli.triage import evaluate
from backpain_cli.wording import NO_IMAGING_REASON, UNANSWERED_REASON, XRAY_LIMITS
from tests.helpers import ALL_CLEAR, answers, bank, bundle, fired, library, run

# ---------------------------------------------------------------------------- condition logic


def test_all_built_at_run_time_takes_the_weakest_part_and_names_its_evidence() -> None:
    """All: every part must hold; the truth is the weakest part's, and the evidence lists each part's keys."""
    facts = {**ALL_CLEAR, "fever": "yes", "night_pain": "unsure"}
    both = All(Yes("fever"), Yes("night_pain"))
    assert both.evaluate(facts) == (MAYBE, ("fever", "night_pain"), ("night_pain",))
    assert All(Yes("fever"), Yes("weight_loss")).evaluate(facts) == (NO, (), ())


def test_some_built_at_run_time_counts_the_parts_that_hold() -> None:
    """Some(2, ...): two of the parts must hold, and the truth is that of the second strongest."""
    facts = {**ALL_CLEAR, "morning_stiffness": "yes", "night_pain": "unsure"}
    two_of = Some(2, Yes("morning_stiffness"), Yes("better_with_exercise"), Yes("night_pain"))
    assert two_of.count == 2
    assert two_of.evaluate(facts) == (MAYBE, ("morning_stiffness", "night_pain"), ("night_pain",))
    assert Some(3, Yes("morning_stiffness"), Yes("better_with_exercise"), Yes("night_pain")).evaluate(facts)[0] == NO


def test_a_some_that_does_not_hold_offers_no_evidence() -> None:
    """A condition reports the keys that made it true; when it is not true it names none (one "yes" of a
    two-of-three pattern is no evidence for the pattern)."""
    facts = {**ALL_CLEAR, "morning_stiffness": "yes"}
    two_of = Some(2, Yes("morning_stiffness"), Yes("better_with_exercise"), Yes("night_pain"))
    assert two_of.evaluate(facts) == (NO, (), ())


def test_some_lists_every_part_that_holds_in_the_rules_order() -> None:
    """The evidence of Some keeps all the parts that hold (not only the last), equally certain parts in the
    order the rule names them, and every "not sure" among them."""
    two_of = Some(2, Yes("morning_stiffness"), Yes("better_with_exercise"), Yes("night_pain"))
    sure = {**ALL_CLEAR, "morning_stiffness": "yes", "night_pain": "yes"}
    assert two_of.evaluate(sure) == (YES, ("morning_stiffness", "night_pain"), ())
    unsure = {**ALL_CLEAR, "morning_stiffness": "unsure", "night_pain": "unsure"}
    assert two_of.evaluate(unsure) == (MAYBE, ("morning_stiffness", "night_pain"), ("morning_stiffness", "night_pain"))


def test_onset_evidence_names_both_numbers_and_only_the_missing_one_as_unsure() -> None:
    """OnsetBefore reads age and pain_weeks: both are its evidence, and when one is not given only that one
    is reported as unknown, so the summary names the right question."""
    onset = OnsetBefore(45)
    assert onset.evaluate({**ALL_CLEAR, "age": 40, "pain_weeks": 2}) == (YES, ("age", "pain_weeks"), ())
    assert onset.evaluate({**ALL_CLEAR, "age": None, "pain_weeks": 20}) == (MAYBE, ("age", "pain_weeks"), ("age",))
    assert onset.evaluate({**ALL_CLEAR, "age": 30, "pain_weeks": None}) == (
        MAYBE,
        ("age", "pain_weeks"),
        ("pain_weeks",),
    )


def test_onset_is_age_minus_the_years_of_pain() -> None:
    """The pain began (pain_weeks / 52) years ago: 104 weeks at 46 began at 44, before 45; 106 weeks at 47
    began just before 45; and 52 weeks at 46 began at exactly 45, which is not *before* 45 (ASAS: onset < 45)."""
    onset = OnsetBefore(45)
    assert onset.evaluate({**ALL_CLEAR, "age": 46, "pain_weeks": 104})[0] == YES
    assert onset.evaluate({**ALL_CLEAR, "age": 47, "pain_weeks": 106})[0] == YES
    assert onset.evaluate({**ALL_CLEAR, "age": 46, "pain_weeks": 52})[0] == NO


def test_inflammatory_pattern_counts_pain_that_began_before_45_in_an_older_person() -> None:
    """§8: the inflammatory pattern is about when the pain *began*: a 46-year-old with 2 years of morning
    stiffness that eases with exercise started at 44 and fits; one whose pain began at 45 does not."""
    case = {"morning_stiffness": "yes", "better_with_exercise": "yes"}
    assert "inflammatory_back_pain" in fired(run({**case, "age": 46, "pain_weeks": 104}))
    assert "inflammatory_back_pain" not in fired(run({**case, "age": 46, "pain_weeks": 52}))


def test_needs_names_the_answers_a_trigger_cannot_hold_without() -> None:
    """needs(): the yes/no keys of which one must be yes or unsure. Any of several signs: the union; all of
    several parts: a part's requirement; numbers only (they can hold with every answer "no"): None."""
    assert AnyOf(Yes("saddle_numbness"), Yes("bladder_change")).needs() == {"saddle_numbness", "bladder_change"}
    assert All(Yes("leg_weakness"), AtLeast("age", 18)).needs() == {"leg_weakness"}
    assert All(AtLeast("age", 65), Below("pain_weeks", 2)).needs() is None
    assert AnyOf(Yes("osteoporosis"), AtLeast("age", 70)).needs() is None


def test_a_rule_built_at_run_time_is_never_skipped_when_its_sign_is_present() -> None:
    """Triage skips a rule when none of the answers it needs is yes or unsure. For a rule built after import
    that set must still be derived from its trigger, so any one cauda equina sign still fires it."""
    ces = dataclasses.replace(RULES_BY_ID["ces_saddle_bladder_bowel"])
    assert ces.needs == {"saddle_numbness", "bladder_change", "bowel_control_loss"}
    for key in ("saddle_numbness", "bladder_change", "bowel_control_loss"):
        facts = {**ALL_CLEAR, key: "yes"}
        assert [f.rule.id for f in evaluate(facts, (ces,))] == ["ces_saddle_bladder_bowel"]


def test_describe_brackets_the_same_grouping_as_the_logic() -> None:
    """describe() renders a trigger for a clinician reviewing the table: groups of two or more inside another
    group are bracketed (or "a and b or c" would read as a different rule); a single part and a condition that
    brackets itself ("at least 2 of (...)") need no extra brackets."""
    nested = All(Yes("both_legs"), AnyOf(Yes("leg_weakness"), Yes("leg_numbness")))
    assert nested.describe() == "both_legs and (leg_weakness or leg_numbness)"
    assert AnyOf(Yes("bladder_change"), All(Yes("saddle_numbness"))).describe() == "bladder_change or saddle_numbness"
    pattern = All(AtLeast("pain_weeks", 12), Some(2, Yes("morning_stiffness"), Yes("night_pain")))
    assert pattern.describe() == "pain_weeks >= 12 and at least 2 of (morning_stiffness, night_pain)"
    assert OneOf("pain_area", frozenset({"mid_back", "both"})).describe() == "pain_area in (both, mid_back)"


# ---------------------------------------------------------------------------- findings


def test_a_finding_on_a_yes_is_certain() -> None:
    """A rule fired by a "yes" is reported as certain (JSON "certain": true); only "not sure" makes it uncertain."""
    (flag,) = run({"saddle_numbness": "yes"}).red_flags
    assert flag.certain is True
    (flag,) = run({"saddle_numbness": "unsure"}).red_flags
    assert flag.certain is False


def test_every_unsure_answer_behind_a_finding_is_named() -> None:
    """When several "not sure" answers fire one rule, the finding names all of them, so the summary can say
    which questions could not be ruled out (two "not sure" cauda equina signs: an emergency, §8 Combining)."""
    result = run({"saddle_numbness": "unsure", "bladder_change": "unsure"})
    (flag,) = result.red_flags
    assert flag.unsure == ("saddle_numbness", "bladder_change")
    assert result.urgency == Urgency.EMERGENCY


# ---------------------------------------------------------------------------- combining


def test_red_flags_come_before_care_pathways_at_the_same_urgency() -> None:
    """Findings are listed most urgent first and, at one urgency, red flags before care pathways: a weak leg
    (a red flag, soon) is listed before "leg symptoms after back surgery" (a pathway, soon)."""
    result = run({"back_surgery_before": "yes", "leg_weakness": "yes"})
    assert [f.rule.id for f in result.findings] == ["leg_weakness", "after_back_surgery"]
    assert {f.urgency for f in result.findings} == {Urgency.SOON}


def test_at_one_urgency_the_imaging_that_shows_more_wins() -> None:
    """Rules at the same urgency that disagree on imaging: the one that looks at more wins (levels.Imaging.rank):
    a weak leg's MRI over a urine problem's "no scan", and an infection risk's MRI over a fragility X-ray."""
    weak_leg_and_urine = run({"urinary_pain": "yes", "leg_weakness": "yes"})
    assert (weak_leg_and_urine.urgency, weak_leg_and_urine.imaging) == (Urgency.SOON, Imaging.MRI)
    infection_and_fragility = run({"immune_suppression": "yes", "osteoporosis": "yes", "minor_trauma": "yes"})
    assert {"infection_risk", "fracture_fragility"} <= fired(infection_and_fragility)
    assert (infection_and_fragility.urgency, infection_and_fragility.imaging) == (Urgency.SOON, Imaging.MRI)


def test_imaging_reasons_come_only_from_the_rules_that_chose_the_imaging() -> None:
    """The imaging reasons explain the imaging shown: with an MRI chosen for a weak leg, the urine problem's
    "a scan of the spine would not show this" must not appear beside it."""
    result = run({"urinary_pain": "yes", "leg_weakness": "yes"})
    assert result.imaging_reasons == (RULES_BY_ID["leg_weakness"].imaging_reason,)


def test_the_no_warning_signs_imaging_reason_is_only_for_no_warning_signs() -> None:
    """The reason "no scan, because there are no warning signs" must not be given when a warning sign chose no
    spine scan (sudden belly or chest pain: the emergency team leads)."""
    result = run({"abdominal_or_chest_pain": "yes"})
    assert result.imaging == Imaging.NONE
    assert NO_IMAGING_REASON not in result.imaging_reasons
    assert result.imaging_reasons == (RULES_BY_ID["belly_or_chest_pain"].imaging_reason,)


def test_the_unanswered_reason_is_given_exactly_when_the_floor_sets_the_urgency() -> None:
    """Unanswered screening questions raise urgency to "soon" and say so; a "soon" that comes from a rule, with
    everything answered, does not claim questions were left unanswered."""
    floor_only = run({"age": 30}, base=None)
    assert floor_only.urgency == Urgency.SOON
    assert floor_only.urgency_reasons == (UNANSWERED_REASON,)
    weak_leg = run({"leg_weakness": "yes"})
    assert weak_leg.urgency == Urgency.SOON and weak_leg.not_ruled_out == ()
    assert UNANSWERED_REASON not in weak_leg.urgency_reasons


def test_an_earlier_xray_adds_its_limits_to_an_mri_discussion() -> None:
    """§8: an earlier X-ray never counts as a reason to skip the MRI discussion. When an MRI is suggested for a
    weak leg and the person had an X-ray, the result says what an X-ray cannot show; not without an X-ray, and
    not when the imaging is an X-ray itself."""
    with_xray = run({"leg_weakness": "yes", "previous_imaging": ["xray"]})
    assert with_xray.imaging == Imaging.MRI
    assert XRAY_LIMITS in with_xray.imaging_reasons
    without = run({"leg_weakness": "yes", "previous_imaging": ["none"]})
    assert XRAY_LIMITS not in without.imaging_reasons
    fragility = run({"osteoporosis": "yes", "minor_trauma": "yes", "previous_imaging": ["xray"]})
    assert fragility.imaging == Imaging.XRAY
    assert XRAY_LIMITS not in fragility.imaging_reasons


def test_every_result_names_exactly_what_produced_it() -> None:
    """Provenance: a result names the program, question bank, rule set and content versions that made it, and the
    content fingerprint that tells an edited copy of the content folder from the shipped one."""
    versions = run().versions
    assert versions.program == __version__
    assert versions.question_bank == bank().version
    assert versions.rules == RULES_VERSION
    assert versions.content == library().version
    assert versions.content_fingerprint == bundle().fingerprint and versions.content_fingerprint


def test_the_assessment_date_is_the_one_asked_for() -> None:
    """assess(today=...) stamps that date on the result, so a report can be reproduced on a later day."""
    day = dt.date(2020, 2, 29)
    result = assess(answers(), bundle(), today=day)
    assert result.assessed_on == day


# ---------------------------------------------------------------------------- content selection


def _question(question_id: str) -> str:
    return next(q.text for q in library().doctor_questions if q.id == question_id)


def test_doctor_questions_follow_the_results_urgency_and_imaging() -> None:
    """Content is chosen from the result: with no warning signs (routine, no scan) the questions include the
    ones written for routine urgency ("what can I take for the pain") and for no imaging ("when would a scan
    make sense"); an emergency does not get the routine pain-relief question."""
    calm = run().questions_for_doctor
    assert _question("pain_relief") in calm
    assert _question("when_imaging") in calm
    emergency = run({"saddle_numbness": "yes"}).questions_for_doctor
    assert _question("pain_relief") not in emergency


def test_doctor_questions_follow_the_answers_given_yes_or_not_sure() -> None:
    """Content that fits an answer fits it when answered yes or not sure (content/doctor_questions.yaml), and
    not when answered no."""
    assert _question("urine_test") in run({"urinary_pain": "yes"}).questions_for_doctor
    assert _question("urine_test") in run({"urinary_pain": "unsure"}).questions_for_doctor
    calm = run().questions_for_doctor
    assert _question("urine_test") not in calm
    assert _question("cancer_team") not in calm


# ---------------------------------------------------------------------------- the rule table (pass 2)

# Each red flag as the JSON result reports it: category, the finding's urgency, the imaging it proposes.
# Cases with a plain "yes" (no lone-"not sure" step down), each firing the rule; values from §2 and §8.
RED_FLAG_SPEC = [
    # §8: pain in both legs "with numbness or weakness as well -> emergency"; CES: emergency MRI (§3).
    ({"both_legs": "yes", "leg_numbness": "yes", "pain_weeks": 1}, "ces_both_legs_deficit",
     Category.CAUDA_EQUINA, Urgency.EMERGENCY, Imaging.MRI_URGENT),
    # §8: mid-back pain with numbness or weakness in both legs -> emergency (RF_CORD: urgent whole-spine MRI).
    ({"pain_area": "mid_back", "both_legs": "yes", "leg_weakness": "yes", "pain_weeks": 3},
     "cord_compression_mid_back", Category.CAUDA_EQUINA, Urgency.EMERGENCY, Imaging.MRI_URGENT),
    # §8: weakness getting worse -> at least urgent with a prompt MRI; in both legs -> emergency.
    ({"leg_weakness": "yes", "weakness_worsening": "yes", "both_legs": "yes"}, "weakness_worsening_both_legs",
     Category.PROGRESSIVE_DEFICIT, Urgency.EMERGENCY, Imaging.MRI_URGENT),
    ({"leg_weakness": "yes", "weakness_worsening": "yes"}, "weakness_worsening",
     Category.PROGRESSIVE_DEFICIT, Urgency.URGENT, Imaging.MRI),
    # §8: numbness getting worse -> at least soon, a step below worsening weakness; nerves need an MRI, an
    # X-ray cannot show them.
    ({"leg_numbness": "yes", "weakness_worsening": "yes"}, "numbness_worsening",
     Category.PROGRESSIVE_DEFICIT, Urgency.SOON, Imaging.MRI),
    # §8: known cancer plus a nerve sign -> emergency (metastatic cord compression, whole-spine MRI in 24 h).
    ({"cancer_history": "yes", "leg_numbness": "yes"}, "cancer_with_nerve_signs",
     Category.CANCER, Urgency.EMERGENCY, Imaging.MRI_URGENT),
    # §8: known cancer plus new back pain -> urgent, MRI.
    ({"cancer_history": "yes"}, "cancer_history", Category.CANCER, Urgency.URGENT, Imaging.MRI),
    # §8: infection risk with any nerve symptom -> emergency.
    ({"fever": "yes", "leg_weakness": "yes"}, "infection_with_nerve_signs",
     Category.INFECTION, Urgency.EMERGENCY, Imaging.MRI_URGENT),
    # §8: back surgery before, with fever -> urgent (infection after surgery); fever with back pain -> MRI.
    ({"back_surgery_before": "yes", "fever": "yes"}, "infection_after_surgery",
     Category.INFECTION, Urgency.URGENT, Imaging.MRI),
    # §8: burning urine with fever -> urgent, a likely kidney infection (non_spinal), no spine scan.
    ({"urinary_pain": "yes", "fever": "yes"}, "kidney_infection", Category.NON_SPINAL, Urgency.URGENT, Imaging.NONE),
    # §8: a suspected fracture with leg weakness or numbness -> urgent, MRI.
    ({"osteoporosis": "yes", "minor_trauma": "yes", "leg_numbness": "yes"}, "fracture_fragility_nerve_signs",
     Category.FRACTURE, Urgency.URGENT, Imaging.MRI),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "rule_id", "category", "urgency", "imaging"), RED_FLAG_SPEC, ids=[row[1] for row in RED_FLAG_SPEC]
)
def test_each_red_flag_reports_the_category_urgency_and_imaging_of_the_reference(
    case: dict[str, object], rule_id: str, category: Category, urgency: Urgency, imaging: Imaging
) -> None:
    """Every red flag in the result carries its own category, urgency and imaging (the JSON "red_flags"
    entries), as §2 and §8 give them, even when another rule already sets the overall urgency."""
    result = run(case)
    (flag,) = [f for f in result.red_flags if f.rule.id == rule_id]
    assert (flag.rule.category, flag.urgency, flag.rule.imaging) == (category, urgency, imaging)


def test_bilateral_leg_pain_is_new_under_12_weeks() -> None:
    """§8: pain in both legs is a cauda equina warning when new, "this episode under about 12 weeks": 11 weeks
    is new (urgent), 12 weeks of stable pain is not."""
    case = {"leg_pain_below_knee": "yes", "both_legs": "yes"}
    assert fired(run({**case, "pain_weeks": 11})) == {"ces_both_legs_new_pain"}
    assert run({**case, "pain_weeks": 11}).urgency == Urgency.URGENT
    assert "ces_both_legs_new_pain" not in fired(run({**case, "pain_weeks": 12}))


def test_each_finding_names_only_symptoms_the_person_reported() -> None:
    """A rule's title is shown as the reason: numbness in both legs with no leg pain is the deficit emergency,
    not "pain in both legs"; numbness getting worse is not "weakness getting worse"; weakness getting worse is
    not "numbness getting worse"."""
    numb_both = fired(run({"both_legs": "yes", "leg_numbness": "yes", "pain_weeks": 3}))
    assert "ces_both_legs_deficit" in numb_both and "ces_both_legs_new_pain" not in numb_both
    numb_worse = fired(run({"leg_numbness": "yes", "weakness_worsening": "yes", "both_legs": "yes", "pain_weeks": 30}))
    assert "numbness_worsening" in numb_worse
    assert not numb_worse & {"weakness_worsening", "weakness_worsening_both_legs"}
    assert "numbness_worsening" not in fired(run({"leg_weakness": "yes", "weakness_worsening": "yes"}))


def test_long_standing_pain_in_both_legs_without_a_deficit_is_not_a_cord_emergency() -> None:
    """§8: mid-back pain is a cord emergency with numbness or weakness in both legs or a bladder change; long-
    standing, stable pain in both legs on its own is not a CES alarm -> routine."""
    result = run({"pain_area": "mid_back", "leg_pain_below_knee": "yes", "both_legs": "yes", "pain_weeks": 30})
    assert "cord_compression_mid_back" not in fired(result)
    assert result.urgency == Urgency.ROUTINE


def test_stable_weakness_in_both_legs_is_soon_not_the_worsening_emergency() -> None:
    """§8: stable leg weakness -> soon with an MRI to discuss; only weakness that is getting worse (or new, in
    both legs) is an emergency. 30 weeks of weakness in both legs, not getting worse, is a weak leg."""
    result = run({"leg_weakness": "yes", "both_legs": "yes", "pain_weeks": 30})
    assert fired(result) == {"leg_weakness"}
    assert (result.urgency, result.imaging) == (Urgency.SOON, Imaging.MRI)


def test_known_cancer_with_a_bladder_change_is_metastatic_cord_compression() -> None:
    """§8: known cancer plus any leg weakness, numbness *or bladder/bowel change* -> emergency (metastatic cord
    compression), named as such beside the cauda equina flag."""
    result = run({"cancer_history": "yes", "bladder_change": "yes"})
    assert {"cancer_with_nerve_signs", "ces_saddle_bladder_bowel"} <= fired(result)


def test_a_kidney_explains_a_fever_only_when_nothing_points_at_the_spine() -> None:
    """§8: burning urine with fever is a kidney infection only with "no other infection risk factor or nerve
    symptom"; after back surgery or with a weak leg the fever still counts as a possible spine infection."""
    assert "infection_fever" not in fired(run({"urinary_pain": "yes", "fever": "yes"}))
    assert "infection_fever" in fired(run({"urinary_pain": "yes", "fever": "yes", "leg_weakness": "yes"}))
    assert "infection_fever" in fired(run({"urinary_pain": "yes", "fever": "yes", "back_surgery_before": "yes"}))


def test_weight_loss_with_a_second_cancer_flag_needs_a_check() -> None:
    """§8: unexplained weight loss with at least one more of age over 50, night pain, or no better after 6 weeks
    of treatment -> soon (cancer). Age 51 is over 50; 50 is not, and weight loss alone stays routine."""
    assert "cancer_suspected" in fired(run({"weight_loss": "yes", "treatment_no_better": "yes", "pain_weeks": 8}))
    assert run({"weight_loss": "yes", "age": 51}).urgency == Urgency.SOON
    assert run({"weight_loss": "yes", "age": 50}).urgency == Urgency.ROUTINE
    assert "cancer_suspected" in fired(run({"night_pain": "yes", "age": 51}))
    assert "cancer_suspected" not in fired(run({"night_pain": "yes", "age": 50}))


def test_six_weeks_no_better_is_where_the_sciatica_mri_starts() -> None:
    """§8: leg pain "6 weeks or more, no better with treatment, and surgery or an injection considered -> soon,
    MRI"; at 5 weeks it is still early sciatica (routine, no imaging)."""
    case = {"leg_pain_below_knee": "yes", "treatment_no_better": "yes", "procedure_considered": "yes"}
    at_6 = run({**case, "pain_weeks": 6})
    assert "sciatica_persistent_mri" in fired(at_6) and at_6.imaging == Imaging.MRI
    at_5 = run({**case, "pain_weeks": 5})
    assert fired(at_5) == {"sciatica_early"} and (at_5.urgency, at_5.imaging) == (Urgency.ROUTINE, Imaging.NONE)


def test_sciatica_is_early_under_6_weeks() -> None:
    """§8: leg pain below the knee under 6 weeks -> routine, no imaging (the early-sciatica finding); from 6
    weeks on it is no longer "early"."""
    assert fired(run({"leg_pain_below_knee": "yes", "pain_weeks": 5})) == {"sciatica_early"}
    assert fired(run({"leg_pain_below_knee": "yes", "pain_weeks": 6})) == set()


def test_the_sciatica_mri_pathway_needs_a_leg_symptom() -> None:
    """The 6-week MRI pathway is for sciatica (leg pain or numbness): back pain alone, no better after 8 weeks
    with a procedure considered, gets no MRI from it; leg numbness counts as a leg symptom."""
    back_only = run({"pain_weeks": 8, "treatment_no_better": "yes", "procedure_considered": "yes"})
    assert "sciatica_persistent_mri" not in fired(back_only) and back_only.imaging == Imaging.NONE
    numb = run({"leg_numbness": "yes", "pain_weeks": 8, "treatment_no_better": "yes", "procedure_considered": "yes"})
    assert "sciatica_persistent_mri" in fired(numb)


def test_leg_numbness_after_back_surgery_needs_a_check() -> None:
    """§2 RF_POSTOP / §8: new leg symptoms after back surgery -> soon, MRI; the rule's own words name leg pain,
    numbness or weakness, so numbness alone counts."""
    result = run({"back_surgery_before": "yes", "leg_numbness": "yes"})
    assert "after_back_surgery" in fired(result)
    assert (result.urgency, result.imaging) == (Urgency.SOON, Imaging.MRI)


def test_only_years_of_already_scanned_pain_are_no_cancer_alarm() -> None:
    """§8: "years of stable, already-investigated pain with nothing new is not a cancer alarm". Night pain at 60
    still needs a check when the pain is under a year old (even after an MRI), or has lasted years but was never
    scanned; a year or more after an MRI or a CT it does not."""
    night = {"night_pain": "yes", "age": 60}
    assert "cancer_suspected" in fired(run({**night, "pain_weeks": 8, "previous_imaging": ["mri"]}))
    assert "cancer_suspected" in fired(run({**night, "pain_weeks": 51, "previous_imaging": ["mri"]}))
    assert "cancer_suspected" in fired(run({**night, "pain_weeks": 300, "previous_imaging": ["none"]}))
    assert "cancer_suspected" not in fired(run({**night, "pain_weeks": 52, "previous_imaging": ["mri"]}))
    assert "cancer_suspected" not in fired(run({**night, "pain_weeks": 300, "previous_imaging": ["ct"]}))


def test_inflammatory_pattern_needs_12_weeks_of_pain() -> None:
    """§8: inflammatory pattern: "pain for 12 weeks or more" that began before about 45, with two of the three
    features: 12 weeks fits, 11 weeks does not."""
    case = {"age": 30, "morning_stiffness": "yes", "better_with_exercise": "yes"}
    assert "inflammatory_back_pain" in fired(run({**case, "pain_weeks": 12}))
    assert "inflammatory_back_pain" not in fired(run({**case, "pain_weeks": 11}))


def test_fragility_fracture_thresholds_of_the_reference() -> None:
    """§8: suspected fragility fracture: osteoporosis or steroids with new pain (under about 2 weeks) at 65 or
    over, or age 70 or over with a minor fall. Osteoporosis at 65 with 1 week of pain fits; at 70 with 2 or 10
    weeks of pain and no fall it does not; a minor fall fits at 70, not at 69."""
    assert "fracture_fragility" in fired(run({"osteoporosis": "yes", "age": 65, "pain_weeks": 1}))
    assert "fracture_fragility" not in fired(run({"osteoporosis": "yes", "age": 70, "pain_weeks": 2}))
    assert "fracture_fragility" not in fired(run({"osteoporosis": "yes", "age": 70, "pain_weeks": 10}))
    assert "fracture_fragility" in fired(run({"age": 70, "minor_trauma": "yes"}))
    assert "fracture_fragility" not in fired(run({"age": 69, "minor_trauma": "yes"}))
