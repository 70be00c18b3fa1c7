"""Every red-flag rule: sound as a table, fired (or spared) by its own cases, and true to the reference."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from backpain_cli.conditions import Yes
from backpain_cli.levels import Category, Imaging, Urgency
from backpain_cli.redflags import RULES, RULES_BY_ID, check_rules
from backpain_cli.triage import evaluate
from tests.helpers import ALL_CLEAR, fired, run

FIRE_CASES = [pytest.param(rule.id, case, id=f"{rule.id}-{i}") for rule in RULES for i, case in enumerate(rule.fires)]
SPARE_CASES = [pytest.param(rule.id, case, id=f"{rule.id}-{i}") for rule in RULES for i, case in enumerate(rule.spares)]


def test_rule_table_is_sound() -> None:
    assert check_rules() == []


def test_check_rules_reports_problems() -> None:
    bad = dataclasses.replace(RULES[0], when=Yes("not_a_key"), source=" ", fires=())
    problems = check_rules((*RULES, bad))
    assert any("used twice" in p for p in problems)
    assert any("unknown answer keys" in p for p in problems)
    assert any("names no guideline source" in p for p in problems)
    assert any("needs cases" in p for p in problems)


@pytest.mark.parametrize(("rule_id", "case"), FIRE_CASES)
def test_rule_fires_on_its_cases(rule_id: str, case: dict[str, Any]) -> None:
    result = run(case)
    assert rule_id in fired(result), f"{rule_id} should fire for {case}"


@pytest.mark.parametrize(("rule_id", "case"), SPARE_CASES)
def test_rule_is_spared_by_its_cases(rule_id: str, case: dict[str, Any]) -> None:
    assert rule_id not in fired(run(case)), f"{rule_id} must not fire for {case}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_each_rule_names_a_guideline_and_explains_itself(rule) -> None:  # type: ignore[no-untyped-def]
    assert any(
        name in rule.source
        for name in (
            "ACR",
            "NICE",
            "ACP",
            "AFP",
            "GIRFT",
            "ASAS",
            "Chou",
            "Choosing Wisely",
            "Casazza",
            "Downie",
            "clinical reference",
        )
    )
    assert rule.explanation.endswith(".") and rule.imaging_reason.endswith(".")
    assert rule.title and rule.title[0].isupper()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_each_rule_fires_on_unsure_too(rule) -> None:  # type: ignore[no-untyped-def]
    """'Not sure' is never 'no': turning every yes of a firing case into 'unsure' still fires the rule."""
    case = {k: ("unsure" if v == "yes" else v) for k, v in rule.fires[0].items()}
    assert rule.id in fired(run(case))


def test_all_clear_fires_nothing() -> None:
    result = run()
    assert fired(result) == set()
    assert result.urgency == Urgency.ROUTINE


def test_every_category_has_a_rule() -> None:
    assert {r.category for r in RULES if r.category} == set(Category)


def test_every_symptom_key_is_used_by_some_rule() -> None:
    used = set().union(*(r.when.keys() for r in RULES))
    # A question no rule reads would be asked for nothing: every yes/no question must feed a rule.
    assert {k for k, v in ALL_CLEAR.items() if v == "no"} - used == set()


def test_rule_ids_index() -> None:
    assert RULES_BY_ID["ces_saddle_bladder_bowel"].urgency == Urgency.EMERGENCY


def test_a_rule_built_at_run_time_is_never_skipped_when_its_sign_is_present() -> None:
    """Triage skips a rule when none of the answers it needs is yes or unsure. For a rule built after import
    that set must still be derived from its trigger, so any one cauda equina sign still fires it."""
    ces = dataclasses.replace(RULES_BY_ID["ces_saddle_bladder_bowel"])
    assert ces.needs == {"saddle_numbness", "bladder_change", "bowel_control_loss"}
    for key in ("saddle_numbness", "bladder_change", "bowel_control_loss"):
        facts = {**ALL_CLEAR, key: "yes"}
        assert [f.rule.id for f in evaluate(facts, (ces,))] == ["ces_saddle_bladder_bowel"]


# ---------------------------------------------------------------------------- the rule table against the reference

# These tests pin each rule's category, urgency, imaging, thresholds and trigger parts against the
# clinical reference (§2, §8). They come from the second pass of scripts/mutation.sh, which changes
# the table itself: mutmut does not mutate module-level code (docs/mutation.md).

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


def test_inflammatory_pattern_counts_pain_that_began_before_45_in_an_older_person() -> None:
    """§8: the inflammatory pattern is about when the pain *began*: a 46-year-old with 2 years of morning
    stiffness that eases with exercise started at 44 and fits; one whose pain began at 45 does not."""
    case = {"morning_stiffness": "yes", "better_with_exercise": "yes"}
    assert "inflammatory_back_pain" in fired(run({**case, "age": 46, "pain_weeks": 104}))
    assert "inflammatory_back_pain" not in fired(run({**case, "age": 46, "pain_weeks": 52}))


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
