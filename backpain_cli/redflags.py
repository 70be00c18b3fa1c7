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

from backpain_cli.answers import ANSWER_KEYS
from backpain_cli.conditions import (
    All,
    AnyOf,
    AtLeast,
    Below,
    Condition,
    OneOf,
    OnsetBefore,
    Some,
    Unless,
    Yes,
)
from backpain_cli.levels import Category, Imaging, Urgency

RULES_VERSION: Final = "2026.11.1"

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
    fires: tuple[Case, ...]
    spares: tuple[Case, ...]
    # True when ``imaging_reason`` already says what an X-ray cannot show, so a summary for
    # someone who had an X-ray needs no separate note about its limits (see needs_xray_note).
    explains_xray_limits: bool = False
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
NERVE_SIGN = AnyOf(LEG_DEFICIT, CES_SIGN)
NEW_OR_WORSENING = AnyOf(Below("pain_weeks", 12), Yes("weakness_worsening"))
LEG_SYMPTOM = AnyOf(Yes("leg_pain_below_knee"), Yes("leg_numbness"))
INFECTION_RISK = AnyOf(Yes("iv_drug_use"), Yes("immune_suppression"), Yes("recent_infection"))
STEROIDS_OR_THIN_BONES = AnyOf(Yes("osteoporosis"), Yes("steroid_use"))
FRAGILITY = AnyOf(
    All(STEROIDS_OR_THIN_BONES, Yes("minor_trauma")),
    All(STEROIDS_OR_THIN_BONES, AtLeast("age", 65), Below("pain_weeks", 2)),
    All(AtLeast("age", 70), Yes("minor_trauma")),
)
NO_BETTER_AFTER_6_WEEKS = All(Yes("treatment_no_better"), AtLeast("pain_weeks", 6))
INFLAMMATORY_PATTERN = All(
    AtLeast("pain_weeks", 12),
    OnsetBefore(45),
    Some(2, Yes("morning_stiffness"), Yes("better_with_exercise"), Yes("night_pain")),
)
# A kidney infection explains a fever by itself, but only when nothing points at the spine.
KIDNEY_EXPLAINS_FEVER = All(
    Yes("urinary_pain"),
    Unless(INFECTION_RISK),
    Unless(Yes("back_surgery_before")),
    Unless(NERVE_SIGN),
)
# Years of stable pain already looked at with a scan, with no weight loss: not a cancer alarm.
LONG_STABLE_AND_SCANNED = All(AtLeast("pain_weeks", 52), OneOf("previous_imaging", frozenset({"mri", "ct"})))

GIRFT = "GIRFT cauda equina pathway; NICE CKS; ACR Appropriateness Criteria Low Back Pain 2021 variant 4"

