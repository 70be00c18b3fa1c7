"""run_check called directly with a scripted prompter: no typer, no terminal patching."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from backpain_cli import out
from backpain_cli.commands.check import run_check
from backpain_cli.errors import ExitCode, UsageError
from backpain_cli.prompts import PlainPrompter
from tests.interview_helpers import CTRL_C, ROUTINE_SCRIPT, ScriptedStdin


def prompter(*lines: str) -> tuple[PlainPrompter, io.StringIO]:
    screen = io.StringIO()
    return PlainPrompter(stdin=ScriptedStdin(lines), stdout=screen), screen


@pytest.fixture(autouse=True)
def _here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")


def test_a_full_walk_prints_the_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ask, screen = prompter(*ROUTINE_SCRIPT, "d", "n", "n")
    assert run_check(plain=True, prompter=ask) == ExitCode.OK
    assert "Section 1 of 8" in screen.getvalue()
    assert "ROUTINE: self-care for now" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []  # nothing written unless asked


def test_ctrl_c_keeps_the_answers_for_resume(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(out, "is_interactive", lambda: True)
    ask, _ = prompter("45", "3", CTRL_C, "y", "")
    assert run_check(plain=True, prompter=ask) == ExitCode.INTERRUPTED
    saved = (tmp_path / "backpain-answers.yaml").read_text()
    assert "age: 45" in saved and "pain_weeks: 3" in saved
    assert "Continue with: backpain check --resume backpain-answers.yaml" in capsys.readouterr().err


def test_end_of_input_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    ask, _ = prompter("45")
    assert run_check(plain=True, prompter=ask) == ExitCode.BAD_INPUT
    assert "the input ended before the questions were finished" in capsys.readouterr().err


def test_without_a_terminal_and_no_prompter_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(out, "is_interactive", lambda: False)
    with pytest.raises(UsageError, match="needs a terminal"):
        run_check()


def test_answers_and_resume_must_agree(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not both"):
        run_check(answers=tmp_path / "a.yaml", resume=tmp_path / "b.yaml", prompter=prompter()[0])


def test_prefilled_answers_are_not_asked_again(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "pre.yaml").write_text("age: 45\npain_weeks: 3\n", encoding="utf-8")
    ask, screen = prompter(*ROUTINE_SCRIPT[2:], "d", "n", "n")
    assert run_check(answers=tmp_path / "pre.yaml", plain=True, prompter=ask) == ExitCode.OK
    assert "How old are you?" not in screen.getvalue()
