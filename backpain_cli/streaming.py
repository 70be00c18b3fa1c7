"""Batches that stream: NDJSON sources assessed a line at a time, in bounded memory, whatever their size.

A batch with an NDJSON source (``.ndjson``, or standard input holding NDJSON) runs here instead of
``batch.run_batch``, which needs the whole list of files first. The sources are expanded lazily:
a file stays one item, an NDJSON source becomes one item per line (read by this process, a line at
a time: readers/ndjson.py). Items are assessed in this process, or, once a stream has shown it is
large, in worker processes set up as ``batch`` sets them up, with at most a few chunks of lines
in flight: memory holds those chunks, never the file or its results. Results come out in input
order, one ``batch.Line`` per item (``run_stream``), or a chunk of them folded into one
``batch.Chunk`` (``stream_chunks``, what ``assess`` writes); a bad line is its own error line and
the others still run. Lines are read ahead (up to ``batch.PARALLEL_FROM`` of them, to choose
between one process and a pool, then a chunk at a time), so a result comes out only once its
chunk is read: a program that writes one response and waits for its result should call
``api.assess`` instead.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, BinaryIO, Final, NamedTuple, TypeVar

from backpain_cli import batch
from backpain_cli.batch import Chunk, Line, Source, assess_line, fold
from backpain_cli.errors import AnswerFileError
from backpain_cli.formats import Format
from backpain_cli.readers import DEFAULT_POLICY, ReadPolicy
from backpain_cli.readers.ndjson import is_ndjson, lines
from backpain_cli.render.batch_lines import error_line

if TYPE_CHECKING:
    from backpain_cli.bundle import Bundle
    from backpain_cli.regions import Region

CHUNK: Final = 64  # items a worker assesses between two messages to this process
CHUNK_BYTES: Final = 2_000_000  # ...or fewer, when their lines hold this much (a line may hold 1 MB)
IN_FLIGHT: Final = 4  # chunks per worker sent and not yet written: what bounds the memory

Item = Source | Line  # a source to assess, or a line already made (a source that cannot be opened)


def streams(sources: Sequence[Source], stdin_ndjson: bool = False) -> bool:
    """Whether a batch must stream: an NDJSON file among its sources, or NDJSON on standard input."""
    return stdin_ndjson or any(is_ndjson(s.path) for s in sources)


def expand(sources: Iterable[Source], *, fmt: Format = Format.JSONL, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Each source as it comes: a file as itself, an NDJSON source as its lines (``stdin`` is standard
    input when it holds NDJSON, already opened by ``readers.ndjson.sniff_stdin``)."""
    for source in sources:
        if source.path == "-" and stdin is not None:
            yield from _lines_of(source, stdin, fmt)
        elif is_ndjson(source.path):
            try:
                stream = _open(source)
            except AnswerFileError as exc:
                yield Line(
                    error_line(source=source.shown, error=exc.describe(), fmt=fmt),
                    None,
                    tuple(p.describe() for p in exc.problems),
                )
                continue
            with stream:
                yield from _lines_of(source, stream, fmt)
        else:
            yield source


def _lines_of(source: Source, stream: BinaryIO, fmt: Format = Format.JSONL) -> Iterator[Item]:
    """A Source per line; a read that fails part way (a disk error) ends the source with an error line."""
    last = 0
    try:
        for raw in lines(stream):
            last = raw.number
            yield Source(source.path, named=False, line=raw.number, data=raw.data)
    except OSError as exc:
        from backpain_cli.errors import Code, Problem

        reason = f"cannot read on after line {last}: {exc.strerror or exc}"
        problem = Problem(reason, source=source.shown, code=Code.UNREADABLE)
        yield Line(error_line(source=source.shown, error=problem.describe(), fmt=fmt), None, (problem.describe(),))


def _open(source: Source) -> BinaryIO:
    """An NDJSON file opened to read (a FIFO named on the command line too), or AnswerFileError saying why not."""
    import stat

    from backpain_cli.errors import Code, Problem

    try:
        mode = os.stat(source.path).st_mode
        if stat.S_ISDIR(mode):
            what = "is a folder, not an answer file"
        elif stat.S_ISREG(mode) or (source.named and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode))):
            return open(source.path, "rb")  # closed by expand's with
        else:
            what = "is not a regular file; cannot read it as an answer file"
    except FileNotFoundError:
        what = "is a broken link (what it points to does not exist)" if os.path.islink(source.path) else "no such file"
    except PermissionError:
        what = "permission denied: cannot read this file"
    except OSError as exc:
        what = f"cannot read: {exc.strerror or exc}"
    raise AnswerFileError([Problem(what, source=source.path, code=Code.UNREADABLE)])


def take(items: Iterator[Item], count: int, size: int = CHUNK_BYTES) -> list[Item]:
    """The next items, up to ``count`` of them and about ``size`` bytes of NDJSON lines."""
    found: list[Item] = []
    held = 0
    for item in items:
        found.append(item)
        held += _held([item])
        if len(found) >= count or held >= size:
            break
    return found


