"""Batches for ``backpain assess``: expanding folders, and assessing many files across the cores.

(The batch engine: ``commands/assess.py`` streams its lines to standard output or a file.)

Each worker process gets the loaded content once, through the pool's initializer: inherited
as it is where processes are forked (Linux), loaded again from the same folder where they are
spawned (Windows, macOS). Results come back in input order, one JSON line per file, a chunk of
files at a time (``run_chunks``): one message per chunk from a worker, its lines already joined.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import signal
import threading
import time
from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple, TypeVar

from backpain_cli.assessment import assess
from backpain_cli.bundle import Bundle, load_bundle
from backpain_cli.errors import AnswerFileError, Code, Notice, Problem, Words
from backpain_cli.formats import Format
from backpain_cli.levels import Urgency
from backpain_cli.readers import ANSWER_SUFFIXES, DEFAULT_POLICY, Read, ReadPolicy, read_source
from backpain_cli.render.batch_lines import error_line, result_line
from backpain_cli.safetext import printable_name

if TYPE_CHECKING:
    from backpain_cli.regions import Region

PARALLEL_FROM: Final = 200  # below this, starting processes costs more than it saves
MAX_WORKERS: Final = 8
MAX_CHUNK: Final = 256  # files a worker assesses between two messages to the parent


class Source(NamedTuple):
    """One answer source: a path, or ``-`` for standard input."""

    path: str
    # Named on the command line (a pipe named there is read, as `<(...)` needs), rather than found
    # in a folder, where a FIFO would block the whole batch waiting for a writer.
    named: bool = True
    # One line of an NDJSON source (streaming.py): its number, and its bytes, read by the parent.
    line: int | None = None
    data: bytes | None = None

    @property
    def shown(self) -> str:
        """The source as results and messages name it: the path, ``<stdin>``, or ``FILE:LINE``."""
        name = "<stdin>" if self.path == "-" else self.path
        return name if self.line is None else f"{name}:{self.line}"


def expand_sources(values: Sequence[str]) -> tuple[list[Source], bool]:
    """Turn ``--answers`` values into answer sources; the flag says whether this is a batch.

    A folder stands for every entry directly in it named ``.yaml``, ``.yml``, ``.json`` or ``.ndjson``, in name
    order: each gets a line, so a broken link or a sub-folder with such a name is reported, never
    skipped. Missing paths stay in the list so that each is reported in its place. Raises
    AnswerFileError for a folder with no answer files or one that cannot be listed, or ``-`` twice.
    """
    sources: list[Source] = []
    batch = len(values) > 1
    for value in values:
        if value != "-" and os.path.isdir(value):
            batch = True
            try:
                with os.scandir(value) as entries:  # names and types from one read of the folder
                    found = sorted(e.path for e in entries if _suffix(e.name).lower() in ANSWER_SUFFIXES)
            except OSError as exc:
                raise AnswerFileError(
                    [Problem(f"cannot list this folder: {exc.strerror or exc}", source=value, code=Code.UNREADABLE)]
                ) from None
            if not found:
                raise AnswerFileError(
                    [
                        Problem(
                            "folder holds no .yaml, .yml, .json or .ndjson answer files",
                            source=value,
                            code=Code.UNREADABLE,
                        )
                    ]
                )
            sources += [Source(path, named=False) for path in found]
        else:
            sources.append(Source(value))
    if sum(source.path == "-" for source in sources) > 1:
        raise AnswerFileError([Problem("standard input ('-') can be read only once", code=Code.USAGE)])
    return sources, batch


def _suffix(name: str) -> str:
    """``Path(name).suffix`` for a bare file name, without making a Path (a folder may hold thousands)."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


class Line(NamedTuple):
    """One line of batch output, with what the caller needs to pick the exit status.

    A plain tuple of built-in types: it crosses a process boundary for every file in a batch.
    """

    text: str
    urgency: str | None  # None for a bad file
    errors: tuple[str, ...]
    internal: bool = False  # the file failed because of a bug in backpain, not in the file
    warnings: tuple[str, ...] = ()  # for standard error, each naming its file


class Chunk(NamedTuple):
    """The lines of consecutive sources, folded into one message from a worker to the parent:
    what writing them and picking the exit status needs, and nothing per file."""

    text: str  # their JSON lines, joined
    messages: tuple[tuple[bool, str], ...]  # (is an error, text) for standard error, in order
    worst: Urgency | None  # the most urgent result among them; None when none was read
    bad: bool  # a file could not be read
    internal: bool  # a file failed because of a bug in backpain


