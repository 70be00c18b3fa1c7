"""A clinic's own questionnaire (issue 21): ``fhir_canonical`` and ``fhir_publisher`` in content.yaml name it,
responses to it are read with that folder, and the form carries its profile, language, publisher and narrative."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backpain_cli.bundle import check_bundle, load_bundle, shipped_content_dir
from backpain_cli.cli import app
from backpain_cli.fhir import QUESTIONNAIRE_URL
from backpain_cli.fhir.questionnaire import SDC_BEHAVE, build_questionnaire, identity
from backpain_cli.fhir.translation import questionnaire_for
from tests.fhir.conftest import VIGNETTES, validate
from tests.helpers import bank, texts

CANONICAL = "https://spine.clinic.example/fhir/Questionnaire/back-pain"
PUBLISHER = "Riverside Spine Clinic"


def clinic_content(tmp_path: Path, extra: str) -> Path:
    """A copy of the shipped content whose content.yaml ends with ``extra``."""
    folder = tmp_path / "clinic"
    shutil.copytree(shipped_content_dir(), folder)
    with (folder / "content.yaml").open("a", encoding="utf-8") as fh:
        fh.write(extra)
    return folder


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    return clinic_content(tmp_path, f"fhir_canonical: {CANONICAL}\nfhir_publisher: {PUBLISHER}\n")


def respond(questionnaire: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """What a form renderer sends back: the questionnaire's own structure, its own answer options, and
    its ``url|version``. Made from the Questionnaire alone, so the round trip tests what it says."""

    def walk(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for item in items:
            entry: dict[str, Any] = {"linkId": item["linkId"]}
            value = answers.get(item["linkId"])
            if value is not None and item["type"] == "integer":
                entry["answer"] = [{"valueInteger": value}]
            elif value is not None and "answerOption" in item:
                wanted = set(value) if isinstance(value, list) else {value}
                options = [o["valueCoding"] for o in item["answerOption"]]
                by_answer = {"LA33-6": "yes", "LA32-8": "no", "LA12688-0": "unsure"}
                entry["answer"] = [{"valueCoding": c} for c in options if by_answer.get(c["code"], c["code"]) in wanted]
            children = walk(item.get("item", []))
            if children:
                entry["item"] = children
            if "answer" in entry or "item" in entry:
                out.append(entry)
        return out

    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{questionnaire['url']}|{questionnaire['version']}",
        "status": "completed",
        "item": walk(questionnaire["item"]),
    }


def test_the_shipped_questionnaire_names_itself_profile_language_publisher_and_narrative() -> None:
    form = build_questionnaire(bank(), texts())
    assert form["url"] == QUESTIONNAIRE_URL and form["publisher"] == "backpain"
    assert form["meta"] == {"profile": [SDC_BEHAVE]} and form["language"] == "en"
    assert form["text"]["status"] == "generated"
    div = form["text"]["div"]
    assert div.startswith('<div xmlns="http://www.w3.org/1999/xhtml">') and texts().fhir.title in div
    assert all(section.title in div for section in bank().sections)
    assert "meta" not in build_questionnaire(bank(), texts(), "R5")  # SDC has no R5 edition of the profile


def test_the_narrative_escapes_the_contents_words() -> None:
    words = texts().fhir.model_copy(update={"title": "Back pain <b>&</b>", "description": "a < b"})
    div = build_questionnaire(bank(), texts().model_copy(update={"fhir": words}))["text"]["div"]
    assert "Back pain &lt;b&gt;&amp;&lt;/b&gt;" in div and "a &lt; b" in div and "<b>&</b>" not in div


def test_a_clinic_folder_names_its_own_questionnaire(clinic: Path) -> None:
    loaded = load_bundle(clinic)
    form = build_questionnaire(loaded.bank, loaded.texts, form=identity(loaded.library))
    assert form["url"] == CANONICAL and form["publisher"] == PUBLISHER
    validate(form, "R4B")
    result = CliRunner().invoke(app, ["fhir", "questionnaire", "--content", str(clinic)])
    # The command adds the folder's other languages (issue 20); the identity is the same.
    assert result.exit_code == 0 and json.loads(result.stdout) == questionnaire_for(loaded)
    assert questionnaire_for(loaded)["url"] == CANONICAL


@pytest.mark.parametrize("path", VIGNETTES[::10], ids=lambda p: p.name)
def test_a_clinic_canonical_round_trips(clinic: Path, path: Path, tmp_path: Path) -> None:
    """content folder with fhir_canonical -> questionnaire -> response -> assess: the result is the
    answer file's, the result Bundle's response names the clinic's questionnaire, and the shipped
    content refuses the response (another questionnaire), saying how to read it."""
    runner = CliRunner()
    form = json.loads(runner.invoke(app, ["fhir", "questionnaire", "--content", str(clinic)]).stdout)
    from backpain_cli.readers import read_source

    answers = read_source(path, load_bundle(clinic)).answers.as_dict()
    response = tmp_path / "response.json"
    response.write_text(json.dumps(respond(form, answers)), encoding="utf-8")

    def assess(*args: str) -> Any:
        return runner.invoke(app, ["assess", "--content", str(clinic), "-a", *args])

    from_form = json.loads(assess(str(response), "-f", "json").stdout)
    from_file = json.loads(assess(str(path), "-f", "json").stdout)
    assert from_form == from_file
    bundle = json.loads(assess(str(response), "-f", "fhir").stdout)
    assert bundle["entry"][0]["resource"]["questionnaire"] == f"{CANONICAL}|{form['version']}"

    refused = runner.invoke(app, ["assess", "-a", str(response), "-f", "json"])
    assert refused.exit_code == 2 and CANONICAL in refused.stderr
    assert "--content DIR, whose content.yaml names it as fhir_canonical" in refused.stderr


def test_a_clinic_folder_still_reads_responses_to_the_shipped_questionnaire(clinic: Path, tmp_path: Path) -> None:
    """The clinic's folder is a copy of the shipped one and keeps its answer keys."""
    response = tmp_path / "r.json"
    form = build_questionnaire(bank(), texts())
    response.write_text(json.dumps(respond(form, {"age": 40, "saddle_numbness": "yes"})), encoding="utf-8")
    result = CliRunner().invoke(app, ["assess", "--content", str(clinic), "-a", str(response), "-f", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["urgency"] == "emergency"


def test_another_clinics_questionnaire_is_refused(clinic: Path, tmp_path: Path) -> None:
    response = tmp_path / "r.json"
    other = {"resourceType": "QuestionnaireResponse", "status": "completed", "item": []}
    other["questionnaire"] = "https://other.example/fhir/Questionnaire/back-pain|1"
    response.write_text(json.dumps(other), encoding="utf-8")
    result = CliRunner().invoke(app, ["assess", "--content", str(clinic), "-a", str(response), "-f", "json"])
    assert result.exit_code == 2 and f"not this content folder's ({CANONICAL})" in result.stderr


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("clinic.example/q", "absolute http(s) URL"),
        ("ftp://clinic.example/q", "absolute http(s) URL"),
        ("https://clinic.example/q|2", "without spaces, '|' or '#'"),
        ("'https://clinic.example/a b'", "without spaces"),
        ("42", "must be text"),
    ],
)
def test_a_bad_canonical_is_a_content_problem_on_its_line(tmp_path: Path, value: str, said: str) -> None:
    folder = clinic_content(tmp_path, f"fhir_canonical: {value}\n")
    bundle, problems = check_bundle(folder)
    assert bundle is None and len(problems) == 1
    assert said in problems[0].message and problems[0].line == len((folder / "content.yaml").read_text().splitlines())


def test_a_urn_is_a_canonical_too(tmp_path: Path) -> None:
    folder = clinic_content(tmp_path, "fhir_canonical: urn:uuid:0d6c3c3e-8f7e-4c5b-9a51-1d3b8f7e2c10\n")
    assert identity(load_bundle(folder).library).canonical.startswith("urn:uuid:")
