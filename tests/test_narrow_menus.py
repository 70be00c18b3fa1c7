"""Nothing cut at 60 columns (issue 24): arrow-key menu entries and the notes on standard error.

Was: "Finish the questions (only if you are already getting help)" cut at 60 columns in the
emergency menu (questionary draws each entry on one line), and plain mode's reminder on standard
error left to the terminal, which broke it inside words.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from backpain_cli import out
from backpain_cli.interview import Menus
from backpain_cli.prompts import QuestionaryPrompter
from tests.helpers import texts
from tests.interview_helpers import UK
from tests.test_keystrokes import ENTER, drawn_after


@pytest.fixture
def keyboard() -> Iterator[tuple[object, io.StringIO]]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe, io.StringIO()


def drawn_menu(width: int, options: Any, *, many: bool = False) -> list[str]:
    prompter = QuestionaryPrompter(texts().prompts, console=Console(file=io.StringIO(), width=width))
    built: list[Any] = []
    real = prompter.q

    class Spy:
        def __getattr__(self, name: str) -> Any:
            attr = getattr(real, name)
            if name not in ("select", "checkbox"):
                return attr

            def capture(*args: Any, **kwargs: Any) -> Any:
                built.append(attr(*args, **kwargs))
                return built[-1]

            return capture

    prompter.q = Spy()  # type: ignore[assignment]
    if many:
        prompter.choose_many(texts().walk.what_now, options, selected=[options[0].value])
    else:
        prompter.choose(texts().walk.what_now, options)
    return drawn_after(built[0].application, [], width)


@pytest.mark.parametrize("width", [40, 60, 80])
def test_the_emergency_choices_are_whole_at_any_width(keyboard, width: int) -> None:  # type: ignore[no-untyped-def]
    pipe, _ = keyboard
    pipe.send_text(ENTER)
    options = Menus(texts()).emergency
    rows = drawn_menu(width, options)
    assert max(len(row) for row in rows) <= width
    shown = " ".join(" ".join(rows).split())
    for option in options:
        assert option.label in shown, (option.label, rows)  # every word, none cut


@pytest.mark.parametrize("width", [40, 60])
def test_a_long_tick_box_entry_is_whole(keyboard, width: int) -> None:  # type: ignore[no-untyped-def]
    from backpain_cli.prompts import Option
    from tests.helpers import bank

    pipe, _ = keyboard
    pipe.send_text(ENTER)
    question = bank().get("previous_imaging")
    options = [Option(c.label, c.value, (str(i),)) for i, c in enumerate(question.choices, 1)]
    rows = drawn_menu(width, options, many=True)
    shown = " ".join(" ".join(rows).split())
    assert max(len(row) for row in rows) <= width
    for option in options:
        assert option.label in shown


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_note_on_standard_error_wraps_between_words_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    monkeypatch.setenv("COLUMNS", "60")
    # plain mode's reminder after a stop on a "not sure" (commands/check.py), about 150 characters
    text = texts().saving.check_today_reminder.format(call=texts().call(UK))
    out.info(text, wrap=True)
    lines = screen.getvalue().splitlines()
    assert len(lines) > 1 and max(len(line) for line in lines) < 60
    assert " ".join(" ".join(lines).split()) == " ".join(f"backpain: {text}".split())  # every word whole


def test_a_note_for_a_script_stays_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = io.StringIO()
    monkeypatch.setattr("sys.stderr", screen)
    monkeypatch.setenv("COLUMNS", "60")
    out.info("word " * 30, wrap=True)
    assert len(screen.getvalue().splitlines()) == 1  # grep and logs read one line per note


@pytest.mark.parametrize("say", [out.error, out.warning])
def test_an_error_or_warning_wraps_between_words_on_a_terminal_and_keeps_its_place_whole(
    monkeypatch: pytest.MonkeyPatch, say: object
) -> None:
    # check --lang es with a bad answer: "escriba ye / s (sí)" was broken by the terminal at 80 columns.
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    monkeypatch.setenv("COLUMNS", "80")
    place = "/home/pat/respuestas/mis-respuestas-de-hoy.yaml:3: leg_pain_below_knee:"
    text = (
        f"{place} 'si' no vale aquí; escriba yes (sí), no o unsure (no estoy seguro/a); true/false se leen como yes/no"
    )
    say(text)  # type: ignore[operator]
    lines = screen.getvalue().splitlines()
    assert len(lines) > 1 and max(len(line) for line in lines) < 80
    assert place.split(" ")[0] in lines[0]  # the file and its line stay whole, to copy
    assert " ".join(" ".join(lines).split()).endswith(" ".join(text.split()))
    screen = io.StringIO()  # a script's standard error: one line per problem, as before
    monkeypatch.setattr("sys.stderr", screen)
    say(text)  # type: ignore[operator]
    assert len(screen.getvalue().splitlines()) == 1


def test_a_command_to_copy_is_never_broken(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    monkeypatch.setenv("COLUMNS", "60")
    command = "backpain check --resume /home/pat/a-long-folder-name/backpain-answers.yaml"
    out.info(f"saved. To finish later: {command}")  # saved_resume: not a reminder, not wrapped
    assert command in screen.getvalue()


def chosen_message(width: int, options: Any) -> str:
    prompter = QuestionaryPrompter(texts().prompts, console=Console(file=io.StringIO(), width=width))
    messages: list[str] = []

    class Spy:
        def __getattr__(self, name: str) -> Any:
            return getattr(questionary, name)

        def select(self, message: str, **kwargs: Any) -> Any:
            messages.append(message)
            raise KeyboardInterrupt

    import questionary

    prompter.q = Spy()  # type: ignore[assignment]
    with pytest.raises(KeyboardInterrupt):
        prompter.choose(texts().walk.what_now, options)
    return messages[0]


def test_the_answer_chosen_never_follows_the_question_where_it_would_not_fit() -> None:
    # Was, at 80 columns: "? What would you like to do? Finish the questions (only if you are already getti"
    # then "ng help)": questionary shows the answer after the question's last line.
    message = chosen_message(80, Menus(texts()).emergency)
    assert message.split("\n")[-1] == ""  # the answer starts a line of its own
    assert chosen_message(80, Menus(texts()).yes_no).split("\n")[-1] != ""  # "No" fits after the question


@pytest.mark.parametrize("long_list", [True, False])
def test_the_review_list_says_it_scrolls(long_list: bool) -> None:
    # At 24 rows the review's 40-odd answers run below the screen and scroll under the question;
    # "(arrow keys, then Enter)" did not say there is more below the last answer shown.
    from backpain_cli.prompts import Option

    prompter = QuestionaryPrompter(texts().prompts, console=Console(file=io.StringIO(), width=80))
    given: list[Any] = []

    class Spy:
        def __getattr__(self, name: str) -> Any:
            return getattr(questionary, name)

        def select(self, message: str, **kwargs: Any) -> Any:
            given.append(kwargs["instruction"])
            raise KeyboardInterrupt

    import questionary

    prompter.q = Spy()  # type: ignore[assignment]
    options = [Option(f"Answer {i}: No", f"key{i}", (str(i),)) for i in range(40)]
    with pytest.raises(KeyboardInterrupt):
        prompter.choose(texts().walk.review_prompt, options, long_list=long_list)
    words = texts().prompts
    assert given == [words.arrows_long if long_list else words.arrows]
    assert words.arrows_long != words.arrows
