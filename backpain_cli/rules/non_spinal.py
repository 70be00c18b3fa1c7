"""Causes outside the spine: the kidney, the aorta, the heart and belly, shingles.

Each rule names its source and carries the cases that must and must not fire it (rules/model.py).
Its words for the patient are in the text catalogue (content/texts/), keyed by the rule id.
"""

from __future__ import annotations

from typing import Final

from backpain_cli.conditions import All, Yes
from backpain_cli.levels import Category, Imaging, Urgency
from backpain_cli.rules.model import Rule
from backpain_cli.rules.triggers import (
    FEVER,
)

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        id="kidney_infection",
        category=Category.NON_SPINAL,
        urgency=Urgency.URGENT,
        imaging=Imaging.NONE,
        when=All(Yes("urinary_pain"), FEVER),
        source="Choosing Wisely (AAFP: pyelonephritis as a cause of back pain); reference §8",
        criterion="Urinary symptoms with fever, nothing pointing at the spine: likely kidney infection, same day.",
        if_unanswered=Urgency.SOON,
        fires=({"urinary_pain": "yes", "fever_or_chills": "yes"}, {"urinary_pain": "yes", "fever": "yes"}),
        spares=({"urinary_pain": "yes"}, {"fever_or_chills": "yes"}, {"urinary_pain": "yes", "night_sweats": "yes"}),
    ),
    Rule(
        id="urinary_symptoms",
        category=Category.NON_SPINAL,
        urgency=Urgency.SOON,
        imaging=Imaging.NONE,
        when=Yes("urinary_pain"),
        source="Choosing Wisely (AAFP); reference §8",
        criterion="Urinary symptoms without fever: soon, urine test.",
        if_unanswered=Urgency.ROUTINE,
        fires=({"urinary_pain": "yes"},),
        spares=({"bladder_change": "yes"},),
    ),
    Rule(
        id="belly_or_chest_pain",
        category=Category.NON_SPINAL,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.NONE,
        when=Yes("abdominal_or_chest_pain"),
        source="Choosing Wisely (ASA: aortic aneurysm); AAFP; reference §2 RF_NONSPINE",
        criterion=(
            "RF_NONSPINE: sudden severe abdominal or chest pain, faintness -> emergency. NICE CG95: current chest "
            "pain with a suspected acute coronary syndrome -> emergency referral."
        ),
        if_unanswered=Urgency.SOON,
        steps_down_when_unsure=False,
        differs=(
            "Rule set 2027.1: a 'not sure' stays an emergency (it stepped down to urgent, with no source for the "
            "step, while the safety net said to get help right away for exactly this)."
        ),
        fires=({"abdominal_or_chest_pain": "yes"},),
        spares=({"urinary_pain": "yes"},),
    ),
    Rule(
        id="aortic_tearing_pain",
        category=Category.NON_SPINAL,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.NONE,
        when=Yes("sudden_tearing_pain"),
        source="Reference §2 RF_NONSPINE (sudden tearing pain: aorta); Choosing Wisely (ASA: aortic aneurysm)",
        criterion="RF_NONSPINE: sudden tearing back or belly pain -> emergency.",
        if_unanswered=Urgency.ROUTINE,
        steps_down_when_unsure=False,
        differs=(
            "Not in first-contract files; the belly or chest question still screens for the aorta there. A 'not "
            "sure' stays an emergency, as for sudden belly or chest pain (NICE CG95)."
        ),
        fires=({"sudden_tearing_pain": "yes"},),
        spares=({"minor_trauma": "yes"},),
    ),
    Rule(
        id="shingles",
        category=Category.NON_SPINAL,
        urgency=Urgency.URGENT,
        imaging=Imaging.NONE,
        when=All(Yes("band_pain"), Yes("rash")),
        source=(
            "NICE CKS Shingles (antiviral treatment works best started within 72 hours of the rash) [not in the "
            "shared reference]"
        ),
        criterion="CKS Shingles: antivirals within 72 hours of rash onset, so be seen within a day.",
        if_unanswered=Urgency.ROUTINE,
        fires=({"band_pain": "yes", "rash": "yes"},),
        spares=({"rash": "yes"}, {"band_pain": "yes", "rash": "no"}),
    ),
    Rule(
        id="band_pain",
        category=Category.NON_SPINAL,
        urgency=Urgency.SOON,
        imaging=Imaging.NONE,
        when=Yes("band_pain"),
        source="Reference §2 note (d) (ask about trunk-band symptoms); NICE CKS Shingles (pain before the rash)",
        criterion="Trunk-band pain is unusual in mechanical back pain; in cancer it is a cord compression sign (CG75).",
        if_unanswered=Urgency.ROUTINE,
        differs="No source gives band pain alone a timeframe: 'soon' is this project's choice, logged in SAFETY.md.",
        fires=({"band_pain": "yes"},),
        spares=({"rash": "yes"},),
    ),
)
