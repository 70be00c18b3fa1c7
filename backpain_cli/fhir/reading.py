"""The entry point answers.py hands FHIR resources and the compact QR form to: both become Answers.

Warnings (a response to another version of the questionnaire) go to standard error, named by file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backpain_cli import out
from backpain_cli.answers import Answers, validate_answers
from backpain_cli.errors import AnswerFileError, Code, Problem
from backpain_cli.safetext import printable_name, shown


def current_bank_version() -> str | None:
    """The version of the question bank in use (BACKPAIN_CONTENT or the shipped one), if it loads."""
    from backpain_cli.bundle import load_bundle
    from backpain_cli.errors import ContentError

    try:
        return load_bundle(None).bank.version
    except ContentError:
        return None  # assess reports the broken content itself


def answers_from_resource(data: Mapping[str, Any], *, source: str) -> Answers:
    """Answers from a FHIR resource: a QuestionnaireResponse (R4 or R5); any other type is refused."""
    from backpain_cli.fhir.response import is_response, read_response

    if not is_response(data):
        kind = shown(data.get("resourceType"))
        raise AnswerFileError(
            [
                Problem(
                    f"is a FHIR {kind}, not a QuestionnaireResponse; backpain reads answers from a "
                    "QuestionnaireResponse to its questionnaire ('backpain fhir questionnaire')",
                    source=source,
                    code=Code.NOT_A_MAPPING,
                )
            ]
        )
    answers, warnings = read_response(data, source=source, bank_version=current_bank_version())
    _warn(source, warnings)
    return validate_answers(answers, source=source)


def answers_from_compact(text: str, *, source: str) -> Answers:
    """Answers from the compact form a printed summary's QR code holds."""
    from backpain_cli.fhir.compact import decode

    answers, warnings = decode(text, source=source, bank_version=current_bank_version())
    _warn(source, warnings)
    return validate_answers(answers, source=source)


def _warn(source: str, warnings: list[str]) -> None:
    for text in warnings:
        out.warning(f"{printable_name(source)}: {text}")
