"""Why we ask (issue 24): every question says in one plain line why it is asked, from its rule's purpose.

Users of symptom checkers ask to know why a question is asked (Tsai; Woodcock 2021). The line is a
field of the question bank (``why``), checked when the bank loads and by ``content check``, and shown
with the help: in ``check`` (plain and arrow-key), in the template and in ``backpain questions``.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from backpain_cli.cli import app
from backpain_cli.errors import ContentError
from backpain_cli.questions import load_question_bank
from tests.helpers import bank, texts
from tests.interview_helpers import ROUTINE_SCRIPT, interview
from tests.test_questions import broken_copy
from tests.test_readability import MAX_GRADE, grade


def why_line(key: str) -> str:
    return texts().common.why_we_ask.format(why=bank().get(key).why)


@pytest.mark.parametrize("question", bank().questions, ids=lambda q: q.key)
def test_every_question_says_why_in_one_plain_line(question) -> None:  # type: ignore[no-untyped-def]
    assert question.why.strip() and "\n" not in question.why
    assert len(question.why) <= 160
    assert grade(question.why) <= MAX_GRADE
    assert question.why not in question.help  # said once, not twice


def test_the_whys_differ_from_question_to_question() -> None:
    whys = [q.why for q in bank().questions]
    # The broad questions of earlier banks may share their finer question's reason; nothing else does.
    assert len(set(whys)) >= len(whys) - 3


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["questions"][0].pop("why"), "why"),
        (lambda d: d["questions"][0].update(why=""), "why"),
        (lambda d: d["questions"][0].update(why="First line.\nSecond line."), "one line"),
        (lambda d: d["questions"][0].update(why="Because \x1b[31m"), "control character"),
    ],
)
def test_a_missing_or_broken_why_is_refused(tmp_path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    folder = broken_copy(tmp_path, edit)
    with pytest.raises(ContentError) as exc:
        load_question_bank(folder)
    assert message in exc.value.describe() and "questions.yaml" in exc.value.describe()
    result = CliRunner().invoke(app, ["content", "check", str(folder)])
    assert result.exit_code == 2 and "questions.yaml" in result.stdout and "why" in result.stdout


def test_help_in_the_plain_walk_says_why_we_ask() -> None:
    walk, out = interview(["?", *ROUTINE_SCRIPT, "d"])
    walk.run()
    text = " ".join(out.getvalue().split())
    assert f"{bank().get('age').help} {why_line('age')}" in text
    assert text.count(texts().common.why_we_ask.split("{")[0]) == 2  # age, and the scans (help shown first)


def test_help_in_the_arrow_key_walk_says_why_we_ask() -> None:
    import io

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from tests.test_keystrokes import HELP, make

    out = io.StringIO()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(HELP + "\x1b[B\x1b[B\r")  # help, then No
        assert make(out).ask(bank().get("fever_or_chills")) == "no"
    shown = " ".join(out.getvalue().split())
    assert bank().get("fever_or_chills").help.split(".")[0] in shown and why_line("fever_or_chills") in shown


def test_the_template_says_why_under_each_question() -> None:
    text = CliRunner().invoke(app, ["template"]).stdout
    block = text.split("\nage:")[0].split("---- About you ----")[1]
    assert " ".join(line.removeprefix("# ") for line in block.split("\n") if line.startswith("#")).count(
        why_line("age")
    )


def test_backpain_questions_says_why() -> None:
    text = " ".join(CliRunner().invoke(app, ["questions"]).stdout.split())
    assert why_line("saddle_numbness") in text
    data = json.loads(CliRunner().invoke(app, ["questions", "-f", "json"]).stdout)
    assert {q["key"]: q["why"] for q in data["questions"]}["saddle_numbness"] == bank().get("saddle_numbness").why
