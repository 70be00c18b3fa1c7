"""Patient-facing sentences shared by every output: the not-a-diagnosis note and the safety net."""

from __future__ import annotations

from typing import Final

NOT_A_DIAGNOSIS: Final = (
    "This is not a diagnosis. It is a guide to how soon to see a clinician, based only on your answers. "
    "If you feel very unwell, or you are worried, get help now: call your local emergency number "
    "(for example 911, 999, 112 or 000)."
)

SAFETY_NET: Final[tuple[str, ...]] = (
    "New numbness around your private parts, bottom or inner thighs",
    "New trouble when you pee, leaking pee, or losing control of your bowels",
    "A leg that gets weaker, or numbness that spreads, or weakness in both legs",
    "A fever or chills with your back pain, or feeling very unwell",
    "Sudden, severe pain in your belly or chest, or feeling faint",
    "Pain so strong you cannot bear it, or you cannot walk",
)

NO_FLAGS_REASON: Final = "No warning signs were found in your answers."

UNANSWERED_REASON: Final = (
    "Some questions about serious warning signs were not answered, so they could not be ruled out. "
    "A clinician should ask you about them soon."
)

NO_IMAGING_REASON: Final = (
    "Without warning signs, scans rarely change treatment, and the guidelines advise against them in the "
    "first 6 weeks. Scans often show wear that many people without pain also have."
)

XRAY_LIMITS: Final = (
    "An earlier X-ray shows bones only. It cannot show discs or nerves, so a normal or mildly worn X-ray "
    "does not rule out a disc pressing on a nerve."
)
