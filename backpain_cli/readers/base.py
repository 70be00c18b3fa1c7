"""What every answer reader gives back, and the shape of a reader."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from backpain_cli.answers import Answers

if TYPE_CHECKING:
    from backpain_cli.bundle import Bundle


class Read(NamedTuple):
    """Answers read from one source, and warnings for the person who gave it (shown by the caller,
    named by the source): for example a response written for another version of the questions."""

    answers: Answers
    warnings: tuple[str, ...] = ()


# A reader: the file's text, its name for messages, and the content it is read with.
ReadFunction = Callable[[str, str, "Bundle"], Read]
