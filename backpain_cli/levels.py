"""The ordered scales a result is expressed in: urgency, imaging, and red-flag categories."""

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


_URGENCY_ORDER: Final = tuple(Urgency)
_URGENCY_RANK: Final = {u: i for i, u in enumerate(Urgency)}
_IMAGING_RANK: Final = {m: i for i, m in enumerate(Imaging)}

URGENCY_ACTION: Final[dict[Urgency, str]] = {
    Urgency.EMERGENCY: "Get emergency care now: go to an emergency department or call your emergency number.",
    Urgency.URGENT: "See a doctor or nurse today, or within 24 hours at the latest.",
    Urgency.SOON: "Book an appointment with a doctor or physical therapist within the next 1 to 2 weeks.",
    Urgency.ROUTINE: (
        "You can start with self-care and keep gently active. See a doctor if you are not better in "
        "about 6 weeks, or sooner if anything changes."
    ),
}

IMAGING_LABEL: Final[dict[Imaging, str]] = {
    Imaging.NONE: "No scan or X-ray needed yet",
    Imaging.XRAY: "An X-ray is worth discussing",
    Imaging.MRI: "An MRI scan is worth discussing",
    Imaging.MRI_URGENT: "An MRI scan the same day, as part of emergency care",
    Imaging.CT_URGENT: "Emergency scans after a major injury, usually CT, decided by the emergency team",
}
