"""The generated Questionnaire: valid FHIR (R4B and R5 models), one item per question, codes, help, limits."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backpain_cli.answers import ANSWER_KEYS
from backpain_cli.bundle import load_bundle
from backpain_cli.cli import app
from backpain_cli.fhir import codes
from backpain_cli.fhir.enable import ENABLE_WHEN_EXPRESSION
from backpain_cli.fhir.questionnaire import (
    QUESTIONNAIRE_URL,
    build_questionnaire,
    emergency_keys,
    emergency_text,
    question_keys,
)
from backpain_cli.fhir.translation import questionnaire_for
from backpain_cli.rules.policy import ALWAYS_ASKED
from tests.fhir.conftest import validate
from tests.helpers import bank, texts


def _items(q: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            found[item["linkId"]] = item
            walk(item.get("item", []))

    walk(q["item"])
    return found


@pytest.mark.parametrize(("release", "models"), [("R4", "R4B"), ("R5", "R5")])
def test_the_questionnaire_is_valid_fhir(release: str, models: str) -> None:
    validate(build_questionnaire(bank(), texts(), release), models)  # type: ignore[arg-type]


def test_one_item_per_question_in_bank_order_with_its_text_and_help() -> None:
    q = build_questionnaire(bank(), texts())
    assert q["url"] == QUESTIONNAIRE_URL and q["version"] == bank().version
    assert question_keys(q) == [question.key for question in bank().questions]
    assert sorted(question_keys(q)) == sorted(ANSWER_KEYS)
    items = _items(q)
    for question in bank().questions:
        item = items[question.key]
        assert item["text"] == question.text
        help_item = item["item"][0]  # then, for a rating scale, what its ends mean (issue 22)
        assert help_item["type"] == "display" and help_item["text"] == question.help
        control = help_item["extension"][0]["valueCodeableConcept"]["coding"][0]
        assert control["code"] == "help"


def test_sections_are_groups_in_order() -> None:
    q = build_questionnaire(bank(), texts())
    assert [g["text"] for g in q["item"]] == [s.title for s in bank().sections]
    assert all(g["type"] == "group" for g in q["item"])


def test_answer_codes_types_and_limits() -> None:
    items = _items(build_questionnaire(bank(), texts()))
    options = [o["valueCoding"]["code"] for o in items["saddle_numbness"]["answerOption"]]
    assert options == ["LA33-6", "LA32-8", "LA12688-0"]
    assert items["saddle_numbness"]["type"] == "choice"
    age = items["age"]
    assert age["type"] == "integer"
    limits = {e["url"].rsplit("/", 1)[1]: e.get("valueInteger") for e in age["extension"]}
    assert limits["minValue"] == 16 and limits["maxValue"] == 120
    assert age["code"][0]["code"] == "30525-0"
    assert items["pain_score"]["code"][0]["code"] == "72514-3"
    # Only the two item codes confirmed in docs/fhir.md: none invented for the other questions.
    # and the PEG's items and its section (issue 22: LOINC panel 91148-7)
    coded = set(codes.ITEM_CODES) | set(codes.PEG_ITEM_CODES) | {"section-how_pain_affects_you"}
    assert {k for k, item in items.items() if "code" in item} == coded
    assert items["previous_imaging"]["repeats"] is True
    assert [o["valueCoding"]["code"] for o in items["pain_area"]["answerOption"]] == ["lower_back", "mid_back", "both"]


def test_r5_uses_coding_items() -> None:
    items = _items(build_questionnaire(bank(), texts(), "R5"))
    assert items["saddle_numbness"]["type"] == "coding"
    assert items["saddle_numbness"]["answerConstraint"] == "optionsOnly"


def test_the_emergency_warning_shows_on_an_emergency_answer() -> None:
    urgent = emergency_keys()
    assert {"saddle_numbness", "bladder_change", "bowel_control_loss"} <= urgent
    assert urgent <= set(ANSWER_KEYS)
    warnings = [
        i for i in _items(build_questionnaire(bank(), texts())).values() if i["linkId"].startswith("emergency-")
    ]
    shown_on = {c["question"] for w in warnings for c in w["enableWhen"]}
    assert shown_on == urgent
    for warning in warnings:
        assert warning["type"] == "display" and warning["text"] == emergency_text(texts())
        assert warning["enableBehavior"] == "any"
        assert all(c["operator"] == "=" and c["answerCoding"]["code"] == "LA33-6" for c in warning["enableWhen"])
    # Cauda equina questions are never gated (ALWAYS_ASKED): no enableWhen on them.
    items = _items(build_questionnaire(bank(), texts()))
    assert all("enableWhen" not in items[k] for k in ALWAYS_ASKED)


def test_the_command_prints_it_and_writes_a_file_others_can_read(tmp_path: Path) -> None:
    """The Questionnaire holds no patient data: 0644 less the umask, so a web server can serve it (issue 21)."""
    runner = CliRunner()
    result = runner.invoke(app, ["fhir", "questionnaire", "--fhir-version", "R5"])
    assert result.exit_code == 0, result.output
    # The bank's questionnaire, in English, with the other languages in the translation extension.
    assert json.loads(result.stdout) == questionnaire_for(load_bundle(), "R5")
    target = tmp_path / "q.json"
    result = runner.invoke(app, ["fhir", "questionnaire", "-o", str(target)])
    assert result.exit_code == 0
    assert json.loads(target.read_text()) == questionnaire_for(load_bundle())
    umask = os.umask(0)
    os.umask(umask)
    assert os.stat(target).st_mode & 0o777 == 0o644 & ~umask


def test_a_bad_release_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["fhir", "questionnaire", "--fhir-version", "R3"])
    assert result.exit_code == 2


@pytest.mark.parametrize("models", ["R4B", "R5"])
def test_the_validator_is_not_a_no_op(models: str) -> None:
    broken = build_questionnaire(bank(), texts())
    del broken["item"][0]["item"][0]["linkId"]
    with pytest.raises(ValueError, match="linkId"):
        validate(broken, models)


# fhir.resources checks structure and cardinality, not required code bindings: these are checked
# here against the specs' value sets (R4 item-type, R5 item-type, questionnaire-enable-operator).
ITEM_TYPES = {
    "R4": {
        "group",
        "display",
        "boolean",
        "decimal",
        "integer",
        "date",
        "dateTime",
        "time",
        "string",
        "text",
        "url",
        "choice",
        "open-choice",
        "attachment",
        "reference",
        "quantity",
    },
    "R5": {
        "group",
        "display",
        "question",
        "boolean",
        "decimal",
        "integer",
        "date",
        "dateTime",
        "time",
        "string",
        "text",
        "url",
        "coding",
        "attachment",
        "reference",
        "quantity",
    },
}
OPERATORS = {"exists", "=", "!=", ">", "<", ">=", "<="}


@pytest.mark.parametrize("release", ["R4", "R5"])
def test_codes_with_required_bindings_are_from_the_spec(release: str) -> None:
    q = build_questionnaire(bank(), texts(), release)  # type: ignore[arg-type]
    assert q["status"] in {"draft", "active", "retired", "unknown"}
    for item in _items(q).values():
        assert item["type"] in ITEM_TYPES[release], item["linkId"]
        assert item.get("enableBehavior", "any") in {"any", "all"}
        # SDC: an item has enableWhen or enableWhenExpression, never both.
        urls = {e["url"] for e in item.get("extension", [])}
        assert not (item.get("enableWhen") and ENABLE_WHEN_EXPRESSION in urls), item["linkId"]
        for condition in item.get("enableWhen", []):
            assert condition["operator"] in OPERATORS
            # exists takes answerBoolean; the others a value of the question's type (codings, integers).
            asked = _items(q)[condition["question"]]["type"]
            value_kind = "answerInteger" if asked == "integer" else "answerCoding"
            kind = "answerBoolean" if condition["operator"] == "exists" else value_kind
            assert kind in condition
            if condition["operator"] in {">", "<", ">=", "<="}:
                assert asked == "integer", item["linkId"]


# ---------------------------------------------------------------------------- other languages (issue 20)

TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"


def _translation(element: dict[str, Any], field: str, language: str) -> str | None:
    for ext in element.get(f"_{field}", {}).get("extension", ()):
        parts = {e["url"]: e for e in ext["extension"]}
        if ext["url"] == TRANSLATION and parts["lang"]["valueCode"] == language:
            return str(parts["content"]["valueString"])
    return None


@pytest.mark.parametrize(("release", "models"), [("R4", "R4B"), ("R5", "R5")])
def test_one_questionnaire_carries_spanish_for_every_text_help_and_answer(release: str, models: str) -> None:
    resource = questionnaire_for(load_bundle(), release)  # type: ignore[arg-type]
    validate(resource, models)
    assert resource["language"] == "en"
    spanish = load_bundle(language="es")
    assert _translation(resource, "title", "es") == spanish.texts.fhir.title
    seen = 0

    def walk(items: list[dict[str, Any]]) -> None:
        nonlocal seen
        for item in items:
            if item["linkId"] in ANSWER_KEYS:
                q = spanish.bank.get(item["linkId"])
                assert _translation(item, "text", "es") == q.text
                assert _translation(item["item"][0], "text", "es") == q.help
                for option in item.get("answerOption", ()):
                    coding = option["valueCoding"]
                    said = _translation(coding, "display", "es") or coding["display"]
                    assert said in {*spanish.texts.common.answers.values(), *(c.label for c in q.choices)}
                seen += 1
            elif item["type"] in ("group", "display"):
                assert _translation(item, "text", "es"), item["linkId"]
            walk(item.get("item", []))

    walk(resource["item"])
    assert seen == len(ANSWER_KEYS)


def test_the_spanish_questionnaire_has_the_same_structure_and_english_as_a_translation() -> None:
    english = questionnaire_for(load_bundle())
    spanish = questionnaire_for(load_bundle(language="es"))
    assert spanish["language"] == "es" and spanish["item"][0]["text"] == "Sobre usted"
    assert _translation(spanish["item"][0], "text", "en") == "About you"
    assert question_keys(spanish) == question_keys(english)


def test_a_response_answered_in_a_spanish_rendering_reads_the_same() -> None:
    from backpain_cli.fhir.response import build_response
    from tests.helpers import answers, parse_answers

    given = answers({"saddle_numbness": "unsure", "previous_imaging": ["xray"]})
    response = build_response(given.as_dict(), load_bundle(language="es").bank)
    assert any(i.get("text", "").startswith("¿") for g in response["item"] for i in g.get("item", []))
    back = parse_answers(json.dumps(response).encode(), source="qr.json", kind="json")
    assert back == given
