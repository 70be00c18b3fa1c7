"""terminal.py: whether a person's terminal is there, whether it takes colour, and how to ask in it."""

from __future__ import annotations

import pytest

from backpain_cli import terminal
from tests.helpers import texts


@pytest.mark.parametrize(
    ("env", "flag", "expected"),
    [
        ({}, False, terminal.Display.RICH),
        ({}, True, terminal.Display.PLAIN),
        ({"NO_COLOR": "1"}, False, terminal.Display.PLAIN),
        ({"TERM": "dumb"}, False, terminal.Display.PLAIN),
        ({"NO_COLOR": ""}, False, terminal.Display.RICH),  # an empty NO_COLOR does not count (no-color.org)
    ],
)
def test_display(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], flag: bool, expected: terminal.Display) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert terminal.display(flag) == expected


def test_prompter_follows_the_display() -> None:
    from backpain_cli.prompts import PlainPrompter

    assert isinstance(terminal.prompter(terminal.Display.PLAIN, texts().prompts), PlainPrompter)


def test_closed_streams_are_not_terminals(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdout", None)
    assert terminal.stdout_is_terminal() is False
    stream = io.StringIO()
    stream.close()
    assert terminal._isatty(stream) is False
