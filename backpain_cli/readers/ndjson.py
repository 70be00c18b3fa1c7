"""NDJSON answer sources: one QuestionnaireResponse (or answer mapping) a line, as FHIR Bulk Data exports them.

A file named ``.ndjson`` (or standard input whose first line is a whole JSON object with more
after it) is read a line at a time, never whole: ``lines`` yields each non-blank line's number
and bytes, and ``read_line`` reads one line as the JSON reader reads a file (a FHIR resource, or a
mapping of answers). A line is held to the 1 MB limit of an answer file; a longer one is skipped
to its end without being kept, and reported in its place. streaming.py assesses the lines.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, BinaryIO, Final, NamedTuple

from backpain_cli.errors import AnswerFileError, Code, Problem
from backpain_cli.readers.base import DEFAULT_POLICY, Read, ReadPolicy

if TYPE_CHECKING:
    from backpain_cli.bundle import Bundle

SUFFIX: Final = ".ndjson"
LINE_LIMIT: Final = 1_000_000  # a line holds one answer set: the limit of an answer file
_SKIP_CHUNK: Final = 64 * 1024


def is_ndjson(path: str) -> bool:
    """Whether an answer source is NDJSON by its name (``.ndjson``, in any case)."""
    return path != "-" and path.lower().endswith(SUFFIX)


class RawLine(NamedTuple):
    """One non-blank line of an NDJSON source: its 1-based number, and its bytes (None when it was
    over ``LINE_LIMIT`` and skipped unread)."""

    number: int
    data: bytes | None


def lines(stream: BinaryIO, *, limit: int = LINE_LIMIT) -> Iterator[RawLine]:
    """The non-blank lines of ``stream``, one at a time: memory holds one line, whatever the size."""
    number = 0
    while chunk := stream.readline(limit + 1):
        number += 1
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            while (rest := stream.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield RawLine(number, None)
        elif chunk.strip():
            yield RawLine(number, chunk)


def read_line(
    data: bytes | None, *, source: str, line: int, bundle: Bundle, policy: ReadPolicy = DEFAULT_POLICY
) -> Read:
    """One NDJSON line's answers, read as a JSON answer file; every problem is placed on ``line`` of
    ``source`` (``export.ndjson:12: ...``). Raises AnswerFileError."""
    from backpain_cli.readers import json_answers

    if data is None:
        raise AnswerFileError(
            [
                Problem(
                    "line is over 1 MB; one answer set is never that big",
                    source=source,
                    line=line,
                    code=Code.UNREADABLE,
                )
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = Problem(f"is not UTF-8 text (bad byte at position {exc.start})", code=Code.UNREADABLE)
        raise AnswerFileError([dataclasses.replace(problem, source=source, line=line)]) from None
    try:
        return json_answers.read(text, source, bundle, policy)
    except AnswerFileError as exc:  # a line's own line numbers are all 1: the file's line says where
        raise AnswerFileError([dataclasses.replace(p, source=source, line=line) for p in exc.problems]) from None


class _Replay(io.RawIOBase):
    """Bytes already read from ``rest``, then the rest of it: standard input from its start again."""

    def __init__(self, head: bytes, rest: BinaryIO, owner: object = None) -> None:
        super().__init__()
        self._head = head
        self._rest = rest
        self._owner = owner  # the text stream ``rest`` came from: collected, it would close ``rest``

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:  # the same file: an output is never allowed to replace it (commands/assess.py)
        return self._rest.fileno()

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            size = min(len(view), len(self._head))
            view[:size], self._head = self._head[:size], self._head[size:]
            return size
        read1 = getattr(self._rest, "read1", self._rest.read)  # what is there now: a pipe never waits
        data = read1(len(view))
        view[: len(data)] = data
        return len(data)


def sniff_stdin(stream: BinaryIO | None = None) -> tuple[BinaryIO | None, bool]:
    """Standard input, ready to read from its start, and whether it holds NDJSON.

    NDJSON when its first non-blank line is a whole JSON object and another non-blank line follows:
    a JSON file that is not NDJSON cannot have that (it would be invalid), so a one-line object, a
    pretty-printed one, YAML and a QR code's text are read as one answer file, as before. Reads at
    most two lines of up to 1 MB each. None for a closed standard input.
    """
    import json

    owner = None
    if stream is None:
        if sys.stdin is None:
            return None, False
        owner, stream = sys.stdin, sys.stdin.buffer
    seen: list[bytes] = []
    size = 0

    def next_line() -> bytes | None:
        """The next non-blank line (kept in ``seen``), or None at the end or past 1 MB of blank lines."""
        nonlocal size
        while size <= LINE_LIMIT:
            line = stream.readline(LINE_LIMIT + 1)
            seen.append(line)
            size += len(line)
            if not line:
                return None
            if line.strip():
                return line
        return None

    first = next_line()
    verdict = False
    if first is not None:
        with contextlib.suppress(ValueError, RecursionError):  # not JSON (YAML, a QR code's text): one file
            verdict = first.endswith(b"\n") and isinstance(json.loads(first), dict)
    verdict = verdict and next_line() is not None
    return _replay(seen, stream, owner), verdict


def _replay(seen: list[bytes], rest: BinaryIO, owner: object) -> BinaryIO:
    return io.BufferedReader(_Replay(b"".join(seen), rest, owner))
