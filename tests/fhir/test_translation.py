"""Every word a person reads in the FHIR Questionnaire, in every language of the content folder (issue 20).

The walk finds each human-readable string of the generated Questionnaire: the title, the description,
every item's text (sections, the PEG's group, questions, help, rating-scale anchors, emergency
warnings), every answer's display (``answerOption.valueCoding.display`` or ``valueString``), an
item's prefix or initial value if one appears, and the unit of a number. Each must carry the
standard translation extension (http://hl7.org/fhir/StructureDefinition/translation, with ``lang``
and ``content``) once for every other language, on the primitive's own ``_<field>`` sibling (FHIR
JSON's rule for a primitive's extensions), and the base string must be in the Questionnaire's own
``language``: the English form's words in Spanish are exactly the Spanish form's base words, and
the other way round.

Left out, on purpose (terminology, not words shown to the person): ``item.code`` and the PEG group's
code (LOINC's own names), the itemControl coding ("Help-Button": a widget type), the
``enableWhen.answerCoding`` a renderer matches by system and code (its display is checked to be the
option's own), ``name`` (a name for machines), ``publisher`` and the XHTML narrative (``text.div``
cannot carry an extension).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path as FilePath
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backpain_cli.bundle import load_bundle
from backpain_cli.fhir import codes
from backpain_cli.fhir.translation import TRANSLATION, questionnaire_for
from backpain_cli.language import languages
from tests.fhir.conftest import validate
from tests.helpers import ALL_CLEAR

LANGUAGES = languages(load_bundle().folder)
WORDS = ("Yes", "No", "Sí", "Ja", "Nein", "Not sure", "No estoy seguro/a", "Don't know", "Oui")
Path = tuple[str, ...]  # where a string is: linkIds and field names, the same in every language


def _strings(resource: dict[str, Any]) -> Iterator[tuple[Path, dict[str, Any], str]]:
    """(where, element, field) for every human-readable string of ``resource``."""
    for field in ("title", "description"):
        yield (field,), resource, field
    yield from _item_strings(resource.get("item", []), ())


def _item_strings(items: list[dict[str, Any]], where: Path) -> Iterator[tuple[Path, dict[str, Any], str]]:
    for item in items:
        here = (*where, item["linkId"])
        for field in ("text", "prefix"):
            if field in item:
                yield (*here, field), item, field
        for index, option in enumerate(item.get("answerOption", [])):
            if "valueCoding" in option:
                yield (*here, f"option{index}", "display"), option["valueCoding"], "display"
            if "valueString" in option:
                yield (*here, f"option{index}", "valueString"), option, "valueString"
        for index, initial in enumerate(item.get("initial", [])):
            if "valueCoding" in initial:
                yield (*here, f"initial{index}", "display"), initial["valueCoding"], "display"
            if "valueString" in initial:
                yield (*here, f"initial{index}", "valueString"), initial, "valueString"
        for extension in item.get("extension", []):
            if extension["url"].endswith("/questionnaire-unit"):
                yield (*here, "unit", "display"), extension["valueCoding"], "display"
        yield from _item_strings(item.get("item", []), here)


def _translations(element: dict[str, Any], field: str) -> dict[str, list[str]]:
    """The translations on ``element``'s ``_<field>``: language -> contents (a list, to see doubles)."""
    found: dict[str, list[str]] = {}
    for extension in element.get(f"_{field}", {}).get("extension", []):
        assert extension["url"] == TRANSLATION, extension
        parts = {part["url"]: part for part in extension["extension"]}
        assert set(parts) == {"lang", "content"} and len(extension["extension"]) == 2, extension
        found.setdefault(parts["lang"]["valueCode"], []).append(parts["content"]["valueString"])
    return found


def _words(resource: dict[str, Any]) -> dict[Path, tuple[str, dict[str, list[str]]]]:
    return {where: (element[field], _translations(element, field)) for where, element, field in _strings(resource)}


@pytest.fixture(scope="module")
def forms() -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (language, release): questionnaire_for(load_bundle(language=language), release)  # type: ignore[arg-type]
        for language in LANGUAGES
        for release in ("R4", "R5")
    }


def test_the_shipped_content_has_more_than_one_language() -> None:
    assert LANGUAGES == ("en", "es")


