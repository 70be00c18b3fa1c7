"""The arrow-key questionnaire driven by real keystrokes through prompt_toolkit's pipe input."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from backpain_cli.interview import Interrupted, Interview
from backpain_cli.prompts import QuestionaryPrompter
from tests.helpers import bank, texts
from tests.interview_helpers import SADDLE, UK

DOWN, ENTER, SPACE, CTRL_C, CTRL_D = "\x1b[B", "\r", " ", "\x03", "\x04"
# The pointer starts on "What does this mean?": Yes is one down, No two, Not sure three, Go back four.
HELP, YES, NO, UNSURE, BACK = ENTER, DOWN + ENTER, DOWN * 2 + ENTER, DOWN * 3 + ENTER, DOWN * 4 + ENTER


# A whole interview typed key by key (32 prompts, about 50 ms each in prompt_toolkit): an end-to-end
# test, run in the full run (--full). The quick run keeps every single-prompt test here.
WHOLE_WALK = pytest.mark.slow


def routine_keys() -> list[str]:
    keys = ["45\r", "3\r", DOWN + ENTER, "5\r"]  # age, weeks, lower back, pain score
    keys += [NO] * 31  # belly/chest and the other yes/no questions that a routine walk asks (ROUTINE_SCRIPT)
    keys += [SPACE + ENTER]  # previous imaging: tick "None"
    keys += [DOWN * 2 + ENTER]  # the PEG offered as a group (help, answer, skip, back): skip it
    return keys


@pytest.fixture
def keyboard() -> Iterator[tuple[object, io.StringIO]]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe, io.StringIO()


def make(out: io.StringIO, prefilled: dict[str, object] | None = None) -> Interview:
    prompter = QuestionaryPrompter(texts().prompts, console=Console(file=out, width=100, highlight=False, markup=False))
    return Interview(bank(), prompter, UK, texts(), prefilled)


@WHOLE_WALK
def test_full_run_with_arrow_keys(keyboard) -> None:  # type: ignore[no-untyped-def]
    pipe, out = keyboard
    pipe.send_text("".join(routine_keys()) + ENTER)  # the last Enter: "Everything is right"
    outcome = make(out).run()
    answers = outcome.answers.answered()
    assert answers["age"] == 45 and answers["pain_area"] == "lower_back" and answers["previous_imaging"] == ["none"]
    assert answers["saddle_numbness"] == "no" and answers["fever_or_chills"] == "no"
    assert "Section 8 of 9: Treatment and tests so far · last question in this section" in out.getvalue()


@pytest.mark.parametrize("typed", ["42.0", " +042 ", "042.00"])
def test_typed_numbers_are_read_by_the_answer_model(keyboard, typed: str) -> None:  # type: ignore[no-untyped-def]
    pipe, out = keyboard
    pipe.send_text(typed + ENTER)
    assert make(out).ask(bank().get("age")) == 42


@pytest.mark.parametrize("typed", ["4_2", "\u0664\u0662", "42.5"])
def test_numbers_the_model_refuses_are_asked_again(keyboard, typed: str) -> None:  # type: ignore[no-untyped-def]
    pipe, out = keyboard
    pipe.send_text(typed + ENTER + "\x7f" * 8 + "42" + ENTER)
    assert make(out).ask(bank().get("age")) == 42


@WHOLE_WALK
def test_enter_on_a_fresh_question_shows_help_never_an_answer(keyboard) -> None:  # type: ignore[no-untyped-def]
    pipe, out = keyboard
    keys = routine_keys()
    keys.insert(4, HELP)  # Enter straight away on the belly/chest question
    pipe.send_text("".join(keys) + ENTER)
    outcome = make(out).run()
    assert outcome.answers.abdominal_or_chest_pain == "no"
    assert bank().get("abdominal_or_chest_pain").help.split(".")[0] in out.getvalue()


@WHOLE_WALK
def test_go_back_with_arrow_keys(keyboard) -> None:  # type: ignore[no-untyped-def]
    pipe, out = keyboard
    keys = routine_keys()
    keys[4:4] = [BACK, "9\r"]  # back from the belly question to the pain score, type 9 instead of 5
    pipe.send_text("".join(keys) + ENTER)
    assert make(out).run().answers.pain_score == 9


@WHOLE_WALK
def test_unsure_is_recorded(keyboard) -> None:  # type: ignore[no-untyped-def]
    pipe, out = keyboard
    keys = routine_keys()
    keys[14] = UNSURE  # the 15th prompt is the bowel question
    pipe.send_text("".join(keys) + ENTER)
    assert make(out).run().answers.bowel_control_loss == "unsure"


def test_emergency_interrupt_with_keys(keyboard) -> None:  # type: ignore[no-untyped-def]
    pipe, out = keyboard
    keys = [*routine_keys()[:SADDLE], YES, ENTER]  # saddle numbness: yes; then Enter on "Stop now"
    pipe.send_text("".join(keys))
    outcome = make(out).run()
    assert outcome.stopped_early and outcome.answers.saddle_numbness == "yes"
    assert "Emergency warning" in out.getvalue() and "call 999 (or 112)" in out.getvalue()


def test_a_prefilled_emergency_answer_is_announced_first_with_keys(keyboard) -> None:  # type: ignore[no-untyped-def]
    pipe, out = keyboard
    pipe.send_text(ENTER)  # Enter on "Stop now and show my summary"
    outcome = make(out, {"bowel_control_loss": "yes"}).run()
    assert outcome.stopped_early
    assert "Emergency warning" in out.getvalue() and "Section 1 of 8" not in out.getvalue()


@WHOLE_WALK
def test_review_change_with_keys(keyboard) -> None:  # type: ignore[no-untyped-def]
    pipe, out = keyboard
    # On the review screen: one down is "Age"; change it to 49 (no new questions apply), then Enter on
    # "Everything is right".
    pipe.send_text("".join(routine_keys()) + DOWN + ENTER + "\x7f\x7f49\r" + ENTER)
    assert make(out).run().answers.age == 49


@WHOLE_WALK
def test_ctrl_c_while_changing_an_answer_on_the_review_screen_keeps_it(keyboard) -> None:  # type: ignore[no-untyped-def]
    pipe, out = keyboard
    pipe.send_text("".join(routine_keys()) + DOWN + ENTER + "\x7f\x7f5" + CTRL_C)  # half-way through a new age
    with pytest.raises(Interrupted) as stop:
        make(out).run()
    assert stop.value.answers["age"] == 45 and stop.value.answers["previous_imaging"] == ["none"]


def test_ctrl_c_carries_the_answers(keyboard) -> None:  # type: ignore[no-untyped-def]
    pipe, out = keyboard
    pipe.send_text("45\r3\r" + CTRL_C)
    with pytest.raises(Interrupted) as stop:
        make(out).run()
    assert stop.value.answers == {"age": 45, "pain_weeks": 3} and not stop.value.end_of_input


def test_end_of_input(keyboard) -> None:  # type: ignore[no-untyped-def]
    pipe, out = keyboard
    pipe.send_text("45\r")
    pipe.close()
    with pytest.raises(Interrupted) as stop:
        make(out).run()
    assert stop.value.end_of_input and stop.value.answers == {"age": 45}


@pytest.mark.parametrize(
    ("keys", "then", "answers"),
    [
        ("45\r", "3\r", {"age": 45}),  # at an empty number prompt
        ("45\r3\r", YES, {"age": 45, "pain_weeks": 3}),  # at a menu, which would ignore it
        pytest.param("".join(routine_keys()[:-2]), SPACE + ENTER, None, marks=WHOLE_WALK),  # at the tick-boxes
    ],
)
def test_ctrl_d_ends_the_input_at_every_prompt(
    keyboard, keys: str, then: str, answers: dict[str, object] | None
) -> None:  # type: ignore[no-untyped-def]
    pipe, out = keyboard
    pipe.send_text(keys + CTRL_D + then)  # had Ctrl-D been ignored, ``then`` would answer the question
    pipe.close()
    with pytest.raises(Interrupted) as stop:
        make(out).run()
    assert stop.value.end_of_input
    if answers is not None:
        assert stop.value.answers == answers
    else:
        assert "previous_imaging" not in stop.value.answers and stop.value.answers["back_surgery_before"] == "no"


def test_ctrl_d_in_a_number_being_typed_deletes_instead(keyboard) -> None:  # type: ignore[no-untyped-def]
    pipe, out = keyboard
    pipe.send_text("455\x1b[D" + CTRL_D + ENTER)  # left arrow, then Ctrl-D deletes the last 5
    assert make(out).ask(bank().get("age")) == 45


def test_ctrl_d_at_a_yes_no_confirmation_ends_the_input(keyboard) -> None:  # type: ignore[no-untyped-def]
    pipe, out = keyboard
    pipe.send_text(CTRL_D + "y")  # had Ctrl-D been ignored, "y" would say yes
    with pytest.raises(EOFError):
        make(out).prompter.confirm("Save?", default=False)


# ---------------------------------------------------------------------------- messages at any width


def drawn_after(app: Any, keys: list[str], width: int) -> list[str]:
    """The rows prompt_toolkit draws for ``app`` at ``width`` columns, after ``keys`` were pressed
    (characters, or names such as "c-m" for Enter)."""
    from prompt_toolkit.application.current import set_app
    from prompt_toolkit.key_binding.key_processor import KeyPress
    from prompt_toolkit.keys import Keys
    from prompt_toolkit.layout.mouse_handlers import MouseHandlers
    from prompt_toolkit.layout.screen import Screen, WritePosition

    async def press_and_draw() -> list[str]:
        with set_app(app):
            app.key_processor.feed_multiple([KeyPress(Keys(k), "") if len(k) > 1 else KeyPress(k, k) for k in keys])
            app.key_processor.process_keys()
            await asyncio.sleep(0.05)  # let validation while typing finish
            screen = Screen()
            height = app.layout.container.preferred_height(width, 200).preferred
            app.layout.container.write_to_screen(
                screen, MouseHandlers(), WritePosition(0, 0, width, height), "", True, None
            )
            return ["".join(screen.data_buffer[y][x].char for x in range(width)).rstrip() for y in range(height)]

    return asyncio.run(press_and_draw())


_T = texts()  # each number with its unit, as the interview fills them in
CONFLICT = _T.walk.weeks_longer_than_life.format(
    age=_T.plural(_T.units.years, 20), weeks=_T.plural(_T.weeks, 1100), years=_T.plural(_T.units.years, 21)
)


@pytest.mark.parametrize("width", [40, 20])
def test_a_long_message_at_a_number_prompt_is_shown_whole(keyboard, width: int) -> None:  # type: ignore[no-untyped-def]
    _pipe, out = keyboard
    question = make(out).prompter.text_question("How many weeks ago?", lambda typed: CONFLICT, hint="(a number)")  # type: ignore[attr-defined]
    rows = drawn_after(question.application, [*"1100", "c-m"], width)
    assert CONFLICT in " ".join(rows)  # every word, in order, broken only between words
    assert all(len(row) <= width for row in rows)


def test_a_long_message_at_tick_boxes_is_shown_whole(keyboard) -> None:  # type: ignore[no-untyped-def]
    import questionary

    from backpain_cli.prompts import _shows_whole_messages

    checkbox = questionary.checkbox("Scans?", choices=["X-ray", "MRI"], validate=lambda picked: CONFLICT)
    rows = drawn_after(_shows_whole_messages(checkbox).application, ["c-m"], 40)
    assert CONFLICT in " ".join(rows)


def test_the_interview_s_message_reaches_the_prompt_whole_at_40_columns(keyboard) -> None:  # type: ignore[no-untyped-def]
    _pipe, out = keyboard
    walk = make(out, {"age": 20})
    prompter = walk.prompter
    questions: list[Any] = []

    def capture(message: str, validate: Any, *, hint: str = "", fresh: bool = False) -> str:
        questions.append(prompter.text_question(message, validate, hint=hint, fresh=fresh))  # type: ignore[attr-defined]
        return "3"

    prompter.type_text = capture  # type: ignore[method-assign]
    walk.ask(bank().get("pain_weeks"))
    rows = drawn_after(questions[0].application, [*"1100", "c-m"], 40)
    assert CONFLICT in " ".join(rows)


@pytest.mark.parametrize(
    ("keys", "default", "expected"),
    [
        (ENTER, True, True),
        (ENTER, False, False),
        ("n" + ENTER, True, False),
        (DOWN + ENTER, True, False),
        ("s" + ENTER, False, True),
    ],
)
def test_a_spanish_yes_no_is_a_si_no_menu_not_questionarys_english_confirm(  # type: ignore[no-untyped-def]
    keyboard, keys: str, default: bool, expected: bool
) -> None:
    """questionary's confirm takes only y/n and says "(Y/n)" and "Yes": in Spanish, Sí / No with s and n."""
    from backpain_cli.bundle import load_bundle

    pipe, out = keyboard
    pipe.send_text(keys)
    words = load_bundle(language="es").texts.prompts
    prompter = QuestionaryPrompter(words, console=Console(file=out, width=100, highlight=False, markup=False))
    assert prompter.confirm("¿Guardar sus respuestas?", default=default) is expected


