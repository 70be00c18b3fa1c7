"""The Dask recipe's throughput with 1 and 2 worker processes, beside ``backpain assess`` on the same folder.

Reports medians and ratios; never a test, never a CI gate.

Run:  .venv/bin/python benchmarks/bench_dask.py [--runs 5] [--files 40] [--lines 100]

A folder of ``--files`` NDJSON exports of ``--lines`` QuestionnaireResponses each (the 139
vignettes, repeated, as a portal's Bulk Data export holds them), assessed by
``examples/dask_assess.py EXPORTS --scheduler processes --workers N --out DIR`` for N = 1 and 2,
each a fresh process (start-up, the workers' start and their content loading counted), and by
``backpain assess --answers EXPORTS --format jsonl -o FILE`` (its own pool: up to one worker per
core), and by a plain loop calling ``api.assess`` a line at a time in one process (no Dask).
Prints files/s and responses/s (medians of ``--runs``), the CPU seconds used (less sensitive to
other work on the machine than the wall-clock time), the load average, and the 2-worker speed-up.
On a machine busy with other work the speed-up says little: read the load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "dask_assess.py"
# api.assess in one plain process, no Dask: what a script or a service calling the library gets.
API_LOOP = """
import json, os, sys
from backpain_cli import api
folder, target = sys.argv[1], sys.argv[2]
with open(target, "w", encoding="utf-8") as sink:
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        with open(path, "rb") as lines:
            for number, raw in enumerate(lines, start=1):
                result = {**api.assess(raw, source=path, line=number), "source": f"{path}:{number}"}
                sink.write(json.dumps(result, ensure_ascii=False, separators=(",", ":")) + "\\n")
"""


def make_exports(folder: Path, files: int, lines: int) -> None:
    from backpain_cli.bundle import load_bundle
    from backpain_cli.fhir.response import build_response
    from backpain_cli.readers import read_source

    bundle = load_bundle()
    cases = sorted((ROOT / "tests" / "vignettes" / "cases").iterdir())
    records = [json.dumps(build_response(read_source(p, bundle).answers.as_dict(), bundle.bank)) for p in cases]
    for f in range(files):
        chosen = (records[(f * lines + i) % len(records)] for i in range(lines))
        (folder / f"QuestionnaireResponse.{f:03d}.ndjson").write_text("\n".join(chosen) + "\n", encoding="utf-8")


def timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock seconds, and CPU seconds of the command and every process it started and waited for."""
    import resource

    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795651200"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--lines", type=int, default=100)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-dask-"))
    try:
        exports = work / "exports"
        exports.mkdir()
        make_exports(exports, args.files, args.lines)
        total = args.files * args.lines
        dask = [sys.executable, str(EXAMPLE), str(exports), "--scheduler", "processes"]
        cli = [str(Path(sys.executable).with_name("backpain")), "assess", "-a", str(exports), "-f", "jsonl"]
        commands = {
            "dask, 1 worker": [*dask, "--workers", "1", "--out", str(work / "o1")],
            "dask, 2 workers": [*dask, "--workers", "2", "--out", str(work / "o2")],
            "backpain assess": [*cli, "-o", str(work / "cli.jsonl")],
            "api.assess loop": [sys.executable, "-c", API_LOOP, str(exports), str(work / "api.jsonl")],
        }
        timed(commands["dask, 1 worker"])  # warm the file cache and the bytecode
        medians: dict[str, float] = {}
        cpu: dict[str, float] = {}
        load = os.getloadavg()[0]
        for name, command in commands.items():
            runs = [timed(command) for _ in range(args.runs)]
            medians[name] = statistics.median(wall for wall, _ in runs)
            cpu[name] = statistics.median(used for _, used in runs)
        print(f"{args.files} files x {args.lines} responses ({total:,}), {os.cpu_count()} cores, {args.runs} runs")
        print(f"  load average (1 min) before / after: {load:.1f} / {os.getloadavg()[0]:.1f}")
        for name, seconds in medians.items():
            rates = f"{args.files / seconds:6.2f} files/s   {total / seconds:7.0f} responses/s"
            print(f"  {name:16} {seconds:6.2f} s   {rates}   CPU {cpu[name]:6.2f} s ({total / cpu[name]:.0f}/CPU-s)")
        one, two = medians["dask, 1 worker"], medians["dask, 2 workers"]
        print(f"  2 workers / 1 worker: {one / two:.2f}x as fast")
        print(f"  backpain assess / dask 2 workers: {two / medians['backpain assess']:.2f}x as fast")
        if not (work / "o1").is_dir() or len((work / "api.jsonl").read_text(encoding="utf-8").splitlines()) != total:
            raise SystemExit("bench_dask: a command did not write every line")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
