"""Every patient-facing text stays at about a 6th-8th grade reading level (Flesch-Kincaid grade):
the questions, the rules' words and the FAQ pages here; the whole text catalogue in test_texts.py."""

from __future__ import annotations

import re

import pytest
import textstat

from backpain_cli.levels import Imaging, Urgency
from backpain_cli.rules import RULES
from tests.helpers import bank, library, texts

MAX_GRADE = 8.0


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def plain(markdown: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown)
    text = re.sub(r"[*_`#>]", "", text)
    # A heading or list item is a sentence of its own, even without a full stop.
    return "\n".join(line.strip().removeprefix("- ").rstrip(".") + "." for line in text.splitlines() if line.strip())


def test_the_measure_itself_works() -> None:
    assert grade("The cat sat on the mat. The dog ran to the park.") < 3
    assert (
        grade(
            "Notwithstanding considerable heterogeneity, radiological investigations demonstrated "
            "degenerative intervertebral abnormalities."
        )
        > 12
    )


@pytest.mark.parametrize("question", bank().questions, ids=lambda q: q.key)
def test_every_question_and_its_help(question) -> None:  # type: ignore[no-untyped-def]
    assert grade(f"{question.text} {question.help} {question.why}") <= MAX_GRADE


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_explanation(rule) -> None:  # type: ignore[no-untyped-def]
    words = texts().rule(rule.id)
    assert grade(words.explanation) <= MAX_GRADE
    assert grade(words.imaging_reason) <= MAX_GRADE + 1  # one or two short sentences: the measure is noisy


@pytest.mark.parametrize("page", library().faq, ids=lambda p: p.id)
def test_every_faq_page(page) -> None:  # type: ignore[no-untyped-def]
    assert grade(plain(page.body)) <= MAX_GRADE


def test_doctor_questions_and_shared_wording() -> None:
    assert grade(" ".join(q.text for q in library().doctor_questions)) <= MAX_GRADE
    t = texts()
    for text in (t.common.not_a_diagnosis, t.reasons.no_imaging, t.reasons.unanswered, *t.common.safety_net):
        assert grade(text) <= MAX_GRADE, text


def test_titles_actions_labels_and_warnings() -> None:
    t = texts()
    actions = [t.urgency.action[u] for u in Urgency]
    labels = [t.imaging.label[i] + "." for i in Imaging]
    assert grade(" ".join([t.rule(r.id).title + "." for r in RULES] + actions + labels)) <= MAX_GRADE
    assert grade(t.reasons.xray_limits) <= MAX_GRADE
