"""The clinical policy around the rules: which questions are always asked, when the others are.

Decisions about unanswered and skipped questions are clinical decisions too: they live here,
beside the rules they protect, and `backpain rules` prints them for review.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from backpain_cli.answers import SYMPTOM_KEYS
from backpain_cli.conditions import NO, All, AnyOf, AtLeast, Below, Condition, OnsetBefore, Yes
from backpain_cli.levels import Imaging
from backpain_cli.rules.model import Rule
from backpain_cli.rules.triggers import (
    ANY_LEG_SYMPTOM,
    CLAUDICATION,
    LEG_DEFICIT,
    LEG_SYMPTOM,
    PREGNANT,
    RECENT_BIRTH,
    REFINES,
    SOMETHING_CHANGED,
)

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
LEG_NUMB: Final = Yes("leg_numbness")
ASK_WHEN: Final[dict[str, Condition]] = {
    "weakness_worsening": LEG_DEFICIT,
    "both_legs": ANY_LEG_SYMPTOM,
    "leg_symptoms_weeks": ANY_LEG_SYMPTOM,
    "weakness_getting_worse": Yes("leg_weakness"),
    "numbness_spreading": Yes("leg_numbness"),
    # Which symptom is in both legs, asked only when there is more than one kind of leg symptom:
    # with one kind, "both legs" already says it.
    "weakness_both_legs": All(Yes("both_legs"), Yes("leg_weakness"), AnyOf(Yes("leg_pain_below_knee"), LEG_NUMB)),
    "numbness_both_legs": All(Yes("both_legs"), LEG_NUMB, AnyOf(Yes("leg_pain_below_knee"), Yes("leg_weakness"))),
    "foot_drop": Yes("leg_weakness"),
    "rash": Yes("band_pain"),
    "hands_clumsy": AnyOf(Yes("walking_unsteady"), LEG_DEFICIT),
    "leg_pain_walking": AnyOf(AtLeast("age", 50), ANY_LEG_SYMPTOM),
    "new_confusion": Yes("feel_unwell"),
    "pregnant_or_postpartum": Below("age", 56),
    "pregnant_now": Below("age", 56),
    "birth_last_6_months": Below("age", 56),
    # The broad question counts only while its finer ones are not answered "no" (triggers.refined).
    "heparin_injections": AnyOf(PREGNANT, RECENT_BIRTH),
    "height_loss": AnyOf(AtLeast("age", 50), Yes("osteoporosis"), Yes("steroid_use")),
    "rigid_spine_condition": AnyOf(Yes("minor_trauma"), Yes("major_trauma")),
    "morning_stiffness": All(AtLeast("pain_weeks", 13), OnsetBefore(45)),
    "better_with_exercise": All(AtLeast("pain_weeks", 13), OnsetBefore(45)),
    "spa_related_condition": All(AtLeast("pain_weeks", 13), OnsetBefore(45)),
    "treatment_no_better": AtLeast("pain_weeks", 4),
    "treatment_not_helping": AtLeast("pain_weeks", 4),
    "procedure_considered": All(AnyOf(LEG_SYMPTOM, CLAUDICATION), AtLeast("pain_weeks", 6)),
}

# Broad questions of earlier question banks, and the finer ones `check` asks instead (rule set
# 2027.1, issue 23). A broad key keeps its meaning in answer files forever: every rule reads it
# beside its finer keys, as cautiously as before (an old "yes" counts for each finer key it could
# stand for). A broad "no" answers each finer question "no" (``implied``); a broad key left out is
# never "unanswered" (the finer keys carry the question now).
REFINED: Final[dict[str, tuple[str, ...]]] = REFINES


def implied(facts: Mapping[str, object]) -> dict[str, object]:
    """The answers with what a broad "no" says about each finer question filled in (never overriding
    an answer given): "no fever, chills or night sweats" is "no" to fever and to night sweats.

    ``treatment_no_better`` is the one exception: "not 6 weeks of treatment without improvement"
    says nothing about a month of it, so it implies nothing.
    """
    out = dict(facts)
    for broad, finer in REFINED.items():
        if broad == "treatment_no_better" or out.get(broad) != "no":
            continue
        for key in finer:
            if out.get(key) is None:
                out[key] = "no"
    return out


# Answers about a history or an exposure rather than a sign of disease now (the doubt policy).
RISK_FACTORS: Final = frozenset(
    {
        "cancer_history",
        "iv_drug_use",
        "immune_suppression",
        "recent_infection",
        "infection_elsewhere",
        "spinal_procedure",
        "diabetes",
        "osteoporosis",
        "steroid_use",
        "rigid_spine_condition",
        "back_surgery_before",
        "heparin_injections",
        "spa_related_condition",
    }
)

# How "not sure" is counted, rule by rule (clinical reference §8, Combining; rule set 2027.1, issue 23).
# Printed by `backpain rules` and docs/rule-review.md; triage.steps_down and triage.Finding.imaging
# apply it. Each entry: what is done, and the source passage that sets it.
DOUBT_POLICY: Final[tuple[tuple[str, str], ...]] = (
    (
        "A rule that rests only on 'not sure' answers (one or several, about one sign or more, with no 'yes' among its "
        "own answers) is one level less urgent: emergency becomes urgent, urgent becomes soon, never routine.",
        "GIRFT national CES pathway: the emergency-department criterion for the legs is a severe or progressive "
        "neurological deficit of both legs, which doubts alone do not establish; reference §8 (a lone 'not sure' "
        "steps down one level, never to self-care).",
    ),
    (
        "Except the direct cauda equina criteria (bladder, bowel, saddle or genital numbness), sudden severe "
        "belly or chest pain and sudden tearing pain: a 'not sure' there stays an emergency.",
        "GIRFT: new or deteriorating bladder, bowel or saddle symptoms are themselves the criteria for the "
        "emergency department; NICE CG95: current chest pain with a suspected acute coronary syndrome is an "
        "emergency, and a possible aortic cause is no less.",
    ),
    (
        "A 'not sure' only about the part of a sign that its source needs for certain (is there weakness or "
        "numbness in the legs, is it in both, is it getting worse), beside a certain sign of the same rule (pain "
        "in both legs, mid-back pain), is one level less urgent: a same-day check, not the ambulance.",
        "GIRFT national CES pathway: a severe or progressive deficit of both legs; NICE CG75 / reference RF_CORD: "
        "new numbness or weakness in both legs. A doubt about the deficit does not establish it.",
    ),
    (
        "A 'not sure' about a risk factor (past cancer, an infection risk, thin bones, a rigid spine, ...) "
        "beside a 'yes' sign is one level less urgent; a 'yes' risk factor beside a 'not sure' sign counts in "
        "full.",
        "NICE CG75: the immediate (oncological emergency) and 24-hour contacts are for patients with cancer; "
        "a same-day contact settles an uncertain history.",
    ),
    (
        "A 'not sure' fever beside a 'yes' infection risk factor is one story and is seen the same day.",
        "Chou 2011 (ACP/APS): fever with injecting drugs or a recent infection -> immediate MRI; spinal epidural "
        "abscess often has no measured fever (fever in about half, the classic triad in 13-37%).",
    ),
    (
        "A number not given (an age, weeks) is never read as reassuring: the rule holds with it as a 'maybe', "
        "and it never steps the rule down.",
        "CONTRACT: unanswered is never 'no'; reference §8.",
    ),
    (
        "Imaging follows the level: an emergency MRI stepped down to a same-day check is the MRI that check "
        "arranges; a finding stepped down to 'soon' gives no imaging of its own until the clinician has settled "
        "the doubtful sign.",
        "CONTRACT: mri_urgent is an MRI as part of emergency care; Chou 2011 ties imaging to the sign (fever, a "
        "history of cancer, a progressive deficit), not to a doubt about it.",
    ),
)
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
    # A broad question of an earlier bank (REFINED) is never asked: left out, it is no doubt.
    view = {k: ("unsure" if v is None and k in SYMPTOM_KEYS and k not in REFINED else v) for k, v in facts.items()}
    out = []
    for key, condition in gates.items():
        if condition.evaluate(view)[0] == NO:
            out.append(key)
            view[key] = None
    return frozenset(out)


def is_skipped(key: str, facts: Mapping[str, object], gates: SkipGates = ASK_WHEN) -> bool:
    """Whether one question is skipped by these answers (see ``skipped``)."""
    return key in gates and key in skipped(facts, gates)


# Which earlier scans already show what each test would (an MRI or CT shows the bone an X-ray shows).
SHOWN_BY: Final[dict[Imaging, frozenset[str]]] = {
    Imaging.MRI: frozenset({"mri"}),
    Imaging.XRAY: frozenset({"xray", "mri", "ct"}),
}


def already_scanned(imaging: Imaging, previous_imaging: frozenset[str], facts: Mapping[str, object]) -> bool:
    """Whether a test was already done for this pain and nothing has changed since (no repeat imaging).

    Chou 2011 (ACP/APS): previous spinal imaging with no change in clinical status -> no imaging. A
    change is any sign of it not known to be absent (SOMETHING_CHANGED): a doubt keeps the test.
    """
    done = SHOWN_BY.get(imaging)
    return bool(done and previous_imaging & done) and SOMETHING_CHANGED.evaluate(facts)[0] == NO


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
