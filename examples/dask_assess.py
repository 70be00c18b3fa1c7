"""Assess a folder of NDJSON exports (FHIR Bulk Data ``$export``) with Dask, calling ``backpain_cli.api.assess``.

    pip install 'backpain[scale]'
    python examples/dask_assess.py EXPORTS/ [--out RESULTS/] [--scheduler processes] [--workers 2]
                                   [--content DIR] [--fhir]

Every ``*.ndjson`` file directly in EXPORTS (one QuestionnaireResponse, or answer mapping, a line)
gives one JSON line per non-blank line: its result with ``"source": "FILE:LINE"``, or
``{"source": ..., "error": ...}`` for a line that cannot be assessed: the same lines, in the same
order, as ``backpain assess --answers EXPORTS/ --format jsonl`` (tests/test_dask_example.py checks
it). With ``--fhir``, one result Bundle a line instead (bad lines are left out), ready for a FHIR
server's batch load (docs/scale.md).

The same code runs on one machine (``--scheduler sync``, ``threads`` or ``processes``) and on a
Dask cluster: with a ``dask.distributed.Client`` created first, ``.compute()`` runs on it; the
exports must be where every worker can read them (a shared disk, or an fsspec URL such as
``s3://`` opened in ``assess_file``) and backpain installed on every worker. Each task assesses one
file, a line at a time (``--out``: written a line at a time too); the content folder is loaded once
per worker process (api.py's cache).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import dask.bag as db

from backpain_cli import api


def export_files(folder: str) -> list[str]:
    """The ``.ndjson`` files directly in ``folder``, named and ordered as ``backpain assess`` names them."""
    with os.scandir(folder) as entries:
        return sorted(e.path for e in entries if e.name.lower().endswith(".ndjson"))


def assess_file(path: str, *, content: str | None = None, fhir: bool = False) -> Iterator[str]:
    """One output line (without its newline) per non-blank line of one export, read a line at a time."""
    with open(path, "rb") as lines:
        for number, raw in enumerate(lines, start=1):
            if raw.strip():
                yield assess_line(raw, path, number, content=content, fhir=fhir)


def assess_line(raw: bytes, path: str, number: int, *, content: str | None = None, fhir: bool = False) -> str:
    """The JSON line for one line of an export: its result (or result Bundle), or its error ("" for a
    bad line with ``fhir``)."""
    source = f"{path}:{number}"
    result: dict[str, Any]
    try:
        if fhir:
            result = api.assess_to_fhir(raw, content=content, source=path, line=number)
        else:
            result = {**api.assess(raw, content=content, source=path, line=number), "source": source}
    except api.InvalidAnswers as exc:
        if fhir:
            return ""  # a Bundle file holds only Bundles: the error goes to the job's log instead
        result = {"source": source, "error": str(exc)}
    return json.dumps(result, ensure_ascii=False, separators=(",", ":"))


def _partition(paths: Sequence[str], content: str | None, fhir: bool) -> list[str]:
    # A list, not a generator: the processes scheduler sends each task's result back pickled.
    return [line for path in paths for line in assess_file(path, content=content, fhir=fhir) if line]


def assess_exports(folder: str, *, content: str | None = None, fhir: bool = False) -> db.Bag:
    """A Dask bag of output lines (without newlines) for every export in ``folder``, one partition (one
    task) per file, in order. Lazy: nothing runs until ``.compute()``. A task returns its file's
    lines, so memory holds one file's results: for exports of any size, ``write_results`` instead.
    """
    files = export_files(folder)
    if not files:
        raise SystemExit(f"{folder}: holds no .ndjson exports")
    return db.from_sequence(files, npartitions=len(files)).map_partitions(_partition, content, fhir)


def write_results(path: str, out: str, *, content: str | None = None, fhir: bool = False) -> tuple[str, int]:
    """Assess one export into ``out``/NAME.jsonl (or NAME.fhir.ndjson), a line at a time: memory holds
    one line whatever the file's size. Returns the file written and its number of lines."""
    name = os.path.basename(path).rsplit(".", 1)[0] + (".fhir.ndjson" if fhir else ".jsonl")
    target, count = os.path.join(out, name), 0
    # Results hold health data: the file is readable by its owner only, as backpain writes results.
    with open(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as sink:
        for line in assess_file(path, content=content, fhir=fhir):
            if line:
                sink.write(line + "\n")
                count += 1
    return target, count


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Assess a folder of NDJSON exports with Dask and backpain.")
    parser.add_argument("exports", help="a folder of .ndjson files (FHIR Bulk Data export)")
    parser.add_argument("--out", help="write one .jsonl file per export into this folder (default: standard output)")
    parser.add_argument("--scheduler", default="processes", choices=["sync", "threads", "processes"])
    parser.add_argument("--workers", type=int, default=None, help="threads or processes (default: one per core)")
    parser.add_argument("--content", default=None, help="content folder (default: BACKPAIN_CONTENT or the shipped one)")
    parser.add_argument("--fhir", action="store_true", help="one result Bundle a line instead of JSON results")
    args = parser.parse_args(argv)
    options: dict[str, Any] = {"scheduler": args.scheduler}
    if args.workers is not None and args.scheduler != "sync":
        options["num_workers"] = args.workers
    if args.out:
        os.makedirs(args.out, mode=0o700, exist_ok=True)
        files = export_files(args.exports)
        tasks = db.from_sequence(files, npartitions=len(files) or 1)
        written = tasks.map(write_results, args.out, content=args.content, fhir=args.fhir).compute(**options)
        for target, count in written:
            print(f"{target}: {count} lines", file=sys.stderr)
        return 0
    for line in assess_exports(args.exports, content=args.content, fhir=args.fhir).compute(**options):
        sys.stdout.write(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
