"""End to end in NLM's LHC-Forms (lforms 40.1.3, headless Chromium): the form a portal shows.

The tool (../shared/tools/lforms/roundtrip, beside the repository) renders the Questionnaire with
each item starting at a person's answers and prints the QuestionnaireResponse LHC-Forms exports.
Fed to assess, that response must give exactly the vignette's result; every question must render;
the skip logic must hide exactly what check skips.

The tool starts a web server and a Chromium for each form, which took these tests about three
minutes. So every form the selected tests need is rendered up front by one Chromium
(tests/fhir/lforms_batch.py: the same lforms package and page, the forms one after another) and
each test asserts on its own form's response. One test still goes through the tool itself, and
another checks that the batch and the tool export the same response for the same form; others
that forms rendered one after another do not leak answers into each other, and that a form
LHC-Forms fails on fails only the tests that use it.

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
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from backpain_cli.answers import ANSWER_KEYS, SYMPTOM_KEYS, Answers, validate_answers
from backpain_cli.fhir.enable import ENABLE_WHEN_EXPRESSION
from backpain_cli.fhir.questionnaire import build_questionnaire
from backpain_cli.measures import PEG_KEYS
from tests.fhir import lforms_batch
from tests.fhir.conftest import VIGNETTES, result_json
from tests.fhir.lforms_batch import Rendered
from tests.fhir.prefill import prefill
from tests.helpers import ALL_CLEAR, bank, parse_answers, texts
from tests.vignette_helpers import Vignettes

TOOL = Path(__file__).resolve().parents[2].parent / "shared" / "tools" / "lforms" / "roundtrip"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not TOOL.exists(), reason=f"the LHC-Forms tool is not here ({TOOL})"),
    pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed"),
]

# Chromiums the batch runs side by side (each with its share of the forms).
CHUNKS = 1


def run_tool(questionnaire: dict[str, Any], tmp_path: Path, name: str = "q.json") -> Rendered:
    """The QuestionnaireResponse the tool exports for ``questionnaire``, and how many item nodes it rendered."""
    form = tmp_path / name
    form.write_text(json.dumps(questionnaire))
    done = subprocess.run([str(TOOL), str(form)], capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr + done.stdout[:500]
    found = re.search(r"rendered (\d+) item nodes", done.stderr)
    assert found, done.stderr
    return Rendered(json.loads(done.stdout), int(found.group(1)))


def form(answers: dict[str, Any]) -> dict[str, Any]:
    """The Questionnaire pre-filled with ``answers``."""
    return prefill(build_questionnaire(bank(), texts()), answers)


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
    shown = form(answers)
    gone = bank().skipped(answers)
    for group in shown["item"]:
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
    return shown


class Batch:
    """Every form the selected tests need, rendered by lforms_batch up front; ``batch[form]`` is one's."""

    def __init__(self, forms: Iterable[dict[str, Any]], chunks: int) -> None:
        unique = {_key(f): f for f in forms}
        self._rendered = dict(zip(unique, lforms_batch.render(list(unique.values()), chunks=chunks), strict=True))

    def __getitem__(self, questionnaire: dict[str, Any]) -> Rendered:
        rendered = self.attempt(questionnaire)
        assert not rendered.error, f"LHC-Forms failed on this form: {rendered.error}"
        return rendered

    def attempt(self, questionnaire: dict[str, Any]) -> Rendered:
        """The form's rendering, or the error LHC-Forms failed on it with."""
        rendered = self._rendered.get(_key(questionnaire))
        assert rendered is not None, "a form no test declared was asked for: add it to forms_for()"
        return rendered


def _key(questionnaire: dict[str, Any]) -> str:
    return json.dumps(questionnaire, sort_keys=True)


@pytest.fixture(scope="module")
def batch(request: pytest.FixtureRequest, vignettes: Vignettes) -> Batch:
    """The forms of this module's selected tests (each test's together, in order), rendered at once."""
    return Batch((f for item in request.session.items for f in forms_for(item, vignettes)), CHUNKS)


def forms_for(item: pytest.Item, vignettes: Vignettes) -> list[dict[str, Any]]:
    """The forms ``item`` (a test) looks up in the batch: none for a test of another module."""
    callspec = getattr(item, "callspec", None)
    params: dict[str, Any] = callspec.params if callspec else {}
    test: Callable[..., None] | None = getattr(item, "obj", None)
    if test is test_the_response_lforms_exports_gives_the_vignettes_result:
        answers = vignette_answers(vignettes, params["path"])
    elif test is test_the_form_hides_what_check_skips:
        answers = gated_answers(params["gates"])
    elif test is test_the_batch_exports_what_the_tool_exports:
        return [form(EVERYTHING)]
    elif test is test_forms_in_one_batch_do_not_leak_into_each_other:
        return [form(a) for a in LEAK_PAIR]
    elif test is test_a_form_lhc_forms_fails_on_fails_alone:
        return [NOT_A_QUESTIONNAIRE, form(AFTER_THE_FAILURE)]
    else:
        return []
    return [form(answers), as_check_shows(answers)]


