"""The error types backpain raises on purpose, and the exit codes they map to."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Exit statuses; 0 and 2 are part of the stable interface (CONTRACT.md)."""

    OK = 0
    INTERNAL = 1  # a bug in backpain itself
    BAD_INPUT = 2  # bad usage, or an unreadable / malformed / invalid answer file
    URGENCY = 3  # only with --fail-on: an assessment reached the given urgency
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT
    BROKEN_PIPE = 141  # the reader of our output went away (``| head``), as shells report SIGPIPE


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can."""

    message: str
    source: str | None = None
    key: str | None = None
    line: int | None = None
    hint: str | None = None

    def describe(self) -> str:
        # File names and keys come from the user's disk and files: never let them act on a terminal.
        from backpain_cli.safetext import printable

        where = printable(self.source or "")
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        if self.key is not None:
            key = printable(self.key)
            where = f"{where}: {key}" if where else key
        text = f"{where}: {printable(self.message)}" if where else printable(self.message)
        if self.hint:
            text += f" ({printable(self.hint)})"
        return text


class BackpainError(Exception):
    """An expected failure: shown to the user as a message, never as a traceback."""

    exit_code: ExitCode = ExitCode.BAD_INPUT

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        self.problems = problems
        super().__init__(self.describe())

    def describe(self) -> str:
        return "\n".join(p.describe() for p in self.problems)


class AnswerFileError(BackpainError):
    """An answer file that cannot be read, parsed or validated."""


class ContentError(BackpainError):
    """A content folder (question bank, FAQ pages, doctor questions) that is broken."""


class OutputError(BackpainError):
    """A result that cannot be written where the user asked."""


class UsageError(BackpainError):
    """Options that do not fit together."""
