"""out.py: what goes to standard output, and what to standard error."""

from __future__ import annotations

from pathlib import Path

import pytest

from backpain_cli import out
from backpain_cli.errors import Problem


def test_results_go_to_stdout_and_messages_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    out.write("result\n")
    out.info("note")
    out.warning("careful")
    out.error("wrong")
    captured = capsys.readouterr()
    assert captured.out == "result\n"
    assert captured.err == "backpain: note\nbackpain: warning: careful\nbackpain: error: wrong\n"


def test_problems_are_located_and_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    out.problems([Problem("bad", source="a\x1b[2J.yaml", key="age", line=3)])
    assert capsys.readouterr().err == "backpain: error: a\\x1b[2J.yaml:3: age: bad\n"


def test_emit_writes_a_private_file_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out.emit("text\n", tmp_path / "x.txt")
    assert (tmp_path / "x.txt").read_text() == "text\n"
    assert capsys.readouterr() == ("", f"backpain: wrote {tmp_path / 'x.txt'}\n")


def test_closed_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    from backpain_cli.errors import OutputError

    monkeypatch.setattr("sys.stdout", None)
    with pytest.raises(OutputError, match="standard output is closed"):
        out.write("x")
    monkeypatch.setattr("sys.stderr", None)
    out.message("dropped, not a crash")
