"""Cancer: known cancer with new back pain or nerve signs (NICE CG75/NG234), and cancer features without it (Chou 2011).

Each rule names its source and carries the cases that must and must not fire it (rules/model.py).
Its words for the patient are in the text catalogue (content/texts/), keyed by the rule id.
"""

from __future__ import annotations

from typing import Final

from backpain_cli.conditions import All, AtLeast, Some, Unless, Yes
from backpain_cli.levels import Category, Imaging, Urgency
from backpain_cli.rules.model import Rule
from backpain_cli.rules.triggers import ACR, CANCER_FEATURES, CANCER_NERVE_SIGN, CHOU_2011, LONG_STABLE_AND_SCANNED

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        id="cancer_with_nerve_signs",
        category=Category.CANCER,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=All(Yes("cancer_history"), CANCER_NERVE_SIGN),
        source="NICE CG75 1.3 (symptoms of spinal metastases and cord compression: immediate action); NG234",
        criterion=(
            "CG75: radicular pain or any neurological symptom in someone with cancer -> immediate contact "
            "(oncological emergency)."
        ),
        if_unanswered=Urgency.SOON,
        differs="Radicular leg pain and band pain now count (rule review: they gave 'urgent').",
        fires=(
            {"cancer_history": "yes", "leg_weakness": "yes"},
            {"cancer_history": "yes", "leg_pain_below_knee": "yes"},
            {"cancer_history": "yes", "band_pain": "yes"},
        ),
        spares=({"cancer_history": "yes"}, {"leg_weakness": "yes"}),
    ),
    Rule(
        id="cancer_history",
        category=Category.CANCER,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=Yes("cancer_history"),
        source=f"NICE CG75 1.3 (contact within 24 hours) / NG234 (MRI within 1 week); {ACR} variant 7; Chou 2011",
        criterion=(
            "CG75: known cancer with new spinal pain -> contact the cancer team within 24 hours; MRI within a week."
        ),
        if_unanswered=Urgency.SOON,
        fires=({"cancer_history": "yes"},),
        spares=({"weight_loss": "yes"},),
        explains_xray_limits=True,
    ),
    Rule(
        id="cancer_suspected",
        category=Category.CANCER,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=All(
            Some(2, *CANCER_FEATURES),
            Unless(All(LONG_STABLE_AND_SCANNED, Unless(Yes("weight_loss")), Unless(Yes("pain_worsening")))),
        ),
        source=f"{CHOU_2011}; NICE CKS; {ACR} variant 7; Downie, BMJ 2013",
        criterion=(
            "Chou 2011 / CKS: several features together (age over 50, unexplained weight loss, no improvement "
            "after about a month, night pain, thoracic pain, progressive pain) -> check within days: X-ray and "
            "blood tests, MRI if suspicion stays."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "No improvement counts from about a month (it was 6 weeks); mid-back pain counts over 50 (CKS); "
            "night pain that fits the inflammatory pattern does not count."
        ),
        fires=(
            {"weight_loss": "yes", "age": 60},
            {"night_pain": "yes", "age": 55},
            {"weight_loss": "yes", "night_pain": "yes", "age": 30},
            {"night_pain": "yes", "treatment_no_better": "yes", "pain_weeks": 4, "age": 30},
            {"pain_area": "mid_back", "age": 55},
            {"pain_worsening": "yes", "age": 55},
        ),
        spares=(
            {"weight_loss": "yes", "age": 40},
            {"night_pain": "yes", "age": 40},
            {"night_pain": "yes", "treatment_no_better": "yes", "pain_weeks": 3, "age": 30},
            {"night_pain": "yes", "age": 60, "pain_weeks": 300, "previous_imaging": ["mri"]},
            {"pain_area": "mid_back", "age": 50},
            {
                "night_pain": "yes",
                "better_with_exercise": "yes",
                "treatment_no_better": "yes",
                "age": 30,
                "pain_weeks": 20,
            },
        ),
        explains_xray_limits=True,
    ),
    Rule(
        id="weight_loss",
        category=Category.CANCER,
        urgency=Urgency.ROUTINE,
        imaging=Imaging.NONE,
        when=Yes("weight_loss"),
        source="Chou et al., ACP 2011; Downie, BMJ 2013 (a single weak flag: review at about 4 weeks)",
        criterion="A single weak cancer flag: routine, review at about 4 weeks.",
        if_unanswered=Urgency.ROUTINE,
        fires=({"weight_loss": "yes", "age": 30},),
        spares=({"night_pain": "yes"},),
    ),
    Rule(
        id="weight_loss_over_60",
        category=None,
        urgency=Urgency.SOON,
        imaging=Imaging.NONE,
        when=All(Yes("weight_loss"), AtLeast("age", 60)),
        source=(
            "NICE NG12 (suspected cancer: pancreatic cancer at 60 and over with weight loss and back pain; "
            "myeloma at 60 and over with back pain)"
        ),
        criterion=(
            "NG12: 60 and over with weight loss and back pain: consider an urgent CT of the abdomen (within 2 "
            "weeks); 60 and over with back pain: blood tests for myeloma."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs="The tests are offered as questions to ask the doctor; the spine imaging comes from the other rules.",
        fires=({"weight_loss": "yes", "age": 60},),
        spares=({"weight_loss": "yes", "age": 59}, {"age": 70}),
    ),
    Rule(
        id="pain_worsening",
        category=Category.CANCER,
        urgency=Urgency.ROUTINE,
        imaging=Imaging.NONE,
        when=Yes("pain_worsening"),
        source=(
            "NICE CKS (progressive pain as a red flag); IFOMPT framework; Chou 2011 (single flag: review at about a "
            "month)"
        ),
        criterion="Progressive pain is one cancer feature; alone it is a weak flag (review at about a month).",
        if_unanswered=Urgency.ROUTINE,
        fires=({"pain_worsening": "yes", "age": 30},),
        spares=({"night_pain": "yes", "age": 30},),
    ),
)
