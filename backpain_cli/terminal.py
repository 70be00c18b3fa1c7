"""The person's terminal: whether one is there, whether it takes colour, and how to ask in it.

``display()`` decides between menus and colour (``Display.RICH``) and plain lines
(``Display.PLAIN``); ``prompter()`` gives the matching way to ask questions (prompts.py).
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from backpain_cli.prompts import Prompter
    from backpain_cli.text_areas import PromptTexts


class Display(StrEnum):
    """How a person's terminal is used."""

    RICH = "rich"  # colour, panels and arrow-key menus
    PLAIN = "plain"  # one line at a time, no colour or cursor movement: screen readers, basic terminals


def _isatty(stream: object) -> bool:
    try:
        return bool(stream is not None and stream.isatty())  # type: ignore[attr-defined]
    except (ValueError, OSError):  # closed
        return False


def is_interactive() -> bool:
    """Whether a person can answer prompts here: both standard input and output are terminals."""
    return _isatty(sys.stdin) and _isatty(sys.stdout)


def stdout_is_terminal() -> bool:
    """Whether results are read by a person (the Rich summary) rather than a file or pipe (text)."""
    return _isatty(sys.stdout)


def no_color() -> bool:
    """The user asked for no colour (https://no-color.org) or the terminal cannot show it."""
    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM", "") == "dumb"


def display(plain: bool = False) -> Display:
    """Plain on request (``--plain``), or when the terminal or the user asks for no colour."""
    return Display.PLAIN if plain or no_color() else Display.RICH


def console() -> Console:
    """The Rich console for standard output (Rich itself honours NO_COLOR and TERM=dumb)."""
    from backpain_cli.render.rich_summary import make_console

    return make_console()


def prompter(mode: Display, words: PromptTexts) -> Prompter:
    """The way questions are asked in this display mode, with the prompts' own words in ``words``."""
    from backpain_cli.prompts import PlainPrompter, QuestionaryPrompter

    return PlainPrompter(words) if mode == Display.PLAIN else QuestionaryPrompter(words, console())
