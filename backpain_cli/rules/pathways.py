"""Care pathways that are not red flags: sciatica that has lasted, claudication, pregnancy, after back surgery.

Each rule names its source and carries the cases that must and must not fire it (rules/model.py).
Its words for the patient are in the text catalogue (content/texts/), keyed by the rule id.
"""

from __future__ import annotations

from typing import Final

from backpain_cli.conditions import All, AnyOf, AtLeast, Below, Yes
from backpain_cli.levels import Imaging, Urgency
from backpain_cli.rules.model import Rule
from backpain_cli.rules.triggers import (
    ACR,
    ANY_LEG_SYMPTOM,
    CHOU_2011,
    CLAUDICATION,
    LEG_SYMPTOM,
    NO_BETTER_AFTER_6_WEEKS,
    NO_BETTER_AFTER_A_MONTH,
    PREGNANT,
)

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        id="sciatica_persistent_mri",
        category=None,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=All(AnyOf(LEG_SYMPTOM, CLAUDICATION), NO_BETTER_AFTER_6_WEEKS, Yes("procedure_considered")),
        source=(
            f"{ACR} variant 3; ACP 2007 recommendation 4; NICE NG59 1.1.6; Chou 2011 (stenosis: MRI only for a "
            f"surgery candidate)"
        ),
        criterion=(
            "ACR V3 / ACP rec 4: radiculopathy or stenosis after 6 weeks of care in a surgery or injection "
            "candidate -> MRI."
        ),
        if_unanswered=Urgency.ROUTINE,
        fires=(
            {
                "leg_pain_below_knee": "yes",
                "pain_weeks": 8,
                "treatment_no_better": "yes",
                "procedure_considered": "yes",
            },
            {
                "leg_pain_walking": "yes",
                "age": 70,
                "pain_weeks": 60,
                "treatment_no_better": "yes",
                "procedure_considered": "yes",
            },
        ),
        spares=(
            {
                "leg_pain_below_knee": "yes",
                "pain_weeks": 5,
                "treatment_no_better": "yes",
                "procedure_considered": "yes",
            },
            {"leg_pain_below_knee": "yes", "pain_weeks": 8, "treatment_no_better": "yes"},
        ),
        explains_xray_limits=True,
    ),
    Rule(
        id="sciatica_not_improving",
        category=None,
        urgency=Urgency.SOON,
        imaging=Imaging.NONE,
        when=All(AnyOf(LEG_SYMPTOM, CLAUDICATION), NO_BETTER_AFTER_A_MONTH),
        source=f"{CHOU_2011} (reassess at about a month); {ACR} variants 1-2; reference §8",
        criterion="Chou 2011: reassess at about a month; MRI only for a surgery or injection candidate after 6 weeks.",
        if_unanswered=Urgency.ROUTINE,
        differs="Sciatica no better after treatment was left at self-care (rule review).",
        fires=(
            {"leg_pain_below_knee": "yes", "pain_weeks": 10, "treatment_no_better": "yes"},
            {"leg_pain_below_knee": "yes", "pain_weeks": 5, "treatment_not_helping": "yes"},
        ),
        spares=(
            {"leg_pain_below_knee": "yes", "pain_weeks": 3, "treatment_no_better": "yes"},
            {"leg_pain_below_knee": "yes", "pain_weeks": 10},
        ),
    ),
    Rule(
        id="not_settling_over_50",
        category=None,
        urgency=Urgency.SOON,
        imaging=Imaging.NONE,
        when=All(NO_BETTER_AFTER_A_MONTH, AtLeast("age", 51)),
        source=(
            f"{CHOU_2011} (age over 50 and no improvement after a month: reassess, X-ray and blood tests); reference §8"
        ),
        criterion="Pain not settling after treatment in someone over 50 is re-assessed, never left at routine.",
        if_unanswered=Urgency.ROUTINE,
        fires=({"treatment_no_better": "yes", "pain_weeks": 8, "age": 55},),
        spares=(
            {"treatment_no_better": "yes", "pain_weeks": 8, "age": 45},
            {"treatment_no_better": "yes", "pain_weeks": 2, "age": 55},
        ),
    ),
    Rule(
        id="after_back_surgery",
        category=None,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=All(Yes("back_surgery_before"), ANY_LEG_SYMPTOM),
        source=f"{ACR} variant 5; reference §2 RF_POSTOP",
        criterion="ACR V5: new or worse symptoms after lumbar surgery -> X-ray and MRI usually appropriate.",
        if_unanswered=Urgency.ROUTINE,
        fires=({"back_surgery_before": "yes", "leg_pain_below_knee": "yes"},),
        spares=({"back_surgery_before": "yes"},),
        explains_xray_limits=True,
    ),
    Rule(
        id="claudication",
        category=None,
        urgency=Urgency.ROUTINE,
        imaging=Imaging.NONE,
        when=CLAUDICATION,
        source=f"{CHOU_2011} (spinal stenosis: MRI only for a surgery candidate); reference §2 RF_STENOSIS",
        criterion="RF_STENOSIS: routine; MRI only if a surgical candidate.",
        if_unanswered=Urgency.ROUTINE,
        fires=({"leg_pain_walking": "yes", "age": 70},),
        spares=(
            {
                "leg_pain_walking": "yes",
                "age": 40,
                "leg_pain_below_knee": "no",
                "leg_numbness": "no",
                "leg_weakness": "no",
            },
        ),
    ),
    Rule(
        id="pregnancy",
        category=None,
        urgency=Urgency.ROUTINE,
        imaging=Imaging.NONE,
        when=All(PREGNANT, Below("age", 56)),
        source="ACOG Committee Opinion 723 (MRI and ultrasound first; an X-ray or CT that is needed is not withheld)",
        criterion=(
            "ACOG 723: ultrasound and MRI are the imaging techniques of choice in pregnancy; an X-ray or CT that is "
            "needed should not be withheld."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Pregnancy alone never raises the urgency (pelvic girdle pain is common). Rule set 2027.1: pregnancy is "
            "asked apart from a recent birth, which changes nothing about imaging; in pregnancy an X-ray advised by "
            "another rule becomes an MRI first (triage)."
        ),
        fires=({"pregnant_now": "yes"}, {"pregnant_or_postpartum": "yes"}),
        spares=({"pregnant_now": "no"}, {"birth_last_6_months": "yes", "pregnant_now": "no"}),
    ),
    Rule(
        id="sciatica_early",
        category=None,
        urgency=Urgency.ROUTINE,
        imaging=Imaging.NONE,
        when=All(LEG_SYMPTOM, Below("pain_weeks", 6)),
        source=f"{ACR} variant 1; ACP 2007 recommendation 2; NICE NG59 1.1.4",
        criterion="ACR V1: acute radiculopathy without red flags -> no imaging.",
        if_unanswered=Urgency.ROUTINE,
        fires=({"leg_pain_below_knee": "yes", "pain_weeks": 2},),
        spares=({"leg_pain_below_knee": "yes", "pain_weeks": 10},),
    ),
)
