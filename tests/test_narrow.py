"""Plain mode at 40, 60 and 80 columns: text wrapped at the real width, never inside a word or a
number; menus never break a word or cut an option (issue 11)."""

from __future__ import annotations

import io

import pytest

from backpain_cli.prompts import Option, PlainPrompter
from backpain_cli.render.document import build_summary
from backpain_cli.render.text import render_text
from tests.helpers import bank, run, texts
from tests.test_summary import CASES, UK

WIDTHS = (40, 60, 80)


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_plain_summary_wraps_at_the_width_between_words(name: str, width: int) -> None:
    summary = build_summary(run(CASES[name]), bank(), region=UK)
    text = render_text(summary, width, clinic=False)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    # No word or number is split: every token of the source text appears whole.
    tokens = set(words(text))
    for token in words(summary.action) + words(summary.footer[0]):
        assert token in tokens, token


@pytest.mark.parametrize("width", WIDTHS)
def test_the_emergency_number_never_breaks(width: int) -> None:
    summary = build_summary(run({"saddle_numbness": "yes"}), bank(), region=UK)
    unwrapped = set(render_text(summary, 10_000, clinic=False).split())
    narrow = render_text(summary, width, clinic=False).split()
    assert {t for t in narrow if any(c.isdigit() for c in t)} <= unwrapped
    assert "999" in narrow and "112)," in narrow


@pytest.mark.parametrize("width", WIDTHS)
def test_plain_menus_never_break_a_word_or_cut_an_option(width: int) -> None:
    screen = io.StringIO()
    label = "Sudden severe pain in your belly or chest, or feeling faint"
    options = [
        Option(label, "a", ("1",)),
        Option("Finish the questions (only if you are already getting help)", "b", ("2",)),
    ]
    ask = PlainPrompter(texts().prompts, stdin=io.StringIO("1\n"), stdout=screen, width=width)
    assert ask.choose("Along with the back pain, do you feel faint or have sudden belly pain?", options) == "a"
    lines = screen.getvalue().splitlines()
    assert max(len(line) for line in lines) <= width
    shown = " ".join(" ".join(lines).split())
    for option in options:
        assert option.label in shown  # whole, every word intact
    assert "f aint" not in shown


def test_plain_prompts_do_not_wrap_when_not_a_terminal() -> None:
    screen = io.StringIO()
    PlainPrompter(texts().prompts, stdin=io.StringIO(""), stdout=screen).say("word " * 40)
    assert len(screen.getvalue().splitlines()) == 1  # a file or pipe: its reader wraps


@pytest.mark.parametrize("width", WIDTHS)
def test_menu_messages_break_between_words_at_the_terminal_width(width: int) -> None:
    from backpain_cli.prompts import QuestionaryPrompter
    from backpain_cli.render.rich_summary import make_console

    ask = QuestionaryPrompter(texts().prompts, make_console(width))
    message = "Is there new numbness or tingling around your private parts, your bottom, or the inside of your thighs?"
    fitted = ask._fit(message, "(arrow keys, then Enter)")
    lines = fitted.split("\n")
    assert all(len(line) <= width - 2 for line in lines)
    assert " ".join(" ".join(lines).split()) == message  # every word whole
    assert len(lines[-1]) + 1 + len("(arrow keys, then Enter)") <= width - 2  # the instruction fits after it