def fold(lines: Sequence[Line]) -> Chunk:
    """Lines in order as one Chunk: each line's warnings, then its errors, in the order of the lines."""
    messages: list[tuple[bool, str]] = []
    worst: Urgency | None = None
    bad = internal = False
    for line in lines:
        messages += [(False, text) for text in line.warnings]
        messages += [(True, text) for text in line.errors]
        if line.urgency is None:
            bad = True
            internal = internal or line.internal
        else:
            urgency = Urgency(line.urgency)
            if worst is None or urgency.rank > worst.rank:
                worst = urgency
    return Chunk("".join(line.text for line in lines), tuple(messages), worst, bad, internal)


def assess_chunk(sources: Sequence[Source | str]) -> Chunk:
    """Assess consecutive sources in a worker (after ``_init_worker``), as one Chunk."""
    return fold([assess_line(source) for source in sources])


class _Worker:
    """What one process needs to assess a file: the content and the date, set once per process."""

    bundle: Bundle | None = None
    today: dt.date | None = None
    policy: ReadPolicy = DEFAULT_POLICY
    fmt: Format = Format.JSONL  # or FHIR: one result Bundle a line (render/batch_lines.py)
    region: Region | None = None  # the JSON disclaimer names its emergency call (issue 20)


def _init_worker(
    folder: Path,
    today: dt.date,
    bundle: Bundle | None,
    pooled: bool = True,
    policy: ReadPolicy = DEFAULT_POLICY,
    fmt: Format = Format.JSONL,
    language: str = "en",
    region: Region | None = None,
) -> None:
    """Pool initializer: the inherited bundle where forked, else the same folder loaded again.

    A worker leaves Ctrl-C to the parent, which stops the pool; and it dies quietly, with no
    traceback, when the parent ends it (the parent's own SIGTERM and SIGHUP handlers are reset).
    """
    if pooled:
        # The collector was off while the parent started (launch.py), and a worker assesses thousands
        # of files: on again, past what the parent made (which it would otherwise walk, page by page).
        gc.freeze()
        gc.enable()
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for name in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_DFL)
        if hasattr(signal, "pthread_sigmask"):  # started while the parent held them (run_batch)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
        _exit_with_parent()
    _Worker.bundle = bundle if bundle is not None else load_bundle(folder, language)
    _Worker.today = today
    _Worker.policy = policy
    _Worker.fmt = fmt
    _Worker.region = region


_STOP_SIGNALS: Final = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n))


def _hold_signals() -> set[int | signal.Signals] | None:
    """Block the stop signals (where the platform can), returning the mask to restore."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)


def _release_signals(previous: set[int | signal.Signals] | None) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _exit_with_parent() -> None:
    """End this worker as soon as the process that started it is gone.

    multiprocessing's pool can start a replacement worker while it is being terminated (its
    worker-handler thread races terminate()); such a worker would wait forever, orphaned. A
    daemon thread that watches the parent closes that gap on every platform.
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(0)

    threading.Thread(target=watch, name="backpain-exit-with-parent", daemon=True).start()


def assess_line(source: Source | str) -> Line:
    """Assess one file in a worker (after ``_init_worker``): its JSON line, or its error line.

    The line's ``source`` is the path as given (JSON escapes what needs it, and a name that is not
    UTF-8 keeps its bytes as ``\\udcXX`` escapes that ``os.fsencode`` turns back into the name).
    """
    bundle, today = _Worker.bundle, _Worker.today
    assert bundle is not None, "assess_line runs only in a process set up by _init_worker"
    if isinstance(source, str):
        source = Source(source)
    shown, fmt = source.shown, _Worker.fmt
    try:
        read = _read(source, bundle)
        result = assess(read.answers, bundle, today=today)
        name = printable_name(shown)
        warnings = tuple(f"{name}: {text}" for text in read.warnings)
        text = result_line(result, read.answers, bundle, source=shown, fmt=fmt, region=_Worker.region)
        return Line(text, result.urgency.value, (), warnings=warnings)
    except AnswerFileError as exc:
        return Line(
            error_line(source=shown, error=exc.describe(), fmt=fmt),
            None,
            tuple(p.describe() for p in exc.problems),
        )
    except Exception as exc:  # a bug: this file's line says so, and the other files still run
        name = printable_name(shown)
        message = f"{name}: internal error ({type(exc).__name__}): this is a bug in backpain, not in the file"
        return Line(error_line(source=shown, error=message, fmt=fmt), None, (message,), internal=True)


