"""Where answers come from: one reader per answer-file format, behind one interface.

Every reader turns a file's text into ``Read`` (validated Answers and warnings to show): it never
prints, and it reads the content bundle it is given (the question bank's version, for a response
written for another one), never a folder of its own. ``read_source`` reads a path or standard
input within the size limit and picks the reader: by extension, else by content.

- ``yaml_answers``: a YAML 1.2 mapping (``.yaml``, ``.yml``, and anything that is not JSON)
- ``json_answers``: a JSON mapping (``.json``); a FHIR resource in JSON goes to ``fhir_answers``
- ``fhir_answers``: an R4 or R5 QuestionnaireResponse (recognised by ``resourceType``)
- ``qr_answers``: the text of a printed summary's QR code (``BP1|...``)
- ``ndjson``: one answer set a line (``.ndjson``, FHIR Bulk Data), read a line at a time for ``assess``

A new format is a module here with a ``read`` function, and one line in ``_pick``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final, Literal

from backpain_cli.errors import AnswerFileError, Code, Problem, Words
from backpain_cli.fhir import COMPACT_PREFIX
from backpain_cli.readers.base import DEFAULT_POLICY, Read, ReadPolicy

if TYPE_CHECKING:
    from backpain_cli.bundle import Bundle

__all__ = [
    "ANSWER_SUFFIXES",
    "DEFAULT_POLICY",
    "MAX_FILE_BYTES",
    "Read",
    "ReadPolicy",
    "kind_from_suffix",
    "read_bytes",
    "read_source",
]

MAX_FILE_BYTES: Final = 1_000_000  # CONTRACT.md: a file over 1 MB is refused unread
# The extensions of answer files, as a folder given to ``assess`` is searched for them (``.ndjson``:
# one answer set a line, read a line at a time by ndjson.py and streaming.py).
ANSWER_SUFFIXES: Final = frozenset({".yaml", ".yml", ".json", ".ndjson"})

Kind = Literal["json", "yaml"]


def read_source(
    path: str | Path,
    bundle: Bundle,
    *,
    stdin: BinaryIO | None = None,
    pipes: bool = True,
    policy: ReadPolicy = DEFAULT_POLICY,
) -> Read:
    """Read and validate one answer source: a file, or standard input for ``-``.

    With ``pipes`` (a path named by the user), a FIFO or device is read whole; without it (a path
    found in a folder) it is refused, since reading a FIFO waits for a writer that may never come.
    ``policy`` carries what the person accepted beyond the defaults (``--accept-status``).
    Raises AnswerFileError naming the file, and the line and key where it can.
    """
    if str(path) == "-":
        source = "<stdin>"
        if stdin is None and sys.stdin is None:  # started with standard input closed (`<&-`)
            raise AnswerFileError(
                [Problem("standard input is closed", source=source, code=Code.UNREADABLE, words=Words("stdin_closed"))]
            )
        stream = stdin if stdin is not None else sys.stdin.buffer
        try:
            raw = _read_limited(stream, source)
        except OSError as exc:
            raise AnswerFileError(
                [
                    Problem(
                        f"cannot read standard input: {exc.strerror or exc}",
                        source=source,
                        code=Code.UNREADABLE,
                        words=Words("cannot_read"),
                    )
                ]
            ) from None
        return read_bytes(raw, source=source, kind=None, bundle=bundle, policy=policy)
    p = Path(path)
    if p.suffix.lower() == ".ndjson":  # many answer sets: only `assess` reads them, a line at a time
        raise AnswerFileError(
            [
                Problem(
                    "is NDJSON (one answer set a line): 'backpain assess --answers' reads it, a line at a time",
                    source=str(p),
                    code=Code.USAGE,
                    words=Words("many_answer_sets"),
                )
            ]
        )
    raw = _read_file(p, pipes=pipes)
    return read_bytes(raw, source=str(p), kind=kind_from_suffix(p.suffix), bundle=bundle, policy=policy)


def kind_from_suffix(suffix: str) -> Kind | None:
    """The parser a file's extension asks for; None means: decide by content."""
    suffix = suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in {".yaml", ".yml"}:
        return "yaml"
    return None


def read_bytes(
    raw: bytes, *, source: str, kind: Kind | None, bundle: Bundle, policy: ReadPolicy = DEFAULT_POLICY
) -> Read:
    """Decode the bytes of an answer file, pick its reader, and read it."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AnswerFileError(
            [
                Problem(
                    f"is not UTF-8 text (bad byte at position {exc.start})",
                    source=source,
                    code=Code.UNREADABLE,
                    words=Words("not_utf8"),
                )
            ]
        ) from None
    if not text.strip():
        raise AnswerFileError(
            [
                Problem(
                    "file is empty; expected a mapping of question keys to answers",
                    source=source,
                    code=Code.UNREADABLE,
                    words=Words("empty"),
                )
            ]
        )
    return _pick(text, kind)(text, source, bundle, policy)


def _pick(text: str, kind: Kind | None) -> ReadFunction:
    """The reader for this text: the QR code's prefix first, then the extension, then the content."""
    from backpain_cli.readers import json_answers, qr_answers, yaml_answers

    if text.lstrip().startswith(COMPACT_PREFIX):  # the printed summary's QR code (docs/fhir.md)
        return qr_answers.read
    if kind is None:
        kind = "json" if text.lstrip().startswith(("{", "[")) else "yaml"
    return json_answers.read if kind == "json" else yaml_answers.read


def _read_limited(stream: BinaryIO, source: str) -> bytes:
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise AnswerFileError(
            [
                Problem(
                    "file is over 1 MB; an answer file is never that big",
                    source=source,
                    code=Code.UNREADABLE,
                    words=Words("too_big"),
                )
            ]
        )
    return data


def _read_file(p: Path, *, pipes: bool) -> bytes:
    """The bytes of an answer file (a regular file, or with ``pipes`` a FIFO or device), or
    AnswerFileError saying why it cannot be read."""
    from backpain_cli.input_files import NotRegularFile, TooLarge
    from backpain_cli.input_files import read_bytes as read_file_bytes

    source = str(p)
    try:
        # A pipe (a FIFO, /dev/stdin, a shell's <(...)) is read whole, up to the same limit.
        return read_file_bytes(p, limit=MAX_FILE_BYTES, pipes=pipes)
    except TooLarge as exc:
        size = f"is {exc.size:,} bytes, " if exc.size is not None else "is "
        what, words = f"file {size}over the 1 MB limit; an answer file is never that big", "too_big"
    except NotRegularFile as exc:
        folder = p.is_dir()
        what = "is a folder, not an answer file" if folder else f"{exc}; cannot read it as an answer file"
        words = "is_a_folder" if folder else "not_a_file"
    except FileNotFoundError:
        link = p.is_symlink()
        what = "is a broken link (what it points to does not exist)" if link else "no such file"
        words = "broken_link" if link else "no_such_file"
    except PermissionError:
        what, words = "permission denied: cannot read this file", "permission"
    except OSError as exc:
        what, words = f"cannot read: {exc.strerror or exc}", "cannot_read"
    raise AnswerFileError([Problem(what, source=source, code=Code.UNREADABLE, words=Words(words))]) from None


if TYPE_CHECKING:
    from backpain_cli.readers.base import ReadFunction
