"""The PEG score as a FHIR Observation (issue 22): in the result Bundle, and in ``history export --format fhir``.

Code: LOINC 91147-9 "Mean score [PEG]" (fhir/codes.py says where the codes come from); category
``survey``; the mean as a Quantity with the UCUM annotation ``{score}``; the three answers as
components with their LOINC item codes; ``derivedFrom`` the QuestionnaireResponse they were given in.
Spec: FHIR R4 Observation (valid in R5 too).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from backpain_cli.fhir import codes
from backpain_cli.measures import Score


def peg_observation(score: Score, on: dt.date, *, subject: str, derived_from: str | None = None) -> dict[str, Any]:
    """The Observation of one PEG score taken ``on`` a day; ``subject`` is the subject's display."""
    code, display = codes.PEG_SCORE
    observation: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"system": codes.OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]}],
        "code": {"coding": [{"system": codes.LOINC, "code": code, "display": display}], "text": "PEG"},
        "subject": {"display": subject},
        "effectiveDateTime": on.isoformat(),
        "valueQuantity": {"value": score.value, "unit": "score", "system": codes.UCUM, "code": "{score}"},
        "component": [
            {
                "code": {"coding": [{"system": codes.LOINC, "code": codes.PEG_ITEM_CODES[key]}], "text": key},
                "valueInteger": value,
            }
            for key, value in score.items.items()
        ],
    }
    if derived_from is not None:
        observation["derivedFrom"] = [{"reference": derived_from}]
    return observation
