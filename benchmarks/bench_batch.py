"""Batch throughput against a bare read-parse-print loop. Reports medians and ratios; never a test.

Run:  .venv/bin/python benchmarks/bench_batch.py [--runs 5] [--files 20000]

The target (issue 18): ``backpain assess --answers FOLDER --format jsonl > /dev/null`` at 5,000
files/s or more on a 2-core machine. Compared with a bare loop (a): a plain Python script started
fresh that, for each file in name order, reads it, parses it (``json.loads``, or PyYAML's C loader
for YAML) and prints ``json.dumps`` of it as one line: what any Python program pays to touch the
same files, on one core. Both run as fresh processes with the same Python, stdout to /dev/null, side
by side in each round (timing.py), so start-up is counted in both.

Three folders of --files answer files each:
- "vignettes": the 82 clinical vignettes of tests/vignettes/cases (72 YAML, 10 JSON, commented,
  some questions unanswered), copied over and over: the realistic folder;
- "typical" (JSON, every question answered, mostly "no") and "dense" (JSON, about one answer in
  three yes or unsure, so most files fire several rules: a worst case), generated.

CPU is user + system time of the process and its workers: on a shared machine it shows the work
done when the wall time shows the neighbours.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import backpain_command, bench_env, interleaved, machine_line

from backpain_cli.answers import ANSWER_KEYS, SYMPTOM_KEYS

VIGNETTES = Path(__file__).resolve().parent.parent / "tests" / "vignettes" / "cases"

# The bare loop (a): read, parse and print each file, nothing else.
BARE_LOOP = """\
import json, os, sys

folder = sys.argv[1]
write = sys.stdout.write
yaml = None
for name in sorted(os.listdir(folder)):
    with open(os.path.join(folder, name), "rb") as fh:
        raw = fh.read()
    if name.endswith(".json"):
        data = json.loads(raw)
    else:
        if yaml is None:
            import yaml
        data = yaml.load(raw, Loader=yaml.CSafeLoader)
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


def copy_vignettes(folder: Path, files: int) -> None:
    """The vignettes copied over and over until there are ``files`` of them (names keep their order)."""
    cases = sorted(VIGNETTES.iterdir())
    folder.mkdir()
    for i in range(files):
        case = cases[i % len(cases)]
        shutil.copyfile(case, folder / f"{i // len(cases):04d}-{case.name}")


def check_output(cmd: list[str], files: int) -> None:
    """One untimed run: the command must succeed and print one line per file."""
    done = subprocess.run(cmd, capture_output=True, check=True, text=True)
    lines = done.stdout.count("\n")
    if lines != files:
        sys.exit(f"expected {files} lines from {' '.join(cmd)}, got {lines}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="rounds; each runs every command once (median reported)")
    parser.add_argument("--files", type=int, default=20_000, help="answer files in each folder")
    parser.add_argument("--sets", default="vignettes,typical,dense", help="which folders, comma-separated")
    args = parser.parse_args()
    py, backpain = sys.executable, backpain_command()
    sets = args.sets.split(",")

    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        root = Path(tmp)
        bare = root / "bare_loop.py"
        bare.write_text(BARE_LOOP)
        commands = {}
        for seed, kind in enumerate(sets, start=7):
            folder = root / kind
            if kind == "vignettes":
                copy_vignettes(folder, args.files)
            else:
                write_set(folder, kind, args.files, seed)
            commands[f"{kind}: bare"] = [py, str(bare), str(folder)]
            commands[f"{kind}: backpain"] = [*backpain, "assess", "--answers", str(folder), "--format", "jsonl"]
        for cmd in commands.values():
            check_output(cmd, args.files)
        samples = interleaved(commands, args.runs, bench_env(root))

    print(f"## Batch throughput: {args.files:,} answer files a folder, median of {args.runs} rounds\n")
    print(machine_line() + "\n")
    print(
        "| folder | bare loop (a) s | (a) files/s | backpain (b) s | (b) files/s | (b) CPU s | "
        "(b) files per CPU s | ratio (b)/(a) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind in sets:
        base, ours = samples[f"{kind}: bare"], samples[f"{kind}: backpain"]
        cpu = ours.cpu_median
        print(
            f"| {kind} | {base.median:.2f} | {args.files / base.median:,.0f} | {ours.median:.2f} | "
            f"{args.files / ours.median:,.0f} | {cpu or 0:.2f} | {args.files / cpu if cpu else 0:,.0f} | "
            f"{ours.median / base.median:.2f}x |"
        )
    print("\nTarget (issue 18): (b) at 5,000 files/s or more with --format jsonl on a 2-core machine.")


if __name__ == "__main__":
    main()
