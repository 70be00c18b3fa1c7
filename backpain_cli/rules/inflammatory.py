"""Inflammatory back pain (axial spondyloarthritis), counted as ASAS and NICE NG65 count it.

Each rule names its source and carries the cases that must and must not fire it (rules/model.py).
Its words for the patient are in the text catalogue (content/texts/), keyed by the rule id.
"""

from __future__ import annotations

from typing import Final

from backpain_cli.levels import Category, Imaging, Urgency
from backpain_cli.rules.model import Rule
from backpain_cli.rules.triggers import (
    INFLAMMATORY_PATTERN,
)

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        id="inflammatory_back_pain",
        category=Category.INFLAMMATORY,
        urgency=Urgency.SOON,
        imaging=Imaging.NONE,
        when=INFLAMMATORY_PATTERN,
        source=(
            "ASAS criteria (Sieper 2009); NICE NG65 (referral criteria for suspected axial spondyloarthritis); Chou "
            "2011"
        ),
        criterion=(
            "NG65: back pain over 3 months, onset before 45, and 4 of its criteria (3 with a positive HLA-B27) "
            "-> rheumatology referral. ASAS: 4 of 5 features with onset before 40."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Only buttock pain, NSAID response, arthritis and enthesitis are not asked; with 3 of the 4 NG65 "
            "features asked the rule fires and names the HLA-B27 test. Morning stiffness is not counted."
        ),
        fires=(
            {"age": 30, "pain_weeks": 26, "night_pain": "yes", "better_with_exercise": "yes"},
            {
                "age": 32,
                "pain_weeks": 26,
                "better_with_exercise": "yes",
                "spa_related_condition": "yes",
                "night_pain": "no",
            },
        ),
        spares=(
            {"age": 60, "pain_weeks": 26, "night_pain": "yes", "better_with_exercise": "yes"},
            {"age": 30, "pain_weeks": 12, "night_pain": "yes", "better_with_exercise": "yes"},
            {"age": 30, "pain_weeks": 26, "morning_stiffness": "yes", "better_with_exercise": "yes"},
        ),
    ),
)
