"""The scales a result is expressed in: urgency, imaging, red-flag categories, and reason codes."""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class Urgency(StrEnum):
    """How soon to see a clinician (CONTRACT.md), lowest first."""

    ROUTINE = "routine"
    SOON = "soon"
    URGENT = "urgent"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return _URGENCY_RANK[self]

    def step_down(self) -> Urgency:
        """One step less urgent, for a rule resting on a lone "not sure" (clinical reference §8).

        The reference defines only emergency -> urgent and urgent -> soon; a "soon" sign stays
        "soon", so a "not sure" never takes anything down to self-care.
        """
        return _URGENCY_ORDER[self.rank - 1] if self.rank >= _URGENCY_RANK[Urgency.URGENT] else self


class Imaging(StrEnum):
    """What imaging the guidelines favour discussing now (CONTRACT.md)."""

    NONE = "none"
    XRAY = "xray"
    MRI = "mri"
    CT_URGENT = "ct_urgent"
    MRI_URGENT = "mri_urgent"

    @property
    def rank(self) -> int:
        # When two rules at the same urgency disagree, the one that looks at more wins: an
        # MRI shows what an X-ray shows and more; emergency MRI outranks trauma CT because a
        # cauda equina or cord emergency needs the MRI whatever the trauma team does first.
        return _IMAGING_RANK[self]


class Category(StrEnum):
    """Red-flag categories: exactly the seven names of CONTRACT.md."""

    CAUDA_EQUINA = "cauda_equina"
    PROGRESSIVE_DEFICIT = "progressive_deficit"
    CANCER = "cancer"
    INFECTION = "infection"
    FRACTURE = "fracture"
    INFLAMMATORY = "inflammatory"
    NON_SPINAL = "non_spinal"


class Reason(StrEnum):
    """Why the decision is what it is, when no rule says it: codes the renderers turn into words.

    A decision's reasons are rule ids (the rule's title, or its imaging reason) or one of these;
    the text catalogue (texts.Reasons) holds the words, one per code.
    """

    NO_FLAGS = "no_flags"  # no rule fired
    UNANSWERED = "unanswered"  # unanswered warning-sign questions raised the level
    NO_IMAGING = "no_imaging"  # no imaging, and why none yet
    UNANSWERED_IMAGING = "unanswered_imaging"  # no imaging yet: it depends on the questions not answered
    XRAY_LIMITS = "xray_limits"  # an earlier X-ray cannot show what the MRI is for
    PREGNANCY_IMAGING = "pregnancy_imaging"  # emergency CT while pregnant: not held back, and named
    PREGNANCY_MRI_FIRST = "pregnancy_mri_first"  # an X-ray would fit, but in pregnancy MRI comes first
    ALREADY_SCANNED = "already_scanned"  # a scan was done for this pain and nothing has changed
    AGE_MISSING = "age_missing"  # a note: no age given, the riskier age was assumed


_URGENCY_ORDER: Final = tuple(Urgency)
_URGENCY_RANK: Final = {u: i for i, u in enumerate(Urgency)}
_IMAGING_RANK: Final = {m: i for i, m in enumerate(Imaging)}
