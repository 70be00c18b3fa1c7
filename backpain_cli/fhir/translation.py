"""Other languages in one FHIR Questionnaire: the standard ``translation`` extension (issue 20).

Each item's text (sections, questions, help, rating-scale anchors, emergency warnings), each
answer's display, each number's unit, the title and the description carry, on the primitive's
``_text`` / ``_display`` / ``_title`` / ``_description`` sibling, one translation per other language
of the content folder (http://hl7.org/fhir/StructureDefinition/translation: ``lang`` and
``content``), even where the words are the same ("No"), so every string says every language. A
renderer that supports it shows the patient's language; one that does not shows the form's own
``language``, whose words are the base strings (yes / no / not sure included: LOINC's English in an
English form, the catalogue's Sí / No / No estoy seguro/a in a Spanish one, with LOINC's display as
the "en" translation; questionnaire.answer_words). The codes, linkIds and logic are the same in every
language, so a response from either reads the same (fhir/response.py knows every language's displays).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from backpain_cli.fhir.questionnaire import (
    EMERGENCY_PREFIX,
    EXT,
    HELP_SUFFIX,
    SCALE_SUFFIX,
    SECTION_PREFIX,
    FhirVersion,
    answer_words,
    build_questionnaire,
    emergency_text,
    identity,
)

if TYPE_CHECKING:
    from backpain_cli.bundle import Bundle

TRANSLATION: Final = "http://hl7.org/fhir/StructureDefinition/translation"
UNIT: Final = EXT + "questionnaire-unit"


def questionnaire_for(bundle: Bundle, fhir_version: FhirVersion = "R4") -> dict[str, Any]:
    """The Questionnaire in ``bundle``'s language (``language``), with every other language of its
    content folder in the translation extension: what ``backpain fhir questionnaire`` prints."""
    from backpain_cli.bundle import load_bundle
    from backpain_cli.language import SOURCE_LANGUAGE, languages

    structure = load_bundle(bundle.folder, SOURCE_LANGUAGE).bank
    form = identity(bundle.library)
    resource = build_questionnaire(bundle.bank, bundle.texts, fhir_version, form=form, structure=structure)
    resource["language"] = bundle.language
    others = [load_bundle(bundle.folder, code) for code in languages(bundle.folder) if code != bundle.language]
    return add_translations(resource, others)


def _extension(language: str, words: str) -> dict[str, Any]:
    return {
        "url": TRANSLATION,
        "extension": [{"url": "lang", "valueCode": language}, {"url": "content", "valueString": words}],
    }


def _add(element: dict[str, Any], field: str, language: str, words: str | None) -> None:
    """Add a translation of ``element[field]``, once per language, also when it reads the same ("No")."""
    if not words or not isinstance(element.get(field), str):
        return
    sibling = element.setdefault(f"_{field}", {})
    extensions = sibling.setdefault("extension", [])
    if not any(part.get("valueCode") == language for ext in extensions for part in ext.get("extension", ())):
        extensions.append(_extension(language, words))


def _words(bundle: Bundle) -> Mapping[str, str]:
    """Every item text of the questionnaire in ``bundle``'s language, by linkId."""
    found = {SECTION_PREFIX + s.id: s.title for s in bundle.bank.sections}
    for q in bundle.bank.questions:
        found[q.key] = q.text
        found[q.key + HELP_SUFFIX] = q.help
        if q.low is not None and q.high is not None:  # a rating scale's ends (the PEG's anchors)
            scale = bundle.texts.walk.scale.format(low=q.min, low_label=q.low, high=q.max, high_label=q.high)
            found[q.key + SCALE_SUFFIX] = scale
    found[EMERGENCY_PREFIX] = emergency_text(bundle.texts)
    return found


def _displays(bundle: Bundle, key: str) -> Mapping[str, str]:
    """The answers' words for one question in ``bundle``'s language, by answer code (LOINC or value)."""
    from backpain_cli.fhir import codes

    question = bundle.bank.get(key)
    if question.type == "yes_no_unsure":
        words = answer_words(bundle.texts)
        return {code: words[answer] for answer, (code, _) in codes.YES_NO_UNSURE.items()}
    return {c.value: c.label for c in question.choices}


def add_translations(questionnaire: dict[str, Any], others: Iterable[Bundle]) -> dict[str, Any]:
    """``questionnaire`` (built by build_questionnaire) with every other language's words added."""
    for bundle in others:
        language = bundle.language
        _add(questionnaire, "title", language, bundle.texts.fhir.title)
        _add(questionnaire, "description", language, bundle.texts.fhir.description)
        words = _words(bundle)
        _walk(questionnaire.get("item", ()), bundle, language, words)
    return questionnaire


def _walk(items: Sequence[dict[str, Any]], bundle: Bundle, language: str, words: Mapping[str, str]) -> None:
    keys = {q.key for q in bundle.bank.questions}
    for item in items:
        link = str(item.get("linkId", ""))
        text = words[EMERGENCY_PREFIX] if link.startswith(EMERGENCY_PREFIX) else words.get(link)
        _add(item, "text", language, text)
        if link in keys and item.get("answerOption"):
            displays = _displays(bundle, link)
            for option in item["answerOption"]:
                coding = option.get("valueCoding", {})
                _add(coding, "display", language, displays.get(coding.get("code", "")))
        for extension in item.get("extension", ()) if link in keys else ():
            if extension.get("url") == UNIT:  # the unit of a number: "years" / "años"
                _add(extension["valueCoding"], "display", language, bundle.bank.get(link).unit)
        _walk(item.get("item", ()), bundle, language, words)
