"""Fractures: major injury, a rigid spine, and fragility fractures (ACR V6; NICE NG41; Chou 2011).

Each rule names its source and carries the cases that must and must not fire it (rules/model.py).
Its words for the patient are in the text catalogue (content/texts/), keyed by the rule id.
"""

from __future__ import annotations

from typing import Final

from backpain_cli.conditions import All, AnyOf, AtLeast, Below, Unless, Yes
from backpain_cli.levels import Category, Imaging, Urgency
from backpain_cli.rules.model import Rule
from backpain_cli.rules.triggers import (
    ACR,
    CHOU_2011,
    FRAGILITY,
    LEG_DEFICIT,
    OLDER_AGE,
    PREGNANCY_FRACTURE_RISK,
    PREGNANT,
    RECENT_BIRTH,
)

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
        id="fracture_injury_nerve_signs",
        category=Category.FRACTURE,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(AnyOf(Yes("major_trauma"), All(Yes("rigid_spine_condition"), Yes("minor_trauma"))), LEG_DEFICIT),
        source="Reference §8 (a suspected fracture with leg weakness or numbness: urgent, MRI); NICE NG41",
        criterion=(
            "A suspected spinal fracture with new leg weakness or numbness -> same day, MRI (NG41: imaging for "
            "suspected thoracolumbar injury with neurological signs or symptoms)."
        ),
        if_unanswered=Urgency.SOON,
        differs=(
            "Rule set 2027.1: after any injury that makes a fracture likely (a major injury, or any fall with a "
            "rigid spine), not only with weak bones (a fragility fracture with nerve signs has its own rule). "
            "Within 2 weeks of a major injury the emergency rule leads. With a rigid spine the nerve signs make it "
            "an MRI (it shows the cord and the fracture), not the CT of fracture_rigid_spine. NG41's thoracolumbar "
            "wording was checked only in a secondary guideline."
        ),
        fires=(
            {"major_trauma": "yes", "pain_weeks": 10, "leg_numbness": "yes"},
            {"rigid_spine_condition": "yes", "minor_trauma": "yes", "leg_numbness": "yes"},
        ),
        spares=(
            {"major_trauma": "yes", "pain_weeks": 10, "leg_pain_below_knee": "yes"},
            {"leg_numbness": "yes"},
            {"minor_trauma": "yes", "leg_numbness": "yes", "age": 40},
        ),
    ),
    Rule(
        id="fracture_rigid_spine",
        category=Category.FRACTURE,
        urgency=Urgency.URGENT,
        imaging=Imaging.CT_URGENT,
        when=All(Yes("rigid_spine_condition"), AnyOf(Yes("minor_trauma"), Yes("major_trauma")), Unless(LEG_DEFICIT)),
        source="NICE NG41 (spinal injury: ankylosing spondylitis or other rigid spine, imaging after minor injury)",
        criterion="NG41: a rigid spine condition plus any injury -> imaging (CT or MRI) after even minor trauma.",
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Urgent rather than emergency after a minor fall; emergency after a major injury comes from the major "
            "trauma rule. With leg weakness or numbness, fracture_injury_nerve_signs (MRI) takes over."
        ),
        fires=({"rigid_spine_condition": "yes", "minor_trauma": "yes"},),
        spares=(
            {"rigid_spine_condition": "yes"},
            {"rigid_spine_condition": "yes", "minor_trauma": "no"},
            {"rigid_spine_condition": "yes", "minor_trauma": "yes", "leg_weakness": "yes"},
        ),
    ),
    Rule(
        id="fracture_fragility_nerve_signs",
        category=Category.FRACTURE,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(FRAGILITY, AnyOf(Below("pain_weeks", 6), Yes("minor_trauma"), Yes("pain_worsening")), LEG_DEFICIT),
        source=f"{ACR} variant 6; reference §2 RF_FX_FRAG (same day with nerve symptoms) and §8",
        criterion="RF_FX_FRAG: suspected fragility fracture with any nerve symptom -> same day.",
        if_unanswered=Urgency.SOON,
        differs=(
            "A suspected fragility fracture is a new one: new pain (under 6 weeks), a minor fall or strain, or pain "
            "getting worse; years of the same pain with leg symptoms are the other rules'."
        ),
        fires=(
            {"osteoporosis": "yes", "minor_trauma": "yes", "leg_numbness": "yes"},
            {"steroid_use": "yes", "pain_weeks": 2, "leg_weakness": "yes"},
        ),
        spares=(
            {"osteoporosis": "yes", "leg_numbness": "yes", "age": 40, "pain_weeks": 20},
            {"age": 70, "leg_numbness": "yes", "pain_weeks": 2},
        ),
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
            "the duration. Downie 2013: prolonged steroids 33%, several red flags together 90% post-test "
            "probability; older age alone 9%."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Rule set 2027.1: osteoporosis, long-term steroids or height loss (from 50) count whatever the pain's "
            "duration, so a risk factor with pain past about 4 weeks is soon with an X-ray; older than 65 (the "
            "lower of Chou's ages, as no sex is asked) needs a second sign: a minor fall or strain, no better after "
            "about a month of treatment (Chou's trial), pain getting worse, or height loss (see fracture_risk for "
            "age alone). Pain that has only lasted long, without a failed trial, is not a second sign."
        ),
        fires=(
            {"osteoporosis": "yes", "minor_trauma": "yes", "pain_weeks": 30},
            {"osteoporosis": "yes", "age": 72, "pain_weeks": 7},
            {"steroid_use": "yes", "pain_weeks": 7, "treatment_not_helping": "yes"},
            {"age": 72, "minor_trauma": "yes", "pain_weeks": 1},
            {"age": 66, "pain_weeks": 4, "treatment_not_helping": "yes"},
            {"age": 55, "height_loss": "yes", "pain_weeks": 20},
        ),
        spares=(
            {"age": 66, "pain_weeks": 3},
            {"age": 71, "pain_weeks": 60},
            {"minor_trauma": "yes", "age": 30, "pain_weeks": 1},
            {"age": 65, "pain_weeks": 10},
            {"height_loss": "yes", "age": 45, "pain_weeks": 20},
        ),
    ),
    Rule(
        id="fracture_risk",
        category=Category.FRACTURE,
        urgency=Urgency.ROUTINE,
        imaging=Imaging.NONE,
        when=All(OLDER_AGE, Below("pain_weeks", 13), Unless(FRAGILITY)),
        source=(
            f"{CHOU_2011} (older age: defer imaging after a trial of about a month); Jarvik, JAMA 2015 (no 1-year "
            f"benefit from early imaging at 65 and over); Downie, BMJ 2013 (older age alone: 9%); {ACR} variant 6"
        ),
        criterion=(
            "The sources conflict: Chou 2011 defers imaging for older age alone until a trial of about a month, "
            "and Jarvik 2015 found no benefit from early imaging at 65 and over; ACR 2021 variant 6 rates an X-ray "
            "usually appropriate for an elderly person."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Rule set 2027.1, a reasoned choice: older age alone, with no other sign, waits for about a month's "
            "trial of treatment before an X-ray (Chou, Jarvik: the outcome study, and Downie's low post-test "
            "probability), never more than soon; ACR V6 says which test, once imaging is chosen. It was soon with "
            "an X-ray at once. Only for pain of under 3 months (acute or subacute, Chou 2007): a fracture is a new "
            "pain, and years of the same pain at an older age are no fracture warning."
        ),
        fires=({"age": 70, "pain_weeks": 1}, {"age": 80, "pain_weeks": 3}, {"age": 70, "pain_weeks": 12}),
        spares=(
            {"age": 70, "pain_weeks": 13},
            {"age": 70, "pain_weeks": 6, "treatment_not_helping": "yes"},
            {"age": 60, "pain_weeks": 1},
            {"age": 70, "pain_weeks": 1, "minor_trauma": "yes"},
        ),
    ),
    Rule(
        id="fracture_pregnancy",
        category=Category.FRACTURE,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=All(PREGNANT, PREGNANCY_FRACTURE_RISK),
        source=(
            "Pregnancy- and lactation-associated osteoporosis (Scioscia & Zanchetta 2023: vertebral fractures late "
            "in pregnancy; heparin and steroids reported); ACOG Committee Opinion 723 (MRI and ultrasound first)"
        ),
        criterion=(
            "Fracture risk around pregnancy and birth (heparin, steroids, osteoporosis) with back pain needs a look "
            "and imaging suited to pregnancy: MRI (ACOG 723)."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs="Survey and case-series evidence only; soon, as for any fragility risk with back pain.",
        fires=({"pregnant_now": "yes", "heparin_injections": "yes", "age": 32},),
        spares=(
            {"pregnant_now": "yes", "age": 32},
            {"heparin_injections": "yes", "pregnant_now": "no", "birth_last_6_months": "no"},
        ),
    ),
    Rule(
        id="fracture_after_birth",
        category=Category.FRACTURE,
        urgency=Urgency.SOON,
        imaging=Imaging.XRAY,
        when=All(RECENT_BIRTH, PREGNANCY_FRACTURE_RISK, Unless(PREGNANT)),
        source=(
            "Pregnancy- and lactation-associated osteoporosis (Scioscia & Zanchetta 2023: fractures in the first "
            f"months after the birth; heparin and steroids reported); {ACR} variant 6"
        ),
        criterion="Fracture risk in the months after a birth (heparin, steroids, osteoporosis) with back pain: X-ray.",
        if_unanswered=Urgency.ROUTINE,
        differs="Not pregnant now, so an X-ray is the usual first test (ACR V6); survey evidence only.",
        fires=({"birth_last_6_months": "yes", "pregnant_now": "no", "heparin_injections": "yes", "age": 32},),
        spares=({"birth_last_6_months": "yes", "pregnant_now": "no", "age": 32},),
    ),
)
