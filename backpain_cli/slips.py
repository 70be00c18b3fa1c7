"""Hints for the slips people make most when they write an answer file by hand (issue 24).

The parsers' own words ("Expecting property name enclosed in double quotes") say where reading
stopped, not what to change. Each hint here names the usual slip behind such a stop and its fix,
and points at the line to change (a trailing comma's line, not the brace's after it). Nothing here
guesses beyond the text: no hint when none fits.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from backpain_cli.errors import Words

_KEY_VALUE = re.compile(r"^\s*[^\s:#][^:#]*:(\s|$)")


class Hint(NamedTuple):
    text: str  # the program's English, in the message ``assess`` prints
    line: int | None = None  # the line to change, when it is not the line the parser stopped at
    words: Words | None = None  # the text catalogue's words for a patient (file_problems.hints)


def json_hint(text: str, msg: str, pos: int) -> Hint | None:
    """The likely slip where JSON parsing stopped (``msg`` and ``pos`` from JSONDecodeError)."""
    before = text[:pos].rstrip()
    at = text[pos : pos + 5]
    if not text.strip():
        return Hint('the file is empty: write the answers between { and }, like {"age": 45}', words=Words("json_empty"))
    if before.endswith(",") and at[:1] in ("}", "]"):
        return Hint(
            "there is a comma after the last answer: remove it",
            line=before.count("\n") + 1,
            words=Words("trailing_comma"),
        )
    if at.startswith(("//", "/*", "#")):
        return Hint(
            "JSON cannot hold comments: remove them, or write the file in YAML, where # starts a comment",
            words=Words("comments"),
        )
    if at.startswith("'"):
        return Hint("JSON needs double quotes: write \"age\", not 'age'", words=Words("single_quotes"))
    if msg.startswith("Expecting property name") and at[:1].isalpha():
        return Hint('each key needs double quotes: write "age": 45, not age: 45', words=Words("key_quotes"))
    if msg.startswith("Expecting ','") and at[:1] == '"':  # the next answer starts: no comma before it
        return Hint(
            "a comma is missing after the answer before this one",
            line=before.count("\n") + 1,
            words=Words("missing_comma"),
        )
    if msg == "Expecting value":
        for word in ("True", "False", "None"):
            if at.startswith(word):
                return Hint(
                    f'write the answer in double quotes, like "yes", "no" or "unsure", not {word}',
                    words=Words.of("python_word", word=word),
                )
    if msg == "Extra data":
        return Hint(
            "there is more after the closing }: one file holds one set of answers, between one { and }",
            words=Words("extra_data"),
        )
    return None


def yaml_hint(text: str, problem: str, line: int | None, started: int | None = None) -> Hint | None:
    """The likely slip where YAML parsing stopped (``line``: the parser's line, counted from 1;
    ``started``: where what it was reading began, such as a quote that is never closed)."""
    lines = text.splitlines()
    at = line or 0
    here = lines[at - 1] if 0 < at <= len(lines) else ""
    above = lines[at - 2] if 1 < at <= len(lines) + 1 else ""
    if "tab" in problem or "\t" in here[: len(here) - len(here.lstrip())]:
        return Hint("indent with spaces, not tabs (or start each answer at the left edge)", words=Words("tab"))
    if "mapping values are not allowed" in problem:
        if here.lstrip() != here and above and not above.startswith((" ", "-")):
            return Hint(
                "this line is indented: start each answer at the left edge, like the line above",
                words=Words("indented"),
            )
        if above and not _KEY_VALUE.match(above) and not above.lstrip().startswith("#"):
            return Hint(
                "the line above has no colon: write each answer as key: value, like age: 45",
                line=at - 1,
                words=Words("no_colon"),
            )
        if here.count(": ") > 1:
            return Hint(
                'a value with a colon in it needs quotes: note: "pain: bad at night"', words=Words("colon_in_value")
            )
    if "while scanning a quoted scalar" in problem:
        return Hint(
            "a quote is not closed: end the value with the same quote it starts with",
            line=started,
            words=Words("unclosed_quote"),
        )
    if "expected ',' or ']'" in problem:
        return Hint(
            "a list is not closed: end it with ], like previous_imaging: [xray, mri]",
            line=started,
            words=Words("unclosed_list"),
        )
    return None
