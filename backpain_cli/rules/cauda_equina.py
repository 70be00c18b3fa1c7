"""Cauda equina syndrome: the saddle, bladder, bowel and sexual signs, and symptoms in both legs (GIRFT).

Each rule names its source and carries the cases that must and must not fire it (rules/model.py).
Its words for the patient are in the text catalogue (content/texts/), keyed by the rule id.
"""

from __future__ import annotations

from typing import Final

from backpain_cli.conditions import All, AnyOf, AtLeast, Certainly, Unless, Yes
from backpain_cli.levels import Category, Imaging, Urgency
from backpain_cli.rules.model import Rule
from backpain_cli.rules.triggers import (
    ACR,
    ANY_LEG_SYMPTOM,
    BOTH_LEGS_STABLE,
    CES_SIGN,
    DEFICIT_KEYS,
    GIRFT,
    LEG_SYMPTOMS_NEW,
    NERVES_SCANNED,
    NUMBNESS_IN_BOTH_LEGS,
    NUMBNESS_WORSE,
    SYMPTOMS_IN_BOTH_LEGS,
    WEAKNESS_IN_BOTH_LEGS,
    WEAKNESS_STABLE,
    WEAKNESS_WORSE,
    WORSENING_KEYS,
)

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        id="ces_saddle_bladder_bowel",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=CES_SIGN,
        source=f"{GIRFT}; {ACR} variant 4; Chou et al., ACP 2011",
        criterion=(
            "GIRFT: new (within 14 days) or deteriorating difficulty passing urine or feeling it pass, altered "
            "perianal, perineal or genital sensation, or loss of the feeling of rectal fullness -> emergency "
            "department."
        ),
        if_unanswered=Urgency.SOON,
        steps_down_when_unsure=False,
        differs=(
            "The questions ask about a new change, not its date, so any such sign is an emergency (reference §2 "
            "note a: an app cannot tell a 15-day-old stable sign from a new one). A 'not sure' does not step down: "
            "each sign is itself a GIRFT criterion (doubt policy). Unanswered raises the floor to soon and lists it."
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
        id="ces_sexual_with_leg_symptoms",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=All(Yes("sexual_function_change"), ANY_LEG_SYMPTOM),
        source=f"{GIRFT} (sexual dysfunction spared only as the only other feature); BMJ Best Practice CES",
        criterion=(
            "GIRFT: new or deteriorating sexual dysfunction is an emergency-department criterion; back pain whose "
            "only other feature is sexual dysfunction is unlikely to be cauda equina. BMJ Best Practice: recent "
            "or deteriorating sexual dysfunction with leg or back pain -> immediate referral."
        ),
        if_unanswered=Urgency.SOON,
        differs="Rule set 2027.1: with any leg symptom it is not 'the only other feature' (was soon, or urgent).",
        fires=(
            {"sexual_function_change": "yes", "leg_pain_below_knee": "yes"},
            {"sexual_function_change": "yes", "leg_numbness": "yes"},
        ),
        spares=({"sexual_function_change": "yes"}, {"leg_pain_below_knee": "yes"}),
    ),
    Rule(
        id="ces_sexual_function",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=All(Yes("sexual_function_change"), Unless(ANY_LEG_SYMPTOM)),
        source="GIRFT national suspected cauda equina pathway (sexual symptoms alone are less specific); NICE CKS",
        criterion="GIRFT: back pain whose only other feature is sexual dysfunction is unlikely to be cauda equina.",
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Genital numbness is asked with saddle numbness (an emergency sign), not here. BMJ Best Practice lists "
            "sexual dysfunction with back pain for immediate referral; GIRFT's note, more specific, is followed."
        ),
        fires=({"sexual_function_change": "yes"},),
        spares=({"saddle_numbness": "no"}, {"sexual_function_change": "yes", "leg_pain_below_knee": "yes"}),
    ),
    Rule(
        id="ces_both_legs_deficit",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=AnyOf(
            All(WEAKNESS_IN_BOTH_LEGS, AnyOf(LEG_SYMPTOMS_NEW, WEAKNESS_WORSE)),
            All(NUMBNESS_IN_BOTH_LEGS, NUMBNESS_WORSE),
        ),
        source=f"{GIRFT}; ACP 2007 recommendation 3; reference §2 RF_MOTOR (emergency if both legs)",
        criterion=(
            "GIRFT: severe or progressive neurological deficit of both legs (such as major weakness of knee "
            "extension, ankle eversion or foot dorsiflexion) -> emergency department."
        ),
        if_unanswered=Urgency.SOON,
        differs=(
            "Weakness in both legs that began in the last 14 days (or whose start is not known) counts as possibly "
            "progressive; older weakness that is not getting worse is the urgent route (next rule). Numbness in "
            "both legs counts when it is spreading. 'Not sure' answers alone step down, and so does a 'not sure' "
            "only about the deficit itself (is there weakness or numbness, is it getting worse) beside pain in both "
            "legs (doubt policy): GIRFT's criterion is a severe or progressive deficit, which doubts do not establish."
        ),
        doubt_keys=WORSENING_KEYS | DEFICIT_KEYS,
        fires=(
            {"both_legs": "yes", "leg_weakness": "yes", "leg_symptoms_weeks": 1},
            {"both_legs": "yes", "leg_weakness": "yes", "pain_weeks": 60},
            {"both_legs": "yes", "leg_weakness": "yes", "leg_symptoms_weeks": 20, "weakness_getting_worse": "yes"},
            {"both_legs": "yes", "leg_numbness": "yes", "numbness_spreading": "yes", "leg_symptoms_weeks": 20},
            {"both_legs": "yes", "leg_numbness": "yes", "weakness_worsening": "yes", "pain_weeks": 30},
        ),
        spares=(
            {"both_legs": "yes", "leg_weakness": "yes", "leg_symptoms_weeks": 20, "weakness_getting_worse": "no"},
            {"both_legs": "yes", "leg_numbness": "yes", "numbness_spreading": "no", "leg_symptoms_weeks": 1},
            {
                "both_legs": "yes",
                "leg_pain_below_knee": "yes",
                "leg_weakness": "yes",
                "weakness_both_legs": "no",
                "leg_symptoms_weeks": 1,
            },
            {"leg_numbness": "yes", "weakness_worsening": "yes"},
        ),
    ),
    Rule(
        id="ces_both_legs_weakness_stable",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=All(WEAKNESS_IN_BOTH_LEGS, Certainly(All(AtLeast("leg_symptoms_weeks", 3), WEAKNESS_STABLE))),
        source=f"{GIRFT} (2023: an urgent referral and imaging route for symptoms over 14 days that are stable)",
        criterion=(
            "GIRFT 2023: cauda equina symptoms present for more than 14 days and not deteriorating -> urgent "
            "referral and imaging, not the emergency department."
        ),
        if_unanswered=Urgency.SOON,
        differs=(
            "GIRFT's 'urgent referral' is the NHS sense (within days to two weeks, not the emergency department), "
            "which is this program's 'soon' (within 1-2 weeks), not its same-day 'urgent'. Weakness in one leg "
            "that is not getting worse is 'soon' too (reference §8). Found only in secondary sources (ICB referral "
            "pages, Gill 2025): check against the GIRFT text."
        ),
        fires=({"both_legs": "yes", "leg_weakness": "yes", "leg_symptoms_weeks": 20, "weakness_getting_worse": "no"},),
        spares=(
            {"both_legs": "yes", "leg_weakness": "yes", "leg_symptoms_weeks": 20, "weakness_getting_worse": "unsure"},
            {"both_legs": "yes", "leg_weakness": "yes", "leg_symptoms_weeks": 2, "weakness_getting_worse": "no"},
        ),
    ),
    Rule(
        id="ces_both_legs_new_pain",
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(SYMPTOMS_IN_BOTH_LEGS, Unless(BOTH_LEGS_STABLE)),
        source=f"{GIRFT} (bilateral sciatica added as a warning sign in 2018)",
        criterion=(
            "GIRFT/CKS: leg pain in both legs is a cauda equina warning sign; new (within 14 days) or "
            "deteriorating symptoms are assessed the same day."
        ),
        if_unanswered=Urgency.SOON,
        differs=(
            "Symptoms in both legs are treated as new unless they are known to be older than 14 days and not "
            "getting worse: the time the leg symptoms began is asked (the back pain's duration says nothing about "
            "it); old answer files, which never asked it, keep the earlier test (over a year of scanned pain)."
        ),
        fires=(
            {"leg_pain_below_knee": "yes", "both_legs": "yes", "leg_symptoms_weeks": 1},
            {"leg_pain_below_knee": "yes", "both_legs": "yes", "pain_weeks": 12},
            {"leg_numbness": "yes", "both_legs": "yes", "leg_symptoms_weeks": 10, "numbness_spreading": "unsure"},
            {
                "leg_numbness": "yes",
                "both_legs": "yes",
                "pain_weeks": 60,
                "previous_imaging": ["mri"],
                "weakness_worsening": "unsure",
            },
        ),
        spares=(
            {"leg_pain_below_knee": "yes", "both_legs": "yes", "leg_symptoms_weeks": 3},
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
        category=Category.CAUDA_EQUINA,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=All(SYMPTOMS_IN_BOTH_LEGS, BOTH_LEGS_STABLE, Unless(WEAKNESS_IN_BOTH_LEGS), Unless(NERVES_SCANNED)),
        source=(
            "GIRFT 2023 (urgent, not emergency, route for symptoms over 14 days that are stable); Chou 2011 "
            "(stenosis: imaging deferred unless surgery is considered); reference §8"
        ),
        criterion=(
            "GIRFT 2023: symptoms over 14 days and stable -> a referral and imaging, not the emergency department; "
            "long-standing stenosis symptoms are not an emergency."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Soon rather than urgent: pain or numbness in both legs (no weakness in both) known to be older than "
            "14 days and not getting worse, never looked at with an MRI or CT: still a cauda equina warning sign, on "
            "GIRFT's referral-and-imaging route. Only certain answers count as stable. Once scanned, see "
            "both_legs_long_standing_scanned."
        ),
        fires=(
            {"leg_pain_below_knee": "yes", "both_legs": "yes", "leg_symptoms_weeks": 3},
            {
                "leg_pain_below_knee": "yes",
                "leg_weakness": "yes",
                "both_legs": "yes",
                "weakness_both_legs": "no",
                "weakness_getting_worse": "no",
                "leg_symptoms_weeks": 8,
            },
        ),
        spares=(
            {"leg_pain_below_knee": "yes", "both_legs": "yes", "leg_symptoms_weeks": 2},
            {"leg_numbness": "yes", "both_legs": "yes", "leg_symptoms_weeks": 10, "numbness_spreading": "unsure"},
            {"leg_pain_below_knee": "yes", "both_legs": "yes", "pain_weeks": 60, "weakness_worsening": "no"},
            {"leg_pain_below_knee": "yes", "both_legs": "yes", "leg_symptoms_weeks": 30, "previous_imaging": ["mri"]},
        ),
    ),
    Rule(
        id="both_legs_long_standing_scanned",
        category=None,
        urgency=Urgency.SOON,
        imaging=Imaging.MRI,
        when=All(SYMPTOMS_IN_BOTH_LEGS, BOTH_LEGS_STABLE, Unless(WEAKNESS_IN_BOTH_LEGS), NERVES_SCANNED),
        source=(
            "GIRFT 2023 (urgent, not emergency, route for symptoms over 14 days that are stable); Chou 2011 "
            "(previous imaging with no change in clinical status: no imaging; stenosis: imaging only for surgery); "
            "reference §8 (long-standing, scanned, unchanged symptoms in both legs step down to soon)"
        ),
        criterion=(
            "Reference §8: symptoms in both legs known to be long-standing (a scan already done) and unchanged are "
            "seen soon; Chou 2011: no repeat imaging without a change."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Not a red flag: a known, scanned, unchanged picture (often spinal stenosis) is ordinary; the visit is "
            "soon, as the reference says, rather than routine (a reviewer judged routine: no source names a level). "
            "The MRI already done is not repeated while nothing has changed (triage: no repeat imaging)."
        ),
        fires=(
            {
                "leg_pain_below_knee": "yes",
                "both_legs": "yes",
                "pain_weeks": 60,
                "previous_imaging": ["mri"],
                "weakness_worsening": "no",
                "leg_weakness": "no",
            },
            {"leg_pain_below_knee": "yes", "both_legs": "yes", "leg_symptoms_weeks": 30, "previous_imaging": ["mri"]},
        ),
        spares=(
            {"leg_pain_below_knee": "yes", "both_legs": "yes", "leg_symptoms_weeks": 30, "previous_imaging": ["xray"]},
            {"leg_pain_below_knee": "yes", "both_legs": "yes", "leg_symptoms_weeks": 1, "previous_imaging": ["mri"]},
        ),
    ),
)
