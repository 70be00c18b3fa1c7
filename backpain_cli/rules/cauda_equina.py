"""Cauda equina syndrome: the saddle, bladder, bowel and sexual signs, and symptoms in both legs (GIRFT).

Each rule names its source and carries the cases that must and must not fire it (rules/model.py).
Its words for the patient are in the text catalogue (content/texts/), keyed by the rule id.
"""

from __future__ import annotations

from typing import Final

from backpain_cli.conditions import All, AnyOf, Unless, Yes
from backpain_cli.levels import Category, Imaging, Urgency
from backpain_cli.rules.model import Rule
from backpain_cli.rules.triggers import ACR, ANY_LEG_SYMPTOM, CES_SIGN, GIRFT, LEG_SYMPTOM, LONG_STANDING_LEGS

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        id="ces_saddle_bladder_bowel",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=CES_SIGN,
        source=f"{GIRFT}; {ACR} variant 4; Chou et al., ACP 2011",
        criterion=(
            "GIRFT: any new bladder, bowel or saddle (including genital) sensory change with back pain is "
            "suspected cauda equina: same-day emergency department; if in doubt, refer."
        ),
        if_unanswered=Urgency.SOON,
        steps_down_when_unsure=False,
        differs=(
            "A 'not sure' does not step down here: GIRFT sends suspected cauda equina to the emergency "
            "department and says to refer when in doubt. Unanswered raises the floor to soon and lists it."
        ),
        fires=(
            {"saddle_numbness": "yes"},
            {"bladder_change": "yes"},
            {"bowel_control_loss": "yes"},
            {"bladder_change": "unsure"},
        ),
        spares=({"leg_pain_below_knee": "yes"}, {"urinary_pain": "yes"}, {"sexual_function_change": "yes"}),
        explains_xray_limits=True,
    ),
    Rule(
        id="ces_sexual_function",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=Yes("sexual_function_change"),
        source="GIRFT national suspected cauda equina pathway (sexual symptoms alone are less specific); NICE CKS",
        criterion="GIRFT: back pain whose only other feature is sexual dysfunction is unlikely to be cauda equina.",
        if_unanswered=Urgency.ROUTINE,
        differs="Genital numbness is asked with saddle numbness (an emergency sign), not here.",
        fires=({"sexual_function_change": "yes"},),
        spares=({"saddle_numbness": "no"},),
    ),
    Rule(
        id="ces_both_legs_new_pain",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(Yes("both_legs"), ANY_LEG_SYMPTOM, Unless(LONG_STANDING_LEGS)),
        source=f"{GIRFT} (bilateral sciatica added as a warning sign in 2018)",
        criterion=(
            "GIRFT/CKS: bilateral radicular symptoms are a cauda equina warning sign, whatever the back "
            "pain's duration; same-day assessment."
        ),
        if_unanswered=Urgency.SOON,
        differs=(
            "The old 12-week window is gone: the back pain's duration says nothing about when the leg "
            "symptoms began. Only long-standing, scanned, unchanged symptoms step down (next rule)."
        ),
        fires=(
            {"leg_pain_below_knee": "yes", "both_legs": "yes", "pain_weeks": 3},
            {"leg_pain_below_knee": "yes", "both_legs": "yes", "pain_weeks": 12},
            {"leg_numbness": "yes", "both_legs": "yes", "pain_weeks": 60, "weakness_worsening": "no"},
            {
                "leg_numbness": "yes",
                "both_legs": "yes",
                "pain_weeks": 60,
                "previous_imaging": ["mri"],
                "weakness_worsening": "unsure",
            },
        ),
        spares=(
            {
                "leg_pain_below_knee": "yes",
                "both_legs": "yes",
                "pain_weeks": 60,
                "previous_imaging": ["mri"],
                "weakness_worsening": "no",
                "leg_weakness": "no",
            },
            {"leg_pain_below_knee": "yes", "pain_weeks": 3},
        ),
    ),
    Rule(
        id="both_legs_long_standing",
        category=None,
        urgency=Urgency.SOON,
        imaging=Imaging.NONE,
        when=All(Yes("both_legs"), LEG_SYMPTOM, LONG_STANDING_LEGS),
        source=(
            "Clinical reference §8 (long-standing, unchanged symptoms); GIRFT 2023 (urgent, not emergency, route "
            "for stable symptoms)"
        ),
        criterion="GIRFT 2023 added an urgent (not emergency) route for longer-standing, stable symptoms.",
        if_unanswered=Urgency.ROUTINE,
        differs="Only certain answers count as stable: 'not sure' about getting worse keeps the same-day check.",
        fires=(
            {
                "leg_pain_below_knee": "yes",
                "both_legs": "yes",
                "pain_weeks": 60,
                "previous_imaging": ["mri"],
                "weakness_worsening": "no",
                "leg_weakness": "no",
            },
        ),
        spares=(
            {"leg_pain_below_knee": "yes", "both_legs": "yes", "pain_weeks": 60, "weakness_worsening": "no"},
            {
                "leg_pain_below_knee": "yes",
                "both_legs": "yes",
                "pain_weeks": 40,
                "previous_imaging": ["mri"],
                "weakness_worsening": "no",
                "leg_weakness": "no",
            },
        ),
    ),
    Rule(
        id="ces_both_legs_deficit",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=All(Yes("both_legs"), AnyOf(Yes("leg_weakness"), All(Yes("leg_numbness"), Yes("weakness_worsening")))),
        source=f"{GIRFT}; ACP 2007 recommendation 3; reference §2 RF_MOTOR (emergency if both legs)",
        criterion="GIRFT: severe or worsening weakness in both legs is a cauda equina emergency sign.",
        if_unanswered=Urgency.SOON,
        differs="Numbness in both legs that is not getting worse is the same-day rule above, not an emergency.",
        fires=(
            {"both_legs": "yes", "leg_weakness": "yes", "pain_weeks": 60},
            {"both_legs": "yes", "leg_numbness": "yes", "weakness_worsening": "yes", "pain_weeks": 30},
        ),
        spares=(
            {"both_legs": "yes", "leg_numbness": "yes", "weakness_worsening": "no", "pain_weeks": 1},
            {"leg_numbness": "yes", "weakness_worsening": "yes"},
        ),
    ),
)
