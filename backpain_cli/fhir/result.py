"""The result as FHIR: a Bundle (type collection) of the QuestionnaireResponse and a RiskAssessment.

The RiskAssessment (status final) is based on the response and holds one prediction per red flag:
its outcome (SNOMED CT where a code was confirmed, codes.py), a qualitative risk, and the reason in
plain words; the urgency and the imaging advice go in ``mitigation``, the rules version and the
"not a diagnosis" text in ``note``. Spec: FHIR R4 Bundle, RiskAssessment; valid in R5 too.
"""

from __future__ import annotations

import json
import uuid
from typing import Any, Final

from backpain_cli.answers import Answers
from backpain_cli.assessment import Result
from backpain_cli.fhir import QUESTIONNAIRE_URL, codes
from backpain_cli.fhir.measures import peg_observation
from backpain_cli.fhir.response import build_response
from backpain_cli.levels import Urgency
from backpain_cli.measures import PEG
from backpain_cli.questions import QuestionBank
from backpain_cli.triage import prune

RISK_PROBABILITY: Final = "http://terminology.hl7.org/CodeSystem/risk-probability"
# The urgency of a warning sign, put as a likelihood: a red flag says "look for this now", not
# how probable the condition is, so none is "certain" and an emergency sign is "high".
_QUALITATIVE: Final[dict[Urgency, str]] = {
    Urgency.EMERGENCY: "high",
    Urgency.URGENT: "high",
    Urgency.SOON: "moderate",
    Urgency.ROUTINE: "low",
}
_NAMESPACE: Final = uuid.UUID("6f1c1d8e-2a4b-4c6e-9a51-0d3b8f7e2c10")  # for ids made from the content


def build_result_bundle(
    result: Result, answers: Answers, bank: QuestionBank, *, canonical: str = QUESTIONNAIRE_URL
) -> dict[str, Any]:
    """The Bundle for one assessment. Answers to skipped questions are dropped first, as in triage; the
    response names the questionnaire ``canonical`` (the content folder's: ``questionnaire.identity``).

    Ids are UUIDs made from the bundle's content, so the same answers and date give the same ids.
    """
    facts, _, _ = prune(answers, bank.skip_gates)
    response = build_response(facts, bank, canonical=canonical)
    response["authored"] = result.assessed_on.isoformat()
    response_url = _urn("QuestionnaireResponse", response)
    risk = _risk_assessment(result, response_url)
    entries = [
        {"fullUrl": response_url, "resource": response},
        {"fullUrl": _urn("RiskAssessment", risk), "resource": risk},
    ]
    peg = result.measures.get(PEG)
    if peg is not None:  # issue 22: the PEG score, derived from the response; it changes nothing above
        observation = peg_observation(
            peg, result.assessed_on, subject=result.texts.fhir.subject, derived_from=response_url
        )
        entries.append({"fullUrl": _urn("Observation", observation), "resource": observation})
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def _urn(kind: str, resource: dict[str, Any]) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, kind + json.dumps(resource, sort_keys=True))}"


def _risk_assessment(result: Result, basis: str) -> dict[str, Any]:
    t = result.texts
    predictions = []
    for finding in result.red_flags:
        rule = finding.rule
        outcome: dict[str, Any] = {"text": t.rule(rule.id).title}
        if rule.category in codes.CATEGORY_OUTCOMES:
            code, display = codes.CATEGORY_OUTCOMES[rule.category]
            outcome["coding"] = [{"system": codes.SNOMED, "code": code, "display": display}]
        predictions.append(
            {
                "outcome": outcome,
                "qualitativeRisk": {
                    "coding": [{"system": RISK_PROBABILITY, "code": _QUALITATIVE[finding.urgency]}],
                    "text": t.urgency.heading[finding.urgency],
                },
                "rationale": t.rule(rule.id).explanation,
            }
        )
    mitigation = (
        f"Urgency: {result.urgency.value}. {t.urgency.action[result.urgency]} "
        f"Imaging: {result.imaging.value}. {t.imaging_label(result.imaging, result.urgency)}."
    )
    v = result.versions
    risk: dict[str, Any] = {
        "resourceType": "RiskAssessment",
        "status": "final",
        "subject": {"display": t.fhir.subject},
        "occurrenceDateTime": result.assessed_on.isoformat(),
        "method": {"text": f"backpain red-flag rules {v.rules}"},
        "basis": [{"reference": basis}],
        "mitigation": mitigation,
        "note": [
            {"text": t.common.not_a_diagnosis},
            {"text": f"backpain {v.program}; rules {v.rules}; question bank {v.question_bank}; content {v.content}"},
        ],
    }
    if predictions:
        risk["prediction"] = predictions
    return risk
