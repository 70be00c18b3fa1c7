"""The spinal cord and the nerve roots: cord compression, cord signs, and leg weakness or numbness getting worse.

Each rule names its source and carries the cases that must and must not fire it (rules/model.py).
Its words for the patient are in the text catalogue (content/texts/), keyed by the rule id.
"""

from __future__ import annotations

from typing import Final

from backpain_cli.conditions import All, AnyOf, Yes
from backpain_cli.levels import Category, Imaging, Urgency
from backpain_cli.rules.model import Rule
from backpain_cli.rules.triggers import (
    CHOU_2011,
    CORD_SIGN,
    DEFICIT_KEYS,
    LEG_SYMPTOMS_NEW,
    MID_BACK,
    NUMBNESS_IN_BOTH_LEGS,
    NUMBNESS_WORSE,
    WEAKNESS_IN_BOTH_LEGS,
    WEAKNESS_WORSE,
    WORSENING_KEYS,
)

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        id="cord_compression_mid_back",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=All(
            MID_BACK,
            AnyOf(
                All(
                    AnyOf(WEAKNESS_IN_BOTH_LEGS, NUMBNESS_IN_BOTH_LEGS),
                    AnyOf(LEG_SYMPTOMS_NEW, WEAKNESS_WORSE, NUMBNESS_WORSE),
                ),
                Yes("bladder_change"),
                Yes("walking_unsteady"),
            ),
        ),
        source="NICE CG75 / NG234 (spinal cord compression); reference §2 RF_CORD and §8",
        criterion=(
            "Mid-back pain with new or worsening numbness or weakness in both legs, new unsteady walking or a "
            "bladder change: possible spinal cord compression, urgent whole-spine MRI."
        ),
        if_unanswered=Urgency.SOON,
        differs=(
            "Applies with or without a history of cancer (reference §8). Rule set 2027.1: leg symptoms count only "
            "when new (within 14 days, or not known) or getting worse: years of stable tingling in both feet are "
            "not a cord emergency. Pain in the lower and the mid back ('both') is mid-back pain. A 'not sure' only "
            "about the leg deficit itself (is there weakness or numbness, is it getting worse) steps down to a "
            "same-day check (doubt policy), as for cauda equina."
        ),
        doubt_keys=WORSENING_KEYS | DEFICIT_KEYS,
        fires=(
            {"pain_area": "mid_back", "both_legs": "yes", "leg_weakness": "yes", "pain_weeks": 30},
            {"pain_area": "mid_back", "both_legs": "yes", "leg_numbness": "yes", "leg_symptoms_weeks": 0},
            {"pain_area": "both", "bladder_change": "yes"},
            {"pain_area": "mid_back", "walking_unsteady": "yes"},
        ),
        spares=(
            {"pain_area": "lower_back", "both_legs": "yes", "leg_numbness": "yes"},
            {"pain_area": "mid_back", "leg_weakness": "yes"},
            {
                "pain_area": "both",
                "both_legs": "yes",
                "leg_numbness": "yes",
                "leg_symptoms_weeks": 104,
                "numbness_spreading": "no",
            },
        ),
    ),
    Rule(
        id="cord_signs",
        category=Category.PROGRESSIVE_DEFICIT,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=CORD_SIGN,
        source="Reference §2 RF_MOTOR (new walking difficulty: urgent) and RF_CORD; NICE CKS",
        criterion=(
            "New walking difficulty is a sign of a severe or multi-level nerve problem: same-day check, prompt MRI."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Not in first-contract answer files: unanswered, it is listed as a question that could change "
            "the result rather than raising the level (check always asks it)."
        ),
        fires=({"walking_unsteady": "yes"}, {"hands_clumsy": "yes", "leg_numbness": "yes"}),
        spares=({"leg_weakness": "yes"}, {"band_pain": "yes"}, {"hands_clumsy": "yes", "walking_unsteady": "no"}),
    ),
    Rule(
        id="weakness_worsening",
        category=Category.PROGRESSIVE_DEFICIT,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=AnyOf(WEAKNESS_WORSE, All(Yes("leg_weakness"), Yes("foot_drop"))),
        source=f"ACP 2007 recommendation 3; {CHOU_2011} (prompt MRI for severe or progressive motor deficit)",
        criterion="Chou 2011: severe or progressive motor deficit -> prompt MRI.",
        if_unanswered=Urgency.SOON,
        differs=(
            "A new foot drop counts as a severe deficit on its own. Rule set 2027.1: weakness getting worse is "
            "asked apart from numbness spreading; the old question (either one) still counts as weakness."
        ),
        fires=(
            {"leg_weakness": "yes", "weakness_getting_worse": "yes"},
            {"leg_weakness": "yes", "weakness_worsening": "yes"},
            {"leg_weakness": "yes", "foot_drop": "yes"},
            # the old "yes" contradicted by every finer "no": read the cautious way
            {
                "leg_weakness": "yes",
                "weakness_worsening": "yes",
                "weakness_getting_worse": "no",
                "numbness_spreading": "no",
            },
        ),
        spares=(
            {"leg_weakness": "yes", "foot_drop": "no"},
            {"leg_numbness": "yes", "weakness_worsening": "yes"},
            {
                "leg_weakness": "yes",
                "leg_numbness": "yes",
                "weakness_worsening": "yes",
                "weakness_getting_worse": "no",
                "numbness_spreading": "yes",
            },
            {"leg_weakness": "yes", "leg_numbness": "yes", "numbness_spreading": "yes", "weakness_getting_worse": "no"},
        ),
    ),
    Rule(
        id="numbness_worsening",
        category=Category.PROGRESSIVE_DEFICIT,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=NUMBNESS_WORSE,
        source="ACP 2007 recommendation 3; Casazza, AFP 2012",
        criterion="Reference §8: numbness that is getting worse -> at least soon.",
        if_unanswered=Urgency.ROUTINE,
        fires=(
            {"leg_numbness": "yes", "numbness_spreading": "yes"},
            {"leg_numbness": "yes", "weakness_worsening": "yes"},
        ),
        spares=(
            {"leg_numbness": "yes"},
            {
                "leg_numbness": "yes",
                "leg_weakness": "yes",
                "weakness_worsening": "yes",
                "weakness_getting_worse": "yes",
                "numbness_spreading": "no",
            },
        ),
    ),
    Rule(
        id="leg_weakness",
        category=Category.PROGRESSIVE_DEFICIT,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=Yes("leg_weakness"),
        source="ACP 2007 recommendation 3; Will, AFP 2018",
        criterion="Reference §8: stable mild weakness -> soon, MRI to discuss.",
        if_unanswered=Urgency.ROUTINE,
        fires=({"leg_weakness": "yes"},),
        spares=({"leg_numbness": "yes"}, {"leg_pain_below_knee": "yes"}),
    ),
)
