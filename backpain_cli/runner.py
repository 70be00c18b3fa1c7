"""Running assessments over answer sources: one file, standard input, or a whole folder."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, NamedTuple

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
            found = sorted(str(p) for p in path.iterdir() if p.suffix.lower() in ANSWER_SUFFIXES and p.is_file())
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
        yield Outcome(
            "<stdin>" if source == "-" else source, assess(answers, bank=bank, library=library, today=today), None
        )


class Line(NamedTuple):
    """One line of batch output, with what the caller needs to pick the exit status.

    A plain tuple of built-in types: it crosses a process boundary for every file in a batch.
    """

    text: str
    urgency: str | None  # None for a bad file
    errors: tuple[str, ...]


# Set in the parent just before the worker processes fork, so they inherit the loaded content
# instead of each loading (and checking) it again.
_SHARED: dict[str, object] = {}
PARALLEL_FROM: Final = 200  # below this, starting processes costs more than it saves


def _line(source: str) -> Line:
    from backpain_cli.render.json import render_jsonl_line

    outcome = next(run([source], **_SHARED))  # type: ignore[arg-type]
    if outcome.error is not None:
        return Line(
            render_jsonl_line(None, source=outcome.source, error=outcome.error.describe()),
            None,
            tuple(p.describe() for p in outcome.error.problems),
        )
    assert outcome.result is not None
    return Line(render_jsonl_line(outcome.result, source=outcome.source), outcome.result.urgency.value, ())


def run_batch(
    sources: Sequence[str], *, bank: QuestionBank, library: Library, today: dt.date, workers: int | None = None
) -> Iterator[Line]:
    """JSON lines for many sources, in order; spread over the machine's cores for large batches.

    Each file is independent, so a batch parallelises cleanly. Processes are forked (where the
    platform has fork) so they share the already-loaded content; results come back in input order.
    """
    _SHARED.update(bank=bank, library=library, today=today)
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if len(sources) >= PARALLEL_FROM else 1
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods() or "-" in sources:
        yield from map(_line, sources)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_line, sources, chunksize=max(1, min(256, len(sources) // (workers * 8))))


def today_from_env() -> dt.date:
    """Today's date, or the one in SOURCE_DATE_EPOCH (reproducible output for tests and archives)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.fromtimestamp(time.time())
