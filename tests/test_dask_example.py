"""The Dask recipe (examples/dask_assess.py, issue 21) runs and gives the CLI's lines for a folder of NDJSON exports."""

from __future__ import annotations

import importlib.util
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from backpain_cli.fhir.response import build_response
from backpain_cli.readers import read_source
from tests.fhir.conftest import VIGNETTES
from tests.helpers import ALL_CLEAR, bank, bundle

EXAMPLE = Path(__file__).parent.parent / "examples" / "dask_assess.py"
EPOCH = "1795651200"


@pytest.fixture(scope="module")
def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dask_assess", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three exports: vignettes as answer mappings, the same as QuestionnaireResponses, and bad lines."""
    folder = tmp_path_factory.mktemp("exports")

    def write(name: str, lines: list[str]) -> None:
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")

    answers = [
        {k: v for k, v in read_source(p, bundle()).answers.as_dict().items() if v is not None} for p in VIGNETTES
    ]
    write("a-answers.ndjson", [json.dumps(a) for a in answers[:70]])
    write("b-responses.ndjson", [json.dumps(build_response(a, bank())) for a in answers[70:]])
    write("c-mixed.ndjson", [json.dumps(ALL_CLEAR), '{"age": 12}', "", "{broken", json.dumps({"fevr": "yes"})])
    return folder


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    env.pop("BACKPAIN_CONTENT", None)
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, check=False)


@pytest.fixture(scope="module")
def cli_lines(exports: Path) -> list[str]:
    done = run("-m", "backpain_cli", "assess", "-a", str(exports), "-f", "jsonl")
    assert done.returncode == 2  # the bad lines
    return done.stdout.splitlines()


@pytest.mark.parametrize("scheduler", ["sync", "threads"])
def test_the_bag_gives_the_clis_lines(
    example: Any, exports: Path, cli_lines: list[str], scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    options = {"num_workers": 2} if scheduler == "threads" else {}
    lines = example.assess_exports(str(exports)).compute(scheduler=scheduler, **options)
    assert len(lines) == len(VIGNETTES) + 4 and lines == cli_lines
    assert json.loads(lines[-1])["source"] == f"{exports / 'c-mixed.ndjson'}:5"


def test_the_script_prints_the_clis_lines(
    example: Any,
    exports: Path,
    cli_lines: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """main() as the command line runs it, in this process (threads): the quick run's check of the script."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert example.main([str(exports), "--scheduler", "threads", "--workers", "2"]) == 0
    assert capsys.readouterr().out.splitlines() == cli_lines


def test_the_scripts_files_are_private_in_this_process_too(
    example: Any, exports: Path, cli_lines: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--out with threads, for the quick run (the test below does it with worker processes)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    previous = os.umask(0)  # the most open umask: the files must still be the owner's only
    try:
        assert example.main([str(exports), "--scheduler", "threads", "--workers", "2", "--out", str(tmp_path)]) == 0
    finally:
        os.umask(previous)
    files = sorted(tmp_path.iterdir())
    assert "".join(f.read_text(encoding="utf-8") for f in files).splitlines() == cli_lines
    assert [stat.S_IMODE(f.stat().st_mode) for f in files] == [0o600] * 3


@pytest.mark.slow
def test_the_script_writes_one_private_file_per_export(exports: Path, cli_lines: list[str], tmp_path: Path) -> None:
    """The recipe as a network runs it: its own process, two Dask worker processes (each loading the
    content), one file per export. Slow (1.5 to 3 s): run by --full, which CI runs once."""
    out = tmp_path / "results"
    done = run(str(EXAMPLE), str(exports), "--scheduler", "processes", "--workers", "2", "--out", str(out))
    assert done.returncode == 0, done.stderr
    files = sorted(out.iterdir())
    assert [f.name for f in files] == ["a-answers.jsonl", "b-responses.jsonl", "c-mixed.jsonl"]
    assert "".join(f.read_text(encoding="utf-8") for f in files).splitlines() == cli_lines
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    assert sorted(done.stderr.splitlines()) == [
        f"{out / f.name}: {n} lines" for f, n in zip(files, (70, 69, 4), strict=True)
    ]


def test_fhir_bundles_are_the_clis(example: Any, exports: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    done = run("-m", "backpain_cli", "assess", "-a", str(exports), "-f", "fhir")
    lines = example.assess_exports(str(exports), fhir=True).compute(scheduler="sync")
    assert lines == done.stdout.splitlines() and len(lines) == len(VIGNETTES) + 1  # the bad lines left out