RULES: Final[tuple[Rule, ...]] = (
    # ------------------------------------------------------------ cauda equina and spinal cord
    Rule(
        id="ces_saddle_bladder_bowel",
        title="Possible cauda equina syndrome",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=CES_SIGN,
        source=f"{GIRFT}; Chou et al., ACP 2011",
        explanation=(
            "New numbness around the private parts or bottom, or a new problem with your bladder or "
            "bowels, can mean the nerves at the bottom of your spine are being squeezed. This is called "
            "cauda equina syndrome. It needs treatment within hours to stop lasting harm."
        ),
        imaging_reason="An emergency MRI is the scan that shows these nerves. An X-ray cannot show them.",
        fires=(
            {"saddle_numbness": "yes"},
            {"bladder_change": "yes"},
            {"bowel_control_loss": "yes"},
            {"bladder_change": "unsure", "leg_pain_below_knee": "yes"},
        ),
        spares=({"leg_pain_below_knee": "yes"}, {"urinary_pain": "yes"}),
        explains_xray_limits=True,
    ),
    Rule(
        id="ces_sexual_function",
        title="New loss of sexual feeling or function",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=Yes("sexual_function_change"),
        source="GIRFT cauda equina pathway (sexual symptoms alone are less specific); NICE CKS",
        explanation=(
            "A new loss of feeling in the private parts, or new trouble with sex, can come from the nerves "
            "at the bottom of the spine. On its own it is less often an emergency, but a clinician should "
            "check you soon. If you also notice numbness around your bottom or bladder or bowel changes, "
            "get emergency care."
        ),
        imaging_reason="An MRI shows the nerves at the bottom of the spine, if your clinician thinks it is needed.",
        fires=({"sexual_function_change": "yes"},),
        spares=({"saddle_numbness": "no"},),
    ),
    Rule(
        id="ces_both_legs_new_pain",
        title="New or worsening pain in both legs",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(Yes("leg_pain_below_knee"), Yes("both_legs"), NEW_OR_WORSENING),
        source="GIRFT cauda equina pathway (bilateral sciatica as a warning sign); NICE CKS",
        explanation=(
            "Pain going down both legs that is new or getting worse can be an early warning sign that the "
            "nerves at the bottom of the spine are under pressure. A clinician should check you today."
        ),
        imaging_reason="If the check finds signs of nerve pressure, an MRI is the scan that shows it.",
        fires=(
            {"leg_pain_below_knee": "yes", "both_legs": "yes", "pain_weeks": 3},
            {
                "leg_pain_below_knee": "yes",
                "both_legs": "yes",
                "pain_weeks": 40,
                "leg_numbness": "yes",
                "weakness_worsening": "yes",
            },
        ),
        spares=(
            {"leg_pain_below_knee": "yes", "both_legs": "yes", "pain_weeks": 40},
            {"leg_pain_below_knee": "yes", "pain_weeks": 3},
        ),
    ),
    Rule(
        id="ces_both_legs_deficit",
        title="New numbness or weakness in both legs",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=All(Yes("both_legs"), LEG_DEFICIT, NEW_OR_WORSENING),
        source=f"{GIRFT}; ACP 2007 recommendation 3",
        explanation=(
            "Numbness or weakness in both legs that is new or getting worse can mean nerves in the spine "
            "are being squeezed. This needs emergency care to protect the nerves."
        ),
        imaging_reason="An emergency MRI shows whether nerves are being squeezed.",
        fires=(
            {"both_legs": "yes", "leg_numbness": "yes", "pain_weeks": 1},
            {"both_legs": "yes", "leg_weakness": "yes", "weakness_worsening": "yes", "pain_weeks": 30},
        ),
        spares=(
            {"both_legs": "yes", "leg_numbness": "yes", "pain_weeks": 30},
            {"leg_numbness": "yes", "pain_weeks": 1},
        ),
    ),
    Rule(
        id="cord_compression_mid_back",
        title="Possible pressure on the spinal cord",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=All(
            OneOf("pain_area", frozenset({"mid_back", "both"})),
            AnyOf(All(Yes("both_legs"), LEG_DEFICIT), Yes("bladder_change")),
        ),
        source="NICE CG75 / NG234 (spinal cord compression); clinical reference §8",
        explanation=(
            "Pain in the middle of the back together with numbness or weakness in both legs, or a bladder "
            "change, can mean the spinal cord itself is being squeezed. This needs emergency care."
        ),
        imaging_reason="An emergency MRI of the whole spine shows the spinal cord.",
        fires=(
            {"pain_area": "mid_back", "both_legs": "yes", "leg_weakness": "yes", "pain_weeks": 30},
            {"pain_area": "both", "bladder_change": "yes"},
        ),
        spares=(
            {"pain_area": "lower_back", "both_legs": "yes", "leg_weakness": "yes"},
            {"pain_area": "mid_back", "leg_weakness": "yes"},
        ),
    ),
    # ------------------------------------------------------------ nerve roots
    Rule(
        id="weakness_worsening_both_legs",
        title="Leg weakness getting worse in both legs",
        category=Category.PROGRESSIVE_DEFICIT,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=All(Yes("leg_weakness"), Yes("weakness_worsening"), Yes("both_legs")),
        source="ACP 2007 recommendation 3 (severe or progressive deficit: prompt imaging); Chou 2011",
        explanation=(
            "Weakness in both legs that is getting worse can mean nerves are being badly squeezed. "
            "Getting help fast gives the best chance of the strength coming back."
        ),
        imaging_reason="An emergency MRI shows where the nerves are being squeezed.",
        fires=({"leg_weakness": "yes", "weakness_worsening": "yes", "both_legs": "yes", "pain_weeks": 30},),
        spares=({"leg_weakness": "yes", "weakness_worsening": "yes"},),
    ),
    Rule(
        id="weakness_worsening",
        title="Leg weakness that is getting worse",
        category=Category.PROGRESSIVE_DEFICIT,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(Yes("leg_weakness"), Yes("weakness_worsening")),
        source="ACP 2007 recommendation 3; Chou 2011 (immediate MRI for severe or progressive deficit)",
        explanation=(
            "Weakness in a leg that is getting worse means a nerve may be under growing pressure. "
            "A clinician should examine you today."
        ),
        imaging_reason="A prompt MRI shows the discs and nerves, and where a nerve is pressed.",
        fires=({"leg_weakness": "yes", "weakness_worsening": "yes"},),
        spares=({"leg_weakness": "yes"}, {"leg_numbness": "yes", "weakness_worsening": "yes"}),
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
            "Numbness in a leg that is spreading or getting worse should be checked soon. A clinician can "
            "test your nerves and your strength."
        ),
        imaging_reason="An MRI may be used to look at the nerve if the numbness keeps getting worse.",
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
            "A weak leg or foot is a sign that a nerve may be under real pressure. A clinician should test "
            "your strength soon. If the weakness gets worse, get help the same day."
        ),
        imaging_reason="An MRI shows discs and nerves. It is worth discussing when a muscle has become weak.",
        fires=({"leg_weakness": "yes"},),
        spares=({"leg_numbness": "yes"}, {"leg_pain_below_knee": "yes"}),
    ),
    # ------------------------------------------------------------ cancer
    Rule(
        id="cancer_with_nerve_signs",
        title="Past cancer with numbness, weakness or bladder or bowel changes",
        category=Category.CANCER,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=All(Yes("cancer_history"), NERVE_SIGN),
        source="NICE CG75 / NG234 (metastatic spinal cord compression: an oncological emergency)",
        explanation=(
            "In someone who has had cancer, back pain with numbness, weakness, or bladder or bowel changes "
            "can mean something is pressing on the spinal cord or nerves. This is an emergency."
        ),
        imaging_reason="An MRI of the whole spine is needed within 24 hours.",
        fires=({"cancer_history": "yes", "leg_weakness": "yes"}, {"cancer_history": "yes", "leg_numbness": "yes"}),
        spares=({"cancer_history": "yes"}, {"leg_weakness": "yes"}),
    ),
    Rule(
        id="cancer_history",
        title="Back pain after cancer",
        category=Category.CANCER,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=Yes("cancer_history"),
        source="NICE CG75 / NG234; ACR Appropriateness Criteria 2021 variant 7; Chou 2011",
        explanation=(
            "Most back pain in people who have had cancer is not caused by the cancer. But new back pain "
            "after cancer should be checked, because cancer can sometimes spread to the spine. Contact "
            "your doctor or cancer team within 24 hours."
        ),
        imaging_reason="An MRI is the best way to look for cancer in the spine. An X-ray can miss it.",
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
        when=AnyOf(
            All(Yes("weight_loss"), AnyOf(Yes("night_pain"), AtLeast("age", 51), NO_BETTER_AFTER_6_WEEKS)),
            All(Yes("night_pain"), AtLeast("age", 51), Unless(LONG_STABLE_AND_SCANNED)),
            All(Yes("night_pain"), NO_BETTER_AFTER_6_WEEKS, Unless(INFLAMMATORY_PATTERN)),
        ),
        source="Chou et al., ACP 2011; NICE CKS; ACR Appropriateness Criteria 2021 variant 7; Downie, BMJ 2013",
        explanation=(
            "You have lost weight without trying, or you have pain at rest or at night, and there is another "
            "warning sign too. A clinician should check for a serious cause, such as cancer. Most often they "
            "find something else. But it is worth a check within 1 to 2 weeks."
        ),
        imaging_reason=(
            "Your clinician may start with blood tests and an X-ray, or go straight to an MRI, which shows more."
        ),
        fires=(
            {"weight_loss": "yes", "age": 60},
            {"night_pain": "yes", "age": 55},
            {"weight_loss": "yes", "night_pain": "yes", "age": 30},
            {"night_pain": "yes", "treatment_no_better": "yes", "pain_weeks": 8},
        ),
        spares=(
            {"weight_loss": "yes", "age": 40},
            {"night_pain": "yes", "age": 40},
            {"night_pain": "yes", "age": 60, "pain_weeks": 300, "previous_imaging": ["mri"]},
            {
                "night_pain": "yes",
                "morning_stiffness": "yes",
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
        fires=({"weight_loss": "yes", "age": 30},),
        spares=({"night_pain": "yes"},),
    ),
    # ------------------------------------------------------------ infection
    Rule(
        id="infection_with_nerve_signs",
        title="Possible spine infection with nerve signs",
        category=Category.INFECTION,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=All(AnyOf(Yes("fever"), INFECTION_RISK), NERVE_SIGN),
        source="ACR Appropriateness Criteria 2021 variant 7; Chou et al., ACP 2011; NICE CKS",
        explanation=(
            "You may have a higher chance of a spine infection, and you also have numbness, weakness, or "
            "bladder or bowel changes. An infection may be pressing on the nerves. This is an emergency."
        ),
        imaging_reason="An emergency MRI shows an infection near the spine. A dye is often used to make it clear.",
        fires=({"fever": "yes", "leg_weakness": "yes"}, {"iv_drug_use": "yes", "leg_numbness": "yes"}),
        spares=({"fever": "yes"}, {"leg_numbness": "yes"}),
    ),
    Rule(
        id="infection_fever",
        title="Back pain with a fever",
        category=Category.INFECTION,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(Yes("fever"), Unless(KIDNEY_EXPLAINS_FEVER)),
        source="Chou et al., ACP 2011; ACR Appropriateness Criteria 2021 variant 7; NICE CKS",
        explanation=(
            "Back pain with a fever, chills or night sweats can be a sign of an infection in or near the "
            "spine. It is rare, but it needs to be checked today."
        ),
        imaging_reason="If a spine infection is suspected, an MRI (often with a contrast dye) shows it best.",
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
        source="ACR Appropriateness Criteria 2021 variant 7; Chou et al., ACP 2011; NICE CKS",
        explanation=(
            "Injecting drugs, a recent infection or spine procedure, or a weak immune system each make a "
            "spine infection more likely, even without a fever. A clinician should check you soon. If you "
            "get a fever or chills, get help the same day."
        ),
        imaging_reason="An MRI is the scan used to look for a spine infection, if your clinician suspects one.",
        fires=({"iv_drug_use": "yes"}, {"immune_suppression": "yes"}, {"recent_infection": "yes"}),
        spares=({"fever": "yes"},),
    ),
    Rule(
        id="infection_after_surgery",
        title="Fever after back surgery",
        category=Category.INFECTION,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(Yes("back_surgery_before"), Yes("fever")),
        source="ACR Appropriateness Criteria 2021 variant 5; clinical reference §8",
        explanation=(
            "A fever in someone who has had back surgery can mean an infection where the operation was. "
            "Contact your surgeon or a doctor today."
        ),
        imaging_reason="An MRI with a contrast dye helps tell an infection from scar tissue.",
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
        source="Choosing Wisely (AAFP: pyelonephritis as a cause of back pain); clinical reference §8",
        explanation=(
            "Burning when you pee, or pain in your side, with a fever, can be a kidney infection. See a "
            "doctor today. It is usually treated with antibiotics."
        ),
        imaging_reason="A kidney infection is found with a urine test, not a scan of the spine.",
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
        source="Choosing Wisely (AAFP); clinical reference §8",
        explanation=(
            "Burning when you pass urine, or pain in your side, can come from the bladder or kidneys "
            "rather than the spine. A simple urine test can check. If you get a fever, see a doctor the "
            "same day."
        ),
        imaging_reason="A urine test comes first; a scan of the spine would not show this.",
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
        source="Choosing Wisely (ASA: aortic aneurysm); AAFP; clinical reference §2 (RF_NONSPINE)",
        explanation=(
            "Sudden, severe pain in the belly or chest with back pain, or feeling faint, can come from a "
            "large blood vessel (the aorta) or the heart. Call your emergency number now."
        ),
        imaging_reason="The emergency team will choose the right tests. A scan of the spine is not the first step.",
        fires=({"abdominal_or_chest_pain": "yes"},),
        spares=({"urinary_pain": "yes"},),
    ),
    # ------------------------------------------------------------ fracture
    Rule(
        id="fracture_major_trauma",
        title="Back pain after a major injury",
        category=Category.FRACTURE,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.CT_URGENT,
        when=Yes("major_trauma"),
        source="Casazza, AFP 2012 (trauma red flag); ACR Appropriateness Criteria (CT when fracture is the concern)",
        explanation=(
            "Back pain after a big accident, such as a car crash or a fall from a height, can mean a broken "
            "bone in the spine. Keep still and get emergency care now."
        ),
        imaging_reason="The emergency team will usually use a CT scan to look for broken bones.",
        fires=({"major_trauma": "yes"},),
        spares=({"minor_trauma": "yes"},),
    ),
    Rule(
        id="fracture_fragility_nerve_signs",
        title="Possible spine fracture with numbness or weakness",
        category=Category.FRACTURE,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(FRAGILITY, LEG_DEFICIT),
        source="ACR Appropriateness Criteria 2021 variant 6; clinical reference §8",
        explanation=(
            "You may have a broken bone in the spine, and a leg is numb or weak. The bone may be pressing "
            "on a nerve. Get it checked today."
        ),
        imaging_reason="An MRI shows both the bone and the nerves. An X-ray cannot show the nerves.",
        fires=({"osteoporosis": "yes", "minor_trauma": "yes", "leg_numbness": "yes"},),
        spares=({"osteoporosis": "yes", "leg_numbness": "yes", "age": 40},),
        explains_xray_limits=True,
    ),
    Rule(
        id="fracture_fragility",
        title="Possible broken bone in the spine (weak bones)",
        category=Category.FRACTURE,
        urgency=Urgency.SOON,
        imaging=Imaging.XRAY,
        when=FRAGILITY,
        source="ACR Appropriateness Criteria 2021 variant 6; Chou et al., ACP 2011; Will, AFP 2018",
        explanation=(
            "Thin bones, long use of steroid tablets, or older age make it possible for a small fall, a lift, "
            "or even a cough to crack a bone in the spine. A clinician should check you within a few days. "
            "Go the same day if the pain is too strong to bear or you cannot walk."
        ),
        imaging_reason="An X-ray is the usual first test to look for a broken bone.",
        fires=(
            {"osteoporosis": "yes", "minor_trauma": "yes"},
            {"steroid_use": "yes", "age": 70, "pain_weeks": 1},
            {"age": 72, "minor_trauma": "yes"},
        ),
        spares=({"age": 80}, {"minor_trauma": "yes", "age": 30}, {"osteoporosis": "yes", "age": 50, "pain_weeks": 1}),
    ),
    # ------------------------------------------------------------ inflammatory back pain
    Rule(
        id="inflammatory_back_pain",
        title="A pattern that can mean inflammation of the spine",
        category=Category.INFLAMMATORY,
        urgency=Urgency.SOON,
        imaging=Imaging.NONE,
        when=INFLAMMATORY_PATTERN,
        source="ASAS criteria (Sieper 2009); NICE NG65; Chou et al., ACP 2011",
        explanation=(
            "Your pain began before about age 45 and has lasted 3 months or more. It is stiff in the morning, "
            "eases when you move, or wakes you at night. This can be inflammatory back pain, such as axial "
            "spondyloarthritis. It is not an emergency. Ask your doctor if you should see a joint "
            "specialist (rheumatologist)."
        ),
        imaging_reason=(
            "The joint specialist decides on any scans. A back MRI from your family doctor is not the first step."
        ),
        fires=({"age": 30, "pain_weeks": 26, "morning_stiffness": "yes", "better_with_exercise": "yes"},),
        spares=(
            {"age": 60, "pain_weeks": 26, "morning_stiffness": "yes", "better_with_exercise": "yes"},
            {"age": 30, "pain_weeks": 4, "morning_stiffness": "yes", "better_with_exercise": "yes"},
            {"age": 30, "pain_weeks": 26, "morning_stiffness": "yes"},
        ),
    ),
    # ------------------------------------------------------------ care pathways (not red flags)
    Rule(
        id="sciatica_persistent_mri",
        title="Leg pain that has lasted 6 weeks despite treatment",
        category=None,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=All(LEG_SYMPTOM, NO_BETTER_AFTER_6_WEEKS, Yes("procedure_considered")),
        source="ACR Appropriateness Criteria 2021 variant 3; ACP 2007 recommendation 4; NICE NG59 1.1.6",
        explanation=(
            "Your leg pain has not got better after 6 weeks of treatment, and surgery or an injection is "
            "being thought about. This is when the guidelines say an MRI can help plan your care."
        ),
        imaging_reason=(
            "An MRI shows discs and nerves, which an X-ray cannot. A normal or mildly worn X-ray does not "
            "rule out a disc pressing on a nerve."
        ),
        fires=(
            {
                "leg_pain_below_knee": "yes",
                "pain_weeks": 8,
                "treatment_no_better": "yes",
                "procedure_considered": "yes",
            },
        ),
        spares=(
            {
                "leg_pain_below_knee": "yes",
                "pain_weeks": 3,
                "treatment_no_better": "yes",
                "procedure_considered": "yes",
            },
            {"leg_pain_below_knee": "yes", "pain_weeks": 8, "treatment_no_better": "yes"},
        ),
        explains_xray_limits=True,
    ),
    Rule(
        id="after_back_surgery",
        title="Leg symptoms after back surgery",
        category=None,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=All(Yes("back_surgery_before"), AnyOf(LEG_SYMPTOM, Yes("leg_weakness"))),
        source="ACR Appropriateness Criteria 2021 variant 5",
        explanation=(
            "You have had back surgery, and now have leg pain, numbness or weakness. A clinician should check "
            "you soon. The team who did the operation is the best choice."
        ),
        imaging_reason="After surgery, the usual tests are X-rays and an MRI. Sometimes a dye is used too.",
        fires=({"back_surgery_before": "yes", "leg_pain_below_knee": "yes"},),
        spares=({"back_surgery_before": "yes"},),
        explains_xray_limits=True,
    ),
    Rule(
        id="sciatica_early",
        title="Leg pain from the back (sciatica)",
        category=None,
        urgency=Urgency.ROUTINE,
        imaging=Imaging.NONE,
        when=All(LEG_SYMPTOM, Below("pain_weeks", 6)),
        source="ACR Appropriateness Criteria 2021 variant 1; ACP 2007 recommendation 2; NICE NG59 1.1.4",
        explanation=(
            "Leg pain that comes from the back (sciatica) often gets better by itself within 6 weeks. "
            "Keeping gently active helps."
        ),
        imaging_reason=(
            "In the first 6 weeks, scans rarely change treatment, so the guidelines advise waiting unless a "
            "warning sign appears."
        ),
        fires=({"leg_pain_below_knee": "yes", "pain_weeks": 2},),
        spares=({"leg_pain_below_knee": "yes", "pain_weeks": 10},),
    ),
)

RULES_BY_ID: Final[dict[str, Rule]] = {rule.id: rule for rule in RULES}


# ----------------------------------------------------------------------------- clinical policy
# Decisions about unanswered and skipped questions are clinical decisions too: they live here,
# beside the rules they protect, and `backpain rules` prints them for review.

# Screening questions whose answer alone decides whether an emergency or same-day sign is
# present. Left unanswered, they cannot be ruled out, so the urgency is at least UNANSWERED_FLOOR
# (CONTRACT.md: an unanswered question never counts as "no"). Each of them, answered even
# "not sure" on its own, already reaches the floor or higher, so answering one never lowers the
# urgency (check_rules and tests/test_triage.py check that).
SCREENING_KEYS: Final[tuple[str, ...]] = (
    "saddle_numbness",
    "bladder_change",
    "bowel_control_loss",
    "abdominal_or_chest_pain",
    "major_trauma",
    "fever",
    "cancer_history",
)
UNANSWERED_FLOOR: Final = Urgency.SOON

# Cauda equina questions are asked of everyone, whatever came before (clinical reference §2,
# GIRFT): a skipped one could hide an emergency.
ALWAYS_ASKED: Final = frozenset({"saddle_numbness", "bladder_change", "bowel_control_loss", "sexual_function_change"})

# The only questions that may be skipped, and the questions each must stay behind: a question is
# skipped when every one of its gates was answered "no". The rules read these follow-ups only
# together with their gates, so skipping them can never hide a red flag (tests/test_triage.py
# proves it by property test). A content folder may add gates (the question is then asked more
# often) but never remove these.
SKIPPABLE: Final[dict[str, frozenset[str]]] = {
    "weakness_worsening": frozenset({"leg_numbness", "leg_weakness"}),
    "both_legs": frozenset({"leg_pain_below_knee", "leg_numbness", "leg_weakness"}),
}

SkipGates = Mapping[str, tuple[str, ...] | frozenset[str]]


def is_skipped(key: str, facts: Mapping[str, object], gates: SkipGates = SKIPPABLE) -> bool:
    """Whether a question is skipped: it has gates and every one of them was answered "no".

    The one skip rule, used by the walk-through, pruning and the unanswered list alike.
    """
    keys = gates.get(key)
    return bool(keys) and all(facts.get(gate) == "no" for gate in keys or ())


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
    for key in (*SCREENING_KEYS, *ALWAYS_ASKED, *SKIPPABLE, *(g for gates in SKIPPABLE.values() for g in gates)):
        if key not in ANSWER_KEYS:
            problems.append(f"policy names unknown answer key {key!r}")
    for key in SKIPPABLE:
        if key in ALWAYS_ASKED or key in SCREENING_KEYS:
            problems.append(f"{key!r} is a screening question and may not be skipped")
    return problems


_PROBLEMS = check_rules()
if _PROBLEMS:  # pragma: no cover - a broken table never ships; tests/test_redflags.py shows this fires
    raise RuleTableError("; ".join(_PROBLEMS))
