"""The plain review reads top to bottom (issue 24): the answers, then the way on, then the question.

Was: "Choose an answer to change it, or go on:" and "d) Everything is right" above a 37-line list,
scrolled off the screen by the time the patient reached the reply.
"""

from __future__ import annotations

from tests.helpers import texts
from tests.interview_helpers import ROUTINE_SCRIPT, interview


def review_screen() -> list[str]:
    walk, out = interview([*ROUTINE_SCRIPT, "d"])
    walk.run()
    text = out.getvalue()
    return text[text.rindex(texts().walk.review_title) :].splitlines()


def test_go_on_comes_after_the_list_right_above_the_reply() -> None:
    lines = review_screen()
    walk = texts().walk
    prompt = lines.index(walk.review_prompt)
    done = next(i for i, line in enumerate(lines) if walk.review_done in line)
    answers = [i for i, line in enumerate(lines) if line.lstrip()[:1].isdigit()]
    assert len(answers) == 36  # every answer of the routine walk is listed
    assert max(answers) < done == prompt - 1  # the answers, "d) Everything is right", the question
    assert lines[prompt + 1].startswith(">")


def test_the_answers_keep_their_numbers_and_d_still_goes_on() -> None:
    lines = review_screen()
    assert lines[1].lstrip().startswith("1) ") and "45" in lines[1]
    assert any(line.strip().startswith("d) ") for line in lines)


def test_changing_an_answer_from_the_review_still_works() -> None:
    walk, _out = interview([*ROUTINE_SCRIPT, "1", "46", "d"])
    outcome = walk.run()
    assert outcome.answers.answered()["age"] == 46
