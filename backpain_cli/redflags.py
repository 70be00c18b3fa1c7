"""The red-flag rules: one declarative table, each rule with its source, its words and its cases.

Built from the clinical reference shared with the project (§2 red-flag table, §3 imaging, §6
inflammatory back pain, §8 decision rules). A clinician reviews this file; keep each rule's
trigger, urgency, imaging and source together, and give every change its own cases.

Rules with a ``category`` are red flags. Rules without one are care pathways (sciatica that has
lasted, symptoms after back surgery): they can set urgency and imaging but are not red flags.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from backpain_cli.answers import ANSWER_KEYS, SYMPTOM_KEYS
from backpain_cli.conditions import (
    NO,
    All,
    AnyOf,
    AtLeast,
    Below,
    Condition,
    No,
    OneOf,
    OnsetBefore,
    Some,
    Unless,
    Yes,
)
from backpain_cli.levels import Category, Imaging, Urgency

RULES_VERSION: Final = "2026.12.1"

Case = Mapping[str, object]


@dataclass(frozen=True, eq=False)  # a rule is itself: compared and hashed by identity
class Rule:
    """One rule: when it fires, how urgent it is, what imaging fits, and why, in plain words."""

    id: str
    title: str
    category: Category | None
    urgency: Urgency
    imaging: Imaging
    when: Condition
    source: str
    explanation: str
    imaging_reason: str
    # The source's criterion in our words, for the sign-off review (docs/rule-review.md).
    criterion: str
    # The least urgency this rule asks for when it cannot be ruled out because answers it reads
    # were left unanswered (CONTRACT.md: unanswered is never "no"). ROUTINE means: no floor, but
    # the result still lists the questions that could change it.
    if_unanswered: Urgency
    fires: tuple[Case, ...]
    spares: tuple[Case, ...]
    # True when ``imaging_reason`` already says what an X-ray cannot show, so a summary for
    # someone who had an X-ray needs no separate note about its limits (see needs_xray_note).
    explains_xray_limits: bool = False
    # How and why the rule differs from its source, if it does (docs/rule-review.md).
    differs: str = ""
    # A rule resting on one lone "not sure" steps down one level (reference §8), except where the
    # source says doubt must still be treated as the sign itself (cauda equina: GIRFT).
    steps_down_when_unsure: bool = True
    # Yes/no keys of which one must be yes or unsure before the rule can fire (None: no such
    # set). Derived from ``when``, so triage can skip rules that cannot hold without evaluating them.
    needs: frozenset[str] | None = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs", self.when.needs())

    @property
    def is_red_flag(self) -> bool:
        return self.category is not None


# ----------------------------------------------------------------------------- shared triggers

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

RULES: Final[tuple[Rule, ...]] = (
    # ------------------------------------------------------------ cauda equina and spinal cord
    Rule(
        id="ces_saddle_bladder_bowel",
        title="Possible cauda equina syndrome",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=CES_SIGN,
        source=f"{GIRFT}; {ACR} variant 4; Chou et al., ACP 2011",
        explanation=(
            "Numbness around the private parts or bottom, or a change in how your bladder or bowels work, "
            "can mean the nerves at the bottom of your spine are being squeezed. This is called cauda equina "
            "syndrome. Treatment within hours can stop lasting harm, so it must be ruled out quickly."
        ),
        imaging_reason="An emergency MRI is the scan that shows these nerves. An X-ray cannot show them.",
        criterion=(
            "GIRFT: any new bladder, bowel or saddle (including genital) sensory change with back pain is "
            "suspected cauda equina: same-day emergency department; if in doubt, refer."
        ),
        if_unanswered=Urgency.SOON,
        steps_down_when_unsure=False,
        differs=(
            "A 'not sure' does not step down here: GIRFT sends suspected cauda equina to the emergency "
            "department and says to refer when in doubt. Unanswered raises the floor to soon and lists it."
        ),
        fires=(
            {"saddle_numbness": "yes"},
            {"bladder_change": "yes"},
            {"bowel_control_loss": "yes"},
            {"bladder_change": "unsure"},
        ),
        spares=({"leg_pain_below_knee": "yes"}, {"urinary_pain": "yes"}, {"sexual_function_change": "yes"}),
        explains_xray_limits=True,
    ),
    Rule(
        id="ces_sexual_function",
        title="New trouble with sex",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=Yes("sexual_function_change"),
        source="GIRFT national suspected cauda equina pathway (sexual symptoms alone are less specific); NICE CKS",
        explanation=(
            "New trouble with erections or reaching a climax can come from the nerves at the bottom of the "
            "spine. On its own it is rarely an emergency, but a clinician should check it. Numbness around "
            "your private parts or bottom, or bladder or bowel changes, would make it an emergency."
        ),
        imaging_reason="An MRI shows the nerves at the bottom of the spine, if your clinician thinks it is needed.",
        criterion="GIRFT: back pain whose only other feature is sexual dysfunction is unlikely to be cauda equina.",
        if_unanswered=Urgency.ROUTINE,
        differs="Genital numbness is asked with saddle numbness (an emergency sign), not here.",
        fires=({"sexual_function_change": "yes"},),
        spares=({"saddle_numbness": "no"},),
    ),
    Rule(
        id="ces_both_legs_new_pain",
        title="Pain or numbness in both legs",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(Yes("both_legs"), ANY_LEG_SYMPTOM, Unless(LONG_STANDING_LEGS)),
        source=f"{GIRFT} (bilateral sciatica added as a warning sign in 2018)",
        explanation=(
            "Pain, numbness or tingling going down both legs can be an early warning sign that the nerves "
            "at the bottom of the spine are under pressure. A clinician should examine you to check."
        ),
        imaging_reason="If the check finds signs of nerve pressure, an MRI is the scan that shows it.",
        criterion=(
            "GIRFT/CKS: bilateral radicular symptoms are a cauda equina warning sign, whatever the back "
            "pain's duration; same-day assessment."
        ),
        if_unanswered=Urgency.SOON,
        differs=(
            "The old 12-week window is gone: the back pain's duration says nothing about when the leg "
            "symptoms began. Only long-standing, scanned, unchanged symptoms step down (next rule)."
        ),
        fires=(
            {"leg_pain_below_knee": "yes", "both_legs": "yes", "pain_weeks": 3},
            {"leg_pain_below_knee": "yes", "both_legs": "yes", "pain_weeks": 12},
            {"leg_numbness": "yes", "both_legs": "yes", "pain_weeks": 60, "weakness_worsening": "no"},
            {
                "leg_numbness": "yes",
                "both_legs": "yes",
                "pain_weeks": 60,
                "previous_imaging": ["mri"],
                "weakness_worsening": "unsure",
            },
        ),
        spares=(
            {
                "leg_pain_below_knee": "yes",
                "both_legs": "yes",
                "pain_weeks": 60,
                "previous_imaging": ["mri"],
                "weakness_worsening": "no",
                "leg_weakness": "no",
            },
            {"leg_pain_below_knee": "yes", "pain_weeks": 3},
        ),
    ),
    Rule(
        id="both_legs_long_standing",
        title="Long-standing leg symptoms in both legs, already checked",
        category=None,
        urgency=Urgency.SOON,
        imaging=Imaging.NONE,
        when=All(Yes("both_legs"), LEG_SYMPTOM, LONG_STANDING_LEGS),
        source=(
            "Clinical reference §8 (long-standing, unchanged symptoms); GIRFT 2023 (urgent, not emergency, route "
            "for stable symptoms)"
        ),
        explanation=(
            "You have had symptoms in both legs for a long time, a scan has already looked at your spine, "
            "and they are not getting worse. A clinician should still review them. Any new weakness, "
            "numbness around your bottom, or bladder or bowel change would need emergency care."
        ),
        imaging_reason="You have had a scan. A new one is only needed if something changes.",
        criterion="GIRFT 2023 added an urgent (not emergency) route for longer-standing, stable symptoms.",
        if_unanswered=Urgency.ROUTINE,
        differs="Only certain answers count as stable: 'not sure' about getting worse keeps the same-day check.",
        fires=(
            {
                "leg_pain_below_knee": "yes",
                "both_legs": "yes",
                "pain_weeks": 60,
                "previous_imaging": ["mri"],
                "weakness_worsening": "no",
                "leg_weakness": "no",
            },
        ),
        spares=(
            {"leg_pain_below_knee": "yes", "both_legs": "yes", "pain_weeks": 60, "weakness_worsening": "no"},
            {
                "leg_pain_below_knee": "yes",
                "both_legs": "yes",
                "pain_weeks": 40,
                "previous_imaging": ["mri"],
                "weakness_worsening": "no",
                "leg_weakness": "no",
            },
        ),
    ),
    Rule(
        id="ces_both_legs_deficit",
        title="Weakness, or worsening numbness, in both legs",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=All(Yes("both_legs"), AnyOf(Yes("leg_weakness"), All(Yes("leg_numbness"), Yes("weakness_worsening")))),
        source=f"{GIRFT}; ACP 2007 recommendation 3; reference §2 RF_MOTOR (emergency if both legs)",
        explanation=(
            "Weakness in both legs, or numbness in both legs that is getting worse, can mean nerves in the "
            "spine are being badly squeezed. Quick treatment protects the nerves."
        ),
        imaging_reason="An emergency MRI shows whether nerves are being squeezed.",
        criterion="GIRFT: severe or worsening weakness in both legs is a cauda equina emergency sign.",
        if_unanswered=Urgency.SOON,
        differs="Numbness in both legs that is not getting worse is the same-day rule above, not an emergency.",
        fires=(
            {"both_legs": "yes", "leg_weakness": "yes", "pain_weeks": 60},
            {"both_legs": "yes", "leg_numbness": "yes", "weakness_worsening": "yes", "pain_weeks": 30},
        ),
        spares=(
            {"both_legs": "yes", "leg_numbness": "yes", "weakness_worsening": "no", "pain_weeks": 1},
            {"leg_numbness": "yes", "weakness_worsening": "yes"},
        ),
    ),
    Rule(
        id="cord_compression_mid_back",
        title="Possible pressure on the spinal cord",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=All(
            MID_BACK,
            AnyOf(All(Yes("both_legs"), LEG_DEFICIT), Yes("bladder_change"), Yes("walking_unsteady")),
        ),
        source="NICE CG75 / NG234 (spinal cord compression); reference §2 RF_CORD and §8",
        explanation=(
            "You have pain in the middle of the back. You also have numb or weak legs, shaky walking, or a "
            "change in your bladder. Together, these can mean the spinal cord is being squeezed."
        ),
        imaging_reason="An MRI of the whole spine, the same day, shows the spinal cord.",
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
        title="New unsteady walking or clumsy hands",
        category=Category.PROGRESSIVE_DEFICIT,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=CORD_SIGN,
        source="Reference §2 RF_MOTOR (new walking difficulty: urgent) and RF_CORD; NICE CKS",
        explanation=(
            "Walking that has newly become unsteady or stiff, or hands that have become numb or clumsy, can "
            "come from pressure on the spinal cord or nerves. A clinician should examine you."
        ),
        imaging_reason="If the examination finds signs of pressure on the spinal cord, an MRI shows it.",
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
    # ------------------------------------------------------------ nerve roots
    Rule(
        id="weakness_worsening_both_legs",
        title="Leg weakness getting worse in both legs",
        category=Category.PROGRESSIVE_DEFICIT,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=All(Yes("leg_weakness"), Yes("weakness_worsening"), Yes("both_legs")),
        source="ACP 2007 recommendation 3 (severe or progressive deficit); Chou 2011; reference §2 RF_MOTOR",
        explanation=(
            "Weakness in both legs that is getting worse can mean nerves are being badly squeezed. "
            "Getting help fast gives the best chance of the strength coming back."
        ),
        imaging_reason="An emergency MRI shows where the nerves are being squeezed.",
        criterion="Progressive motor deficit in both legs: emergency (RF_MOTOR).",
        if_unanswered=Urgency.SOON,
        fires=({"leg_weakness": "yes", "weakness_worsening": "yes", "both_legs": "yes", "pain_weeks": 30},),
        spares=({"leg_weakness": "yes", "weakness_worsening": "yes"},),
    ),
    Rule(
        id="weakness_worsening",
        title="Leg weakness that is getting worse, or a foot that will not lift",
        category=Category.PROGRESSIVE_DEFICIT,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(Yes("leg_weakness"), AnyOf(Yes("weakness_worsening"), Yes("foot_drop"))),
        source=f"ACP 2007 recommendation 3; {CHOU_2011} (prompt MRI for severe or progressive motor deficit)",
        explanation=(
            "Weakness in a leg that is getting worse, or a foot that will not lift, means a nerve may be "
            "under real pressure. A clinician should examine you and arrange an MRI quickly."
        ),
        imaging_reason="A prompt MRI shows the discs and nerves, and where a nerve is pressed.",
        criterion="Chou 2011: severe or progressive motor deficit -> prompt MRI.",
        if_unanswered=Urgency.SOON,
        differs="A new foot drop counts as a severe deficit on its own (rule review: it was 'soon').",
        fires=({"leg_weakness": "yes", "weakness_worsening": "yes"}, {"leg_weakness": "yes", "foot_drop": "yes"}),
        spares=({"leg_weakness": "yes", "foot_drop": "no"}, {"leg_numbness": "yes", "weakness_worsening": "yes"}),
    ),
    Rule(
        id="numbness_worsening",
        title="Leg numbness that is getting worse",
        category=Category.PROGRESSIVE_DEFICIT,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=All(Yes("leg_numbness"), Yes("weakness_worsening")),
        source="ACP 2007 recommendation 3; Casazza, AFP 2012",
        explanation=(
            "Numbness in a leg that is spreading or getting worse should be checked. A clinician can test "
            "your nerves and your strength."
        ),
        imaging_reason="An MRI may be used to look at the nerve if the numbness keeps getting worse.",
        criterion="Reference §8: numbness that is getting worse -> at least soon.",
        if_unanswered=Urgency.ROUTINE,
        fires=({"leg_numbness": "yes", "weakness_worsening": "yes"},),
        spares=({"leg_numbness": "yes"},),
    ),
    Rule(
        id="leg_weakness",
        title="Weakness in a leg or foot",
        category=Category.PROGRESSIVE_DEFICIT,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=Yes("leg_weakness"),
        source="ACP 2007 recommendation 3; Will, AFP 2018",
        explanation=(
            "A weak leg or foot is a sign that a nerve may be under pressure. A clinician should test your "
            "strength. If the weakness gets worse or your foot starts to drag, that needs a check the same day."
        ),
        imaging_reason="An MRI shows discs and nerves. It is worth discussing when a muscle has become weak.",
        criterion="Reference §8: stable mild weakness -> soon, MRI to discuss.",
        if_unanswered=Urgency.ROUTINE,
        fires=({"leg_weakness": "yes"},),
        spares=({"leg_numbness": "yes"}, {"leg_pain_below_knee": "yes"}),
    ),
    # ------------------------------------------------------------ cancer
    Rule(
        id="cancer_with_nerve_signs",
        title="Past cancer with nerve symptoms",
        category=Category.CANCER,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=All(Yes("cancer_history"), CANCER_NERVE_SIGN),
        source="NICE CG75 1.3 (symptoms of spinal metastases and cord compression: immediate action); NG234",
        explanation=(
            "You have had cancer. Now you also have a nerve symptom. It may be pain down a leg or around "
            "the body, numbness, weakness, shaky walking, or a bladder or bowel change. This can mean "
            "something is pressing on the spinal cord or nerves. It is an emergency."
        ),
        imaging_reason="An MRI of the whole spine is needed within 24 hours.",
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
        title="Back pain after cancer",
        category=Category.CANCER,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=Yes("cancer_history"),
        source=f"NICE CG75 1.3 (contact within 24 hours) / NG234 (MRI within 1 week); {ACR} variant 7; Chou 2011",
        explanation=(
            "Most back pain in people who have had cancer is not caused by the cancer. But new back pain "
            "after cancer should be checked, because cancer can sometimes spread to the spine. Your doctor "
            "or cancer team should know about it."
        ),
        imaging_reason="An MRI is the best way to look for cancer in the spine. An X-ray can miss it.",
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
        title="Signs that need a check for a serious cause",
        category=Category.CANCER,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=All(
            Some(2, *CANCER_FEATURES),
            Unless(All(LONG_STABLE_AND_SCANNED, Unless(Yes("weight_loss")), Unless(Yes("pain_worsening")))),
        ),
        source=f"{CHOU_2011}; NICE CKS; {ACR} variant 7; Downie, BMJ 2013",
        explanation=(
            "You have two or more of these signs: weight loss you cannot explain, pain at night, pain that "
            "keeps getting worse, age over 50, or pain that is no better after a month. Together, they are a "
            "reason to check for a serious cause, such as cancer. Most often the check finds something else."
        ),
        imaging_reason=(
            "Your clinician may start with blood tests and an X-ray, or go straight to an MRI, which shows more."
        ),
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
        title="Weight loss you cannot explain",
        category=Category.CANCER,
        urgency=Urgency.ROUTINE,
        imaging=Imaging.NONE,
        when=Yes("weight_loss"),
        source="Chou et al., ACP 2011; Downie, BMJ 2013 (a single weak flag: review at about 4 weeks)",
        explanation=(
            "Losing weight without trying is worth telling your doctor about. On its own, with pain that is "
            "getting better, it rarely means anything serious. If your pain is not better in about 4 weeks, "
            "see a doctor."
        ),
        imaging_reason="No scan is needed yet. If the pain is not better in about a month, a doctor may order tests.",
        criterion="A single weak cancer flag: routine, review at about 4 weeks.",
        if_unanswered=Urgency.ROUTINE,
        fires=({"weight_loss": "yes", "age": 30},),
        spares=({"night_pain": "yes"},),
    ),
    Rule(
        id="weight_loss_over_60",
        title="Weight loss at 60 or over",
        category=None,
        urgency=Urgency.SOON,
        imaging=Imaging.NONE,
        when=All(Yes("weight_loss"), AtLeast("age", 60)),
        source=(
            "NICE NG12 (suspected cancer: pancreatic cancer at 60 and over with weight loss and back pain; "
            "myeloma at 60 and over with back pain)"
        ),
        explanation=(
            "At 60 or over, weight loss with back pain is a reason for some extra checks. They look at "
            "the organs in your belly and at your blood. Most often they find nothing serious."
        ),
        imaging_reason="A scan of the belly, not the spine, may be part of these checks.",
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
        title="Back pain that keeps getting worse",
        category=Category.CANCER,
        urgency=Urgency.ROUTINE,
        imaging=Imaging.NONE,
        when=Yes("pain_worsening"),
        source=(
            "NICE CKS (progressive pain as a red flag); IFOMPT framework; Chou 2011 (single flag: review at about a "
            "month)"
        ),
        explanation=(
            "Most back pain eases over time. Pain that keeps building up week after week, even with rest and "
            "pain medicine, is worth showing a doctor. If it is not better in about 4 weeks, or anything new "
            "appears, see a doctor."
        ),
        imaging_reason="No scan is needed yet. A doctor may order tests if the pain keeps getting worse.",
        criterion="Progressive pain is one cancer feature; alone it is a weak flag (review at about a month).",
        if_unanswered=Urgency.ROUTINE,
        fires=({"pain_worsening": "yes", "age": 30},),
        spares=({"night_pain": "yes", "age": 30},),
    ),
    # ------------------------------------------------------------ infection
    Rule(
        id="infection_with_nerve_signs",
        title="Possible spine infection with nerve signs",
        category=Category.INFECTION,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=All(AnyOf(Yes("fever"), All(INFECTION_RISK_OR_DIABETES, Yes("feel_unwell"))), NERVE_SIGN),
        source=f"{ACR} variant 7; {CHOU_2011}; reference §2 RF_INFECT (emergency with a deficit)",
        explanation=(
            "You have a fever, or you feel very ill and you get infections more easily. You also have "
            "numbness, weakness, or a bladder or bowel change. An infection may be pressing on the nerves."
        ),
        imaging_reason="An emergency MRI shows an infection near the spine. A dye is often used to make it clear.",
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
        title="Feeling very unwell with a possible infection",
        category=Category.INFECTION,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.NONE,
        when=All(Yes("feel_unwell"), SEPSIS_CONTEXT),
        source="Reference §2 RF_INFECT (emergency if very unwell); NICE CKS",
        explanation=(
            "You feel very ill. You may shiver, feel confused, or be too weak to get up. You also have a fever "
            "or get infections more easily. This can be a sign of a bad infection spreading in the body."
        ),
        imaging_reason="The doctors who see you will choose the tests. A spine scan may come later.",
        criterion="RF_INFECT: suspected infection and very unwell -> emergency.",
        if_unanswered=Urgency.ROUTINE,
        differs="Asked only when there is a fever, urine symptoms or an infection risk, so it is read only there.",
        fires=({"feel_unwell": "yes", "fever": "yes"}, {"feel_unwell": "yes", "diabetes": "yes"}),
        spares=({"feel_unwell": "yes"}, {"fever": "yes"}),
    ),
    Rule(
        id="infection_fever",
        title="Back pain with a fever",
        category=Category.INFECTION,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(Yes("fever"), Unless(KIDNEY_EXPLAINS_FEVER)),
        source=f"{CHOU_2011}; {ACR} variant 7; NICE CKS",
        explanation=(
            "Back pain with a fever, chills or night sweats can be a sign of an infection in or near the "
            "spine. It is rare, but it needs to be checked."
        ),
        imaging_reason="If a spine infection is suspected, an MRI (often with a contrast dye) shows it best.",
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
        title="A higher chance of spine infection",
        category=Category.INFECTION,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=INFECTION_RISK,
        source=f"{ACR} variant 7 (immunosuppression); {CHOU_2011}; NICE CKS",
        explanation=(
            "Injecting drugs, a recent infection or spine procedure, or a weak immune system each make a "
            "spine infection more likely, even without a fever. A clinician should check you. A fever or "
            "chills would need a check the same day."
        ),
        imaging_reason="An MRI is the scan used to look for a spine infection, if your clinician suspects one.",
        criterion="A risk factor without fever: soon; ACR V7 rates MRI for immunosuppression.",
        if_unanswered=Urgency.ROUTINE,
        differs="Diabetes alone does not fire this rule: no source here gives it a timeframe without fever or illness.",
        fires=({"iv_drug_use": "yes"}, {"immune_suppression": "yes"}, {"recent_infection": "yes"}),
        spares=({"fever": "yes"}, {"diabetes": "yes"}),
    ),
    Rule(
        id="infection_after_surgery",
        title="Fever after back surgery",
        category=Category.INFECTION,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(Yes("back_surgery_before"), Yes("fever")),
        source=f"{ACR} variant 5; reference §2 RF_POSTOP",
        explanation=(
            "A fever in someone who has had back surgery can mean an infection where the operation was. "
            "Your surgeon's team or a doctor should check you."
        ),
        imaging_reason="An MRI with a contrast dye helps tell an infection from scar tissue.",
        criterion="RF_POSTOP: after lumbar surgery, with fever -> urgent.",
        if_unanswered=Urgency.SOON,
        fires=({"back_surgery_before": "yes", "fever": "yes", "urinary_pain": "yes"},),
        spares=({"back_surgery_before": "yes"},),
    ),
    # ------------------------------------------------------------ outside the spine
    Rule(
        id="kidney_infection",
        title="Possible kidney infection",
        category=Category.NON_SPINAL,
        urgency=Urgency.URGENT,
        imaging=Imaging.NONE,
        when=All(Yes("urinary_pain"), Yes("fever")),
        source="Choosing Wisely (AAFP: pyelonephritis as a cause of back pain); reference §8",
        explanation=(
            "Burning when you pee, or pain in your side, with a fever, can be a kidney infection. It is "
            "usually treated with antibiotics."
        ),
        imaging_reason="A kidney infection is found with a urine test, not a scan of the spine.",
        criterion="Urinary symptoms with fever, nothing pointing at the spine: likely kidney infection, same day.",
        if_unanswered=Urgency.SOON,
        fires=({"urinary_pain": "yes", "fever": "yes"},),
        spares=({"urinary_pain": "yes"}, {"fever": "yes"}),
    ),
    Rule(
        id="urinary_symptoms",
        title="Burning urine or pain in the side",
        category=Category.NON_SPINAL,
        urgency=Urgency.SOON,
        imaging=Imaging.NONE,
        when=Yes("urinary_pain"),
        source="Choosing Wisely (AAFP); reference §8",
        explanation=(
            "Burning when you pass urine, or pain in your side, can come from the bladder or kidneys "
            "rather than the spine. A simple urine test can check. A fever would need a check the same day."
        ),
        imaging_reason="A urine test comes first; a scan of the spine would not show this.",
        criterion="Urinary symptoms without fever: soon, urine test.",
        if_unanswered=Urgency.ROUTINE,
        fires=({"urinary_pain": "yes"},),
        spares=({"bladder_change": "yes"},),
    ),
    Rule(
        id="belly_or_chest_pain",
        title="Sudden severe belly or chest pain, or feeling faint",
        category=Category.NON_SPINAL,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.NONE,
        when=Yes("abdominal_or_chest_pain"),
        source="Choosing Wisely (ASA: aortic aneurysm); AAFP; reference §2 RF_NONSPINE",
        explanation=(
            "Sudden, bad pain in the belly or chest, or feeling faint, can come from the heart. It can also "
            "come from the main blood vessel in the body (the aorta)."
        ),
        imaging_reason="The doctors who see you will choose the tests. A scan of the spine is not the first step.",
        criterion="RF_NONSPINE: sudden severe abdominal or chest pain, faintness -> emergency.",
        if_unanswered=Urgency.SOON,
        differs="A lone 'not sure' steps down to urgent (reference §8), and only its own trigger counts.",
        fires=({"abdominal_or_chest_pain": "yes"},),
        spares=({"urinary_pain": "yes"},),
    ),
    Rule(
        id="aortic_tearing_pain",
        title="Sudden tearing back pain",
        category=Category.NON_SPINAL,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.NONE,
        when=Yes("sudden_tearing_pain"),
        source="Reference §2 RF_NONSPINE (sudden tearing pain: aorta); Choosing Wisely (ASA: aortic aneurysm)",
        explanation=(
            "Your back pain started all at once and very badly. It feels like tearing or ripping, and there "
            "was no injury. This can come from a tear in the main blood vessel in the body (the aorta)."
        ),
        imaging_reason="The doctors who see you will choose the tests, often a scan of the blood vessels.",
        criterion="RF_NONSPINE: sudden tearing back or belly pain -> emergency.",
        if_unanswered=Urgency.ROUTINE,
        differs="Not in first-contract files; the belly or chest question still screens for the aorta there.",
        fires=({"sudden_tearing_pain": "yes"},),
        spares=({"minor_trauma": "yes"},),
    ),
    Rule(
        id="shingles",
        title="Band of pain with a rash (possible shingles)",
        category=Category.NON_SPINAL,
        urgency=Urgency.URGENT,
        imaging=Imaging.NONE,
        when=All(Yes("band_pain"), Yes("rash")),
        source=(
            "NICE CKS Shingles (antiviral treatment works best started within 72 hours of the rash) [not in the "
            "shared reference]"
        ),
        explanation=(
            "Pain or burning in a band around your body with a rash or blisters in the same place is often "
            "shingles. Medicine for shingles works best when it is started within 3 days of the rash."
        ),
        imaging_reason="Shingles is found by looking at the rash. No scan is needed.",
        criterion="CKS Shingles: antivirals within 72 hours of rash onset, so be seen within a day.",
        if_unanswered=Urgency.ROUTINE,
        fires=({"band_pain": "yes", "rash": "yes"},),
        spares=({"rash": "yes"}, {"band_pain": "yes", "rash": "no"}),
    ),
    Rule(
        id="band_pain",
        title="Pain in a band around the body",
        category=Category.NON_SPINAL,
        urgency=Urgency.SOON,
        imaging=Imaging.NONE,
        when=Yes("band_pain"),
        source="Reference §2 note (d) (ask about trunk-band symptoms); NICE CKS Shingles (pain before the rash)",
        explanation=(
            "Pain or burning in a band around the chest or belly is not usual for back strain. It can come "
            "before a shingles rash, or from a nerve in the middle of the back. A clinician should check it. "
            "If a rash appears, see someone within a day."
        ),
        imaging_reason="No scan is needed first. A clinician will decide after examining you.",
        criterion="Trunk-band pain is unusual in mechanical back pain; in cancer it is a cord compression sign (CG75).",
        if_unanswered=Urgency.ROUTINE,
        differs="No source gives band pain alone a timeframe: 'soon' is this project's choice, logged in SAFETY.md.",
        fires=({"band_pain": "yes"},),
        spares=({"rash": "yes"},),
    ),
    # ------------------------------------------------------------ fracture
    Rule(
        id="fracture_major_trauma",
        title="Back pain after a major injury",
        category=Category.FRACTURE,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.CT_URGENT,
        when=All(Yes("major_trauma"), Below("pain_weeks", 2)),
        source="Casazza, AFP 2012 (trauma red flag); ACR 2016 (CT when fracture is the concern); reference §8",
        explanation=(
            "Back pain after a big accident, such as a car crash or a fall from a height, can mean a broken "
            "bone in the spine. Move as little as you can until you have been checked."
        ),
        imaging_reason="A CT scan is the usual test for broken bones after a big accident.",
        criterion="High-energy trauma with back pain since the injury: emergency, trauma imaging (usually CT).",
        if_unanswered=Urgency.SOON,
        differs="Emergency only for an injury in the last 2 weeks; an older injury is the next rule.",
        fires=({"major_trauma": "yes", "pain_weeks": 0}, {"major_trauma": "yes", "pain_weeks": None}),
        spares=({"major_trauma": "yes", "pain_weeks": 26}, {"minor_trauma": "yes", "pain_weeks": 0}),
    ),
    Rule(
        id="fracture_major_trauma_earlier",
        title="Back pain since a major injury some weeks ago",
        category=Category.FRACTURE,
        urgency=Urgency.SOON,
        imaging=Imaging.XRAY,
        when=All(Yes("major_trauma"), AtLeast("pain_weeks", 2)),
        source=(
            "Reference §8 (an injury long ago, pain settled into a pattern: imaging to discuss if never imaged); "
            "Casazza, AFP 2012"
        ),
        explanation=(
            "Your pain began after a big accident some weeks ago. A clinician should check whether a bone "
            "was hurt, if that has not been done yet."
        ),
        imaging_reason="If your spine was never looked at after the accident, an X-ray or CT is worth discussing.",
        criterion="Reference §8: an old injury is not an emergency; imaging to discuss if never imaged.",
        if_unanswered=Urgency.SOON,
        fires=({"major_trauma": "yes", "pain_weeks": 26},),
        spares=({"major_trauma": "yes", "pain_weeks": 1},),
    ),
    Rule(
        id="fracture_rigid_spine",
        title="A fall or injury with a stiff, fused spine",
        category=Category.FRACTURE,
        urgency=Urgency.URGENT,
        imaging=Imaging.CT_URGENT,
        when=All(Yes("rigid_spine_condition"), AnyOf(Yes("minor_trauma"), Yes("major_trauma"))),
        source="NICE NG41 (spinal injury: ankylosing spondylitis or other rigid spine, imaging after minor injury)",
        explanation=(
            "When the spine is stiff and fused, as in ankylosing spondylitis, even a small fall can break a "
            "bone. These breaks are easy to miss and can harm the spinal cord, so they need a check."
        ),
        imaging_reason="A CT or MRI is used, because a normal X-ray can miss these breaks.",
        criterion="NG41: a rigid spine condition plus any injury -> imaging (CT or MRI) after even minor trauma.",
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Urgent rather than emergency after a minor fall; emergency after a major injury comes from the major "
            "trauma rule."
        ),
        fires=({"rigid_spine_condition": "yes", "minor_trauma": "yes"},),
        spares=({"rigid_spine_condition": "yes"}, {"rigid_spine_condition": "yes", "minor_trauma": "no"}),
    ),
    Rule(
        id="fracture_fragility_nerve_signs",
        title="Possible spine fracture with numbness or weakness",
        category=Category.FRACTURE,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(FRAGILITY, LEG_DEFICIT),
        source=f"{ACR} variant 6; reference §2 RF_FX_FRAG (same day with nerve symptoms) and §8",
        explanation=(
            "You may have a broken bone in the spine, and a leg is numb or weak. The bone may be pressing on a nerve."
        ),
        imaging_reason="An MRI shows both the bone and the nerves. An X-ray cannot show the nerves.",
        criterion="RF_FX_FRAG: suspected fragility fracture with any nerve symptom -> same day.",
        if_unanswered=Urgency.SOON,
        fires=({"osteoporosis": "yes", "minor_trauma": "yes", "leg_numbness": "yes"},),
        spares=({"osteoporosis": "yes", "leg_numbness": "yes", "age": 40, "pain_weeks": 20},),
        explains_xray_limits=True,
    ),
    Rule(
        id="fracture_fragility_severe",
        title="Possible spine fracture with very bad pain",
        category=Category.FRACTURE,
        urgency=Urgency.URGENT,
        imaging=Imaging.XRAY,
        when=All(FRAGILITY, AtLeast("pain_score", 9), Below("pain_weeks", 6)),
        source="Reference §2 RF_FX_FRAG (same day if the pain cannot be controlled); ACR 2021 variant 6",
        explanation=(
            "You may have a broken bone in the spine, and your pain is as bad as it gets. Pain this bad "
            "needs a clinician to help control it and to check for a break."
        ),
        imaging_reason="An X-ray is the usual first test to look for a broken bone.",
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
        title="Possible broken bone in the spine (weak bones)",
        category=Category.FRACTURE,
        urgency=Urgency.SOON,
        imaging=Imaging.XRAY,
        when=FRAGILITY,
        source=f"{ACR} variant 6; {CHOU_2011}; Henschke 2009; Downie, BMJ 2013; Will, AFP 2018",
        explanation=(
            "Thin bones, long use of steroid tablets, or older age make it possible for a small fall, a lift, "
            "or even a cough to crack a bone in the spine. New pain, pain that is not settling, or losing "
            "height are reasons to check for this."
        ),
        imaging_reason="An X-ray is the usual first test to look for a broken bone.",
        criterion=(
            "ACR V6: low-velocity trauma, osteoporosis, older age or chronic steroids -> X-ray first, whatever "
            "the duration; Chou 2011 older than 65 (men) / 75 (women), Henschke older than 70."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Older than 65 (the lower of Chou's ages, as no sex is asked); no 2-week window: new pain (under "
            "6 weeks), a minor injury, pain not settling after a month, worsening pain or height loss."
        ),
        fires=(
            {"osteoporosis": "yes", "minor_trauma": "yes", "pain_weeks": 30},
            {"steroid_use": "yes", "pain_weeks": 7, "treatment_no_better": "yes"},
            {"age": 72, "minor_trauma": "yes", "pain_weeks": 20},
            {"age": 66, "pain_weeks": 1},
            {"age": 55, "height_loss": "yes", "pain_weeks": 20},
        ),
        spares=(
            {"age": 80, "pain_weeks": 20},
            {"minor_trauma": "yes", "age": 30, "pain_weeks": 1},
            {"age": 65, "pain_weeks": 1},
            {"height_loss": "yes", "age": 45, "pain_weeks": 20},
        ),
    ),
    Rule(
        id="fracture_risk",
        title="A higher chance of a spine fracture",
        category=Category.FRACTURE,
        urgency=Urgency.ROUTINE,
        imaging=Imaging.XRAY,
        when=All(
            FRAGILITY_RISK,
            Unless(FRAGILITY_TRIGGER),
            Unless(OneOf("previous_imaging", frozenset({"xray", "mri", "ct"}))),
        ),
        source=(
            f"{ACR} variant 6 (older age, osteoporosis or chronic steroids: X-ray usually appropriate); Downie, BMJ "
            f"2013"
        ),
        explanation=(
            "Thin bones, long use of steroid tablets, or older age make a spine fracture more likely. Your "
            "pain has lasted a while and is not getting worse, so this is not urgent. Ask your doctor whether "
            "an X-ray makes sense for you."
        ),
        imaging_reason="An X-ray is the usual first test if your doctor thinks a fracture is possible.",
        criterion="ACR V6 rates an X-ray usually appropriate for these risk factors whatever the duration.",
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Routine (no trigger): imaging advice without a timeframe the sources do not give; not repeated "
            "for someone already scanned."
        ),
        fires=({"osteoporosis": "yes", "pain_weeks": 20}, {"age": 70, "pain_weeks": 30}),
        spares=(
            {"osteoporosis": "yes", "pain_weeks": 1},
            {"age": 60, "pain_weeks": 30},
            {"age": 70, "pain_weeks": 30, "previous_imaging": ["mri"]},
        ),
    ),
    # ------------------------------------------------------------ inflammatory back pain
    Rule(
        id="inflammatory_back_pain",
        title="A pattern that can mean inflammation of the spine",
        category=Category.INFLAMMATORY,
        urgency=Urgency.SOON,
        imaging=Imaging.NONE,
        when=INFLAMMATORY_PATTERN,
        source=(
            "ASAS criteria (Sieper 2009); NICE NG65 (referral criteria for suspected axial spondyloarthritis); Chou "
            "2011"
        ),
        explanation=(
            "Your pain began before about age 45 and has lasted more than 3 months, and it behaves the way "
            "inflammatory back pain does: it wakes you at night and eases when you move. This can be axial "
            "spondyloarthritis. It is not an emergency. Ask your doctor about a blood test (HLA-B27) and "
            "seeing a joint specialist (rheumatologist)."
        ),
        imaging_reason=(
            "The joint specialist decides on any scans. A back MRI from your family doctor is not the first step."
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
    # ------------------------------------------------------------ care pathways (not red flags)
    Rule(
        id="sciatica_persistent_mri",
        title="Leg pain that has lasted 6 weeks despite treatment",
        category=None,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=All(AnyOf(LEG_SYMPTOM, CLAUDICATION), NO_BETTER_AFTER_6_WEEKS, Yes("procedure_considered")),
        source=(
            f"{ACR} variant 3; ACP 2007 recommendation 4; NICE NG59 1.1.6; Chou 2011 (stenosis: MRI only for a "
            f"surgery candidate)"
        ),
        explanation=(
            "Your leg pain has not got better after 6 weeks of treatment, and surgery or an injection is "
            "being thought about. This is when the guidelines say an MRI can help plan your care."
        ),
        imaging_reason=(
            "An MRI shows discs and nerves, which an X-ray cannot. A normal or mildly worn X-ray does not "
            "rule out a disc pressing on a nerve."
        ),
        criterion=(
            "ACR V3 / ACP rec 4: radiculopathy or stenosis after 6 weeks of care in a surgery or injection "
            "candidate -> MRI."
        ),
        if_unanswered=Urgency.ROUTINE,
        fires=(
            {
                "leg_pain_below_knee": "yes",
                "pain_weeks": 8,
                "treatment_no_better": "yes",
                "procedure_considered": "yes",
            },
            {
                "leg_pain_walking": "yes",
                "age": 70,
                "pain_weeks": 60,
                "treatment_no_better": "yes",
                "procedure_considered": "yes",
            },
        ),
        spares=(
            {
                "leg_pain_below_knee": "yes",
                "pain_weeks": 5,
                "treatment_no_better": "yes",
                "procedure_considered": "yes",
            },
            {"leg_pain_below_knee": "yes", "pain_weeks": 8, "treatment_no_better": "yes"},
        ),
        explains_xray_limits=True,
    ),
    Rule(
        id="sciatica_not_improving",
        title="Leg pain that is not improving after a month",
        category=None,
        urgency=Urgency.SOON,
        imaging=Imaging.NONE,
        when=All(AnyOf(LEG_SYMPTOM, CLAUDICATION), NO_BETTER_AFTER_A_MONTH),
        source=f"{CHOU_2011} (reassess at about a month); {ACR} variants 1-2; reference §8",
        explanation=(
            "Your leg pain has not got better after about a month of treatment. A clinician should review "
            "it, check your nerves, and talk about what to try next."
        ),
        imaging_reason=(
            "A scan is not needed just because the pain has lasted. An MRI is worth discussing if surgery or "
            "an injection is being thought about."
        ),
        criterion="Chou 2011: reassess at about a month; MRI only for a surgery or injection candidate after 6 weeks.",
        if_unanswered=Urgency.ROUTINE,
        differs="Sciatica no better after treatment was left at self-care (rule review).",
        fires=({"leg_pain_below_knee": "yes", "pain_weeks": 10, "treatment_no_better": "yes"},),
        spares=(
            {"leg_pain_below_knee": "yes", "pain_weeks": 3, "treatment_no_better": "yes"},
            {"leg_pain_below_knee": "yes", "pain_weeks": 10},
        ),
    ),
    Rule(
        id="not_settling_over_50",
        title="Back pain not settling after treatment",
        category=None,
        urgency=Urgency.SOON,
        imaging=Imaging.NONE,
        when=All(NO_BETTER_AFTER_A_MONTH, AtLeast("age", 51)),
        source=(
            f"{CHOU_2011} (age over 50 and no improvement after a month: reassess, X-ray and blood tests); reference §8"
        ),
        explanation=(
            "Your pain has not got better after about a month of treatment. A clinician should see you "
            "again to look for a cause and plan what comes next."
        ),
        imaging_reason="Your clinician will decide whether a test such as an X-ray or blood test is needed.",
        criterion="Pain not settling after treatment in someone over 50 is re-assessed, never left at routine.",
        if_unanswered=Urgency.ROUTINE,
        fires=({"treatment_no_better": "yes", "pain_weeks": 8, "age": 55},),
        spares=(
            {"treatment_no_better": "yes", "pain_weeks": 8, "age": 45},
            {"treatment_no_better": "yes", "pain_weeks": 2, "age": 55},
        ),
    ),
    Rule(
        id="after_back_surgery",
        title="Leg symptoms after back surgery",
        category=None,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=All(Yes("back_surgery_before"), ANY_LEG_SYMPTOM),
        source=f"{ACR} variant 5; reference §2 RF_POSTOP",
        explanation=(
            "You have had back surgery, and now have leg pain, numbness or weakness. A clinician should check "
            "you. The team who did the operation is the best choice."
        ),
        imaging_reason="After surgery, the usual tests are X-rays and an MRI. Sometimes a dye is used too.",
        criterion="ACR V5: new or worse symptoms after lumbar surgery -> X-ray and MRI usually appropriate.",
        if_unanswered=Urgency.ROUTINE,
        fires=({"back_surgery_before": "yes", "leg_pain_below_knee": "yes"},),
        spares=({"back_surgery_before": "yes"},),
        explains_xray_limits=True,
    ),
    Rule(
        id="claudication",
        title="Leg pain on walking, eased by sitting",
        category=None,
        urgency=Urgency.ROUTINE,
        imaging=Imaging.NONE,
        when=CLAUDICATION,
        source=f"{CHOU_2011} (spinal stenosis: MRI only for a surgery candidate); reference §2 RF_STENOSIS",
        explanation=(
            "Your legs hurt or feel heavy when you walk, and get better when you sit or bend forward. This is "
            "often caused by a narrow space for the nerves in the lower spine. It is common as people age."
        ),
        imaging_reason="An MRI helps only if you and your doctor are thinking of an operation or a shot.",
        criterion="RF_STENOSIS: routine; MRI only if a surgical candidate.",
        if_unanswered=Urgency.ROUTINE,
        fires=({"leg_pain_walking": "yes", "age": 70},),
        spares=(
            {
                "leg_pain_walking": "yes",
                "age": 40,
                "leg_pain_below_knee": "no",
                "leg_numbness": "no",
                "leg_weakness": "no",
            },
        ),
    ),
    Rule(
        id="pregnancy",
        title="Pregnant, or a baby in the last 6 months",
        category=None,
        urgency=Urgency.ROUTINE,
        imaging=Imaging.NONE,
        when=All(Yes("pregnant_or_postpartum"), Below("age", 56)),
        source="ACR Appropriateness Criteria (imaging in pregnancy: MRI without contrast preferred); reference §3",
        explanation=(
            "Back and hip pain are common in pregnancy and after birth. If you need a scan while pregnant, "
            "MRI is the usual choice. X-rays and CT scans are only used if a specialist decides."
        ),
        imaging_reason="In pregnancy, MRI is the usual scan. X-rays and CT are used only if a specialist says so.",
        criterion="Pregnancy changes imaging (no X-ray or CT without a specialist; MRI usual), not urgency.",
        if_unanswered=Urgency.ROUTINE,
        differs="Pregnancy alone never raises the urgency (pelvic girdle pain is common).",
        fires=({"pregnant_or_postpartum": "yes"},),
        spares=({"pregnant_or_postpartum": "no"},),
    ),
    Rule(
        id="sciatica_early",
        title="Leg pain from the back (sciatica)",
        category=None,
        urgency=Urgency.ROUTINE,
        imaging=Imaging.NONE,
        when=All(LEG_SYMPTOM, Below("pain_weeks", 6)),
        source=f"{ACR} variant 1; ACP 2007 recommendation 2; NICE NG59 1.1.4",
        explanation=(
            "Leg pain that comes from the back (sciatica) often gets better by itself within 6 weeks. "
            "Keeping gently active helps."
        ),
        imaging_reason=(
            "In the first 6 weeks, scans rarely change treatment, so the guidelines advise waiting unless a "
            "warning sign appears."
        ),
        criterion="ACR V1: acute radiculopathy without red flags -> no imaging.",
        if_unanswered=Urgency.ROUTINE,
        fires=({"leg_pain_below_knee": "yes", "pain_weeks": 2},),
        spares=({"leg_pain_below_knee": "yes", "pain_weeks": 10},),
    ),
)

RULES_BY_ID: Final[dict[str, Rule]] = {rule.id: rule for rule in RULES}


# ----------------------------------------------------------------------------- clinical policy
# Decisions about unanswered and skipped questions are clinical decisions too: they live here,
# beside the rules they protect, and `backpain rules` prints them for review.

# Cauda equina questions are asked of everyone, whatever came before (clinical reference §2,
# GIRFT): a skipped one could hide an emergency.
ALWAYS_ASKED: Final = frozenset({"saddle_numbness", "bladder_change", "bowel_control_loss", "sexual_function_change"})

# The only questions that may be skipped, and when each is asked (STYLE habit 12). A question is
# skipped when its condition is certainly false given the answers so far, with an unanswered
# yes/no question counted as "not sure" and a number not given counted as "maybe": a doubt always
# asks. Every rule reads these questions only inside the same condition, so skipping one can never
# hide a red flag (tests/test_triage.py proves it by property test). Gates come before the
# questions that depend on them, in this order. A content folder may add reasons to ask (ask_if)
# but never remove these.
ASK_WHEN: Final[dict[str, Condition]] = {
    "weakness_worsening": LEG_DEFICIT,
    "both_legs": ANY_LEG_SYMPTOM,
    "foot_drop": Yes("leg_weakness"),
    "rash": Yes("band_pain"),
    "hands_clumsy": AnyOf(Yes("walking_unsteady"), LEG_DEFICIT),
    "leg_pain_walking": AnyOf(AtLeast("age", 50), ANY_LEG_SYMPTOM),
    "feel_unwell": SEPSIS_CONTEXT,
    "pregnant_or_postpartum": Below("age", 56),
    "height_loss": AnyOf(AtLeast("age", 50), Yes("osteoporosis"), Yes("steroid_use")),
    "rigid_spine_condition": AnyOf(Yes("minor_trauma"), Yes("major_trauma")),
    "morning_stiffness": All(AtLeast("pain_weeks", 13), OnsetBefore(45)),
    "better_with_exercise": All(AtLeast("pain_weeks", 13), OnsetBefore(45)),
    "spa_related_condition": All(AtLeast("pain_weeks", 13), OnsetBefore(45)),
    "treatment_no_better": AtLeast("pain_weeks", 4),
    "procedure_considered": All(AnyOf(LEG_SYMPTOM, CLAUDICATION), AtLeast("pain_weeks", 6)),
}
# Asked of everyone but read by no rule, on purpose: morning stiffness is in neither the ASAS nor
# the NICE NG65 count (rule review); it stays for the clinician's copy and the FAQ choice.
ASKED_NOT_SCORED: Final = frozenset({"morning_stiffness"})

SkipGates = Mapping[str, Condition]


def skipped(facts: Mapping[str, object], gates: SkipGates = ASK_WHEN) -> frozenset[str]:
    """The questions these answers skip: those whose ask condition is certainly false.

    ``facts`` maps answer keys to answers (None: not answered, or not asked yet). The one skip
    rule, used by the walk-through, pruning, ``not_asked`` and the unanswered list alike. A
    skipped gate counts as "no" for the questions behind it; an unanswered one as "not sure".
    """
    view = {k: ("unsure" if v is None and k in SYMPTOM_KEYS else v) for k, v in facts.items()}
    out = []
    for key, condition in gates.items():
        if condition.evaluate(view)[0] == NO:
            out.append(key)
            view[key] = None
    return frozenset(out)


def is_skipped(key: str, facts: Mapping[str, object], gates: SkipGates = ASK_WHEN) -> bool:
    """Whether one question is skipped by these answers (see ``skipped``)."""
    return key in gates and key in skipped(facts, gates)


# Imaging for which an earlier X-ray deserves a word on what it cannot show.
XRAY_NOTE_FOR: Final = frozenset({Imaging.MRI, Imaging.MRI_URGENT})


def needs_xray_note(previous_imaging: frozenset[str], imaging: Imaging, deciding: tuple[Rule, ...]) -> bool:
    """Whether to add the note that an X-ray shows bones only (clinical reference §3).

    True when the person had an X-ray, an MRI is now favoured, and none of the ``deciding`` rules
    (those that set the imaging) already says what an X-ray misses.
    """
    return (
        "xray" in previous_imaging
        and imaging in XRAY_NOTE_FOR
        and not any(rule.explains_xray_limits for rule in deciding)
    )


class RuleTableError(Exception):
    """The rule table breaks one of its own load-time checks: a bug, caught before any assessment."""


def check_rules(rules: tuple[Rule, ...] = RULES) -> list[str]:
    """Load-time checks on the table and its policy; an empty list means it is sound."""
    problems = []
    ids = [r.id for r in rules]
    problems += [f"rule id {i!r} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for rule in rules:
        unknown = rule.when.keys() - set(ANSWER_KEYS)
        if unknown:
            problems.append(f"rule {rule.id!r} names unknown answer keys {sorted(unknown)}")
        if not rule.source.strip():
            problems.append(f"rule {rule.id!r} names no guideline source")
        if not rule.fires or not rule.spares:
            problems.append(f"rule {rule.id!r} needs cases that fire it and cases that spare it")
        if rule.explains_xray_limits and "X-ray" not in rule.imaging_reason:
            problems.append(f"rule {rule.id!r} claims to explain X-ray limits but its imaging text does not")
    gated_so_far: set[str] = set()
    for key, condition in ASK_WHEN.items():
        if key not in ANSWER_KEYS:
            problems.append(f"policy names unknown answer key {key!r}")
        if key in ALWAYS_ASKED:
            problems.append(f"{key!r} is a cauda equina question and may not be skipped")
        later = (condition.keys() & set(ASK_WHEN)) - gated_so_far
        if later:
            problems.append(f"{key!r} is asked behind {sorted(later)}, which come later in ASK_WHEN")
        gated_so_far.add(key)
    for rule in rules:
        if rule.if_unanswered.rank > rule.urgency.rank:
            problems.append(f"rule {rule.id!r} asks more when unanswered than when answered")
        if not rule.criterion.strip():
            problems.append(f"rule {rule.id!r} does not state its source's criterion")
    return problems


_PROBLEMS = check_rules()
if _PROBLEMS:  # pragma: no cover - a broken table never ships; tests/test_redflags.py shows this fires
    raise RuleTableError("; ".join(_PROBLEMS))