def _read(source: Source, bundle: Bundle) -> Read:
    """A file's answers, or those of one NDJSON line the parent read (readers/ndjson.py)."""
    if source.line is not None:
        from backpain_cli.readers.ndjson import read_line

        name = "<stdin>" if source.path == "-" else source.path
        return read_line(source.data, source=name, line=source.line, bundle=bundle, policy=_Worker.policy)
    return read_source(source.path, bundle, pipes=source.named, policy=_Worker.policy)


def run_batch(
    sources: Sequence[Source | str],
    *,
    bundle: Bundle,
    today: dt.date,
    workers: int | None = None,
    start_method: str | None = None,
    policy: ReadPolicy = DEFAULT_POLICY,
    fmt: Format = Format.JSONL,
    region: Region | None = None,
) -> Generator[Line, None, None]:
    """JSON lines (or, with ``fmt`` FHIR, result Bundle lines) for many sources, one Line per source, in
    order; spread over the cores for large batches.

    ``start_method`` picks how worker processes start (``fork``, ``spawn``, ``forkserver``; the
    platform's default when None). A bad file gives an error line and the rest still run.
    """
    count = _workers_for(sources, workers)
    chunk = max(1, min(MAX_CHUNK, len(sources) // (count * 8)))
    yield from _run(assess_line, list(sources), chunk, bundle, today, count, start_method, policy, fmt, region)


def run_chunks(
    sources: Sequence[Source | str],
    *,
    bundle: Bundle,
    today: dt.date,
    workers: int | None = None,
    start_method: str | None = None,
    policy: ReadPolicy = DEFAULT_POLICY,
    fmt: Format = Format.JSONL,
    region: Region | None = None,
) -> Generator[Chunk, None, None]:
    """The lines of ``run_batch``, folded a chunk of sources at a time (as ``assess`` writes them).

    A worker sends one message per chunk, its lines joined, so the parent does nothing per file.
    """
    count = _workers_for(sources, workers)
    size = max(1, min(MAX_CHUNK, len(sources) // (count * 8))) if count > 1 else MAX_CHUNK
    pieces = [sources[start : start + size] for start in range(0, len(sources), size)]
    yield from _run(assess_chunk, pieces, 1, bundle, today, count, start_method, policy, fmt, region)


def _workers_for(sources: Sequence[Source | str], asked: int | None) -> int:
    """The processes to use: as asked, else one below PARALLEL_FROM sources, else one per core (up to
    MAX_WORKERS); always one when standard input is among the sources (it cannot be shared out)."""
    if any(getattr(s, "path", s) == "-" for s in sources):
        return 1
    if asked is not None:
        return asked
    return min(os.cpu_count() or 1, MAX_WORKERS) if len(sources) >= PARALLEL_FROM else 1


_Item = TypeVar("_Item")
_Out = TypeVar("_Out")


def _run(
    work: Callable[[_Item], _Out],
    items: list[_Item],
    chunksize: int,
    bundle: Bundle,
    today: dt.date,
    workers: int,
    start: str | None,
    policy: ReadPolicy,
    fmt: Format = Format.JSONL,
    region: Region | None = None,
) -> Generator[_Out, None, None]:
    """``work`` on each item, in order: in this process, or in a pool of ``workers`` processes."""
    if workers <= 1:
        _init_worker(bundle.folder, today, bundle, pooled=False, policy=policy, fmt=fmt, region=region)
        yield from map(work, items)
        return
    import multiprocessing  # only a batch large enough to share out needs it

    context = multiprocessing.get_context(start)
    # A forked child shares the parent's memory, so it can take the loaded bundle as it is; any
    # other start method would have to pickle it, and loading the folder again is simpler.
    inherited = bundle if context.get_start_method() == "fork" else None
    # Ctrl-C, SIGTERM or SIGHUP while the pool starts would escape Pool() with its workers already
    # running and nothing to stop them: hold those signals until the pool can be stopped.
    held = _hold_signals()
    try:
        setup = (bundle.folder, today, inherited, True, policy, fmt, bundle.language, region)
        pool = context.Pool(workers, initializer=_init_worker, initargs=setup)
    except BaseException:
        _release_signals(held)
        raise
    try:
        _release_signals(held)  # a signal that came meanwhile is raised here, inside the try
        yield from pool.imap(work, items, chunksize=chunksize)
    finally:  # also when the caller stops early (Ctrl-C, SIGTERM, a closed pipe): no worker outlives us
        pool.terminate()
        pool.join()


def ignored_warning(key: str) -> Notice:
    """The warning for an answer to a question that did not apply (dropped before the rules ran);
    its catalogue words (``ignored``) for a patient."""
    return Notice(f"{key} was ignored: the questions it depends on were answered 'no'", Words.of("ignored", key=key))
