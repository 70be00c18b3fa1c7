"""The spinal cord and the nerve roots: cord compression, cord signs, and leg weakness or numbness getting worse.

Each rule names its source and carries the cases that must and must not fire it (rules/model.py).
Its words for the patient are in the text catalogue (content/texts/), keyed by the rule id.
"""

from __future__ import annotations

from typing import Final

from backpain_cli.conditions import All, AnyOf, Yes
from backpain_cli.levels import Category, Imaging, Urgency
from backpain_cli.rules.model import Rule
from backpain_cli.rules.triggers import CHOU_2011, CORD_SIGN, LEG_DEFICIT, MID_BACK

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        id="cord_compression_mid_back",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=All(
            MID_BACK,
            AnyOf(All(Yes("both_legs"), LEG_DEFICIT), Yes("bladder_change"), Yes("walking_unsteady")),
        ),
        source="NICE CG75 / NG234 (spinal cord compression); reference §2 RF_CORD and §8",
        criterion=(
            "Mid-back pain with leg weakness, unsteady walking, a numb band or bladder change: urgent whole-spine MRI."
        ),
        if_unanswered=Urgency.SOON,
        differs="Applies with or without a history of cancer (reference §8).",
        fires=(
            {"pain_area": "mid_back", "both_legs": "yes", "leg_weakness": "yes", "pain_weeks": 30},
            {"pain_area": "both", "bladder_change": "yes"},
            {"pain_area": "mid_back", "walking_unsteady": "yes"},
        ),
        spares=(
            {"pain_area": "lower_back", "both_legs": "yes", "leg_numbness": "yes"},
            {"pain_area": "mid_back", "leg_weakness": "yes"},
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
        id="weakness_worsening_both_legs",
        category=Category.PROGRESSIVE_DEFICIT,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=All(Yes("leg_weakness"), Yes("weakness_worsening"), Yes("both_legs")),
        source="ACP 2007 recommendation 3 (severe or progressive deficit); Chou 2011; reference §2 RF_MOTOR",
        criterion="Progressive motor deficit in both legs: emergency (RF_MOTOR).",
        if_unanswered=Urgency.SOON,
        fires=({"leg_weakness": "yes", "weakness_worsening": "yes", "both_legs": "yes", "pain_weeks": 30},),
        spares=({"leg_weakness": "yes", "weakness_worsening": "yes"},),
    ),
    Rule(
        id="weakness_worsening",
        category=Category.PROGRESSIVE_DEFICIT,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(Yes("leg_weakness"), AnyOf(Yes("weakness_worsening"), Yes("foot_drop"))),
        source=f"ACP 2007 recommendation 3; {CHOU_2011} (prompt MRI for severe or progressive motor deficit)",
        criterion="Chou 2011: severe or progressive motor deficit -> prompt MRI.",
        if_unanswered=Urgency.SOON,
        differs="A new foot drop counts as a severe deficit on its own (rule review: it was 'soon').",
        fires=({"leg_weakness": "yes", "weakness_worsening": "yes"}, {"leg_weakness": "yes", "foot_drop": "yes"}),
        spares=({"leg_weakness": "yes", "foot_drop": "no"}, {"leg_numbness": "yes", "weakness_worsening": "yes"}),
    ),
    Rule(
        id="numbness_worsening",
        category=Category.PROGRESSIVE_DEFICIT,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=All(Yes("leg_numbness"), Yes("weakness_worsening")),
        source="ACP 2007 recommendation 3; Casazza, AFP 2012",
        criterion="Reference §8: numbness that is getting worse -> at least soon.",
        if_unanswered=Urgency.ROUTINE,
        fires=({"leg_numbness": "yes", "weakness_worsening": "yes"},),
        spares=({"leg_numbness": "yes"},),
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
