"""Benchmark for the history (issue 12): `history add` on a file of 1,000 check-ins. Never a test.

Run:  python benchmarks/bench_history.py [--runs 15] [--size 1000]

Fills a history in a temporary BACKPAIN_HOME with --size weekly check-ins (random answers), then
times `backpain history add one.json -f json` (each run adds one more check-in) against a plain
`backpain assess -a one.json -f json`, both as fresh processes, and prints the medians and ratio.
Also times the in-process part alone (open, read every check-in, assess with the history, keep).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from backpain_cli.answers import ANSWER_KEYS, SYMPTOM_KEYS


def answer_set(rng: random.Random) -> dict[str, object]:
    data: dict[str, object] = {k: rng.choice(["no"] * 10 + ["yes", "unsure"]) for k in ANSWER_KEYS if k in SYMPTOM_KEYS}
    data.update(age=rng.randint(18, 90), pain_weeks=rng.randint(0, 60), pain_score=rng.randint(0, 10))
    data["pain_area"] = "lower_back"
    data["previous_imaging"] = ["none"]
    return data


def fill(size: int, rng: random.Random) -> None:
    from backpain_cli.history.store import open_store

    start = dt.date(2026, 11, 26) - dt.timedelta(weeks=size)
    with open_store() as store:
        assert store is not None
        for i in range(size):
            store.add(
                start + dt.timedelta(weeks=i), answer_set(rng), urgency="routine", imaging="none", rules_version="b"
            )


def timed(cmd: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--size", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(12)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["BACKPAIN_HOME"] = folder
        os.environ["SOURCE_DATE_EPOCH"] = "1795651200"
        fill(args.size, rng)
        answers = Path(folder) / "one.json"
        answers.write_text(json.dumps(answer_set(rng)))
        env = dict(os.environ)
        exe = [sys.executable, "-m", "backpain_cli"]
        add = [timed([*exe, "history", "add", str(answers), "-f", "json"], env) for _ in range(args.runs)]
        plain = [timed([*exe, "assess", "-a", str(answers), "-f", "json"], env) for _ in range(args.runs)]

        from backpain_cli.assessment import assess
        from backpain_cli.bundle import load_bundle
        from backpain_cli.history.store import keep, open_store, past
        from backpain_cli.readers import read_source

        bundle = load_bundle()
        inner = []
        for _ in range(args.runs):
            began = time.perf_counter()
            given = read_source(answers, bundle).answers
            with open_store() as store:
                assert store is not None
                today = dt.date(2026, 11, 26)
                result = assess(given, bundle, today=today, history=past(store.all()))
                keep(store, result, given.answered(), today)
            inner.append(time.perf_counter() - began)
        size = (Path(folder) / "history.sqlite3").stat().st_size
    a, p = statistics.median(add), statistics.median(plain)
    print(f"history of {args.size} check-ins ({size / 1024:.0f} KiB), {args.runs} runs each, medians:")
    print(f"  backpain history add -f json : {a * 1000:7.1f} ms")
    print(f"  backpain assess -f json      : {p * 1000:7.1f} ms")
    print(f"  ratio add / assess           : {a / p:7.2f}")
    print(f"  in-process add (open, read all, assess, keep): {statistics.median(inner) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
