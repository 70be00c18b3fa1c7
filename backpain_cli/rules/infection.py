"""Spinal infection and sepsis: fever, infection risk factors, infection after surgery (ACR V7; Chou 2011).

Each rule names its source and carries the cases that must and must not fire it (rules/model.py).
Its words for the patient are in the text catalogue (content/texts/), keyed by the rule id.
"""

from __future__ import annotations

from typing import Final

from backpain_cli.conditions import All, AnyOf, No, Unless, Yes
from backpain_cli.levels import Category, Imaging, Urgency
from backpain_cli.rules.model import Rule
from backpain_cli.rules.triggers import (
    ACR,
    CHOU_2011,
    FEVER,
    INFECTION_RISK,
    INFECTION_RISK_OR_DIABETES,
    KIDNEY_EXPLAINS_FEVER,
    NERVE_SIGN,
    SEPSIS_CONTEXT,
    SPINAL_PROCEDURE,
)

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        id="infection_with_nerve_signs",
        category=Category.INFECTION,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.MRI_URGENT,
        when=All(AnyOf(FEVER, All(INFECTION_RISK_OR_DIABETES, Yes("feel_unwell"))), NERVE_SIGN),
        source=f"{ACR} variant 7; {CHOU_2011}; reference §2 RF_INFECT (emergency with a deficit)",
        criterion=(
            "Suspected spinal infection (fever, or a risk factor and feeling very unwell) with a neurological "
            "deficit: emergency."
        ),
        if_unanswered=Urgency.SOON,
        differs=(
            "A risk factor with leg tingling but no fever or illness is not an emergency (Chou 2011 pairs "
            "infection imaging with fever). A 'not sure' risk factor beside a certain sign steps down."
        ),
        fires=(
            {"fever_or_chills": "yes", "leg_weakness": "yes"},
            {"fever": "yes", "leg_weakness": "yes"},
            {"iv_drug_use": "yes", "feel_unwell": "yes", "leg_numbness": "yes"},
        ),
        spares=(
            {"fever_or_chills": "yes"},
            {"night_sweats": "yes", "leg_weakness": "yes"},
            {"iv_drug_use": "yes", "leg_numbness": "yes"},
            {"infection_elsewhere": "yes", "leg_numbness": "yes"},
        ),
    ),
    Rule(
        id="sepsis_signs",
        category=Category.INFECTION,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.NONE,
        when=All(Yes("feel_unwell"), SEPSIS_CONTEXT),
        source="Reference §2 RF_INFECT (emergency if very unwell); NICE NG51 (sepsis); NICE CKS",
        criterion="RF_INFECT: suspected infection and very unwell -> emergency.",
        if_unanswered=Urgency.ROUTINE,
        differs="Feeling very unwell is asked of everyone since rule set 2027.1 (next rules read it alone).",
        fires=({"feel_unwell": "yes", "fever_or_chills": "yes"}, {"feel_unwell": "yes", "diabetes": "yes"}),
        spares=({"feel_unwell": "yes"}, {"fever_or_chills": "yes"}),
    ),
    Rule(
        id="sepsis_confusion",
        category=Category.INFECTION,
        urgency=Urgency.EMERGENCY,
        imaging=Imaging.NONE,
        # New confusion is the sign; feeling unwell only gates the question. A "no" to feeling unwell
        # excludes it (check never asks then, and the question's examples include feeling confused).
        when=All(Yes("new_confusion"), Unless(No("feel_unwell"))),
        source="NICE NG51 (sepsis: new altered mental state is a high-risk criterion, with or without fever)",
        criterion=(
            "NG51: objective evidence of new altered mental state is a high-risk criterion; people with sepsis may "
            "not have a high temperature (1.1.2)."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Asked as a follow-up of feeling very unwell. New confusion counts on its own unless feeling very unwell "
            "was answered no (an answer file may leave it out: it was then routine, found by mutation testing of "
            "2027.1). NG51 may have been renumbered (NG253/NG254 carry the same text); the high-risk list was checked "
            "only in a reproduction."
        ),
        fires=(
            {"feel_unwell": "yes", "new_confusion": "yes", "age": 78},
            {"feel_unwell": None, "new_confusion": "yes", "age": 78},
        ),
        spares=({"feel_unwell": "yes", "new_confusion": "no"}, {"feel_unwell": "no", "new_confusion": "yes"}),
    ),
    Rule(
        id="very_unwell",
        category=Category.INFECTION,
        urgency=Urgency.URGENT,
        imaging=Imaging.NONE,
        when=Yes("feel_unwell"),
        source="NICE NG51 1.1.2 (sepsis may present as feeling very unwell, without a high temperature)",
        criterion=(
            "NG51 1.1.2: people with sepsis may have non-specific presentations, for example feeling very unwell, "
            "and may not have a high temperature: assess them."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Rule set 2027.1: feeling very unwell is asked of everyone and, alone, is seen the same day (it was "
            "dropped without a fever or an infection risk)."
        ),
        fires=({"feel_unwell": "yes"},),
        spares=({"fever_or_chills": "yes"},),
    ),
    Rule(
        id="infection_fever",
        category=Category.INFECTION,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(FEVER, Unless(KIDNEY_EXPLAINS_FEVER)),
        source=f"{CHOU_2011}; {ACR} variant 7; NICE CKS",
        criterion="Fever with back pain: suspected spinal infection, same-day assessment, MRI with contrast.",
        if_unanswered=Urgency.SOON,
        differs="Rule set 2027.1: fever or chills, asked apart from night sweats (the old question counted both).",
        fires=(
            {"fever_or_chills": "yes"},
            {"fever": "yes"},
            {"fever_or_chills": "yes", "urinary_pain": "yes", "iv_drug_use": "yes"},
            {"fever_or_chills": "yes", "urinary_pain": "unsure"},
        ),
        spares=({"fever_or_chills": "yes", "urinary_pain": "yes"}, {"night_sweats": "yes"}),
    ),
    Rule(
        id="infection_risk_with_fever",
        category=Category.INFECTION,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(INFECTION_RISK, FEVER),
        source=f"{CHOU_2011} (new back pain with fever and injecting drugs or a recent infection: immediate MRI)",
        criterion=(
            "Chou 2011: new back pain with fever and a history of injecting drugs or recent infection -> immediate "
            "MRI. Spinal epidural abscess often has no measured fever."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "A 'not sure' fever beside a certain risk factor is one story and is seen the same day (doubt policy): "
            "each alone would step down to soon."
        ),
        fires=(
            {"iv_drug_use": "yes", "fever_or_chills": "unsure"},
            {"spinal_procedure": "yes", "fever_or_chills": "yes"},
        ),
        spares=({"iv_drug_use": "yes"}, {"fever_or_chills": "unsure"}),
    ),
    Rule(
        id="infection_risk_with_weakness",
        category=Category.INFECTION,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(INFECTION_RISK, Yes("leg_weakness")),
        source=f"{CHOU_2011} (immediate MRI for a neurological deficit; risk factors for infection); reference §9",
        criterion=(
            "An infection risk factor with new leg weakness: spinal epidural abscess often has no measured fever "
            "(about half), and the deficit is its late sign; same-day review with MRI."
        ),
        if_unanswered=Urgency.SOON,
        differs=(
            "Rule set 2027.1: without fever, a risk factor alone is 'soon' with blood tests first, but with leg "
            "weakness it is seen the same day. With fever or feeling very unwell it is an emergency "
            "(infection_with_nerve_signs). Numbness or tingling alone beside a risk factor stays 'soon'."
        ),
        fires=({"iv_drug_use": "yes", "leg_weakness": "yes"}, {"spinal_procedure": "yes", "leg_weakness": "yes"}),
        spares=({"iv_drug_use": "yes", "leg_numbness": "yes"}, {"leg_weakness": "yes"}),
    ),
    Rule(
        id="infection_after_procedure",
        category=Category.INFECTION,
        urgency=Urgency.URGENT,
        imaging=Imaging.NONE,
        when=All(SPINAL_PROCEDURE, Yes("pain_worsening")),
        source="The clinical reference §9 (worsening pain after spinal procedures, injections, neuraxial anaesthesia)",
        criterion=(
            "Worsening pain or tenderness after a spinal procedure, injection or neuraxial anaesthetic needs "
            "same-day review: epidural abscess often comes without fever."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "From the clinical reference (§9); no guideline passage was found for it (only case reports of abscess "
            "after epidural injections). No MRI on this alone: a risk factor without fever is examined and has blood "
            "tests first (issue 23; Chou 2011 pairs infection imaging with fever); the same-day clinician orders "
            "the MRI, the test for an abscess, when they point to one."
        ),
        fires=({"spinal_procedure": "yes", "pain_worsening": "yes"},),
        spares=({"spinal_procedure": "yes"}, {"pain_worsening": "yes"}),
    ),
    Rule(
        id="night_sweats",
        category=Category.INFECTION,
        urgency=Urgency.SOON,
        imaging=Imaging.NONE,
        when=Yes("night_sweats"),
        source="NICE CKS (systemic symptoms as red flags); Chou 2011 (single flag: review at about a month)",
        criterion=(
            "Night sweats are a systemic symptom on the infection and cancer red-flag lists: a clinician within "
            "days to look for a cause; no imaging on this alone."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Rule set 2027.1: asked apart from fever; alone they are no longer urgent with an MRI (the old fever "
            "question counted them as fever, and the category is still infection). Chou 2011 defers imaging for a "
            "single weak flag; the visit within "
            "days is a judgement (no source gives a timing for night sweats alone), kept below same-day."
        ),
        fires=({"night_sweats": "yes", "age": 30},),
        spares=({"fever_or_chills": "yes"},),
    ),
    Rule(
        id="infection_risk",
        category=Category.INFECTION,
        urgency=Urgency.SOON,
        imaging=Imaging.NONE,
        when=INFECTION_RISK,
        source=f"{CHOU_2011}; reference §9 (without fever: blood tests first); {ACR} variant 7; NICE CKS",
        criterion=(
            "A risk factor without fever: a clinician soon, blood tests (ESR, CRP) first; MRI with fever (Chou "
            "2011) or when the tests or the examination point to infection."
        ),
        if_unanswered=Urgency.ROUTINE,
        differs=(
            "Rule set 2027.1: no MRI for a risk factor without fever (it was MRI). ACR V7 rates MRI usually "
            "appropriate for immunosuppression once imaging is chosen; the reference (§9) says blood tests first. "
            "The 'blood tests first' row was not found in reproductions of Chou's table. Diabetes alone does not "
            "fire this rule; never routine."
        ),
        fires=(
            {"iv_drug_use": "yes"},
            {"immune_suppression": "yes"},
            {"infection_elsewhere": "yes"},
            {"spinal_procedure": "yes"},
            {"recent_infection": "yes"},
            # the old "yes" denied by both finer answers: a file that contradicts itself is read the cautious way
            {"recent_infection": "yes", "infection_elsewhere": "no", "spinal_procedure": "no"},
        ),
        spares=(
            {"fever_or_chills": "yes"},
            {"diabetes": "yes"},
        ),
    ),
    Rule(
        id="infection_after_surgery",
        category=Category.INFECTION,
        urgency=Urgency.URGENT,
        imaging=Imaging.MRI,
        when=All(Yes("back_surgery_before"), FEVER),
        source=f"{ACR} variant 5; reference §2 RF_POSTOP",
        criterion="RF_POSTOP: after lumbar surgery, with fever -> urgent.",
        if_unanswered=Urgency.SOON,
        fires=({"back_surgery_before": "yes", "fever_or_chills": "yes", "urinary_pain": "yes"},),
        spares=({"back_surgery_before": "yes"},),
    ),
)
