"""The PEG (issue 22) in what backpain gives out: the summary, the FHIR Questionnaire and result Bundle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from backpain_cli.assessment import assess
from backpain_cli.bundle import load_bundle, shipped_content_dir
from backpain_cli.fhir import codes
from backpain_cli.fhir.questionnaire import build_questionnaire, question_keys
from backpain_cli.fhir.result import build_result_bundle
from backpain_cli.measures import PEG_KEYS
from backpain_cli.render.document import build_summary
from backpain_cli.render.text import render_text
from tests.fhir.conftest import validate
from tests.helpers import ALL_CLEAR, FIXED_DAY, answers, bank, bundle, texts

PEG_ANSWERS = {"peg_pain": 5, "peg_enjoyment": 4, "peg_activity": 4}


def summary_text(case: dict[str, Any], *, clinic: bool = False) -> str:
    given = answers(case)
    result = assess(given, bundle(), today=FIXED_DAY)
    return render_text(build_summary(result, bank(), answers=given.as_dict() if clinic else None))


def test_the_patients_recap_says_the_score_in_words() -> None:
    text = " ".join(summary_text(PEG_ANSWERS).split())
    assert "- How your pain affects you: PEG score 4.3 out of 10. A higher number means pain affects your" in text
    assert "It does not change the advice." in text


def test_the_clinicians_page_gives_the_score_and_its_three_answers() -> None:
    text = " ".join(summary_text(PEG_ANSWERS, clinic=True).split())
    # issue 20: addressed to the clinician, not the patient
    assert "PEG score 4.3 of 10 (pain 5, enjoyment of life 4, general activity 4)." in text
    assert "It does not change how soon they should be seen." in text and "Your PEG" not in text


@pytest.mark.parametrize("case", [{}, {"peg_pain": 5, "peg_enjoyment": 4}])
def test_nothing_without_all_three(case: dict[str, int]) -> None:
    assert "PEG score" not in summary_text(case, clinic=True)


def test_at_an_emergency_the_patients_part_leaves_the_score_out() -> None:
    text = summary_text({**PEG_ANSWERS, "saddle_numbness": "yes"})
    assert "EMERGENCY" in text and "PEG score" not in text


CASES = sorted((Path(__file__).parent / "vignettes" / "cases").iterdir())


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_with_the_peg_the_patients_part_still_fits_its_page(case: Path) -> None:
    """Issue 24: the patient's part keeps to about a page; the PEG takes two lines of the recap."""
    from backpain_cli.answers import validate_answers
    from tests.helpers import read_answers
    from tests.test_summary_vignettes import MOST_LINES, UK

    given = validate_answers({**read_answers(str(case)).answered(), **PEG_ANSWERS})
    result = assess(given, bundle(), today=FIXED_DAY)
    summary = build_summary(result, bank(), region=UK, answers=given.as_dict())
    assert len(render_text(summary, 80, clinic=False).splitlines()) <= MOST_LINES[result.urgency]


def test_the_questionnaire_has_the_peg_with_its_loinc_codes_and_anchors() -> None:
    q = build_questionnaire(bank(), texts())
    (group,) = [g for g in q["item"] if {i["linkId"] for i in g["item"]} >= set(PEG_KEYS)]
    assert group["code"] == [{"system": codes.LOINC, "code": "91148-7", "display": codes.PEG_PANEL[1]}]
    items = {i["linkId"]: i for i in group["item"]}
    assert {k: items[k]["code"][0]["code"] for k in PEG_KEYS} == {
        "peg_pain": "75893-8",
        "peg_enjoyment": "91145-3",
        "peg_activity": "91146-1",
    }
    assert items["peg_pain"]["text"] == "What number best describes your pain on average in the past week?"
    scale = items["peg_pain"]["item"][-1]
    assert scale["type"] == "display" and scale["text"] == "0 = No pain, 10 = Pain as bad as you can imagine"
    assert items["peg_activity"]["extension"][:2] == [
        {"url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": 0},
        {"url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": 10},
    ]


def test_switched_off_the_peg_is_not_on_the_form(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    import shutil

    shutil.copytree(shipped_content_dir(), folder)
    data = yaml.safe_load((folder / "questions.yaml").read_text())
    data["measures"] = []
    (folder / "questions.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    off = load_bundle(folder)
    keys = question_keys(build_questionnaire(off.bank, off.texts))
    assert keys and not set(PEG_KEYS) & set(keys)


@pytest.mark.parametrize("release", ["R4B", "R5"])
def test_the_result_bundle_carries_the_score_as_an_observation(release: str) -> None:
    given = answers(PEG_ANSWERS)
    result = assess(given, bundle(), today=FIXED_DAY)
    fhir = build_result_bundle(result, given, bank())
    kinds = [e["resource"]["resourceType"] for e in fhir["entry"]]
    assert kinds == ["QuestionnaireResponse", "RiskAssessment", "Observation"]
    observation = fhir["entry"][2]["resource"]
    validate(observation, release)
    assert observation["code"]["coding"][0]["code"] == "91147-9"
    assert observation["valueQuantity"]["value"] == 4.3
    assert observation["derivedFrom"] == [{"reference": fhir["entry"][0]["fullUrl"]}]
    assert [c["valueInteger"] for c in observation["component"]] == [5, 4, 4]
    assert observation["effectiveDateTime"] == FIXED_DAY.isoformat()


def test_no_observation_without_the_peg() -> None:
    given = answers(ALL_CLEAR)
    result = assess(given, bundle(), today=FIXED_DAY)
    kinds = [e["resource"]["resourceType"] for e in build_result_bundle(result, given, bank())["entry"]]
    assert kinds == ["QuestionnaireResponse", "RiskAssessment"]
