"""The conditions several rules share (clinical reference §2, §6, §8), and the sources they cite most."""

from __future__ import annotations

from backpain_cli.conditions import All, AnyOf, AtLeast, Below, No, OneOf, OnsetBefore, Some, Unless, Yes

CES_SIGN = AnyOf(Yes("saddle_numbness"), Yes("bladder_change"), Yes("bowel_control_loss"))
LEG_DEFICIT = AnyOf(Yes("leg_weakness"), Yes("leg_numbness"))
LEG_SYMPTOM = AnyOf(Yes("leg_pain_below_knee"), Yes("leg_numbness"))
ANY_LEG_SYMPTOM = AnyOf(Yes("leg_pain_below_knee"), Yes("leg_numbness"), Yes("leg_weakness"))
# Clumsy hands are asked, and read, only beside unsteady walking or a numb or weak leg.
HANDS_CLUMSY = All(Yes("hands_clumsy"), AnyOf(Yes("walking_unsteady"), LEG_DEFICIT))
CORD_SIGN = AnyOf(Yes("walking_unsteady"), HANDS_CLUMSY)
NERVE_SIGN = AnyOf(LEG_DEFICIT, CES_SIGN, Yes("walking_unsteady"))
# CG75: in someone with cancer, radicular pain (down a leg or round the trunk) or any
# neurological symptom is a possible sign of metastatic spinal cord compression.
CANCER_NERVE_SIGN = AnyOf(NERVE_SIGN, Yes("leg_pain_below_knee"), Yes("band_pain"), HANDS_CLUMSY)
MID_BACK = OneOf("pain_area", frozenset({"mid_back", "both"}))
INFECTION_RISK = AnyOf(Yes("iv_drug_use"), Yes("immune_suppression"), Yes("recent_infection"))
# Diabetes raises the chance of infection but, alone, is no reason to suspect one (rule review).
INFECTION_RISK_OR_DIABETES = AnyOf(INFECTION_RISK, Yes("diabetes"))
SEPSIS_CONTEXT = AnyOf(Yes("fever"), INFECTION_RISK_OR_DIABETES, Yes("urinary_pain"))
# Chou 2011: failure to improve after about a month (4 weeks) of treatment.
NO_BETTER_AFTER_A_MONTH = All(Yes("treatment_no_better"), AtLeast("pain_weeks", 4))
NO_BETTER_AFTER_6_WEEKS = All(Yes("treatment_no_better"), AtLeast("pain_weeks", 6))
# Fragility fracture risk: Chou 2011 uses older than 65 (men) and 75 (women); Henschke 2009 older
# than 70. With no sex asked, the lower age: older than 65. Height loss counts from 50 on.
FRAGILITY_RISK = AnyOf(
    Yes("osteoporosis"),
    Yes("steroid_use"),
    AtLeast("age", 66),
    All(Yes("height_loss"), AtLeast("age", 50)),
)
# What makes a fracture likely in someone at risk: new pain, a minor fall or strain, pain that is
# not settling, or height loss (ACR 2021 variant 6; reference §2 RF_FX_FRAG).
FRAGILITY_TRIGGER = AnyOf(
    Below("pain_weeks", 6),
    Yes("minor_trauma"),
    NO_BETTER_AFTER_A_MONTH,
    Yes("pain_worsening"),
    Yes("height_loss"),
)
FRAGILITY = All(FRAGILITY_RISK, FRAGILITY_TRIGGER)
# Inflammatory back pain, counted as each source counts (reference §6). Both need back pain for
# more than 3 months (13 weeks) that began before 45.
# ASAS (Sieper 2009): 4 of 5 - onset before 40, gradual onset, better with exercise, not better
# with rest, night pain. "Better with exercise but not with rest" is two of the five; gradual
# onset is not asked, so onset before 40 plus both answers is 4 of 5.
ASAS_IBP = All(OnsetBefore(40), Yes("better_with_exercise"), Yes("night_pain"))
# NICE NG65: 4 or more of its list (3 with a positive HLA-B27). Asked here: onset before 35,
# waking at night, better with movement, psoriasis or a family history (in spa_related_condition).
NG65_FEATURES = (OnsetBefore(35), Yes("night_pain"), Yes("better_with_exercise"), Yes("spa_related_condition"))
INFLAMMATORY_PATTERN = All(
    AtLeast("pain_weeks", 13),
    OnsetBefore(45),
    AnyOf(ASAS_IBP, Some(3, *NG65_FEATURES)),
)
# A kidney infection explains a fever by itself, but only when nothing points at the spine.
KIDNEY_EXPLAINS_FEVER = All(
    Yes("urinary_pain"),
    Unless(INFECTION_RISK_OR_DIABETES),
    Unless(Yes("back_surgery_before")),
    Unless(NERVE_SIGN),
    Unless(Yes("feel_unwell")),
)
# Years of stable pain already looked at with a scan, with no weight loss: not a cancer alarm.
LONG_STABLE_AND_SCANNED = All(AtLeast("pain_weeks", 52), OneOf("previous_imaging", frozenset({"mri", "ct"})))
# Leg symptoms known to be long-standing and unchanged (reference §8): over a year of pain, a
# scan already done, no weakness, and a clear "no" to getting worse. Only certain answers count.
LONG_STANDING_LEGS = All(
    LONG_STABLE_AND_SCANNED,
    No("leg_weakness"),
    AnyOf(No("weakness_worsening"), No("leg_numbness")),  # not asked when nothing is numb or weak
)
# Cancer features without known cancer (Chou 2011 Table 2; NICE CKS; reference §8).
CANCER_FEATURES = (
    Yes("weight_loss"),
    All(Yes("night_pain"), Unless(INFLAMMATORY_PATTERN)),
    AtLeast("age", 51),
    NO_BETTER_AFTER_A_MONTH,
    Yes("pain_worsening"),
    All(MID_BACK, AtLeast("age", 51)),
)
# Neurogenic claudication, read only where the question is asked (age 50 on, or leg symptoms).
CLAUDICATION = All(Yes("leg_pain_walking"), AnyOf(AtLeast("age", 50), ANY_LEG_SYMPTOM))

GIRFT = "GIRFT national suspected cauda equina pathway (2023); NICE CKS Sciatica, red flags"
ACR = "ACR Appropriateness Criteria Low Back Pain 2021"
CHOU_2011 = "Chou et al., Ann Intern Med 2011 (ACP/APS imaging advice), Table 2"
