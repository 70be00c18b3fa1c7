"""Fractures: major injury, a rigid spine, and fragility fractures (ACR V6; NICE NG41; Chou 2011).

Each rule names its source and carries the cases that must and must not fire it (rules/model.py).
Its words for the patient are in the text catalogue (content/texts/), keyed by the rule id.
"""

from __future__ import annotations

from typing import Final

from backpain_cli.conditions import All, AnyOf, AtLeast, Below, OneOf, Unless, Yes
from backpain_cli.levels import Category, Imaging, Urgency
from backpain_cli.rules.model import Rule
from backpain_cli.rules.triggers import ACR, CHOU_2011, FRAGILITY, FRAGILITY_RISK, FRAGILITY_TRIGGER, LEG_DEFICIT

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        id="fracture_major_trauma",
        category=Category.FRACTURE,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.CT_URGENT,
        when=All(Yes("major_trauma"), Below("pain_weeks", 2)),
        source="Casazza, AFP 2012 (trauma red flag); ACR 2016 (CT when fracture is the concern); reference §8",
        criterion="High-energy trauma with back pain since the injury: emergency, trauma imaging (usually CT).",
        if_unanswered=Urgency.SOON,
        differs="Emergency only for an injury in the last 2 weeks; an older injury is the next rule.",
        fires=({"major_trauma": "yes", "pain_weeks": 0}, {"major_trauma": "yes", "pain_weeks": None}),
        spares=({"major_trauma": "yes", "pain_weeks": 26}, {"minor_trauma": "yes", "pain_weeks": 0}),
    ),
    Rule(
        id="fracture_major_trauma_earlier",
        category=Category.FRACTURE,
        urgency=Urgency.SOON,
        imaging=Imaging.XRAY,
        when=All(Yes("major_trauma"), AtLeast("pain_weeks", 2)),
        source=(
            "Reference §8 (an injury long ago, pain settled into a pattern: imaging to discuss if never imaged); "
            "Casazza, AFP 2012"
        ),
        criterion="Reference §8: an old injury is not an emergency; imaging to discuss if never imaged.",
        if_unanswered=Urgency.SOON,
        fires=({"major_trauma": "yes", "pain_weeks": 26},),
        spares=({"major_trauma": "yes", "pain_weeks": 1},),
    ),
    Rule(
        id="fracture_rigid_spine",
        category=Category.FRACTURE,
        urgency=Urgency.URGENT,
        imaging=Imaging.CT_URGENT,
        when=All(Yes("rigid_spine_condition"), AnyOf(Yes("minor_trauma"), Yes("major_trauma"))),
        source="NICE NG41 (spinal injury: ankylosing spondylitis or other rigid spine, imaging after minor injury)",
        criterion="NG41: a rigid spine condition plus any injury -> imaging (CT or MRI) after even minor trauma.",
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Urgent rather than emergency after a minor fall; emergency after a major injury comes from the major "
            "trauma rule."
        ),
        fires=({"rigid_spine_condition": "yes", "minor_trauma": "yes"},),
        spares=({"rigid_spine_condition": "yes"}, {"rigid_spine_condition": "yes", "minor_trauma": "no"}),
    ),
    Rule(
        id="fracture_fragility_nerve_signs",
        category=Category.FRACTURE,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(FRAGILITY, LEG_DEFICIT),
        source=f"{ACR} variant 6; reference §2 RF_FX_FRAG (same day with nerve symptoms) and §8",
        criterion="RF_FX_FRAG: suspected fragility fracture with any nerve symptom -> same day.",
        if_unanswered=Urgency.SOON,
        fires=({"osteoporosis": "yes", "minor_trauma": "yes", "leg_numbness": "yes"},),
        spares=({"osteoporosis": "yes", "leg_numbness": "yes", "age": 40, "pain_weeks": 20},),
        explains_xray_limits=True,
    ),
    Rule(
        id="fracture_fragility_severe",
        category=Category.FRACTURE,
        urgency=Urgency.URGENT,
        imaging=Imaging.XRAY,
        when=All(FRAGILITY, AtLeast("pain_score", 9), Below("pain_weeks", 6)),
        source="Reference §2 RF_FX_FRAG (same day if the pain cannot be controlled); ACR 2021 variant 6",
        criterion="RF_FX_FRAG: same day if pain uncontrollable; a pain score of 9-10 in new pain stands for that here.",
        if_unanswered=Urgency.ROUTINE,
        differs="The pain score is read only here: no source gives a 9-10 alone, without a red flag, an urgency.",
        fires=({"osteoporosis": "yes", "pain_weeks": 1, "pain_score": 9},),
        spares=(
            {"osteoporosis": "yes", "pain_weeks": 1, "pain_score": 8},
            {"pain_score": 10, "age": 40, "pain_weeks": 1},
        ),
    ),
    Rule(
        id="fracture_fragility",
        category=Category.FRACTURE,
        urgency=Urgency.SOON,
        imaging=Imaging.XRAY,
        when=FRAGILITY,
        source=f"{ACR} variant 6; {CHOU_2011}; Henschke 2009; Downie, BMJ 2013; Will, AFP 2018",
        criterion=(
            "ACR V6: low-velocity trauma, osteoporosis, older age or chronic steroids -> X-ray first, whatever "
            "the duration; Chou 2011 older than 65 (men) / 75 (women), Henschke older than 70."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Older than 65 (the lower of Chou's ages, as no sex is asked); no 2-week window: new pain (under "
            "6 weeks), a minor injury, pain not settling after a month, worsening pain or height loss."
        ),
        fires=(
            {"osteoporosis": "yes", "minor_trauma": "yes", "pain_weeks": 30},
            {"steroid_use": "yes", "pain_weeks": 7, "treatment_no_better": "yes"},
            {"age": 72, "minor_trauma": "yes", "pain_weeks": 20},
            {"age": 66, "pain_weeks": 1},
            {"age": 55, "height_loss": "yes", "pain_weeks": 20},
        ),
        spares=(
            {"age": 80, "pain_weeks": 20},
            {"minor_trauma": "yes", "age": 30, "pain_weeks": 1},
            {"age": 65, "pain_weeks": 1},
            {"height_loss": "yes", "age": 45, "pain_weeks": 20},
        ),
    ),
    Rule(
        id="fracture_risk",
        category=Category.FRACTURE,
        urgency=Urgency.ROUTINE,
        imaging=Imaging.XRAY,
        when=All(
            FRAGILITY_RISK,
            Unless(FRAGILITY_TRIGGER),
            Unless(OneOf("previous_imaging", frozenset({"xray", "mri", "ct"}))),
        ),
        source=(
            f"{ACR} variant 6 (older age, osteoporosis or chronic steroids: X-ray usually appropriate); Downie, BMJ "
            f"2013"
        ),
        criterion="ACR V6 rates an X-ray usually appropriate for these risk factors whatever the duration.",
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Routine (no trigger): imaging advice without a timeframe the sources do not give; not repeated "
            "for someone already scanned."
        ),
        fires=({"osteoporosis": "yes", "pain_weeks": 20}, {"age": 70, "pain_weeks": 30}),
        spares=(
            {"osteoporosis": "yes", "pain_weeks": 1},
            {"age": 60, "pain_weeks": 30},
            {"age": 70, "pain_weeks": 30, "previous_imaging": ["mri"]},
        ),
    ),
)
