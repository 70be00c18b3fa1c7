"""Answer files in JSON: a mapping of answers, or a FHIR resource (handed to fhir_answers.py).

Keys given twice are refused (the JSON standard leaves them open, and Python would keep the last);
a problem's line is found only when there is one to place.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Final

from backpain_cli.answers import validate_answers
from backpain_cli.errors import AnswerFileError, Code, Problem, Words
from backpain_cli.readers.base import DEFAULT_POLICY, Read, ReadPolicy
from backpain_cli.safetext import shown

if TYPE_CHECKING:
    from backpain_cli.bundle import Bundle

_JSON_KEY_LINE: Final = re.compile(r'"((?:[^"\\]|\\.)*)"\s*:')


def read(text: str, source: str, bundle: Bundle, policy: ReadPolicy = DEFAULT_POLICY) -> Read:
    """The answers a JSON document holds (a mapping, or a FHIR QuestionnaireResponse)."""
    data = parse(text, source)
    if isinstance(data, dict) and "resourceType" in data:  # FHIR, R4 or R5 (docs/fhir.md)
        from backpain_cli.readers.fhir_answers import read_resource

        return read_resource(data, source, bundle, policy)
    try:
        return Read(validate_answers(data, source=source))
    except AnswerFileError:
        # Finding each key's line costs time, so it is done only when there is an error to place.
        return Read(validate_answers(data, source=source, lines=_key_lines(text)))


def parse(text: str, source: str) -> object:
    """JSON text as Python data; AnswerFileError (with the line) for bad JSON or a key given twice."""
    try:
        return json.loads(text, object_pairs_hook=_reject_duplicates)
    except json.JSONDecodeError as exc:
        from backpain_cli.slips import json_hint

        hint = json_hint(text, exc.msg, exc.pos)
        said = f"{exc.msg} (column {exc.colno})"
        message = f"not valid JSON: {hint.text} (the parser says: {said})" if hint else f"not valid JSON: {said}"
        where = (hint.line if hint else None) or exc.lineno
        # With a hint, the parser's column may be on another line than the one to change: the hint says it.
        said_here = Words("json_invalid") if hint else Words.of("json_syntax", column=exc.colno)
        hint_words = hint.words if hint else None
        problem = Problem(message, source=source, line=where, code=Code.SYNTAX, words=said_here, hint_words=hint_words)
        raise AnswerFileError([problem]) from None
    except _DuplicateKey as dup:
        line = _key_lines(text, last=True).get(dup.key)
        raise AnswerFileError(
            [
                Problem(
                    "key appears twice; give each one once",
                    source=source,
                    key=shown(dup.key),
                    line=line,
                    code=Code.DUPLICATE_KEY,
                )
            ]
        ) from None
    except (ValueError, RecursionError) as exc:  # huge integers, absurd nesting
        raise AnswerFileError(
            [
                Problem(
                    f"cannot be read as JSON: {_short(exc)}",
                    source=source,
                    code=Code.SYNTAX,
                    words=Words("value_unreadable"),
                )
            ]
        ) from None


def _reject_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    mapping = dict(pairs)
    if len(mapping) == len(pairs):  # no key given twice (the usual case, found without a loop)
        return mapping
    seen: dict[str, object] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _key_lines(text: str, *, last: bool = False) -> dict[str, int]:
    lines: dict[str, int] = {}
    for match in _JSON_KEY_LINE.finditer(text):
        key = match.group(1)
        if last or key not in lines:
            lines[key] = text.count("\n", 0, match.start()) + 1
    return lines


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]
