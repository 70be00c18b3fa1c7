"""The error types backpain raises on purpose, their codes, and the exit codes they map to.

Code decides by ``Problem.code``, never by reading a message's words: messages are for people and
may be reworded at any time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from pydantic import ValidationError


class ExitCode(IntEnum):
    """Exit statuses; 0 and 2 are part of the stable interface (CONTRACT.md)."""

    OK = 0
    INTERNAL = 1  # a bug in backpain itself
    BAD_INPUT = 2  # bad usage, or an unreadable / malformed / invalid answer file
    URGENCY = 3  # only with --fail-on: an assessment reached the given urgency
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT
    BROKEN_PIPE = 141  # the reader of our output went away (``| head``), as shells report SIGPIPE


class Code(StrEnum):
    """What kind of problem a message reports: stable names that code (and tests) can match on."""

    GENERAL = "general"
    UNREADABLE = "unreadable"  # missing, unreadable, not UTF-8, too big, a folder
    SYNTAX = "syntax"  # not valid YAML or JSON
    DUPLICATE_KEY = "duplicate_key"
    NOT_A_MAPPING = "not_a_mapping"
    UNKNOWN_KEY = "unknown_key"
    BAD_VALUE = "bad_value"  # a value outside what its key allows
    UNDER_AGE = "under_age"  # the tool is for people aged 16 and over
    INCONSISTENT = "inconsistent"  # two answers that cannot both be true
    CONTENT = "content"  # a content folder that breaks a load-time check
    USAGE = "usage"  # options that do not fit together
    OUTPUT = "output"  # a result that cannot be written
    UNSAFE_PATH = "unsafe_path"  # a path another user chose: their link, or their file in a shared folder
    BUSY = "busy"  # the history is held by another program past the wait
    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"  # a folder or file that cannot be written
    STATUS = "status"  # a FHIR QuestionnaireResponse whose status says it is not to be assessed


@dataclass(frozen=True)
class Words:
    """A sentence of the text catalogue's ``file_problems`` area, by entry id, and the values it fills in.

    A Problem's ``message`` is the program's English for scripts (``assess``); its ``words`` are what a
    patient reads instead, in their language (problem_words.py). The values are language-neutral:
    a key, a value from the file (made safe), a number.
    """

    id: str
    values: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, id: str, **values: object) -> Words:
        return cls(id, tuple((name, str(value)) for name, value in values.items()))


class Notice(str):
    """A warning about a file that was read anyway: the program's English (the text itself, as scripts
    and ``assess`` print it) and the text catalogue's words for a patient (``words``: problem_words.py)."""

    words: Words | None

    def __new__(cls, text: str, words: Words | None = None) -> Notice:
        made = super().__new__(cls, text)
        made.words = words
        return made


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can.

    ``words`` and ``hint_words`` name the catalogue's sentences for a patient (None: the sentence
    for the problem's ``code``); ``at`` is a place inside the file that the message starts with
    (a FHIR item path), kept in front of the patient's words. None of the three is compared: they
    are another way of saying the same problem.
    """

    message: str
    source: str | None = None
    key: str | None = None
    line: int | None = None
    hint: str | None = None
    code: Code = Code.GENERAL
    words: Words | None = field(default=None, compare=False)
    hint_words: Words | None = field(default=None, compare=False)
    at: str | None = field(default=None, compare=False)

    def describe(self) -> str:
        """``file:line: key: message (hint)``, with anything from outside made safe for a terminal."""
        # File names and keys come from the user's disk and files: never let them act on a terminal.
        from backpain_cli.safetext import printable, printable_name

        where = printable_name(self.source or "")
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        if self.key is not None:
            key = printable_name(self.key)
            where = f"{where}: {key}" if where else key
        text = f"{where}: {printable(self.message)}" if where else printable(self.message)
        if self.hint:
            text += f" ({printable(self.hint)})"
        return text


class BackpainError(Exception):
    """An expected failure: shown to the user as a message, never as a traceback."""

    exit_code: ExitCode = ExitCode.BAD_INPUT
    code: Code = Code.GENERAL

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems, code=self.code)]
        self.problems = problems
        super().__init__(self.describe())

    def describe(self) -> str:
        return "\n".join(p.describe() for p in self.problems)


class AnswerFileError(BackpainError):
    """An answer file that cannot be read, parsed or validated."""


class ContentError(BackpainError):
    """A content folder (question bank, FAQ pages, doctor questions, regions) that is broken."""

    code = Code.CONTENT


class OutputError(BackpainError):
    """A result that cannot be written where the user asked."""

    code = Code.OUTPUT


class UsageError(BackpainError):
    """Options that do not fit together."""

    code = Code.USAGE


# ---------------------------------------------------------------------------- pydantic errors

# Given one pydantic error entry, a caller may word it itself (return a Problem) or leave it to
# the default wording (return None).
Wording = Callable[[Mapping[str, Any]], "Problem | None"]


# pydantic's words for the errors people make in a content file, said plainly (issue 24: "Extra
# inputs are not permitted" became "is not a field here ..."). Others keep pydantic's message.
_PLAIN: Final = {
    "extra_forbidden": "is not a field here: check its spelling, or remove it",
    "missing": "is missing: add it",
    "int_parsing": "must be a whole number, like 3",
    "int_type": "must be a whole number, like 3",
    "int_from_float": "must be a whole number, like 3",
    "float_parsing": "must be a number, like 2.5",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "list_type": "must be a list: one '- item' a line, or [a, b]",
    "dict_type": "must be a mapping: 'name: value' lines, indented under it",
    "model_type": "must be a mapping: 'name: value' lines, indented under it",
    "model_attributes_type": "must be a mapping: 'name: value' lines, indented under it",
    "string_too_short": "must not be empty",
}


def plain_words(err: Mapping[str, Any]) -> str:
    """One pydantic error entry's message in plain words (a value error keeps its own words)."""
    kind = str(err.get("type", ""))
    if kind == "string_type":  # YAML typed a value that must be text: say how to fix it
        from backpain_cli.safetext import shown

        return f"must be text, but YAML read {shown(err.get('input'))}; put it in quotes"
    if kind in ("literal_error", "enum"):
        expected = (err.get("ctx") or {}).get("expected")
        if expected:
            return f"must be one of {expected}"
    return _PLAIN.get(kind) or str(err["msg"]).removeprefix("Value error, ")


