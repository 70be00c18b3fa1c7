"""``history export --format fhir`` (issue 22): each kept check-in as FHIR resources, one per line (NDJSON).

Per check-in, oldest first: its QuestionnaireResponse (the answers kept), a RiskAssessment of what
it was told *then* (the urgency, imaging and red flags kept, with the rules version that decided
them: never re-assessed here, ``history recheck`` does that), and, when all three PEG items were
answered, the PEG score as an Observation (fhir/measures.py). Resources carry ids made from their
content (the same history gives the same file) and refer to each other as ``Type/id``, as FHIR
bulk data (NDJSON) expects. Spec: FHIR R4 QuestionnaireResponse, RiskAssessment, Observation.
"""

from __future__ import annotations

import json
import uuid
from typing import Any, Final

from backpain_cli.answers import Answers
from backpain_cli.fhir import QUESTIONNAIRE_URL
from backpain_cli.fhir.measures import peg_observation
from backpain_cli.fhir.response import build_response
from backpain_cli.history.store import CheckIn
from backpain_cli.levels import Imaging, Urgency
from backpain_cli.measures import peg
from backpain_cli.questions import QuestionBank
from backpain_cli.rules import RULES_BY_ID
from backpain_cli.texts import Texts

_NAMESPACE: Final = uuid.UUID("0b6a2f0e-6d3c-4f55-8d7e-2f1c9a4b7e31")  # for ids made from the content


def check_in_resources(
    check_in: CheckIn, answers: Answers, bank: QuestionBank, texts: Texts, *, canonical: str = QUESTIONNAIRE_URL
) -> list[dict[str, Any]]:
    """The resources of one kept check-in (``answers``: its answers, read and checked); the response
    names the questionnaire ``canonical`` (the content folder's: ``questionnaire.identity``)."""
    response = build_response(answers.as_dict(), bank, canonical=canonical)
    response["language"] = texts.language  # the language of its words (FHIR Resource.language): codes are the same
    response["authored"] = check_in.taken_on.isoformat()
    response["subject"] = {"display": texts.fhir.subject}
    response_ref = _identify(response, check_in)
    risk = _risk(check_in, response_ref, texts)
    _identify(risk, check_in)
    resources = [response, risk]
    score = peg(answers.as_dict())
    if score is not None:
        observation = peg_observation(score, check_in.taken_on, subject=texts.fhir.subject, derived_from=response_ref)
        observation["language"] = texts.language
        _identify(observation, check_in)
        resources.append(observation)
    return resources


def ndjson(resources: list[dict[str, Any]]) -> str:
    """One resource a line; JSON escapes every control character, so stored text cannot reach a terminal."""
    return "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in resources)


def _identify(resource: dict[str, Any], check_in: CheckIn) -> str:
    """Give ``resource`` an id made from its content and its check-in; returns its reference."""
    kind = resource["resourceType"]
    content = json.dumps(resource, sort_keys=True)
    resource["id"] = str(uuid.uuid5(_NAMESPACE, f"{check_in.id}:{kind}:{content}"))
    return f"{kind}/{resource['id']}"


def _risk(check_in: CheckIn, basis: str, texts: Texts) -> dict[str, Any]:
    """What the check-in was told, as kept: never re-assessed (an urgency or imaging that is not one of
    the known values, as a hand-edited row may hold, is exported as the text it is)."""
    urgency = check_in.known_urgency
    imaging = check_in.imaging if check_in.imaging in {i.value for i in Imaging} else None
    mitigation = f"Urgency: {check_in.urgency}."
    if urgency is not None:
        mitigation += f" {texts.urgency.action[Urgency(urgency)]}"
    mitigation += f" Imaging: {check_in.imaging}."
    if imaging is not None:
        label = (
            texts.imaging_label(Imaging(imaging), Urgency(urgency))
            if urgency
            else texts.imaging.label[Imaging(imaging)]
        )
        mitigation += f" {label}."
    rules = check_in.rules_version or "not recorded"
    risk: dict[str, Any] = {
        "resourceType": "RiskAssessment",
        "language": texts.language,
        "status": "final",
        "subject": {"display": texts.fhir.subject},
        "occurrenceDateTime": check_in.taken_on.isoformat(),
        "method": {"text": f"backpain red-flag rules {rules}"},
        "basis": [{"reference": basis}],
        "mitigation": mitigation,
        "note": [{"text": texts.common.not_a_diagnosis}, {"text": f"backpain check-in {check_in.id}; rules {rules}"}],
    }
    if check_in.red_flags:
        risk["prediction"] = [
            {"outcome": {"text": texts.rule(rule).title if rule in RULES_BY_ID else rule}}
            for rule in check_in.red_flags
        ]
    return risk