@pytest.mark.parametrize("release", ["R4", "R5"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_carries_every_other_language_once(
    forms: dict[tuple[str, str], dict[str, Any]], language: str, release: str
) -> None:
    resource = forms[language, release]
    validate(resource, "R4B" if release == "R4" else "R5")
    assert resource["language"] == language
    others = set(LANGUAGES) - {language}
    words = _words(resource)
    assert len(words) > 300  # every question, its help and its answers: the walk found them
    missing = [where for where, (_, said) in words.items() if set(said) != others]
    assert missing == [], f"{len(missing)} strings lack a translation, first {missing[:5]}"
    assert all(len(contents) == 1 and contents[0].strip() for _, said in words.values() for contents in said.values())


@pytest.mark.parametrize("release", ["R4", "R5"])
def test_each_forms_base_words_are_the_other_forms_translations(
    forms: dict[tuple[str, str], dict[str, Any]], release: str
) -> None:
    """The base string is in the form's own language: English base = the Spanish form's "en", and so on."""
    for language in LANGUAGES:
        base = _words(forms[language, release])
        for other in set(LANGUAGES) - {language}:
            theirs = _words(forms[other, release])
            assert base.keys() == theirs.keys()
            wrong = [w for w, (words, _) in base.items() if theirs[w][1][language] != [words]]
            assert wrong == [], f"{language} base vs {other}'s {language} translation: {wrong[:5]}"


def test_the_answers_speak_the_forms_language_and_keep_their_loinc_codes(
    forms: dict[tuple[str, str], dict[str, Any]],
) -> None:
    """The issue's case: every yes / no / not sure question (every red flag) offers Sí / No / No estoy
    seguro/a in the Spanish form, and LOINC's Yes / No / Don't know in the English one."""
    spanish = load_bundle(language="es").texts.common.answers
    loinc = {code: display for code, display in codes.YES_NO_UNSURE.values()}
    said = {"en": loinc, "es": {code: spanish[answer] for answer, (code, _) in codes.YES_NO_UNSURE.items()}}
    assert said["es"]["LA33-6"] == "Sí"
    asked = [q for q in load_bundle().bank.questions if q.type == "yes_no_unsure"]
    assert len(asked) == 54
    for language in LANGUAGES:
        other = "es" if language == "en" else "en"
        seen = 0
        for where, element, field in _strings(forms[language, "R4"]):
            if field == "display" and element.get("system") == codes.LOINC:
                assert element["code"] in loinc and element[field] == said[language][element["code"]], where
                assert _translations(element, field) == {other: [said[other][element["code"]]]}, where
                seen += 1
        assert seen == 3 * len(asked)


def test_a_condition_names_the_answer_as_its_option_does(forms: dict[tuple[str, str], dict[str, Any]]) -> None:
    """enableWhen matches by system and code; its display, when given, is the option's own, so a renderer
    that compares the display too still shows the emergency warning in every language."""
    for language in LANGUAGES:
        shown: dict[tuple[str, str], str] = {}
        for where, element, field in _strings(forms[language, "R4"]):
            if field == "display" and "code" in element and "option" in where[-2]:
                shown[element.get("system", ""), element["code"]] = element["display"]
        conditions = list(_conditions(forms[language, "R4"]["item"]))
        assert len(conditions) > 10
        for coding in conditions:
            if "display" in coding:
                assert coding["display"] == shown[coding["system"], coding["code"]], (language, coding)


def _conditions(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for item in items:
        yield from (c["answerCoding"] for c in item.get("enableWhen", []) if "answerCoding" in c)
        yield from _conditions(item.get("item", []))


def test_the_unit_of_a_number_is_on_every_form(forms: dict[tuple[str, str], dict[str, Any]]) -> None:
    """The UCUM unit (a, wk) is structure: the same in every language; its display is the form's word."""
    units = {}
    for language in LANGUAGES:
        found = {
            w[:-2]: (e["code"], e["display"])
            for w, e, f in _strings(forms[language, "R4"])
            if w[-2:] == ("unit", "display")
        }
        units[language] = found
    assert {w[-1]: code for w, (code, _) in units["en"].items()} == {
        "age": "a",
        "pain_weeks": "wk",
        "leg_symptoms_weeks": "wk",
    }
    assert {w: c for w, (c, _) in units["es"].items()} == {w: c for w, (c, _) in units["en"].items()}
    assert units["es"][("section-about_you", "age")][1] == "años"


# ------------------------------------------------------------- a response from a Spanish rendering


def _response_to(form: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    from tests.fhir.test_canonical import respond

    return respond(form, answers)


@pytest.mark.parametrize("answer", ["yes", "no", "unsure"])
@pytest.mark.parametrize("reader", LANGUAGES)
def test_every_spanish_answer_display_is_known_whichever_language_reads_it(
    forms: dict[tuple[str, str], dict[str, Any]], answer: str, reader: str
) -> None:
    """Each yes / no / not sure question answered the same way, and each choice, with the displays the
    Spanish form offers ("Sí", "No estoy seguro/a", "Radiografía"): read by code, with no warning."""
    from backpain_cli.answers import SYMPTOM_KEYS
    from backpain_cli.readers.fhir_answers import read_resource

    given: dict[str, Any] = {**ALL_CLEAR, **dict.fromkeys(SYMPTOM_KEYS, answer)}
    given |= {"pain_area": "both", "previous_imaging": ["xray", "mri"]}
    response = _response_to(forms["es", "R4"], given)
    shown = {
        a["valueCoding"]["display"]
        for g in response["item"]
        for i in g["item"]
        for a in i.get("answer", [])
        if "valueCoding" in a
    }
    spanish = load_bundle(language="es")
    labels = {c.value: c.label for key in ("pain_area", "previous_imaging") for c in spanish.bank.get(key).choices}
    assert shown == {spanish.texts.common.answers[answer], labels["both"], labels["xray"], labels["mri"]}
    read = read_resource(response, "qr.json", load_bundle(language=reader))
    assert read.warnings == ()
    assert {k: v for k, v in read.answers.as_dict().items() if v is not None} == given


def test_a_spanish_display_that_contradicts_its_code_is_refused_in_english_too() -> None:
    """Coded No (LA32-8) but shown as "Sí": the Spanish word is known, so the contradiction is seen."""
    from backpain_cli.errors import AnswerFileError, Code
    from backpain_cli.readers.fhir_answers import read_resource

    coding = {"system": codes.LOINC, "code": "LA32-8", "display": "Sí"}
    response = {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "item": [{"linkId": "saddle_numbness", "answer": [{"valueCoding": coding}]}],
    }
    for language in LANGUAGES:
        with pytest.raises(AnswerFileError) as caught:
            read_resource(response, "qr.json", load_bundle(language=language))
        assert caught.value.problems[0].code == Code.INCONSISTENT
        assert "'Sí'" in caught.value.describe()


@given(
    first=st.fixed_dictionaries({a: st.sampled_from(WORDS) for a in ("yes", "no", "unsure")}),
    second=st.fixed_dictionaries({a: st.sampled_from(WORDS) for a in ("yes", "no", "unsure")}),
)
def test_a_display_two_languages_give_to_different_answers_names_neither(
    first: dict[str, str], second: dict[str, str]
) -> None:
    """Whatever two catalogues say, no display is known for two answers: one that is ambiguous is read
    by its code with a warning, never refused as a contradiction that may not be one."""
    from backpain_cli.fhir.response import Displays

    known = Displays.in_languages([(load_bundle().bank, first), (load_bundle(language="es").bank, second)])
    given = {  # every source of a display: the answer's own word, LOINC's, and both catalogues'
        answer: {w.casefold() for w in (answer, display, first[answer], second[answer])}
        for answer, (_, display) in codes.YES_NO_UNSURE.items()
    }
    for answer, words in given.items():
        others = {w for other, theirs in given.items() if other != answer for w in theirs}
        assert known.yes_no[answer] == words - others


def test_backpains_own_spanish_response_reads_back_in_every_language() -> None:
    """``assess --lang es --format fhir``: Spanish question texts and choice labels, LOINC's own displays
    for LOINC's codes (a record's displays, not the form's buttons); read back with no warning."""
    from backpain_cli.assessment import assess
    from backpain_cli.fhir.result import build_result_bundle
    from backpain_cli.readers.fhir_answers import read_resource
    from tests.helpers import FIXED_DAY, answers

    given = answers({"saddle_numbness": "yes", "fever": "unsure", "pain_area": "both"})
    spanish = load_bundle(language="es")
    response = build_result_bundle(assess(given, spanish, today=FIXED_DAY), given, spanish.bank)["entry"][0]["resource"]
    codings = [a["valueCoding"] for g in response["item"] for i in g["item"] for a in i["answer"] if "valueCoding" in a]
    assert {c["display"] for c in codings} >= {"Yes", "Don't know", "Las dos"}
    for language in LANGUAGES:
        read = read_resource(response, "qr.json", load_bundle(language=language))
        kept = {k: v for k, v in read.answers.as_dict().items() if v is not None}
        assert read.warnings == () and kept.items() <= given.as_dict().items()
        assert kept["saddle_numbness"] == "yes" and kept["fever"] == "unsure" and kept["pain_area"] == "both"


def test_a_language_that_does_not_load_adds_no_displays_and_never_stops_a_read(tmp_path: FilePath) -> None:
    """A clinic's broken Spanish overlay (``content check`` reports it) leaves its words unknown: the
    Spanish response is read in English by its codes, with the one warning."""
    import shutil

    from backpain_cli.bundle import shipped_content_dir
    from backpain_cli.readers.fhir_answers import read_resource

    folder = tmp_path / "clinic"
    shutil.copytree(shipped_content_dir(), folder)
    (folder / "lang" / "es" / "questions.yaml").write_text("questions: [broken\n", encoding="utf-8")
    coding = {"system": codes.LOINC, "code": "LA33-6", "display": "Sí"}
    response = {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "item": [{"linkId": "saddle_numbness", "answer": [{"valueCoding": coding}]}],
    }
    read = read_resource(response, "qr.json", load_bundle(folder))
    assert read.answers.saddle_numbness == "yes"
    assert len(read.warnings) == 1 and "'Sí'" in str(read.warnings[0])
