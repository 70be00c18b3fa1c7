"""Start-up stays light: the fast paths never import the interactive prompt libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("questionary", "prompt_toolkit")

PROBE = """
import sys
from backpain_cli.cli import main
sys.argv = ["backpain", *{args!r}]
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
sys.stderr.write("LOADED=" + ",".join(heavy) + "\\n")
"""


def loaded_modules(args: list[str], stdin: str | None = None) -> tuple[list[str], str]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args, heavy=HEAVY)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    line = next(x for x in proc.stderr.splitlines() if x.startswith("LOADED="))
    return [m for m in line.removeprefix("LOADED=").split(",") if m], proc.stdout


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["assess", "--help"]])
def test_help_and_version_do_not_import_prompt_libraries(args: list[str]) -> None:
    assert loaded_modules(args)[0] == []


def test_assess_json_does_not_import_prompt_libraries(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"age": 40, "fever": "no"}))
    modules, stdout = loaded_modules(["assess", "--answers", str(answers), "--format", "json"])
    assert json.loads(stdout)["urgency"]
    assert modules == []
