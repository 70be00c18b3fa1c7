"""prompts.py: the plain prompter (the questionary one is driven by keystrokes in test_keystrokes.py)."""

from __future__ import annotations

import io

import pytest

from backpain_cli.prompts import Option, PlainPrompter
from tests.helpers import texts

OPTIONS = (Option("Yes", "yes", ("y", "yes")), Option("No", "no", ("n", "no")))


def plain(*lines: str) -> tuple[PlainPrompter, io.StringIO]:
    screen = io.StringIO()
    return PlainPrompter(
        texts().prompts, stdin=io.StringIO("".join(f"{line}\n" for line in lines)), stdout=screen
    ), screen


def test_choose_takes_a_key_or_the_label_and_asks_again_otherwise() -> None:
    ask, screen = plain("maybe", "YES")
    assert ask.choose("Fever?", OPTIONS) == "yes"
    assert "Please type one of: y, n." in screen.getvalue() and "  y) Yes\n  n) No" in screen.getvalue()


def test_choose_many_needs_every_part_to_match() -> None:
    ask, screen = plain("y, x", "n,y,n")
    assert ask.choose_many("Which?", OPTIONS) == ["no", "yes"]
    assert "Please type one or more of" in screen.getvalue()


def test_type_text_repeats_until_valid() -> None:
    ask, screen = plain("abc", "42")
    assert ask.type_text("Age?", lambda t: None if t.isdigit() else "A number, please.", hint="(a number)") == "42"
    assert "A number, please." in screen.getvalue() and "  (a number)" in screen.getvalue()


def test_type_text_gives_the_text_as_typed_so_the_validator_alone_judges_it() -> None:
    seen: list[str] = []
    ask, _ = plain(" 42.0\t")
    assert ask.type_text("Age?", lambda t: seen.append(t)) == " 42.0\t"
    assert seen == [" 42.0\t"]


@pytest.mark.parametrize(("typed", "default", "expected"), [("", True, True), ("", False, False), ("Y", False, True)])
def test_confirm(typed: str, default: bool, expected: bool) -> None:
    assert plain(typed)[0].confirm("Save?", default=default) is expected


def test_end_of_input_raises_eof() -> None:
    with pytest.raises(EOFError):
        plain()[0].choose("Fever?", OPTIONS)


def test_alert_is_plain_text_for_screen_readers() -> None:
    ask, screen = plain()
    ask.alert("Emergency warning", ["Call 999."])
    assert screen.getvalue() == "\n\nEmergency warning:\nCall 999.\n\n\n"


def test_an_alert_is_drawn_whole_on_a_terminal_that_reports_a_width_of_0(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from backpain_cli.prompts import QuestionaryPrompter

    monkeypatch.setenv("COLUMNS", "0")
    prompter = QuestionaryPrompter(texts().prompts)
    prompter.alert("Emergency warning", ["Get emergency care now: call 999 (or 112)."])
    prompter.say("Section 1 of 8")
    shown = capsys.readouterr().out
    assert "Emergency warning" in shown and "Get emergency care now: call 999 (or 112)." in shown
    assert "Section 1 of 8" in shown