# ---------------------------------------------------------------------------- yes/no questions need Enter


def test_y_at_a_yes_no_question_waits_for_enter(keyboard) -> None:  # type: ignore[no-untyped-def]
    pipe, out = keyboard
    prompter = make(out).prompter
    pipe.send_text("y" + ENTER)
    assert prompter.confirm("Save?", default=False) is True
    pipe.send_text("y\x7f" + ENTER)  # y, taken back with Backspace: Enter gives the default
    assert prompter.confirm("Save?", default=False) is False
    pipe.send_text("y")  # y alone answers nothing yet
    pipe.close()
    with pytest.raises(EOFError):
        prompter.confirm("Save?", default=False)


def test_typing_y_at_the_save_question_never_accepts_a_file_name_unseen(keyboard, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from backpain_cli.saving import save_answers

    pipe, out = keyboard
    monkeypatch.chdir(tmp_path)
    prompter = make(out).prompter
    # The patient types y and Enter, then a name. Had y alone answered, that Enter would have taken
    # the default name, unseen, and "mine.yaml" would have gone nowhere.
    pipe.send_text("y" + ENTER + "mine.yaml" + ENTER)
    assert prompter.confirm(texts().saving.save_answers, default=False)
    path = save_answers(prompter, texts(), {"age": 40}, bank(), message="File name:", note="test", resume=None)
    assert path.name == "mine.yaml" and not (tmp_path / "backpain-answers.yaml").exists()


# ---------------------------------------------------------------------------- a refused number starts afresh


def test_a_refused_number_empties_the_field_for_the_next_try(keyboard) -> None:  # type: ignore[no-untyped-def]
    pipe, out = keyboard
    # Was: the refused text stayed, and "67" typed next made "sixty seven67", refused again.
    pipe.send_text("sixty seven" + ENTER + "67" + ENTER)
    assert make(out).ask(bank().get("age")) == 67


def test_the_message_stays_on_screen_over_the_emptied_field(keyboard) -> None:  # type: ignore[no-untyped-def]
    _pipe, out = keyboard
    walk = make(out)
    questions: list[Any] = []

    def capture(message: str, validate: Any, *, hint: str = "", fresh: bool = False) -> str:
        questions.append(walk.prompter.text_question(message, validate, hint=hint, fresh=fresh))  # type: ignore[attr-defined]
        return "45"

    walk.prompter.type_text = capture  # type: ignore[method-assign]
    walk.ask(bank().get("age"))
    rows = drawn_after(questions[0].application, [*"sixty seven", "c-m"], 80)
    shown = " ".join(rows)
    assert texts().walk.please_type.format(allowed=texts().walk.allowed["age"]) in shown
    assert "sixty" not in shown  # the field is empty again


def test_after_a_refused_number_enter_still_keeps_the_answer_being_changed(keyboard) -> None:  # type: ignore[no-untyped-def]
    pipe, out = keyboard
    walk = make(out, {"age": 45})
    walk._reopen("age")
    pipe.send_text("abc" + ENTER + ENTER)  # refused, emptied; then Enter alone keeps 45
    assert walk.ask(bank().get("age")) == 45


@pytest.mark.timeout(30)  # kept, the refused text made every later date wrong too: it waited for more input
def test_a_refused_date_of_birth_empties_the_field_for_the_next_try(keyboard) -> None:  # type: ignore[no-untyped-def]
    from backpain_cli.commands.check import ask_identifiers
    from backpain_cli.render.document import Identifiers

    pipe, out = keyboard
    # Was: "25/03/1979" (refused: it reads two ways) stayed, and the date typed next made
    # "25/03/19791979-03-25", refused again.
    pipe.send_text("y" + ENTER + "Pat" + ENTER + "25/03/1979" + ENTER + "1979-03-25" + ENTER + ENTER)
    who = ask_identifiers(make(out).prompter, Identifiers(None, None, None), texts())
    assert who.dob == "1979-03-25" and who.name == "Pat"


def test_a_refused_file_name_is_kept_to_be_corrected(keyboard, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from backpain_cli.saving import ask_path

    pipe, out = keyboard
    monkeypatch.chdir(tmp_path)
    # "mine.pdf" is refused; the patient fixes the ending rather than typing the name again.
    pipe.send_text("mine.pdf" + ENTER + "\x7f" * 3 + "html" + ENTER)
    path = ask_path(make(out).prompter, texts(), "File name:", "summary.html", (".html",))
    assert path.name == "mine.html"
