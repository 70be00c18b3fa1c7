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
from backpain_cli.rules.triggers import ANY_LEG_SYMPTOM, CLAUDICATION, LEG_DEFICIT, LEG_SYMPTOM, SEPSIS_CONTEXT

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
