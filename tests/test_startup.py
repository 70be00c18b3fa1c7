"""Start-up stays light: the fast paths never import the interactive prompt libraries."""

from __future__ import annotations

import json
import os
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


# What loading the content takes: its parser (PyYAML), the loaders, the rules, the answer model.
CONTENT = (
    "yaml",
    "backpain_cli.bundle",
    "backpain_cli.content",
    "backpain_cli.questions",
    "backpain_cli.texts",
    "backpain_cli.regions",
    "backpain_cli.rules",
    "backpain_cli.answers",
)


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["assess", "--help"]])
def test_help_and_version_load_no_content(args: list[str], tmp_path: Path) -> None:
    """--help and --version name no content version, so they load none: not even the modules that could.

    Nor pydantic (the content's and the answers' models), except where typer itself uses it to read a
    command's options (``assess --help``).
    """
    heavy = CONTENT if args[0] == "assess" else ("pydantic", *CONTENT)
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args, heavy=heavy)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        # A folder that is not there: it is named, never read.
        env={**os.environ, "BACKPAIN_CONTENT": str(tmp_path / "nowhere")},
    )
    line = next(x for x in proc.stderr.splitlines() if x.startswith("LOADED="))
    assert line == "LOADED=" and proc.returncode == 0
    assert ("nowhere" in proc.stdout) == (args == ["--version"])