def assert_hides_what_check_skips(answers: dict[str, Any], batch: Batch) -> dict[str, Any]:
    """Check what LHC-Forms hides when it renders ``answers``; returns the exported response."""
    rendered, expected = batch[form(answers)], batch[as_check_shows(answers)].nodes
    response, nodes = rendered.response, rendered.nodes
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


def vignette_answers(vignettes: Vignettes, path: Path) -> dict[str, Any]:
    """The vignette's answers as a person fills in the form: a question check skips is hidden, unanswered."""
    given = vignettes[path].answers.as_dict()
    gone = bank().skipped(given)
    return {k: None if k in gone else v for k, v in given.items()}


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_the_response_lforms_exports_gives_the_vignettes_result(path: Path, batch: Batch, vignettes: Vignettes) -> None:
    response = assert_hides_what_check_skips(vignette_answers(vignettes, path), batch)
    assert response["questionnaire"].endswith(f"|{bank().version}")
    expected = vignettes[path].result_json()
    # So an answer a file gave a skipped question (and the result's note that it was set aside) never comes through.
    expected["ignored_answers"] = []
    assert result_json(read(response)) == expected


# Every yes/no question "not sure" opens every gate; 44 with 30 weeks of pain began before 45.
EVERYTHING = {
    **ALL_CLEAR,
    **dict.fromkeys(SYMPTOM_KEYS, "unsure"),
    "age": 44,
    "pain_weeks": 30,
    "leg_symptoms_weeks": 30,
    **dict.fromkeys(PEG_KEYS, 5),  # issue 22: the PEG's three items, rated
}


@pytest.fixture(scope="module")
def by_tool(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The tool's own rendering of the form with every question answered."""
    return run_tool(form(EVERYTHING), tmp_path_factory.mktemp("lforms-tool"))


def test_every_question_renders_and_is_exported(by_tool: Rendered) -> None:
    assert not bank().skipped(EVERYTHING)
    assert linked(by_tool.response) == set(ANSWER_KEYS)
    assert by_tool.nodes > len(ANSWER_KEYS)
    assert read(by_tool.response) == validate_answers(EVERYTHING)


def test_the_batch_exports_what_the_tool_exports(by_tool: Rendered, batch: Batch) -> None:
    # The same response but for the time it was authored (a batch renders later), and the same item
    # nodes; in the batch the form comes after the vignettes' forms, so nothing of theirs stays behind.
    ours = batch[form(EVERYTHING)]
    assert {**ours.response, "authored": None} == {**by_tool.response, "authored": None}
    assert ours.response["authored"] and by_tool.response["authored"]
    assert ours.nodes == by_tool.nodes


# Rendered one right after the other: the first answers every question (all yes, older onset),
# the second only three, each with another value than the first's.
LEAK_PAIR = (
    {
        **ALL_CLEAR,
        **dict.fromkeys(SYMPTOM_KEYS, "yes"),
        "age": 39,
        "pain_weeks": 40,
        "leg_symptoms_weeks": 20,
        **dict.fromkeys(PEG_KEYS, 7),
    },
    {"age": 62, "pain_weeks": 2, "pain_score": 3},
)


def test_forms_in_one_batch_do_not_leak_into_each_other(batch: Batch) -> None:
    first, second = (batch[form(answers)] for answers in LEAK_PAIR)
    assert (second.page, second.place) == (first.page, first.place + 1), "not rendered one after the other"
    assert not bank().skipped(LEAK_PAIR[0])
    assert linked(first.response) == set(ANSWER_KEYS)
    assert read(first.response) == validate_answers(LEAK_PAIR[0])
    assert linked(second.response) == set(LEAK_PAIR[1])
    assert read(second.response) == validate_answers(LEAK_PAIR[1])


NOT_A_QUESTIONNAIRE: dict[str, Any] = {"resourceType": "Patient"}
AFTER_THE_FAILURE = {"age": 50, "pain_score": 6}


def test_a_form_lhc_forms_fails_on_fails_alone(batch: Batch) -> None:
    # The batch page records the error and goes on: the next form renders and exports as usual.
    failed, after = batch.attempt(NOT_A_QUESTIONNAIRE), batch[form(AFTER_THE_FAILURE)]
    assert "Only Questionnaire" in failed.error
    assert (after.page, after.place) == (failed.page, failed.place + 1)
    assert read(after.response) == validate_answers(AFTER_THE_FAILURE)
    with pytest.raises(AssertionError, match="LHC-Forms failed on this form"):
        batch[NOT_A_QUESTIONNAIRE]


NO_LEGS = {"leg_pain_below_knee": "no", "leg_numbness": "no", "leg_weakness": "no"}


def gated_answers(gates: dict[str, Any]) -> dict[str, Any]:
    """Every gated question given an answer of its own type ("yes", or a number), then ``gates``."""
    numbers = {q.key: 4 for q in bank().questions if q.type == "integer"}
    return {**ALL_CLEAR, **{k: numbers.get(k, "yes") for k in bank().skip_gates}, **gates}


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
def test_the_form_hides_what_check_skips(gates: dict[str, Any], batch: Batch) -> None:
    assert_hides_what_check_skips(gated_answers(gates), batch)
