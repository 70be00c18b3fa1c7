"""Answers from FHIR: a QuestionnaireResponse (R4 or R5) to backpain's Questionnaire (docs/fhir.md).

The response is read by fhir/response.py; this reader refuses any other resource type and passes
on the warnings (a response to another version of the questions) for the caller to show.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from backpain_cli.answers import validate_answers
from backpain_cli.errors import AnswerFileError, Code, ContentError, Problem, Words
from backpain_cli.readers.base import DEFAULT_POLICY, Read, ReadPolicy
from backpain_cli.safetext import shown

if TYPE_CHECKING:
    from backpain_cli.bundle import Bundle
    from backpain_cli.fhir.response import Displays

# The displays of the last bundle read with, kept with it: a batch reads thousands of responses
# with one bundle, and working them out from every language's bank cost as much as the rules did.
_displays_of: tuple[Bundle, Displays] | None = None


def read_resource(data: Mapping[str, Any], source: str, bundle: Bundle, policy: ReadPolicy = DEFAULT_POLICY) -> Read:
    """Answers from a FHIR resource: a QuestionnaireResponse (R4 or R5); any other type is refused.

    A display is checked against every one the content knows for its code (LOINC's, the text
    catalogue's answer words, the question bank's labels, in every language of the folder: a
    response from a Spanish rendering reads as an English one); ``policy`` says which statuses refused by
    default are assessed anyway. The response must answer the content folder's own questionnaire
    (``fhir_canonical`` in its content.yaml) or the shipped one.
    """
    from backpain_cli.fhir.questionnaire import identity
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
                    words=Words.of("not_a_response", kind=kind),
                )
            ]
        )
    answers, warnings = read_response(
        data,
        source=source,
        bank_version=bundle.bank.version,
        displays=_displays(bundle),
        accept=policy.accept_status,
        canonical=identity(bundle.library).canonical,
    )
    return Read(validate_answers(answers, source=source), tuple(warnings))


def _displays(bundle: Bundle) -> Displays:
    """Every display the content's languages know (``Displays.in_languages``), once per bundle."""
    from backpain_cli.fhir.response import Displays

    global _displays_of
    if _displays_of is None or _displays_of[0] is not bundle:  # held, so its id is never reused
        known = Displays.in_languages((b.bank, b.texts.common.answers) for b in _every_language(bundle))
        _displays_of = (bundle, known)
    return _displays_of[1]


def _every_language(bundle: Bundle) -> list[Bundle]:
    """``bundle`` and the folder's other languages that load (one that does not adds no displays:
    ``content check`` reports it, and reading a response never fails for it)."""
    from backpain_cli.bundle import load_bundle
    from backpain_cli.language import languages

    found = [bundle]
    for code in languages(bundle.folder):
        if code != bundle.language:
            try:
                found.append(load_bundle(bundle.folder, code))
            except ContentError:
                continue
    return found
