"""Cancer: known cancer with new back pain or nerve signs (NICE CG75/NG234), and cancer features without it (Chou 2011).

Each rule names its source and carries the cases that must and must not fire it (rules/model.py).
Its words for the patient are in the text catalogue (content/texts/), keyed by the rule id.
"""

from __future__ import annotations

from typing import Final

from backpain_cli.conditions import All, AtLeast, Some, Unless, Yes
from backpain_cli.levels import Category, Imaging, Urgency
from backpain_cli.rules.model import Rule
from backpain_cli.rules.triggers import (
    ACR,
    CANCER_FEATURES,
    CANCER_NERVE_SIGN,
    CHOU_2011,
    KNOWN_UNCHANGED_PAIN,
    LONG_STABLE_AND_SCANNED,
)

# Years of the same, already scanned pain after cancer, with nothing new: the case that tells the
# urgent cancer rule and its routine companion apart (one spares it, the other fires on it).
UNCHANGED_PAIN_AFTER_CANCER: Final = {
    "cancer_history": "yes",
    "pain_weeks": 200,
    "previous_imaging": ["mri"],
    "pain_worsening": "no",
    "night_pain": "no",
    "weight_loss": "no",
    "pain_area": "lower_back",
}

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
        when=All(Yes("cancer_history"), Unless(KNOWN_UNCHANGED_PAIN)),
        source=f"NICE CG75 1.3 (contact within 24 hours) / NG234 (MRI within 1 week); {ACR} variant 7; Chou 2011",
        criterion=(
            "CG75: patients with cancer and new spinal pain suggestive of metastases (thoracic, progressive, severe "
            "unremitting, night pain) -> contact the cancer team within 24 hours; MRI within a week. Chou 2011: "
            "history of cancer with new onset of back pain."
        ),
        if_unanswered=Urgency.SOON,
        differs=(
            "Any back pain in someone with cancer counts unless it is known to be years old, already scanned and "
            "unchanged (next rule). A 'not sure' about the cancer beside a sign steps down (doubt policy). Chou's "
            "table may pair this row with an X-ray and ESR first (secondary reproductions disagree); the MRI follows "
            "NG234 and ACR V7."
        ),
        fires=(
            {"cancer_history": "yes"},
            {"cancer_history": "yes", "pain_weeks": 200, "previous_imaging": ["mri"], "night_pain": "unsure"},
        ),
        spares=(
            {"weight_loss": "yes"},
            UNCHANGED_PAIN_AFTER_CANCER,
        ),
        explains_xray_limits=True,
    ),
    Rule(
        id="cancer_history_unchanged_pain",
        category=None,
        urgency=Urgency.ROUTINE,
        imaging=Imaging.NONE,
        when=All(Yes("cancer_history"), KNOWN_UNCHANGED_PAIN),
        source=f"{CHOU_2011} (previous spinal imaging with no change in clinical status: no imaging); NICE CG75",
        criterion=(
            "Chou 2011: previous spinal imaging with no change in clinical status -> no new imaging; the cancer "
            "alarm is a history of cancer with new back pain."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Routine, not a red flag: no source sends years of the same, already scanned pain after cancer to a "
            "clinician sooner (CG75's contacts are for pain suggestive of spinal metastases: new, worsening, "
            "mid-back, at night). The words still ask the person to tell their cancer team or doctor at the next "
            "visit, and say what would make it urgent. Only certain answers count: a doubt keeps cancer_history."
        ),
        fires=(UNCHANGED_PAIN_AFTER_CANCER,),
        spares=(
            {"cancer_history": "yes", "pain_weeks": 200, "previous_imaging": ["mri"], "night_pain": "unsure"},
            {"cancer_history": "yes", "pain_weeks": 20, "previous_imaging": ["mri"]},
            {**UNCHANGED_PAIN_AFTER_CANCER, "pain_area": "mid_back"},
        ),
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
            "night pain that fits the inflammatory pattern does not count; night sweats count (CKS: systemic "
            "symptoms; asked apart from fever since rule set 2027.1)."
        ),
        fires=(
            {"weight_loss": "yes", "age": 60},
            {"night_pain": "yes", "age": 55},
            {"weight_loss": "yes", "night_pain": "yes", "age": 30},
            {"night_pain": "yes", "treatment_no_better": "yes", "pain_weeks": 4, "age": 30},
            {"pain_area": "mid_back", "age": 55},
            {"pain_worsening": "yes", "age": 55},
            {"night_sweats": "yes", "age": 55},
        ),
        spares=(
            {"weight_loss": "yes", "age": 40},
            {"night_sweats": "yes", "age": 40},
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
        id="myeloma_tests_over_60",
        category=None,
        urgency=Urgency.SOON,
        imaging=Imaging.NONE,
        when=All(
            AtLeast("age", 60),
            AtLeast("pain_weeks", 4),
            Unless(All(LONG_STABLE_AND_SCANNED, Unless(Yes("weight_loss")), Unless(Yes("pain_worsening")))),
        ),
        source="NICE NG12 1.10.1 (myeloma: 60 and over with persistent bone pain, particularly back pain)",
        criterion=(
            "NG12: offer a full blood count, calcium and plasma viscosity or ESR to people aged 60 and over with "
            "persistent bone pain, particularly back pain, or an unexplained fracture (weight loss not required)."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "'Persistent' is not defined by NG12: read as about a month (Chou 2011's point of reassessment). The "
            "tests are offered as questions to ask the doctor; no imaging follows from this rule. Years of pain "
            "already looked at with an MRI or CT (52 weeks or more) are not 'persistent' new bone pain (as for "
            "cancer_suspected). Wording checked only in secondary reproductions."
        ),
        fires=({"age": 60, "pain_weeks": 4}, {"age": 72, "pain_weeks": 30}),
        spares=(
            {"age": 59, "pain_weeks": 30},
            {"age": 70, "pain_weeks": 3},
            {"age": 70, "pain_weeks": 200, "previous_imaging": ["mri"]},
        ),
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
