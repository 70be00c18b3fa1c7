"""The conditions several rules share (clinical reference §2, §6, §8), and the sources they cite most."""

from __future__ import annotations

from typing import Final

from backpain_cli.conditions import All, AnyOf, AtLeast, Below, Certainly, No, OneOf, OnsetBefore, Some, Unless, Yes

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


# ---- the finer questions of rule set 2027.1 and the broad keys they refine (policy.REFINED)
# Broad questions of earlier banks and the finer ones that ask the same thing in parts.
REFINES: Final[dict[str, tuple[str, ...]]] = {
    "weakness_worsening": ("weakness_getting_worse", "numbness_spreading"),
    "fever": ("fever_or_chills", "night_sweats"),
    "pregnant_or_postpartum": ("pregnant_now", "birth_last_6_months"),
    "recent_infection": ("infection_elsewhere", "spinal_procedure"),
    "treatment_no_better": ("treatment_not_helping",),
}


# A broad "yes" counts for each finer key it could stand for, unless that finer key is answered "no"
# and another finer answer explains the "yes": an old answer file triages as cautiously as before, a
# new one as exactly as it can, and a file whose finer answers all deny its broad "yes" (it
# contradicts itself) is read the cautious way: the "yes" counts for each.
def refined(finer: str, broad: str) -> AnyOf:
    """The finer answer, or the broad one it refines (unless the finer one is a certain no and a
    sibling finer answer is a certain yes that explains the broad one)."""
    siblings = tuple(Yes(key) for key in REFINES[broad] if key != finer)
    explained = All(No(finer), AnyOf(*siblings))
    return AnyOf(Yes(finer), All(Yes(broad), Unless(explained)))


FEVER = refined("fever_or_chills", "fever")
PREGNANT = refined("pregnant_now", "pregnant_or_postpartum")
RECENT_BIRTH = refined("birth_last_6_months", "pregnant_or_postpartum")
INFECTION_ELSEWHERE = refined("infection_elsewhere", "recent_infection")
SPINAL_PROCEDURE = refined("spinal_procedure", "recent_infection")
# Getting worse: weakness and numbness apart (the old question asked both at once).
WEAKNESS_WORSE = All(Yes("leg_weakness"), refined("weakness_getting_worse", "weakness_worsening"))
NUMBNESS_WORSE = All(Yes("leg_numbness"), refined("numbness_spreading", "weakness_worsening"))
# The answers that say a leg symptom is getting worse (a "not sure" there is a doubt about progress).
WORSENING_KEYS = frozenset({"weakness_getting_worse", "numbness_spreading", "weakness_worsening"})
# The answers that say there is a deficit in the legs at all (a "not sure" there is a doubt about the sign).
DEFICIT_KEYS = frozenset({"leg_weakness", "leg_numbness", "weakness_both_legs", "numbness_both_legs"})
# Certainly not getting worse (a doubt never counts as stable): no such symptom, or a "no".
# (A broad "no" to the old question has already answered the finer ones: policy.implied.)
WEAKNESS_STABLE = AnyOf(No("leg_weakness"), No("weakness_getting_worse"))
NUMBNESS_STABLE = AnyOf(No("leg_numbness"), No("numbness_spreading"))
# GIRFT: new means within the last 14 days; a time not given counts as "maybe new".
LEG_SYMPTOMS_NEW = Below("leg_symptoms_weeks", 3)
# Which symptom is in both legs: the finer answer narrows "both legs" only when it is a certain no.
SYMPTOMS_IN_BOTH_LEGS = All(Yes("both_legs"), ANY_LEG_SYMPTOM)
WEAKNESS_IN_BOTH_LEGS = All(Yes("both_legs"), Yes("leg_weakness"), Unless(No("weakness_both_legs")))
NUMBNESS_IN_BOTH_LEGS = All(Yes("both_legs"), Yes("leg_numbness"), Unless(No("numbness_both_legs")))
# A scan that shows the nerves and the spinal canal (an X-ray does not) was done for this pain.
NERVES_SCANNED = OneOf("previous_imaging", frozenset({"mri", "ct"}))
# Years of stable pain already looked at with a scan.
LONG_STABLE_AND_SCANNED = All(AtLeast("pain_weeks", 52), NERVES_SCANNED)
# Leg symptoms known to be older than 14 days: the time given, or (old answer files, which never
# asked it) over a year of scanned back pain, unless the leg symptoms are known to be new.
LEG_SYMPTOMS_OLD = AnyOf(
    AtLeast("leg_symptoms_weeks", 3),
    All(LONG_STABLE_AND_SCANNED, Unless(LEG_SYMPTOMS_NEW)),
)
# Symptoms in both legs known to be older than 14 days and not getting worse (GIRFT's urgent, not
# emergency, route). Only certain answers count.
BOTH_LEGS_STABLE = Certainly(All(LEG_SYMPTOMS_OLD, WEAKNESS_STABLE, NUMBNESS_STABLE))

