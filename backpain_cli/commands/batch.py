"""Batches for ``backpain assess``: expanding folders, and assessing many files across the cores.

Each worker process gets the loaded content once, through the pool's initializer: inherited
as it is where processes are forked (Linux), loaded again from the same folder where they are
spawned (Windows, macOS). Results come back in input order, one JSON line per file.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final, NamedTuple

from backpain_cli.answers import read_answer_source
from backpain_cli.assessment import assess
from backpain_cli.bundle import Bundle, load_bundle
from backpain_cli.errors import AnswerFileError, Code, Problem
from backpain_cli.render.json import render_jsonl_line

ANSWER_SUFFIXES: Final = frozenset({".yaml", ".yml", ".json"})
PARALLEL_FROM: Final = 200  # below this, starting processes costs more than it saves
MAX_WORKERS: Final = 8


def expand_sources(values: Sequence[str]) -> tuple[list[str], bool]:
    """Turn ``--answers`` values into answer sources; the flag says whether this is a batch.

    A folder stands for every ``.yaml``, ``.yml`` and ``.json`` file directly in it, in name order.
    Missing paths stay in the list so that each is reported in its place. Raises AnswerFileError
    for a folder with no answer files, or ``-`` given twice.
    """
    sources: list[str] = []
    batch = len(values) > 1
    for value in values:
        path = Path(value)
        if value != "-" and path.is_dir():
            batch = True
            found = sorted(str(p) for p in path.iterdir() if p.suffix.lower() in ANSWER_SUFFIXES and p.is_file())
            if not found:
                raise AnswerFileError(
                    [Problem("folder holds no .yaml, .yml or .json answer files", source=value, code=Code.UNREADABLE)]
                )
            sources += found
        else:
            sources.append(value)
    if sources.count("-") > 1:
        raise AnswerFileError([Problem("standard input ('-') can be read only once", code=Code.USAGE)])
    return sources, batch


class Line(NamedTuple):
    """One line of batch output, with what the caller needs to pick the exit status.

    A plain tuple of built-in types: it crosses a process boundary for every file in a batch.
    """

    text: str
    urgency: str | None  # None for a bad file
    errors: tuple[str, ...]


class _Worker:
    """What one process needs to assess a file: the content and the date, set once per process."""

    bundle: Bundle | None = None
    today: dt.date | None = None


def _init_worker(folder: Path, today: dt.date, bundle: Bundle | None) -> None:
    """Pool initializer: the inherited bundle where forked, else the same folder loaded again."""
    _Worker.bundle = bundle if bundle is not None else load_bundle(folder)
    _Worker.today = today


def assess_line(source: str) -> Line:
    """Assess one file in a worker (after ``_init_worker``): its JSON line, or its error line."""
    bundle, today = _Worker.bundle, _Worker.today
    assert bundle is not None, "assess_line runs only in a process set up by _init_worker"
    shown = "<stdin>" if source == "-" else source
    try:
        result = assess(read_answer_source(source), bundle, today=today)
    except AnswerFileError as exc:
        return Line(
            render_jsonl_line(None, source=shown, error=exc.describe()),
            None,
            tuple(p.describe() for p in exc.problems),
        )
    return Line(render_jsonl_line(result, source=shown), result.urgency.value, ())


def run_batch(
    sources: Sequence[str],
    *,
    bundle: Bundle,
    today: dt.date,
    workers: int | None = None,
    start_method: str | None = None,
) -> Iterator[Line]:
    """JSON lines for many sources, in order; spread over the machine's cores for large batches.

    ``start_method`` picks how worker processes start (``fork``, ``spawn``, ``forkserver``; the
    platform's default when None). A bad file gives an error line and the rest still run.
    """
    if workers is None:
        workers = min(os.cpu_count() or 1, MAX_WORKERS) if len(sources) >= PARALLEL_FROM else 1
    if workers <= 1 or "-" in sources:
        _init_worker(bundle.folder, today, bundle)
        yield from map(assess_line, sources)
        return
    context = multiprocessing.get_context(start_method)
    # A forked child shares the parent's memory, so it can take the loaded bundle as it is; any
    # other start method would have to pickle it, and loading the folder again is simpler.
    inherited = bundle if context.get_start_method() == "fork" else None
    chunk = max(1, min(256, len(sources) // (workers * 8)))
    with context.Pool(workers, initializer=_init_worker, initargs=(bundle.folder, today, inherited)) as pool:
        yield from pool.imap(assess_line, sources, chunksize=chunk)