def _held(items: Iterable[Item]) -> int:
    """The bytes of NDJSON lines these items hold."""
    return sum(len(i.data or b"") for i in items if isinstance(i, Source))


def assess_items(chunk: Sequence[Item]) -> list[Line]:
    """Assess a chunk of items in a worker (set up by ``batch._init_worker``); made lines pass through."""
    return [item if isinstance(item, Line) else assess_line(item) for item in chunk]


def assess_folded(chunk: Sequence[Item]) -> Chunk:
    """``assess_items`` folded into one message (``batch.fold``): what ``assess`` writes."""
    return fold(assess_items(chunk))


def run_stream(
    sources: Sequence[Source],
    *,
    bundle: Bundle,
    today: dt.date,
    policy: ReadPolicy = DEFAULT_POLICY,
    fmt: Format = Format.JSONL,
    region: Region | None = None,
    stdin: BinaryIO | None = None,
    workers: int | None = None,
    start_method: str | None = None,
) -> Generator[Line, None, None]:
    """One Line per file and per NDJSON line, in order, in bounded memory.

    ``workers`` None: this process alone for a stream of fewer than ``batch.PARALLEL_FROM`` items
    (or one that reads a plain answer file from standard input, which a worker cannot), else one
    process per core up to ``batch.MAX_WORKERS``.
    """
    setup = _Setup(bundle, today, policy, fmt, start_method, region)
    for made in _stream(assess_items, sources, setup, stdin, workers):
        yield from made


def stream_chunks(
    sources: Sequence[Source],
    *,
    bundle: Bundle,
    today: dt.date,
    policy: ReadPolicy = DEFAULT_POLICY,
    fmt: Format = Format.JSONL,
    stdin: BinaryIO | None = None,
    workers: int | None = None,
    start_method: str | None = None,
    region: Region | None = None,
) -> Generator[Chunk, None, None]:
    """The lines of ``run_stream`` folded a chunk at a time (``batch.Chunk``), as ``assess`` writes them:
    one message per chunk from a worker, so this process does little per line."""
    setup = _Setup(bundle, today, policy, fmt, start_method, region)
    yield from _stream(assess_folded, sources, setup, stdin, workers)


class _Setup(NamedTuple):
    bundle: Bundle
    today: dt.date
    policy: ReadPolicy
    fmt: Format
    start: str | None
    region: Region | None = None


_Out = TypeVar("_Out")


def _stream(
    work: Callable[[Sequence[Item]], _Out],
    sources: Sequence[Source],
    setup: _Setup,
    stdin: BinaryIO | None,
    workers: int | None,
) -> Generator[_Out, None, None]:
    """``work`` on each chunk of items, in order: in this process, or in a pool once the stream is large."""
    items = expand(sources, fmt=setup.fmt, stdin=stdin)
    head = take(items, batch.PARALLEL_FROM, 4 * CHUNK_BYTES)
    plain_stdin = stdin is None and any(s.path == "-" for s in sources)
    if workers is None:
        large = len(head) >= batch.PARALLEL_FROM or _held(head) > CHUNK_BYTES
        workers = min(os.cpu_count() or 1, batch.MAX_WORKERS) if large and not plain_stdin else 1
    everything = itertools.chain(head, items)
    chunks = iter(lambda: take(everything, CHUNK), [])
    if workers <= 1 or plain_stdin:
        bundle = setup.bundle
        batch._init_worker(
            bundle.folder, setup.today, bundle, pooled=False, policy=setup.policy, fmt=setup.fmt, region=setup.region
        )
        yield from map(work, chunks)
        return
    yield from _pooled(work, chunks, workers, setup)


def _pooled(
    work: Callable[[Sequence[Item]], _Out],
    chunks: Iterator[list[Item]],
    workers: int,
    setup: _Setup,
) -> Generator[_Out, None, None]:
    """Chunks of items to a pool, at most ``IN_FLIGHT`` per worker at once, their results in order.

    The pool starts and stops as ``batch.run_batch``'s does: the stop signals held while it starts,
    every worker ended when the caller stops early (Ctrl-C, SIGTERM, a closed pipe).
    """
    import multiprocessing
    import multiprocessing.pool

    context = multiprocessing.get_context(setup.start)
    bundle = setup.bundle
    inherited = bundle if context.get_start_method() == "fork" else None
    held = batch._hold_signals()
    try:
        initargs = (bundle.folder, setup.today, inherited, True, setup.policy, setup.fmt, bundle.language, setup.region)
        pool = context.Pool(workers, initializer=batch._init_worker, initargs=initargs)
    except BaseException:
        batch._release_signals(held)
        raise
    try:
        batch._release_signals(held)
        pending: deque[multiprocessing.pool.AsyncResult[_Out]] = deque()
        for chunk in itertools.islice(chunks, workers * IN_FLIGHT):
            pending.append(pool.apply_async(work, (chunk,)))
        while pending:
            done = pending.popleft().get()
            following = next(chunks, None)  # read on only as lines go out
            if following is not None:
                pending.append(pool.apply_async(work, (following,)))
            yield done
    finally:
        pool.terminate()
        pool.join()
