"""End to end in NLM's LHC-Forms (lforms 40.1.3, headless Chromium): the form a portal shows.

The tool (../shared/tools/lforms/roundtrip, beside the repository) renders the Questionnaire with
each item starting at a person's answers and prints the QuestionnaireResponse LHC-Forms exports.
Fed to assess, that response must give exactly the vignette's result; every question must render;
the skip logic must hide exactly what check skips.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from backpain_cli.answers import ANSWER_KEYS, Answers, parse_answer_bytes, validate_answers
from backpain_cli.fhir.questionnaire import build_questionnaire
from backpain_cli.redflags import is_skipped
from tests.fhir.conftest import VIGNETTES, result_json, vignette
from tests.fhir.prefill import prefill
from tests.helpers import ALL_CLEAR, bank

TOOL = Path(__file__).resolve().parents[2].parent / "shared" / "tools" / "lforms" / "roundtrip"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not TOOL.exists(), reason=f"the LHC-Forms tool is not here ({TOOL})"),
    pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed"),
]


def lforms(answers: dict[str, Any], tmp_path: Path) -> tuple[dict[str, Any], str]:
    """The QuestionnaireResponse LHC-Forms exports for a form pre-filled with ``answers``, and its stderr."""
    form = tmp_path / "q.json"
    form.write_text(json.dumps(prefill(build_questionnaire(bank()), answers)))
    done = subprocess.run([str(TOOL), str(form)], capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr + done.stdout[:500]
    return json.loads(done.stdout), done.stderr


def read(response: dict[str, Any]) -> Answers:
    return parse_answer_bytes(json.dumps(response).encode(), source="lforms", kind="json")


def linked(response: dict[str, Any]) -> set[str]:
    found: set[str] = set()

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            if item.get("answer"):
                found.add(item["linkId"])
            walk(item.get("item", []))

    walk(response.get("item", []))
    return found


# At least 10 vignettes, spread over the folder, always including the emergencies at its start.
CASES = VIGNETTES[:: max(1, len(VIGNETTES) // 12)][:12]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_the_response_lforms_exports_gives_the_vignettes_result(path: Path, tmp_path: Path) -> None:
    answers = vignette(path)
    response, _ = lforms(answers.as_dict(), tmp_path)
    assert response["questionnaire"].endswith(f"|{bank().version}")
    assert result_json(read(response)) == result_json(answers)


def test_every_question_renders_and_is_exported(tmp_path: Path) -> None:
    everything = {**ALL_CLEAR, "leg_numbness": "yes", "leg_pain_below_knee": "yes", "weakness_worsening": "no"}
    everything["both_legs"] = "no"
    response, stderr = lforms(everything, tmp_path)
    assert linked(response) == set(ANSWER_KEYS)
    assert "rendered" in stderr
    assert read(response) == validate_answers(everything)


@pytest.mark.parametrize(
    "gates",
    [
        {"leg_pain_below_knee": "no", "leg_numbness": "no", "leg_weakness": "no"},  # both skipped
        {"leg_pain_below_knee": "yes", "leg_numbness": "no", "leg_weakness": "no"},  # only weakness_worsening
        {"leg_pain_below_knee": "no", "leg_numbness": "unsure", "leg_weakness": "no"},  # not sure opens both
        {"leg_pain_below_knee": None, "leg_numbness": None, "leg_weakness": "no"},  # unanswered means ask
    ],
)
def test_the_form_hides_what_check_skips(gates: dict[str, Any], tmp_path: Path) -> None:
    gated = bank().skip_gates
    answers = {**ALL_CLEAR, **gates, **dict.fromkeys(gated, "yes")}
    response, _ = lforms(answers, tmp_path)
    shown = linked(response)
    for key in gated:
        assert (key in shown) == (not is_skipped(key, answers, gated)), key
