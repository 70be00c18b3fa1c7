"""selection.py: content is chosen from the decision, and the decision never from content."""

from __future__ import annotations

import ast
from pathlib import Path

from backpain_cli.selection import MAX_DOCTOR_QUESTIONS, MAX_FAQ, advise, situation_of
from backpain_cli.triage import decide
from tests.helpers import SEED_CASE, answers, library

PACKAGE = Path(__file__).resolve().parent.parent / "backpain_cli"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_triage_depends_on_rules_only_never_on_content() -> None:
    modules = imported_modules(PACKAGE / "triage.py")
    assert not modules & {
        "backpain_cli.content",
        "backpain_cli.selection",
        "backpain_cli.bundle",
        "backpain_cli.questions",
    }


def test_the_situation_is_a_digest_of_the_decision() -> None:
    decision = decide(answers({**SEED_CASE, "fever": "unsure"}))
    situation = situation_of(decision)
    assert situation.urgency == decision.urgency and situation.imaging == decision.imaging
    assert "infection" in situation.categories and "sciatica_persistent_mri" in situation.rules
    assert {"leg_pain_below_knee", "fever"} <= situation.positive
    assert situation.previous_imaging == frozenset({"xray"})


def test_advice_fits_the_decision_and_keeps_its_limits() -> None:
    advice = advise(decide(answers(SEED_CASE)), library())
    assert any("surgery or a spine injection" in q for q in advice.questions_for_doctor)
    assert 1 <= len(advice.questions_for_doctor) <= MAX_DOCTOR_QUESTIONS and 1 <= len(advice.faq) <= MAX_FAQ
    calm = advise(decide(answers()), library())
    assert not any("surgery or a spine injection" in q for q in calm.questions_for_doctor)
