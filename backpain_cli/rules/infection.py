"""Spinal infection and sepsis: fever, infection risk factors, infection after surgery (ACR V7; Chou 2011).

Each rule names its source and carries the cases that must and must not fire it (rules/model.py).
Its words for the patient are in the text catalogue (content/texts/), keyed by the rule id.
"""

from __future__ import annotations

from typing import Final

from backpain_cli.conditions import All, AnyOf, Unless, Yes
from backpain_cli.levels import Category, Imaging, Urgency
from backpain_cli.rules.model import Rule
from backpain_cli.rules.triggers import (
    ACR,
    CHOU_2011,
    INFECTION_RISK,
    INFECTION_RISK_OR_DIABETES,
    KIDNEY_EXPLAINS_FEVER,
    NERVE_SIGN,
    SEPSIS_CONTEXT,
)

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        id="infection_with_nerve_signs",
        category=Category.INFECTION,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=All(AnyOf(Yes("fever"), All(INFECTION_RISK_OR_DIABETES, Yes("feel_unwell"))), NERVE_SIGN),
        source=f"{ACR} variant 7; {CHOU_2011}; reference §2 RF_INFECT (emergency with a deficit)",
        criterion=(
            "Suspected spinal infection (fever, or a risk factor and feeling very unwell) with a neurological "
            "deficit: emergency."
        ),
        if_unanswered=Urgency.SOON,
        differs=(
            "A risk factor with leg tingling but no fever or illness is no longer an emergency (Chou 2011 pairs "
            "infection imaging with fever)."
        ),
        fires=(
            {"fever": "yes", "leg_weakness": "yes"},
            {"iv_drug_use": "yes", "feel_unwell": "yes", "leg_numbness": "yes"},
        ),
        spares=(
            {"fever": "yes"},
            {"iv_drug_use": "yes", "leg_numbness": "yes"},
            {"recent_infection": "yes", "leg_numbness": "yes"},
        ),
    ),
    Rule(
        id="sepsis_signs",
        category=Category.INFECTION,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.NONE,
        when=All(Yes("feel_unwell"), SEPSIS_CONTEXT),
        source="Reference §2 RF_INFECT (emergency if very unwell); NICE CKS",
        criterion="RF_INFECT: suspected infection and very unwell -> emergency.",
        if_unanswered=Urgency.ROUTINE,
        differs="Asked only when there is a fever, urine symptoms or an infection risk, so it is read only there.",
        fires=({"feel_unwell": "yes", "fever": "yes"}, {"feel_unwell": "yes", "diabetes": "yes"}),
        spares=({"feel_unwell": "yes"}, {"fever": "yes"}),
    ),
    Rule(
        id="infection_fever",
        category=Category.INFECTION,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(Yes("fever"), Unless(KIDNEY_EXPLAINS_FEVER)),
        source=f"{CHOU_2011}; {ACR} variant 7; NICE CKS",
        criterion="Fever with back pain: suspected spinal infection, same-day assessment, MRI with contrast.",
        if_unanswered=Urgency.SOON,
        fires=(
            {"fever": "yes"},
            {"fever": "yes", "urinary_pain": "yes", "iv_drug_use": "yes"},
            {"fever": "yes", "urinary_pain": "unsure"},
        ),
        spares=({"fever": "yes", "urinary_pain": "yes"},),
    ),
    Rule(
        id="infection_risk",
        category=Category.INFECTION,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=INFECTION_RISK,
        source=f"{ACR} variant 7 (immunosuppression); {CHOU_2011}; NICE CKS",
        criterion="A risk factor without fever: soon; ACR V7 rates MRI for immunosuppression.",
        if_unanswered=Urgency.ROUTINE,
        differs="Diabetes alone does not fire this rule: no source here gives it a timeframe without fever or illness.",
        fires=({"iv_drug_use": "yes"}, {"immune_suppression": "yes"}, {"recent_infection": "yes"}),
        spares=({"fever": "yes"}, {"diabetes": "yes"}),
    ),
    Rule(
        id="infection_after_surgery",
        category=Category.INFECTION,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(Yes("back_surgery_before"), Yes("fever")),
        source=f"{ACR} variant 5; reference §2 RF_POSTOP",
        criterion="RF_POSTOP: after lumbar surgery, with fever -> urgent.",
        if_unanswered=Urgency.SOON,
        fires=({"back_surgery_before": "yes", "fever": "yes", "urinary_pain": "yes"},),
        spares=({"back_surgery_before": "yes"},),
    ),
)