def validation_problems(
    exc: ValidationError | Sequence[Mapping[str, Any]],
    *,
    source: str | None,
    where: str = "",
    lines: Mapping[str, int] | None = None,
    line: int | None = None,
    code: Code = Code.BAD_VALUE,
    wording: Wording | None = None,
    locate: Callable[[tuple[Any, ...]], int | None] | None = None,
) -> list[Problem]:
    """The one translation of a pydantic ``ValidationError`` into located problems.

    ``where`` prefixes each message (``"questions[3]"``); ``lines`` maps a top-level field to its
    1-based line, ``locate`` finds the line of a nested location (a YAML document's ``line``), and
    ``line`` is used when neither has one. ``wording`` lets the answer model
    say "expected a whole number from 16 to 120" instead of pydantic's words; a field it has worded
    once is not reported again (pydantic reports a union failure once per member).
    """
    found: list[Problem] = []
    said: set[tuple[object, ...]] = set()
    entries = exc if isinstance(exc, Sequence) else exc.errors(include_url=False)  # or the entries themselves
    for err in entries:
        loc = tuple(err["loc"])
        if loc and loc[:1] in said:
            continue
        custom = wording(err) if wording is not None else None
        if custom is not None:
            found.append(custom)
            if loc:
                said.add(loc[:1])
            continue
        field = ".".join(str(p) for p in loc)
        msg = plain_words(err)
        text = ": ".join(part for part in (where, field, msg) if part)
        at = (lines or {}).get(str(loc[0])) if loc else None
        if at is None and locate is not None:
            at = locate(loc)
        found.append(Problem(text, source=source, line=at if at is not None else line, code=code))
    return found
