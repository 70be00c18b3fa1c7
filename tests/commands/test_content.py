"""run_content_check called directly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from backpain_cli.bundle import shipped_content_dir
from backpain_cli.commands.content import run_content_check
from backpain_cli.errors import ExitCode


def test_shipped_content_is_ok(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_content_check() == ExitCode.OK
    line = capsys.readouterr().out
    assert ": OK: 63 questions, 22 FAQ pages" in line and "10 regions" in line and "fingerprint " in line


def test_every_problem_is_listed_with_its_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "content"
    shutil.copytree(shipped_content_dir(), folder)
    (folder / "regions.yaml").write_text("default: [\n", encoding="utf-8")
    (folder / "questions.yaml").unlink()
    assert run_content_check(folder) == ExitCode.BAD_INPUT
    captured = capsys.readouterr()
    assert "questions.yaml: the question bank is missing" in captured.out
    assert "regions.yaml:" in captured.out and "not valid YAML" in captured.out
    assert captured.err.startswith("backpain: 2 problems in ")


def test_a_folder_name_with_escape_codes_is_shown_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_content_check(tmp_path / "x\x1b[31m") == ExitCode.BAD_INPUT
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out + captured.err and "\\x1b[31m" in captured.err
