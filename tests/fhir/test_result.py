"""``--format fhir``: a Bundle (collection) of the QuestionnaireResponse and a RiskAssessment."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backpain_cli.cli import app
from backpain_cli.fhir import codes
from backpain_cli.fhir.result import build_result_bundle
from tests.fhir.conftest import VIGNETTES, result_json, validate
from tests.helpers import answers, bank, parse_answers, run, texts
from tests.vignette_helpers import Vignettes


def _bundle(case: dict[str, Any]) -> dict[str, Any]:
    return build_result_bundle(run(case), answers(case), bank())


@pytest.mark.parametrize("models", ["R4B", "R5"])
def test_the_bundle_and_its_resources_are_valid_fhir(models: str, vignettes: Vignettes) -> None:
    for path in VIGNETTES:
        result_bundle = build_result_bundle(vignettes[path].result, vignettes[path].answers, bank())
        validate(result_bundle, models)
        for entry in result_bundle["entry"]:
            validate(entry["resource"], models)


def test_one_prediction_per_red_flag_with_the_basis_and_the_advice() -> None:
    case = {"saddle_numbness": "yes", "cancer_history": "yes", "age": 60}
    result = run(case)
    b = _bundle(case)
    assert b["type"] == "collection"
    response, risk = (e["resource"] for e in b["entry"])
    assert response["resourceType"] == "QuestionnaireResponse"
    assert risk["resourceType"] == "RiskAssessment" and risk["status"] == "final"
    assert risk["basis"] == [{"reference": b["entry"][0]["fullUrl"]}]
    assert [p["outcome"]["text"] for p in risk["prediction"]] == [
        texts().rule(f.rule.id).title for f in result.red_flags
    ]
    cauda = risk["prediction"][0]
    assert cauda["outcome"]["coding"] == [
        {"system": codes.SNOMED, "code": "192970008", "display": "Cauda equina syndrome"}
    ]
    assert cauda["qualitativeRisk"]["coding"][0]["code"] == "high"
    assert "Urgency: emergency" in risk["mitigation"] and f"Imaging: {result.imaging.value}" in risk["mitigation"]
    notes = " ".join(n["text"] for n in risk["note"])
    assert "not a diagnosis" in notes and f"rules {result.versions.rules}" in notes


def test_no_red_flag_gives_no_prediction() -> None:
    risk = _bundle({})["entry"][1]["resource"]
    assert "prediction" not in risk and "Urgency: routine" in risk["mitigation"]


def test_answers_to_skipped_questions_are_left_out() -> None:
    """STYLE habit 12: a stale answer behind "no" gates must not reach the exports."""
    case = {"leg_numbness": "no", "leg_weakness": "no", "weakness_worsening": "yes"}
    response = _bundle(case)["entry"][0]["resource"]
    links = {i["linkId"] for g in response["item"] for i in g["item"]}
    assert "weakness_worsening" not in links and "leg_numbness" in links


@pytest.mark.parametrize("path", VIGNETTES[:12], ids=lambda p: p.name)
def test_the_response_in_the_bundle_gives_the_same_result(path: Path, vignettes: Vignettes) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["assess", "-a", str(path), "-f", "fhir"], env={"SOURCE_DATE_EPOCH": "1795651200"})
    assert result.exit_code == 0, result.output
    response = json.loads(result.stdout)["entry"][0]["resource"]
    back = parse_answers(json.dumps(response).encode(), source="b", kind="json")
    assert result_json(back) == vignettes[path].result_json()


def test_the_fhir_json_suffix_picks_the_format(tmp_path: Path) -> None:
    target = tmp_path / "result.fhir.json"
    result = CliRunner().invoke(app, ["assess", "-a", str(VIGNETTES[0]), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text())["resourceType"] == "Bundle"
    plain = tmp_path / "result.json"
    CliRunner().invoke(app, ["assess", "-a", str(VIGNETTES[0]), "-o", str(plain)])
    assert "urgency" in json.loads(plain.read_text())


def test_the_same_input_gives_the_same_bundle() -> None:
    assert _bundle({"fever": "yes"}) == _bundle({"fever": "yes"})
