"""The quick lane for ``assess`` (launch.py) reads a command line exactly as typer does, or leaves it to typer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from typer.testing import CliRunner

import backpain_cli.commands.assess as assess_command
from backpain_cli.cli import app
from backpain_cli.errors import ExitCode
from backpain_cli.launch import quick_assess
from tests.helpers import ALL_CLEAR

PARAMETERS = (
    *("fmt", "output", "fail_on", "content", "name", "dob", "record", "region"),
    *("lang", "clinic_lang", "accept_status"),
)


def typer_reads(args: list[str], env: dict[str, str | None]) -> dict[str, Any] | None:
    """What typer passes to run_assess for these arguments (every parameter), or None when it refuses them."""
    calls: list[dict[str, Any]] = []

    def record(answers: list[str], **options: Any) -> ExitCode:
        calls.append({"answers": list(answers), **options})
        return ExitCode.OK

    original = assess_command.run_assess
    assess_command.run_assess = record  # type: ignore[assignment]
    try:
        result = CliRunner().invoke(app, args, env=env)
    finally:
        assess_command.run_assess = original
    if not calls:
        assert result.exit_code != 0, result.output
        return None
    assert result.exit_code == 0, result.output
    return calls[0]


def quick_reads(args: list[str], env: dict[str, str | None]) -> dict[str, Any] | None:
    """What the quick lane passes to run_assess, with every parameter (None when not given)."""
    environ = {k: v for k, v in {**os.environ, **env}.items() if v is not None}
    found = quick_assess(args, environ)
    if found is None:
        return None
    return {name: None for name in PARAMETERS} | found


# Each parameter's spellings, and the values a script would give it, good ones far more often.
SPELLINGS = {
    "answers": ["--answers", "-a"],
    "format": ["--format", "-f"],
    "output": ["--output", "-o"],
    "fail_on": ["--fail-on"],
    "name": ["--name"],
    "dob": ["--dob"],
    "record": ["--record"],
    "region": ["--region"],
    "lang": ["--lang"],
    "clinic_lang": ["--clinic-lang"],
    "content": ["--content"],
    "accept_status": ["--accept-status"],
}
ODD_TOKENS = ["--help", "--answers=a.json", "-fjson", "-x", "--", "--formats", "-A", "--Format", "-", ""]
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8)
ANY = st.sampled_from(["a.json", "out.html", "uk", "1970-01-01", "J. Smith", "/tmp", "ä ö", "a b.json"])
ODD = st.sampled_from(["-", "", "--help", "-a", "-x"]) | TEXT
VALUES = {
    "answers": st.one_of(ANY, ANY, ANY, st.just("-"), ODD),
    "format": st.one_of(
        *[st.sampled_from(["json", "JSON", "Jsonl", "text", "rich", "fhir", "html", "markdown", "HTML"])] * 4,
        st.sampled_from(["xml", "jsön", "\uff4a\uff53\uff4f\uff4e", "JSONL ", "mar\u212adown"]) | ODD,
    ),
    "accept_status": st.one_of(
        *[st.sampled_from(["stopped", "entered-in-error", "Stopped", "ENTERED-IN-ERROR"])] * 4,
        st.sampled_from(["completed", "stoped", "\u017ftopped"]) | ODD,
    ),
    "fail_on": st.one_of(
        *[st.sampled_from(["urgent", "URGENT", "Emergency", "soon", "routine", "urgenT"])] * 4,
        st.sampled_from(["never", "\u017foon", "ROUT\u0130NE"]) | ODD,  # long s, dotted capital I
    ),
}


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """Mostly command lines a script would type, some with an odd token or an option twice."""
    names = draw(st.lists(st.sampled_from(list(SPELLINGS)), max_size=6, unique=True))
    if "accept_status" in names and draw(st.booleans()):
        names.append("accept_status")  # repeatable, as --answers is
    args = ["assess"]
    for name in ["answers", *names]:
        args += [draw(st.sampled_from(SPELLINGS[name])), draw(VALUES.get(name, st.one_of(ANY, ANY, ANY, ODD)))]
    if draw(st.integers(0, 5)) == 0:  # one odd token somewhere
        args.insert(draw(st.integers(1, len(args))), draw(st.sampled_from(ODD_TOKENS)))
    return args


@given(
    args=command_lines(),
    region=st.sampled_from([None, "", "nz"]),
    content=st.sampled_from([None, "", "/nonexistent-content"]),
)
def test_the_quick_lane_reads_what_typer_reads(args: list[str], region: str | None, content: str | None) -> None:
    env = {"BACKPAIN_REGION": region, "BACKPAIN_CONTENT": content}
    quick = quick_reads(args, env)
    event("quick lane" if quick is not None else "left to typer")
    if quick is not None:  # where the quick lane takes a command line, typer takes it the same way
        assert typer_reads(args, env) == quick


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "-a", "a.json", "-f", "json"],
        ["assess", "--answers", "a.yaml", "--format", "JSONL", "--fail-on", "Urgent"],
        ["assess", "-a", "inbox/", "-a", "more.json", "-f", "jsonl", "-o", "results.jsonl"],
        ["assess", "-a", "-", "-f", "text", "--name", "J. Smith", "--dob", "1970-01-01", "--record", "A-17"],
        ["assess", "-a", "a.yaml", "--region", "uk", "--content", "/somewhere/content"],
        ["assess", "-a", "qr.json", "--accept-status", "stopped", "--accept-status", "Entered-In-Error"],
    ],
)
def test_the_quick_lane_takes_what_scripts_type_and_reads_it_as_typer_does(args: list[str]) -> None:
    quick = quick_reads(args, {})
    assert quick is not None
    assert typer_reads(args, {}) == quick


@pytest.mark.parametrize(
    "args",
    [
        ["assess"],
        ["assess", "--help"],
        ["assess", "-a", "a.json", "--help"],
        ["assess", "--answers=a.json"],
        ["assess", "-a", "a.json", "-fjson"],
        ["assess", "-a", "a.json", "-f", "json", "-f", "text"],  # typer keeps the last: left to it
        ["assess", "-a", "a.json", "-f", "xml"],
        ["assess", "-a", "a.json", "-o", "-"],
        ["assess", "-a", "a.json", "--name", ""],
        ["assess", "-a", "a.json", "extra"],
        ["--version"],
        ["check", "-a", "a.json"],
        ["history", "add", "a.json"],
    ],
)
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    assert quick_assess(args, {}) is None


def test_the_quick_lane_knows_every_option_of_assess_as_typer_declares_it() -> None:
    """A new option, spelling, flag or environment variable on ``assess`` must be taught to launch.py too."""
    import typer.main

    from backpain_cli import launch

    command = typer.main.get_command(app).commands["assess"]  # type: ignore[attr-defined]
    declared = {opt: p.name for p in command.params for opt in (*p.opts, *p.secondary_opts)}
    renamed = {"format": "fmt"}  # the cli's parameter name -> run_assess's
    assert {opt: renamed.get(name, name) for opt, name in declared.items()} == launch._OPTIONS
    assert {p.name: p.envvar for p in command.params if p.envvar} == launch._ENV
    assert [p.name for p in command.params if p.multiple] == ["answers", "accept_status"]
    assert not any(p.is_flag or p.nargs != 1 for p in command.params)


def test_shell_completion_is_left_to_typer() -> None:
    assert quick_assess(["assess", "-a", "a.json"], {"_BACKPAIN_COMPLETE": "bash_complete"}) is None


PROBE = """
import sys
from backpain_cli.{module} import main
sys.argv = ["backpain", *{args!r}]
try:
    main()
