"""The FHIR Questionnaire, generated from the question bank (never kept by hand).

One item per question (linkId = the answer key), grouped by section, with the help text as an SDC
help item, LOINC answer codes for yes / no / not sure, integer limits, the skip logic as
enableWhen or an SDC enableWhenExpression (fhir/enable.py), and the emergency warning as a display
item. Spec: FHIR R4 (4.0.1) and R5 (5.0.0) Questionnaire; SDC itemControl "help".

Its ``url`` is the content folder's own canonical (``fhir_canonical`` in content.yaml) or the shipped
one, its ``publisher`` ``fhir_publisher`` or the folder's name (``identity``); the R4 form claims the
SDC Advanced Behavior profile (it uses enableWhenExpression), and every form carries its language and
a short narrative made from its own title, description and section titles.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Final, Literal

from backpain_cli.answers import ANSWER_KEYS, SYMPTOM_KEYS
from backpain_cli.fhir import QUESTIONNAIRE_URL as QUESTIONNAIRE_URL
from backpain_cli.fhir import codes
from backpain_cli.fhir.enable import choice_system as choice_system
from backpain_cli.fhir.enable import enable_when
from backpain_cli.language import SOURCE_LANGUAGE
from backpain_cli.levels import Urgency
from backpain_cli.measures import MEASURE_KEYS, PEG_KEYS
from backpain_cli.questions import Question, QuestionBank
from backpain_cli.rules.policy import REFINED, SkipGates
from backpain_cli.texts import Texts

if TYPE_CHECKING:
    from backpain_cli.content import Library

FhirVersion = Literal["R4", "R5"]

NAME: Final = "BackpainRedFlags"
# SDC's Advanced Behavior Questionnaire: the profile of forms that use enableWhenExpression (SDC 3.0.0
# and STU 4, both on R4). The R5 form claims none: SDC publishes no R5 edition of it yet.
SDC_BEHAVE: Final = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-behave"
XHTML: Final = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class FormIdentity:
    """Who the questionnaire is: its canonical URL and publisher (a clinic's own, or the shipped ones)."""

    canonical: str = QUESTIONNAIRE_URL
    publisher: str = "backpain"


def identity(library: Library) -> FormIdentity:
    """The content folder's questionnaire identity: ``fhir_canonical`` and ``fhir_publisher`` from its
    content.yaml, else the shipped canonical and the folder's ``name``."""
    return FormIdentity(library.fhir_canonical or QUESTIONNAIRE_URL, library.fhir_publisher or library.name)


EXT: Final = "http://hl7.org/fhir/StructureDefinition/"
ITEM_CONTROL: Final = "http://hl7.org/fhir/questionnaire-item-control"

# linkIds of the items that are not questions: kept apart from answer keys by a "-" (keys use "_").
SECTION_PREFIX: Final = "section-"
HELP_SUFFIX: Final = "-help"
SCALE_SUFFIX: Final = "-scale"
EMERGENCY_PREFIX: Final = "emergency-"


def emergency_text(texts: Texts) -> str:
    """The words of check's emergency stop, without a region: a form has no --region."""
    action = texts.urgency.action[Urgency.EMERGENCY]
    return texts.fhir.emergency.format(
        title=texts.walk.emergency_title, action=action, do_not_wait=texts.walk.do_not_wait
    )


def answer_words(texts: Texts) -> dict[str, str]:
    """The displays of yes / no / not sure in ``texts``' language: LOINC's own (Yes, No, Don't know) in
    the source language, whose words LOINC's are; the catalogue's answer words (Sí, No, No estoy
    seguro/a) in any other, so a renderer that ignores the translation extension still speaks it."""
    if texts.language == SOURCE_LANGUAGE:
        return {answer: display for answer, (_, display) in codes.YES_NO_UNSURE.items()}
    return {answer: texts.common.answers[answer] for answer in codes.YES_NO_UNSURE}


def _answer_coding(answer: str, words: Mapping[str, str]) -> dict[str, str]:
    return {"system": codes.LOINC, "code": codes.YES_NO_UNSURE[answer][0], "display": words[answer]}


@cache
def emergency_keys() -> frozenset[str]:
    """Yes/no questions whose "yes" alone sets the urgency to emergency under the red-flag rules."""
    from backpain_cli.triage import evaluate

    found = set()
    for key in SYMPTOM_KEYS:
        facts: dict[str, object] = dict.fromkeys(ANSWER_KEYS)
        facts[key] = "yes"
        if any(f.urgency == Urgency.EMERGENCY for f in evaluate(facts)):
            found.add(key)
    return frozenset(found)


def build_questionnaire(
    bank: QuestionBank,
    texts: Texts,
    fhir_version: FhirVersion = "R4",
    *,
    form: FormIdentity = FormIdentity(),
    structure: QuestionBank | None = None,
) -> dict[str, Any]:
    """The Questionnaire for ``bank`` as FHIR JSON (a dict), for R4 or R5, with ``texts``' words, named
    by ``form`` (``identity(bundle.library)`` for a content folder's own). ``structure`` is the
    folder's own bank (in its source language) when ``bank`` is a translation: its unit words name
    the UCUM codes (codes.UNITS), which a translated unit ("años") does not."""
    gates = bank.skip_gates
    words = answer_words(texts)
    units = {q.key: q.unit for q in (structure or bank).questions}
    urgent = emergency_keys()
    groups: list[dict[str, Any]] = []
    # A measure the content folder switched off (questions.yaml measures:) is not on the form.
    off = MEASURE_KEYS - {key for measure in bank.measures for key in measure.items}
    for section in bank.sections:
        questions = [q for q in bank.questions if q.section == section.id and q.key not in off]
        if not questions:
            continue
        items = [_question_item(q, gates, fhir_version, texts, _Words(words, units.get(q.key))) for q in questions]
        warn = [q.key for q in questions if q.key in urgent and q.key not in REFINED]
        if warn:
            items.append(_emergency_item(section.id, warn, emergency_text(texts), words))
        group: dict[str, Any] = {"linkId": SECTION_PREFIX + section.id, "text": section.title, "type": "group"}
        if {q.key for q in questions} == set(PEG_KEYS):  # the PEG's own section: the panel's code
            code, display = codes.PEG_PANEL
            group["code"] = [{"system": codes.LOINC, "code": code, "display": display}]
        group["item"] = items
        groups.append(group)
    resource: dict[str, Any] = {"resourceType": "Questionnaire", "id": "backpain"}
    if fhir_version == "R4":
        resource["meta"] = {"profile": [SDC_BEHAVE]}
    resource |= {
        "language": texts.language,
        "text": _narrative(texts, [g["text"] for g in groups]),
        "url": form.canonical,
        "version": bank.version,
        "name": NAME,
        "title": texts.fhir.title,
        "status": "active",
        "subjectType": ["Patient"],
        "publisher": form.publisher,
        "description": texts.fhir.description,
        "item": groups,
    }
    return resource


def _narrative(texts: Texts, sections: list[str]) -> dict[str, str]:
    """A short human-readable summary (Narrative, status generated): the title, the description and the
    sections, all words of the content, escaped as XHTML."""
    listed = "".join(f"<li>{html.escape(title)}</li>" for title in sections)
    div = (
        f'<div xmlns="{XHTML}"><p><b>{html.escape(texts.fhir.title)}</b></p>'
        f"<p>{html.escape(texts.fhir.description)}</p><ol>{listed}</ol></div>"
    )
    return {"status": "generated", "div": div}


@dataclass(frozen=True)
class _Words:
    """What one question's item needs besides its own words: the answers' displays and its unit's
    name in the folder's source language (the key of codes.UNITS)."""

    answers: Mapping[str, str]
    unit: str | None


def _question_item(
    q: Question, gates: SkipGates, fhir_version: FhirVersion, texts: Texts, words: _Words
) -> dict[str, Any]:
    item: dict[str, Any] = {"linkId": q.key, "text": q.text}
    if q.key in codes.ITEM_CODES:
        code, display = codes.ITEM_CODES[q.key]
        item["code"] = [{"system": codes.LOINC, "code": code, "display": display}]
    elif q.key in codes.PEG_ITEM_CODES:
        item["code"] = [{"system": codes.LOINC, "code": codes.PEG_ITEM_CODES[q.key]}]
    coded = "coding" if fhir_version == "R5" else "choice"
    if q.type == "integer":
        item["type"] = "integer"
        extensions = []
        if q.min is not None:
            extensions.append({"url": EXT + "minValue", "valueInteger": q.min})
        if q.max is not None:
            extensions.append({"url": EXT + "maxValue", "valueInteger": q.max})
        if q.unit and words.unit in codes.UNITS:  # the code from the structure, the display in the form's words
            code = codes.UNITS[words.unit][0]
            extensions.append(
                {
                    "url": EXT + "questionnaire-unit",
                    "valueCoding": {"system": codes.UCUM, "code": code, "display": q.unit},
                }
            )
        if extensions:
            item["extension"] = extensions
    elif q.type == "yes_no_unsure":
        item["type"] = coded
        item["answerOption"] = [{"valueCoding": _answer_coding(a, words.answers)} for a in ("yes", "no", "unsure")]
    else:
        item["type"] = coded
        system = choice_system(q.key)
        item["answerOption"] = [
            {"valueCoding": {"system": system, "code": c.value, "display": c.label}} for c in q.choices
        ]
        if q.type == "multi_choice":
            item["repeats"] = True
    if fhir_version == "R5" and item["type"] == "coding":
        item["answerConstraint"] = "optionsOnly"
    logic = enable_when(q.key, gates)
    for condition in logic.get("enableWhen", ()):  # named as the option it matches is, in the form's words
        coding = condition.get("answerCoding", {})
        if coding.get("system") == codes.LOINC and coding.get("code") in codes.ANSWER_BY_CODE:
            coding["display"] = words.answers[codes.ANSWER_BY_CODE[coding["code"]]]
    item["extension"] = [*item.get("extension", ()), *logic.pop("extension", ())]
    if q.key in REFINED:
        # A broad question of an earlier bank: kept so that older responses still match the form,
        # hidden because its finer questions ask it now (SDC questionnaire-hidden).
        item["extension"].append({"url": EXT + "questionnaire-hidden", "valueBoolean": True})
    if not item["extension"]:
        del item["extension"]
    item.update(logic)
    item["item"] = [_help_item(q)]
    if q.low is not None and q.high is not None:  # a rating scale: what its ends mean (the PEG's anchors)
        scale = texts.walk.scale.format(low=q.min, low_label=q.low, high=q.max, high_label=q.high)
        item["item"].append({"linkId": q.key + SCALE_SUFFIX, "text": scale, "type": "display"})
    return item


def _help_item(q: Question) -> dict[str, Any]:
    return {
        "linkId": q.key + HELP_SUFFIX,
        "text": q.help,
        "type": "display",
        "extension": [
            {
                "url": EXT + "questionnaire-itemControl",
                "valueCodeableConcept": {
                    "coding": [{"system": ITEM_CONTROL, "code": "help", "display": "Help-Button"}],
                    "text": "Help-Button",
                },
            }
        ],
    }


def _emergency_item(section: str, keys: Sequence[str], text: str, words: Mapping[str, str]) -> dict[str, Any]:
    return {
        "linkId": EMERGENCY_PREFIX + section,
        "text": text,
        "type": "display",
        "enableWhen": [{"question": k, "operator": "=", "answerCoding": _answer_coding("yes", words)} for k in keys],
        "enableBehavior": "any",
    }


def question_keys(questionnaire: Mapping[str, Any]) -> list[str]:
    """The linkIds of the question items, in order (every item that is not a group or a display)."""
    found: list[str] = []

    def walk(items: Sequence[Mapping[str, Any]]) -> None:
        for item in items:
            if item.get("type") not in ("group", "display"):
                found.append(item["linkId"])
            walk(item.get("item", ()))

    walk(questionnaire.get("item", ()))
    return found
