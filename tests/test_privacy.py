"""Privacy: answers stay where the user put them. Nothing lands in home or temp folders, no answer in errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import ALL_CLEAR


def run_isolated(tmp_path: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run backpain with HOME and TMPDIR pointing at empty folders we can inspect afterwards."""
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir(exist_ok=True)
    temp.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(temp), "XDG_CACHE_HOME": str(home / ".cache")}
    return subprocess.run(
        [sys.executable, "-m", "backpain_cli", *args], input=stdin, capture_output=True, text=True, env=env,
        cwd=tmp_path, timeout=60, check=False,
    )  # fmt: skip


def leftovers(tmp_path: Path) -> list[Path]:
    return [p for folder in ("home", "tmp") for p in (tmp_path / folder).rglob("*")]


def test_assess_writes_nothing_anywhere_unless_asked(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({**ALL_CLEAR, "saddle_numbness": "yes"}))
    before = sorted(tmp_path.iterdir())
    for fmt in ("json", "text", "html", "markdown"):
        result = run_isolated(tmp_path, "assess", "--answers", str(answers), "--format", fmt)
        assert result.returncode == 0, result.stderr
    assert leftovers(tmp_path) == []
    assert sorted(p for p in tmp_path.iterdir() if p.name not in ("home", "tmp")) == before


def test_stdin_answers_leave_no_trace(tmp_path: Path) -> None:
    result = run_isolated(tmp_path, "assess", "--answers", "-", "--format", "json", stdin='{"age": 40, "fever": "yes"}')
    assert result.returncode == 0
    assert leftovers(tmp_path) == []


def test_batch_with_workers_leaves_no_trace(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(220):  # enough to use the worker processes
        (folder / f"{i:03d}.json").write_text(json.dumps({**ALL_CLEAR, "age": 20 + i % 80}))
    result = run_isolated(tmp_path, "assess", "--answers", str(folder), "--format", "jsonl")
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 220
    assert leftovers(tmp_path) == []


def test_errors_name_keys_but_never_echo_other_answers(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("saddle_numbness: yes\nbladder_change: yes\nfevr: yes\n")
    result = run_isolated(tmp_path, "assess", "--answers", str(answers))
    assert result.returncode == 2
    assert "fevr" in result.stderr
    assert "saddle_numbness" not in result.stderr and "bladder_change" not in result.stderr


def test_pydantic_plugins_never_see_the_answers() -> None:
    """A pydantic plugin (for example an observability hook) would see every validated answer."""
    probe = "import backpain_cli, os; print(os.environ.get('PYDANTIC_DISABLE_PLUGINS'))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "1"
