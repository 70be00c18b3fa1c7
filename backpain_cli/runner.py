"""Running assessments over answer sources: one file, standard input, or a whole folder."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from backpain_cli.answers import read_answer_source
from backpain_cli.content import Library
from backpain_cli.errors import AnswerFileError, Problem
from backpain_cli.questions import QuestionBank
from backpain_cli.triage import Result, assess

ANSWER_SUFFIXES: Final = frozenset({".yaml", ".yml", ".json"})


def expand_sources(values: Sequence[str]) -> tuple[list[str], bool]:
    """Turn ``--answers`` values into answer sources; the flag says whether this is a batch.

    A folder stands for every ``.yaml``, ``.yml`` and ``.json`` file directly in it, in name order.
    Missing paths stay in the list so that each is reported in its place.
    """
    sources: list[str] = []
    batch = len(values) > 1
    for value in values:
        path = Path(value)
        if value != "-" and path.is_dir():
            batch = True
            found = sorted(
                str(p) for p in path.iterdir() if p.suffix.lower() in ANSWER_SUFFIXES and p.is_file()
            )
            if not found:
                raise AnswerFileError([Problem("folder holds no .yaml, .yml or .json answer files", source=value)])
            sources += found
        else:
            sources.append(value)
    if sources.count("-") > 1:
        raise AnswerFileError([Problem("standard input ('-') can be read only once")])
    return sources, batch


@dataclass(frozen=True)
class Outcome:
    source: str
    result: Result | None
    error: AnswerFileError | None


def run(
    sources: Sequence[str], *, bank: QuestionBank, library: Library, today: dt.date | None = None
) -> Iterator[Outcome]:
    """Assess each source in turn; a bad one gives an error outcome and the rest still run."""
    for source in sources:
        try:
            answers = read_answer_source(source)
        except AnswerFileError as exc:
            yield Outcome("<stdin>" if source == "-" else source, None, exc)
            continue
        yield Outcome("<stdin>" if source == "-" else source, assess(answers, bank=bank, library=library, today=today), None)


def today_from_env() -> dt.date:
    """Today's date, or the one in SOURCE_DATE_EPOCH (reproducible output for tests and archives)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.fromtimestamp(time.time())
