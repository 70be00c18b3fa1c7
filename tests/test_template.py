"""template.py: the answer-file template, saved answers, and the question listing."""

from __future__ import annotations

import json

from backpain_cli.answers import ANSWER_KEYS
from backpain_cli.formats import ListFormat
from backpain_cli.rules.policy import REFINED
from backpain_cli.template import render_answer_file, render_questions, render_template
from tests.helpers import ALL_CLEAR, bank, parse_answers, texts


def test_the_template_reads_back_as_all_unanswered() -> None:
    text = render_template(bank(), texts())
    assert text.startswith(f"# backpain answer file (question bank {bank().version})")
    answers = parse_answers(text.encode(), source="t.yaml", kind="yaml")
    assert answers.answered() == {}
    # every question check asks; the broad keys of earlier banks are read but not offered (policy.REFINED)
    assert all(f"\n{q.key}:\n" in text for q in bank().asked)
    assert not any(f"\n{key}:\n" in text for key in REFINED)
    assert len(bank().asked) == len(ANSWER_KEYS) - len(REFINED)


def test_saved_answers_read_back_the_same() -> None:
    text = render_answer_file(ALL_CLEAR, bank(), texts(), note="saved in a test")
    assert "# backpain answers (saved in a test)" in text and "health information" in text
    assert parse_answers(text.encode(), source="a.yaml", kind="yaml").answered() == ALL_CLEAR


def test_the_listing_in_text_and_json() -> None:
    text = render_questions(bank(), ListFormat.TEXT)
    assert text.startswith(f"backpain questions (bank {bank().version}): 63 questions")
    data = json.loads(render_questions(bank(), ListFormat.JSON))
    by_key = {q["key"]: q for q in data["questions"]}
    assert by_key["age"]["min"] == 16 and by_key["both_legs"]["ask_if"]
    assert by_key["fever"]["choices"] == ["yes", "no", "unsure"]
