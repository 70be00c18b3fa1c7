"""What every answer reader gives back, and the shape of a reader."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, NamedTuple

from backpain_cli.answers import Answers

if TYPE_CHECKING:
    from backpain_cli.bundle import Bundle


class Read(NamedTuple):
    """Answers read from one source, and warnings for the person who gave it (shown by the caller,
    named by the source): for example a response written for another version of the questions."""

    answers: Answers
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReadPolicy:
    """What the person running backpain accepted beyond a reader's defaults (command-line options).

    ``accept_status``: FHIR QuestionnaireResponse statuses refused by default that are assessed
    anyway (``--accept-status``: fhir/status.py).
    """

    accept_status: frozenset[str] = frozenset()


DEFAULT_POLICY: Final = ReadPolicy()

# A reader: the file's text, its name for messages, the content it is read with, and the policy.
ReadFunction = Callable[[str, str, "Bundle", ReadPolicy], Read]