finally:
    sys.stderr.write("TYPER=" + str("typer" in sys.modules) + "\\n")
"""


def run(module: str, args: list[str], cwd: Path) -> tuple[int, str, str, bool]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module, args=args)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=cwd,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1795651200"},
    )
    err, _, typer_line = proc.stderr.rstrip("\n").rpartition("\n")
    return proc.returncode, proc.stdout, err, typer_line == "TYPER=True"


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "-a", "a.json", "-f", "json"],
        ["assess", "-a", "odd.yaml", "-f", "text", "--fail-on", "soon"],
        ["assess", "-a", "inbox", "-f", "jsonl", "--fail-on", "emergency"],
        ["assess", "-a", "broken.json", "-f", "json"],
        ["assess", "-a", "missing.yaml", "-f", "json"],
    ],
)
def test_the_console_script_answers_as_typer_does_without_loading_it(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({**ALL_CLEAR, "fever": "yes", "iv_drug_use": "yes"}))
    (tmp_path / "odd.yaml").write_text("age: 70\nmorning_stiffness: no\nbetter_with_exercise: yes\n")
    (tmp_path / "broken.json").write_text('{"age": 40, "fever": "maybe"}')
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "1.json").write_text(json.dumps(ALL_CLEAR))
    (inbox / "2.yaml").write_text("age: 12\n")
    (inbox / "3.json").write_text(json.dumps({**ALL_CLEAR, "saddle_numbness": "yes"}))
    quick = run("launch", args, tmp_path)
    typer = run("cli", args, tmp_path)
    assert quick[:3] == typer[:3]
    assert quick[3] is False and typer[3] is True
    assert quick[1] or quick[2]  # something was said


def test_assessing_files_makes_no_reference_cycles(tmp_path: Path) -> None:
    """launch.py runs with the cycle collector off: good, odd and broken files alike must leave no cycles.

    In a fresh process, as the command runs (a test process holds other tests' garbage and caches).
    """
    (tmp_path / "broken.yaml").write_text("age: [1\n")
    (tmp_path / "bad.json").write_text('{"age": 12, "fevr": "yes", "age": 13}')
    (tmp_path / "odd.yaml").write_text("age: 70\nmorning_stiffness: no\nbetter_with_exercise: yes\n")
    (tmp_path / "old.yaml").write_text("BP1|1999.1|age=40\n")
    vignettes = sorted((Path(__file__).parent / "vignettes" / "cases").iterdir())
    sources = [str(p) for p in [*vignettes, *sorted(tmp_path.iterdir()), tmp_path / "missing.json"]]
    probe = (
        "import datetime, gc, sys\n"
        "from backpain_cli import batch\n"
        "from backpain_cli.bundle import load_bundle\n"
        "sources = sys.argv[1:]\n"
        "list(batch.run_batch(sources[:1], bundle=load_bundle(), today=datetime.date(2026, 11, 26), workers=1))\n"
        "gc.collect()\n"
        "gc.disable()\n"
        "lines = [batch.assess_line(source) for source in sources]\n"
        "print(gc.collect(), sum(line.urgency is None for line in lines))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe, *sources], capture_output=True, text=True, timeout=60, check=True
    )
    assert proc.stdout.split() == ["0", "3"]  # no cycles; broken, bad and missing
