"""Answer files in YAML (read the YAML 1.2 way: yamlload.py), with every problem on its line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from backpain_cli.answers import validate_answers
from backpain_cli.errors import AnswerFileError
from backpain_cli.readers.base import DEFAULT_POLICY, Read, ReadPolicy

if TYPE_CHECKING:
    from backpain_cli.bundle import Bundle


def read(text: str, source: str, bundle: Bundle, policy: ReadPolicy = DEFAULT_POLICY) -> Read:
    """The answers a YAML mapping holds; AnswerFileError names each problem's line and key."""
    from backpain_cli import yamlload  # PyYAML loads only when a YAML file is read

    try:
        document = yamlload.load_document(text)
    except yamlload.PARSE_ERRORS as exc:
        raise AnswerFileError([yamlload.yaml_problem(exc, source=source, text=text)]) from None
    try:
        return Read(validate_answers(document.data, source=source))
    except AnswerFileError:
        # Finding each key's line costs time, so it is done only when there is an error to place.
        return Read(validate_answers(document.data, source=source, lines=document.top_lines))
