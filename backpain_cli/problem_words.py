"""A problem in a patient's words (issue 20): the text catalogue's sentence, in their language.

A ``Problem`` keeps its English ``message`` for scripts (``assess`` prints it, unchanged) and names
the catalogue's sentence for a patient (``Problem.words``; with none, the sentence for its
``Code``). ``for_patient`` swaps the one for the other and keeps the place (file, line, key) as it
is. What only a parser or the system says in English (PyYAML's, json's or strerror's own words) is
left out: the place and a plain sentence of what to change are what a patient needs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from backpain_cli.errors import AnswerFileError, BackpainError, ContentError, Notice, Problem, UsageError, Words

if TYPE_CHECKING:
    from backpain_cli.problem_areas import FileProblemTexts, SlipHints
    from backpain_cli.questions import QuestionBank
    from backpain_cli.texts import Texts

_EXAMPLE_DAY: Final = dt.date(1996, 3, 25)  # the day every --dob example names


def for_patient(problems: Iterable[Problem], texts: Texts, bank: QuestionBank) -> list[Problem]:
    """The problems with their message and hint in the catalogue's words of ``texts``' language
    (``bank``: the questions, whose allowed values a bad answer's words name)."""
    return [_said(problem, texts, bank) for problem in problems]


def reworded(error: BackpainError, texts: Texts, bank: QuestionBank) -> BackpainError:
    """The same error (type, exit status, codes, places), its problems in the patient's words."""
    said = type(error)(for_patient(error.problems, texts, bank))
    said.exit_code = error.exit_code
    return said


@contextlib.contextmanager
def in_patient_words(texts: Texts, bank: QuestionBank) -> Iterator[None]:
    """Errors raised inside for a patient (a bad answer file, option or region) leave in their words."""
    try:
        yield
    except (AnswerFileError, UsageError, ContentError) as exc:
        raise reworded(exc, texts, bank) from None


def warning_line(source: str, warning: str, texts: Texts, bank: QuestionBank) -> str:
    """``warning: mine.json: ...``: a warning about a file read anyway, in the patient's words (the
    catalogue's for an ``errors.Notice``; the general one for any other)."""
    from backpain_cli.safetext import printable_name

    area = texts.file_problems
    words = warning.words if isinstance(warning, Notice) else None
    return f"{area.warning}: {printable_name(source)}: {_fill(area, words, texts, bank) or area.warned}"


def note_line(note: str, texts: Texts, bank: QuestionBank) -> str:
    """``warning: ...``: a note about the history (what was made private) in the patient's words; a
    note the catalogue does not word is said as it is."""
    area = texts.file_problems
    words = note.words if isinstance(note, Notice) else None
    return f"{area.warning}: {_fill(area, words, texts, bank) or note}"


def _said(problem: Problem, texts: Texts, bank: QuestionBank) -> Problem:
    area = texts.file_problems
    message = _fill(area, problem.words, texts, bank) or area.by_code[problem.code]
    if problem.at:
        message = f"{problem.at}: {message}"
    hint_words = problem.hint_words
    typed = dict(problem.words.values).get("typed") if problem.words else None
    if typed is not None and hint_words == Words("list_keys"):
        # No key is close to it, but it may be a question's name in the patient's words ("edad: 45").
        guess = _key_named(typed, bank)
        hint_words = Words.of("did_you_mean", key=repr(guess)) if guess else hint_words
    hint = _fill(area.hints, hint_words, texts, bank) if hint_words else None
    return replace(problem, message=message, hint=hint)


def _fill(area: FileProblemTexts | SlipHints, words: Words | None, texts: Texts, bank: QuestionBank) -> str | None:
    """The entry ``words`` names, filled in; None when it names none (or one the catalogue lacks)."""
    if words is None:
        return None
    template = getattr(area, words.id, None)
    if not isinstance(template, str):
        return None
    from backpain_cli.safetext import printable_name

    values = {name: printable_name(value) for name, value in words.values}  # one line each, whatever the file held
    if "allowed" in template:
        values.setdefault("allowed", allowed(values.get("key", ""), texts, bank))
    values.setdefault("example", texts.day(_EXAMPLE_DAY))
    try:
        return template.format(**values)
    except (KeyError, IndexError):  # a value the code did not give: the sentence for the code instead
        return None


def _key_named(typed: str, bank: QuestionBank) -> str | None:
    """The answer key of the question whose short name (in the bank's language) ``typed`` spells,
    give or take case, accents, underscores and a slip: ``edad`` is ``age`` in Spanish."""
    names = {_plain(q.short): q.key for q in bank.questions}
    found = difflib.get_close_matches(_plain(typed), names, n=1, cutoff=0.8)
    return names[found[0]] if found else None


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("_", " ").replace("-", " "))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def allowed(key: str, texts: Texts, bank: QuestionBank) -> str:
    """What an answer key takes, in the reader's language (the values themselves are the file format's)."""
    from backpain_cli.answers import ANSWER_KEYS, allowed_values
    from backpain_cli.template import allowed_words

    try:
        return allowed_words(bank.get(key), texts)
    except KeyError:  # not a question of this bank
        return allowed_values(key) if key in ANSWER_KEYS else ""
