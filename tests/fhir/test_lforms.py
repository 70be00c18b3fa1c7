"""End to end in NLM's LHC-Forms (lforms 40.1.3, headless Chromium): the form a portal shows.

The tool (../shared/tools/lforms/roundtrip, beside the repository) renders the Questionnaire with
each item starting at a person's answers and prints the QuestionnaireResponse LHC-Forms exports.
Fed to assess, that response must give exactly the vignette's result; every question must render;
the skip logic must hide exactly what check skips.

How hiding is seen: LHC-Forms leaves an item hidden by plain enableWhen out of the response it
exports, so those are checked in the response. An item hidden by an SDC enableWhenExpression is
hidden on screen but keeps (and exports) an answer it already had (lforms 40.1.3 drops only
enableWhen-disabled items on export; assess drops such answers as for any file). Those are
checked on screen: the form must render exactly as many item nodes as the same form with the
questions check skips taken out and the expressions removed.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from backpain_cli.answers import ANSWER_KEYS, SYMPTOM_KEYS, Answers, validate_answers
from backpain_cli.fhir.enable import ENABLE_WHEN_EXPRESSION
from backpain_cli.fhir.questionnaire import build_questionnaire
from backpain_cli.measures import PEG_KEYS
from tests.fhir.conftest import VIGNETTES, result_json
from tests.fhir.prefill import prefill
from tests.helpers import ALL_CLEAR, bank, parse_answers, texts
from tests.vignette_helpers import Vignettes

TOOL = Path(__file__).resolve().parents[2].parent / "shared" / "tools" / "lforms" / "roundtrip"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not TOOL.exists(), reason=f"the LHC-Forms tool is not here ({TOOL})"),
    pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed"),
]


def run_tool(questionnaire: dict[str, Any], tmp_path: Path, name: str = "q.json") -> tuple[dict[str, Any], int]:
    """The QuestionnaireResponse LHC-Forms exports for ``questionnaire``, and how many item nodes it rendered."""
    form = tmp_path / name
    form.write_text(json.dumps(questionnaire))
    done = subprocess.run([str(TOOL), str(form)], capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr + done.stdout[:500]
    found = re.search(r"rendered (\d+) item nodes", done.stderr)
    assert found, done.stderr
    return json.loads(done.stdout), int(found.group(1))


def lforms(answers: dict[str, Any], tmp_path: Path) -> tuple[dict[str, Any], int]:
    """The response LHC-Forms exports for a form pre-filled with ``answers``, and the item nodes rendered."""
    return run_tool(prefill(build_questionnaire(bank(), texts()), answers), tmp_path)


def expression_gated() -> set[str]:
    return {k for k in bank().skip_gates if ENABLE_WHEN_EXPRESSION in str(_item(k))}


def _item(key: str) -> dict[str, Any]:
    for group in build_questionnaire(bank(), texts())["item"]:
        for item in group["item"]:
            if item["linkId"] == key:
                return dict(item)
    raise KeyError(key)


def as_check_shows(answers: dict[str, Any]) -> dict[str, Any]:
    """The pre-filled form with the expression-gated questions check skips taken out, and no expressions."""
    form = prefill(build_questionnaire(bank(), texts()), answers)
    gone = bank().skipped(answers)
    for group in form["item"]:
        kept = []
        for item in group["item"]:
            rest = [e for e in item.get("extension", []) if e["url"] != ENABLE_WHEN_EXPRESSION]
            if len(rest) != len(item.get("extension", [])):
                if item["linkId"] in gone:
                    continue
                item = copy.deepcopy(item)
                item.pop("extension")
                if rest:
                    item["extension"] = rest
            kept.append(item)
        group["item"] = kept
    return form


def assert_hides_what_check_skips(answers: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    """Render ``answers`` and check what LHC-Forms hides; returns the exported response.

    The form and the form as check shows it are rendered at the same time: each run of the tool
    spends most of its time waiting (its server's start, Chromium's virtual time), so two side by
    side take about 3.8 s on 2 cores against 5.2 s one after the other.
    """
    with ThreadPoolExecutor(max_workers=2) as pool:
        form = pool.submit(run_tool, prefill(build_questionnaire(bank(), texts()), answers), tmp_path, "form.json")
        as_check = pool.submit(run_tool, as_check_shows(answers), tmp_path, "as-check.json")
        (response, nodes), (_, expected) = form.result(), as_check.result()
    gone = bank().skipped(answers)
    shown = linked(response)
    for key in set(bank().skip_gates) - expression_gated():
        if answers.get(key) is not None:
            assert (key in shown) == (key not in gone), key
    assert nodes == expected, f"LHC-Forms shows other questions than check: skipped {sorted(gone)}"
    return response


def read(response: dict[str, Any]) -> Answers:
    return parse_answers(json.dumps(response).encode(), source="lforms", kind="json")


def linked(response: dict[str, Any]) -> set[str]:
    found: set[str] = set()

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            if item.get("answer"):
                found.add(item["linkId"])
            walk(item.get("item", []))

    walk(response.get("item", []))
    return found


# At least 10 vignettes, spread over the folder, always including the emergencies at its start, and
# vignettes whose walk turns on the numeric and onset-age gates (FHIRPath enableWhenExpression).
GATED = {
    "night-pain-years-stable-investigated.yaml",  # 60, 300 weeks: began at 54, stiffness questions skipped
    "ces-bowel-control-chronic-pain.json",  # 47, 26 weeks: began at 46.5; procedure question skipped
    "spondyloarthritis-ng65-three-features.yaml",  # 28, 20 weeks: began before 45, asked
    "stable-ankylosing-spondylitis-no-injury.yaml",  # 45, 300 weeks: asked; rigid spine skipped but answered
    "sciatica-10-weeks-not-improving.yaml",  # leg pain, 10 weeks: procedure question asked
}
CASES = VIGNETTES[:: max(1, len(VIGNETTES) // 12)][:12] + [p for p in VIGNETTES if p.name in GATED]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_the_response_lforms_exports_gives_the_vignettes_result(
    path: Path, tmp_path: Path, vignettes: Vignettes
) -> None:
    given = vignettes[path].answers.as_dict()
    gone = bank().skipped(given)
    # A person fills in what the form shows: a question check skips is hidden and cannot be answered.
    response = assert_hides_what_check_skips({k: None if k in gone else v for k, v in given.items()}, tmp_path)
    assert response["questionnaire"].endswith(f"|{bank().version}")
    expected = vignettes[path].result_json()
    # So an answer a file gave a skipped question (and the result's note that it was set aside) never comes through.
    expected["ignored_answers"] = []
    assert result_json(read(response)) == expected


def test_every_question_renders_and_is_exported(tmp_path: Path) -> None:
    # Every yes/no question "not sure" opens every gate; 44 with 30 weeks of pain began before 45.
    everything = {
        **ALL_CLEAR,
        **dict.fromkeys(SYMPTOM_KEYS, "unsure"),
        "age": 44,
        "pain_weeks": 30,
        "leg_symptoms_weeks": 30,
        **dict.fromkeys(PEG_KEYS, 5),  # issue 22: the PEG's three items, rated
    }
    assert not bank().skipped(everything)
    response, nodes = lforms(everything, tmp_path)
    assert linked(response) == set(ANSWER_KEYS)
    assert nodes > len(ANSWER_KEYS)
    assert read(response) == validate_answers(everything)


NO_LEGS = {"leg_pain_below_knee": "no", "leg_numbness": "no", "leg_weakness": "no"}


@pytest.mark.parametrize(
    "gates",
    [
        NO_LEGS,  # both skipped
        {**NO_LEGS, "leg_pain_below_knee": "yes"},  # only weakness_worsening
        {**NO_LEGS, "leg_numbness": "unsure"},  # not sure opens both
        {**NO_LEGS, "leg_pain_below_knee": None, "leg_numbness": None},  # unanswered means ask
        {"pain_weeks": 3, "age": 60},  # numbers: treatment_no_better and pregnant_or_postpartum skipped
        {"pain_weeks": None, "age": None},  # numbers not given: asked
        {"age": 47, "pain_weeks": 26},  # began at 46.5: stiffness questions skipped
        {"age": 44, "pain_weeks": 20},  # began before 45: asked
        {"age": 46, "pain_weeks": 52},  # began at 45 exactly: skipped
        {**NO_LEGS, "age": 40, "pain_weeks": 10},  # leg_pain_walking skipped: procedure_considered too
        {**NO_LEGS, "age": 60, "pain_weeks": 10},  # leg_pain_walking asked: procedure_considered too
    ],
)
def test_the_form_hides_what_check_skips(gates: dict[str, Any], tmp_path: Path) -> None:
    # Every gated question given an answer of its own type: "yes", or a number for a number question.
    numbers = {q.key: 4 for q in bank().questions if q.type == "integer"}
    answers = {**ALL_CLEAR, **{k: numbers.get(k, "yes") for k in bank().skip_gates}, **gates}
    assert_hides_what_check_skips(answers, tmp_path)
