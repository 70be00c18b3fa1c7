"""Benchmarks for start-up and batch speed (issue 2). Reports medians and ratios; never a test.

Run:  python benchmarks/bench_cli.py [--runs 15] [--files 5000]

Compares `backpain --help` and `backpain assess --answers one.json --format json` with a minimal
typer + pydantic app that reads, validates and prints one file (the baseline the issue names), and
measures batch throughput over a folder of generated answer files with --format jsonl.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from backpain_cli.answers import ANSWER_KEYS, SYMPTOM_KEYS

BASELINE = """
import json, sys
from typing import Literal, Optional
import typer
from pydantic import BaseModel, ConfigDict

YN = Optional[Literal["yes", "no", "unsure"]]

class Answers(BaseModel):
    model_config = ConfigDict(extra="forbid")
{fields}

app = typer.Typer()

@app.command()
def main(path: str) -> None:
    data = Answers.model_validate(json.loads(open(path).read()))
    print(json.dumps(data.model_dump()))

app()
"""

SYMPTOMS = tuple(key for key in ANSWER_KEYS if key in SYMPTOM_KEYS)  # the yes/no/unsure questions


# "typical": most people answer most warning-sign questions "no" (8% yes, 3% not sure each).
# "dense": one answer in three is yes or not sure, so most files fire several rules: a worst case.
DISTRIBUTIONS = {"typical": (0.08, 0.03), "dense": (1 / 6, 1 / 6)}


def answer_set(rng: random.Random, kind: str = "dense") -> dict[str, object]:
    p_yes, p_unsure = DISTRIBUTIONS[kind]

    def pick() -> str:
        r = rng.random()
        return "yes" if r < p_yes else "unsure" if r < p_yes + p_unsure else "no"

    data: dict[str, object] = {k: pick() for k in SYMPTOMS}
    age = rng.randint(16, 95)
    data.update(
        age=age,
        pain_weeks=rng.randint(0, 60),
        pain_area=rng.choice(["lower_back", "mid_back", "both"]),
        pain_score=rng.randint(0, 10),
        previous_imaging=[rng.choice(["none", "xray", "mri"])],
    )
    return data


def timed(cmd: list[str], runs: int, stdout: int | None = subprocess.DEVNULL) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=stdout, stderr=subprocess.DEVNULL, check=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--files", type=int, default=5000)
    args = parser.parse_args()
    py = sys.executable
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        fields = "\n".join(f"    {k}: YN = None" for k in SYMPTOMS)
        fields += "\n    age: Optional[int] = None\n    pain_weeks: Optional[int] = None\n"
        fields += "    pain_area: Optional[str] = None\n    pain_score: Optional[int] = None\n"
        fields += "    previous_imaging: Optional[list[str]] = None"
        (folder / "baseline.py").write_text(BASELINE.format(fields=fields))
        one = folder / "one.json"
        one.write_text(json.dumps(answer_set(rng)))

        rows = []
        base_help = timed([py, str(folder / "baseline.py"), "--help"], args.runs)
        ours_help = timed([py, "-m", "backpain_cli", "--help"], args.runs)
        rows.append(("--help", ours_help, base_help))
        base_one = timed([py, str(folder / "baseline.py"), str(one)], args.runs)
        ours_one = timed([py, "-m", "backpain_cli", "assess", "--answers", str(one), "--format", "json"], args.runs)
        rows.append(("assess one.json --format json", ours_one, base_one))
        print(f"start-up, median of {args.runs} runs (python {sys.version.split()[0]})")
        for name, ours, base in rows:
            print(
                f"  {name:32} backpain {ours * 1000:7.1f} ms   baseline {base * 1000:7.1f} ms   "
                f"ratio {ours / base:.2f}x"
            )

        for kind, suffix in (("typical", ".json"), ("dense", ".json"), ("typical", ".yaml"), ("dense", ".yaml")):
            batch = folder / f"batch-{kind}{suffix}"
            batch.mkdir()
            for i in range(args.files):
                data = answer_set(rng, kind)
                text = (
                    json.dumps(data)
                    if suffix == ".json"
                    else "".join(f"{k}: {json.dumps(v)}\n" for k, v in data.items())
                )
                (batch / f"{i:05d}{suffix}").write_text(text)
            cmd = [py, "-m", "backpain_cli", "assess", "--answers", str(batch), "--format", "jsonl"]
            total = timed(cmd, max(3, args.runs // 5))
            rate = args.files / total
            print(
                f"batch {args.files} {kind:7} {suffix:5} files: median {total:.2f} s including start-up, "
                f"{rate:,.0f} files/s"
            )


if __name__ == "__main__":
    main()
