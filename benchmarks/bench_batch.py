"""Batch throughput against a bare read-parse-print loop. Reports medians and ratios; never a test.

Run:  .venv/bin/python benchmarks/bench_batch.py [--runs 7] [--files 5000]

The target: a folder of 5,000 JSON answer files through
``backpain assess --answers FOLDER --format jsonl > /dev/null`` at 5,000 files/s or more, and
within 3x the time of a plain Python script started fresh that, for each file in name order,
reads it, ``json.loads`` it and prints ``json.dumps`` of it as one line (the floor: what any
Python program pays to touch the same files). Both run as fresh processes with the same Python,
stdout to /dev/null, so start-up is counted in both.

Two sets of files: "typical" (every question answered, mostly "no") and "dense" (about one
answer in three is yes or unsure, so most files fire several rules: a worst case).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from backpain_cli.answers import ANSWER_KEYS, SYMPTOM_KEYS

# The bare loop (a): read, parse and print each file, nothing else.
BARE_LOOP = """\
import json, os, sys

folder = sys.argv[1]
write = sys.stdout.write
for name in sorted(os.listdir(folder)):
    with open(os.path.join(folder, name), "rb") as fh:
        data = json.loads(fh.read())
    write(json.dumps(data) + "\\n")
"""

SYMPTOMS = tuple(key for key in ANSWER_KEYS if key in SYMPTOM_KEYS)  # the yes/no/unsure questions
PAIN_AREAS = ("lower_back", "mid_back", "both")
IMAGING = ("none", "xray", "mri", "ct")

# (p_yes, p_unsure) per yes/no question.
# "typical": most people answer most warning-sign questions "no" (8% yes, 3% not sure each).
# "dense": one answer in three is yes or not sure.
DISTRIBUTIONS = {"typical": (0.08, 0.03), "dense": (1 / 6, 1 / 6)}


def answer_set(rng: random.Random, kind: str) -> dict[str, object]:
    """One person's answers: every question answered, in the order `backpain template` lists them."""
    p_yes, p_unsure = DISTRIBUTIONS[kind]

    def pick() -> str:
        r = rng.random()
        return "yes" if r < p_yes else "unsure" if r < p_yes + p_unsure else "no"

    r = rng.random()
    if r < 0.6:
        imaging = ["none"]
    elif r < 0.9:
        imaging = [rng.choice(IMAGING[1:])]
    else:
        imaging = rng.sample(IMAGING[1:], 2)
    data: dict[str, object] = {
        "age": rng.randint(16, 90),
        "pain_weeks": rng.randint(0, 60),
        "pain_area": rng.choice(PAIN_AREAS),
        "pain_score": rng.randint(0, 10),
    }
    data.update((k, pick()) for k in SYMPTOMS)
    data["previous_imaging"] = imaging
    return data


def write_set(folder: Path, kind: str, files: int, seed: int) -> None:
    rng = random.Random(seed)
    folder.mkdir()
    for i in range(files):
        (folder / f"{i:05d}.json").write_text(json.dumps(answer_set(rng, kind), indent=2) + "\n")


def timed(cmd: list[str], runs: int) -> float:
    """Median wall time of ``cmd`` as a fresh process, stdout (and any warnings) to /dev/null."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def backpain_command() -> list[str]:
    """The console script next to this Python (as a user runs it), else ``python -m backpain_cli``."""
    script = Path(sys.executable).parent / "backpain"
    if script.is_file():
        return [str(script)]
    found = shutil.which("backpain")
    return [found] if found else [sys.executable, "-m", "backpain_cli"]


def check_output(cmd: list[str], files: int) -> None:
    """One untimed run: the command must succeed and print one line per file."""
    done = subprocess.run(cmd, capture_output=True, check=True, text=True)
    lines = done.stdout.count("\n")
    if lines != files:
        sys.exit(f"expected {files} lines from {' '.join(cmd)}, got {lines}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command (median reported)")
    parser.add_argument("--files", type=int, default=5000, help="answer files in each set")
    args = parser.parse_args()
    py = sys.executable
    backpain = backpain_command()

    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        root = Path(tmp)
        bare = root / "bare_loop.py"
        bare.write_text(BARE_LOOP)
        one = root / "one"
        write_set(one, "typical", 1, seed=1)

        rows = []
        for seed, kind in enumerate(DISTRIBUTIONS, start=7):
            folder = root / kind
            write_set(folder, kind, args.files, seed)
            bare_cmd = [py, str(bare), str(folder)]
            ours_cmd = [*backpain, "assess", "--answers", str(folder), "--format", "jsonl"]
            check_output(bare_cmd, args.files)
            check_output(ours_cmd, args.files)
            rows.append((kind, timed(bare_cmd, args.runs), timed(ours_cmd, args.runs)))

        # Start-up, for reading the table: the bare loop over a one-file folder, backpain on that file.
        bare_one = timed([py, str(bare), str(one)], args.runs)
        ours_one = timed([*backpain, "assess", "--answers", str(one / "00000.json"), "--format", "jsonl"], args.runs)

    print(f"## Batch throughput: {args.files:,} JSON answer files, median of {args.runs} fresh runs\n")
    print(f"python {sys.version.split()[0]} on {sys.platform}, os.cpu_count() = {os.cpu_count()}\n")
    print("| set | bare loop (a) s | (a) files/s | backpain assess (b) s | (b) files/s | ratio (b)/(a) |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, base, ours in rows:
        print(
            f"| {kind} | {base:.3f} | {args.files / base:,.0f} | {ours:.3f} | {args.files / ours:,.0f} "
            f"| {ours / base:.2f}x |"
        )
    print(
        f"\nStart-up (one file): bare loop {bare_one * 1000:.0f} ms, backpain assess {ours_one * 1000:.0f} ms.\n"
        "Target: (b) >= 5,000 files/s and ratio <= 3x."
    )
    if sys.flags.dont_write_bytecode:
        print(
            "Note: PYTHONDONTWRITEBYTECODE is set, so modules without a cached .pyc (an editable "
            "install's own) are compiled at every start."
        )


if __name__ == "__main__":
    main()
