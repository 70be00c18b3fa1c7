"""Start-up: ``backpain assess`` on one file, ``--version`` and ``--help``, against a bare app. Never a test.

Run:  .venv/bin/python benchmarks/bench_cli.py [--runs 15]

The bare app (the baseline issues 2 and 18 name) is typer + pydantic reading one JSON answer file,
validating it with a model of the same fields and printing it as JSON: what any Python command
line with those libraries pays to do the same parse and print. A second bare app also imports
PyYAML and parses the file with it (the issue's "typer + pydantic + PyYAML"), for reading the table.
Every command runs as a fresh process, all of them side by side in each round (timing.py), and
the table shows medians and the ratio to the bare app. Target (issue 18): ``assess`` within 1.3x.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

from timing import backpain_command, bench_env, interleaved, machine_line

from backpain_cli.answers import ANSWER_KEYS, SYMPTOM_KEYS

BASELINE = """
import json, sys
from typing import Literal, Optional
import typer
from pydantic import BaseModel, ConfigDict
{yaml_import}
YN = Optional[Literal["yes", "no", "unsure"]]

class Answers(BaseModel):
    model_config = ConfigDict(extra="forbid")
{fields}

app = typer.Typer()

@app.command()
def main(path: str) -> None:
    data = Answers.model_validate({parse})
    print(json.dumps(data.model_dump()))

app()
"""

SYMPTOMS = tuple(key for key in ANSWER_KEYS if key in SYMPTOM_KEYS)  # the yes/no/unsure questions


def answer_set(rng: random.Random) -> dict[str, object]:
    """One person's answers: one in three yes or not sure, so several rules fire (a worst case)."""
    data: dict[str, object] = {k: rng.choice(["yes", "unsure", "no", "no", "no", "no"]) for k in SYMPTOMS}
    data.update(
        age=rng.randint(16, 95),
        pain_weeks=rng.randint(0, 60),
        pain_area=rng.choice(["lower_back", "mid_back", "both"]),
        pain_score=rng.randint(0, 10),
        previous_imaging=[rng.choice(["none", "xray", "mri"])],
    )
    return data


def write_baselines(folder: Path) -> tuple[Path, Path]:
    fields = "\n".join(f"    {k}: YN = None" for k in SYMPTOMS)
    fields += "\n    age: Optional[int] = None\n    pain_weeks: Optional[int] = None\n"
    fields += "    pain_area: Optional[str] = None\n    pain_score: Optional[int] = None\n"
    fields += "    previous_imaging: Optional[list[str]] = None"
    plain, with_yaml = folder / "bare_app.py", folder / "bare_app_yaml.py"
    plain.write_text(BASELINE.format(fields=fields, yaml_import="", parse="json.loads(open(path).read())"))
    with_yaml.write_text(
        BASELINE.format(
            fields=fields, yaml_import="import yaml", parse="yaml.load(open(path).read(), Loader=yaml.CSafeLoader)"
        )
    )
    return plain, with_yaml


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="rounds; each runs every command once (median reported)")
    args = parser.parse_args()
    py, backpain = sys.executable, backpain_command()
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        folder = Path(tmp)
        plain, with_yaml = write_baselines(folder)
        data = answer_set(random.Random(7))
        one_json, one_yaml = folder / "one.json", folder / "one.yaml"
        one_json.write_text(json.dumps(data))
        one_yaml.write_text("".join(f"{k}: {json.dumps(v)}\n" for k, v in data.items()))
        commands = {
            "bare app: typer + pydantic, one.json": [py, str(plain), str(one_json)],
            "bare app + PyYAML parse, one.json": [py, str(with_yaml), str(one_json)],
            "backpain assess -a one.json -f json": [*backpain, "assess", "-a", str(one_json), "-f", "json"],
            "backpain assess -a one.yaml -f json": [*backpain, "assess", "-a", str(one_yaml), "-f", "json"],
            "backpain --version": [*backpain, "--version"],
            "backpain --help": [*backpain, "--help"],
            "python -c pass": [py, "-c", "pass"],
        }
        samples = interleaved(commands, args.runs, bench_env(folder))

    bare = samples["bare app: typer + pydantic, one.json"]
    base, base_cpu = bare.median, bare.cpu_median or 1.0
    print(f"## Start-up: median of {args.runs} rounds, every command once a round\n")
    print(machine_line() + "\n")
    print("| command | wall ms | ratio to the bare app | CPU ms | CPU ratio |")
    print("|---|---:|---:|---:|---:|")
    for name, sample in samples.items():
        cpu = sample.cpu_median or 0.0
        print(
            f"| {name} | {sample.median * 1000:.1f} | {sample.median / base:.2f}x "
            f"| {cpu * 1000:.1f} | {cpu / base_cpu:.2f}x |"
        )
    print(
        "\nTarget (issue 18): backpain assess -a one.json -f json within 1.3x the bare app. CPU is user +"
        " system time: on a busy machine it moves less than the wall time does."
    )


if __name__ == "__main__":
    main()
