"""Every patient-facing text stays at about a 6th-8th grade reading level (Flesch-Kincaid grade)."""

from __future__ import annotations

import re

import pytest
import textstat

from backpain_cli import wording
from backpain_cli.redflags import RULES
from tests.helpers import bank, library

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
    assert grade(f"{question.text} {question.help}") <= MAX_GRADE


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_explanation(rule) -> None:  # type: ignore[no-untyped-def]
    assert grade(rule.explanation) <= MAX_GRADE
    assert grade(rule.imaging_reason) <= MAX_GRADE + 1  # one or two short sentences: the measure is noisy


@pytest.mark.parametrize("page", library().faq, ids=lambda p: p.id)
def test_every_faq_page(page) -> None:  # type: ignore[no-untyped-def]
    assert grade(plain(page.body)) <= MAX_GRADE


def test_doctor_questions_and_shared_wording() -> None:
    assert grade(" ".join(q.text for q in library().doctor_questions)) <= MAX_GRADE
    for text in (wording.NOT_A_DIAGNOSIS, wording.NO_IMAGING_REASON, wording.UNANSWERED_REASON, *wording.SAFETY_NET):
        assert grade(text) <= MAX_GRADE, text


def test_titles_actions_labels_and_warnings() -> None:
    from backpain_cli.wording import IMAGING_LABEL, URGENCY_ACTION

    texts = [r.title + "." for r in RULES] + list(URGENCY_ACTION.values()) + [v + "." for v in IMAGING_LABEL.values()]
    assert grade(" ".join(texts)) <= MAX_GRADE
    assert grade(wording.XRAY_LIMITS) <= MAX_GRADE