# Something has changed since an earlier scan for this pain: it is getting worse, new leg symptoms
# (not known to be older than 14 days), or a new fall or injury.
SOMETHING_CHANGED = AnyOf(
    Yes("pain_worsening"),
    Yes("weakness_getting_worse"),
    Yes("numbness_spreading"),
    Yes("weakness_worsening"),
    Yes("minor_trauma"),
    Yes("major_trauma"),
    # leg symptoms not known to be old (LEG_SYMPTOMS_OLD reads old answer files as well)
    All(ANY_LEG_SYMPTOM, Unless(LEG_SYMPTOMS_OLD)),
)

INFECTION_RISK = AnyOf(Yes("iv_drug_use"), Yes("immune_suppression"), INFECTION_ELSEWHERE, SPINAL_PROCEDURE)
# Diabetes raises the chance of infection but, alone, is no reason to suspect one (rule review).
INFECTION_RISK_OR_DIABETES = AnyOf(INFECTION_RISK, Yes("diabetes"))
SEPSIS_CONTEXT = AnyOf(FEVER, INFECTION_RISK_OR_DIABETES, Yes("urinary_pain"))
# Chou 2011: failure to improve after about a month (4 weeks) of treatment. The old question asked
# about 6 weeks, which is more than a month: its "yes" counts too.
TREATMENT_NOT_HELPING = AnyOf(Yes("treatment_not_helping"), Yes("treatment_no_better"))
NO_BETTER_AFTER_A_MONTH = All(TREATMENT_NOT_HELPING, AtLeast("pain_weeks", 4))
NO_BETTER_AFTER_6_WEEKS = All(TREATMENT_NOT_HELPING, AtLeast("pain_weeks", 6))
# Fragility fracture risk factors that count whatever the pain's duration (ACR 2021 variant 6;
# Downie 2013: prolonged steroids 33% post-test probability). Height loss counts from 50 on.
STRONG_FRAGILITY_RISK = AnyOf(
    Yes("osteoporosis"),
    Yes("steroid_use"),
    All(Yes("height_loss"), AtLeast("age", 50)),
)
# Older age: Chou 2011 uses older than 65 (men) and 75 (women); Henschke 2009 older than 70. With
# no sex asked, the lower age: older than 65. Alone it is a weak flag (Downie 2013: 9%), and
# imaging waits for about a month (Chou 2011; Jarvik 2015); see rule fracture_risk.
OLDER_AGE = AtLeast("age", 66)
FRAGILITY_RISK = AnyOf(STRONG_FRAGILITY_RISK, OLDER_AGE)
# What makes a fracture likely at an older age alone: a minor fall or strain, no better after a
# month's trial of treatment (Chou 2011: older age -> defer imaging until after a trial of about a
# month), pain that keeps getting worse, or height loss. Pain that has simply lasted, years of it
# included, is not a trigger: a fracture is a new pain, and a month's trial is what Chou defers to.
OLDER_AGE_TRIGGER = AnyOf(
    Yes("minor_trauma"),
    NO_BETTER_AFTER_A_MONTH,
    Yes("pain_worsening"),
    Yes("height_loss"),
)
FRAGILITY = AnyOf(STRONG_FRAGILITY_RISK, All(OLDER_AGE, OLDER_AGE_TRIGGER))
# Fracture risk around pregnancy and birth (pregnancy- and lactation-associated osteoporosis:
# heparin and steroids are the reported risk factors; vertebral fractures late in pregnancy and in
# the first months after the birth).
PREGNANCY_FRACTURE_RISK = AnyOf(Yes("heparin_injections"), Yes("steroid_use"), Yes("osteoporosis"))
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
# Years of the same, already-scanned pain with no sign of change: Chou 2011 gives no new imaging for
# previous imaging with no change in clinical status, and known cancer with *new* back pain is the
# cancer alarm. Only certain answers count.
KNOWN_UNCHANGED_PAIN = Certainly(
    All(
        LONG_STABLE_AND_SCANNED,
        No("pain_worsening"),
        No("night_pain"),
        No("weight_loss"),
        OneOf("pain_area", frozenset({"lower_back"})),
    )
)
# Cancer features without known cancer (Chou 2011 Table 2; NICE CKS; reference §8).
CANCER_FEATURES = (
    Yes("weight_loss"),
    All(Yes("night_pain"), Unless(INFLAMMATORY_PATTERN)),
    AtLeast("age", 51),
    NO_BETTER_AFTER_A_MONTH,
    Yes("pain_worsening"),
    All(MID_BACK, AtLeast("age", 51)),
    Yes("night_sweats"),
)
# Neurogenic claudication, read only where the question is asked (age 50 on, or leg symptoms).
CLAUDICATION = All(Yes("leg_pain_walking"), AnyOf(AtLeast("age", 50), ANY_LEG_SYMPTOM))

GIRFT = "GIRFT national suspected cauda equina pathway (2023); NICE CKS Sciatica, red flags"
ACR = "ACR Appropriateness Criteria Low Back Pain 2021"
CHOU_2011 = "Chou et al., Ann Intern Med 2011 (ACP/APS imaging advice), Table 2"
