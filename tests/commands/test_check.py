"""run_check called directly with a scripted prompter: no typer, no terminal patching."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from backpain_cli import terminal
from backpain_cli.commands.check import run_check
from backpain_cli.errors import ExitCode, UsageError
from backpain_cli.prompts import PlainPrompter
from tests.helpers import texts
from tests.interview_helpers import CTRL_C, CTRL_D, LEGS, ROUTINE_SCRIPT, SADDLE, ScriptedStdin


def prompter(*lines: str) -> tuple[PlainPrompter, io.StringIO]:
    screen = io.StringIO()
    return PlainPrompter(texts().prompts, stdin=ScriptedStdin(lines), stdout=screen), screen


@pytest.fixture(autouse=True)
def _here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")


def test_a_full_walk_prints_the_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ask, screen = prompter(*ROUTINE_SCRIPT, "d", "n", "n")
    assert run_check(plain=True, prompter=ask) == ExitCode.OK
    assert "Section 1 of 9" in screen.getvalue()
    assert "ROUTINE: self-care for now" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []  # nothing written unless asked


def test_ctrl_c_keeps_the_answers_for_resume(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(terminal, "is_interactive", lambda: True)
    ask, _ = prompter("45", "3", CTRL_C, "y", "")
    assert run_check(plain=True, prompter=ask) == ExitCode.INTERRUPTED
    saved = (tmp_path / "backpain-answers.yaml").read_text()
    assert "age: 45" in saved and "pain_weeks: 3" in saved
    # The hint names the file by its absolute path, so it works from any folder; the command has a
    # line of its own, so a terminal breaks a long path less often and it copies whole.
    err = capsys.readouterr().err
    assert f"check --resume {tmp_path / 'backpain-answers.yaml'}" in err
    line = next(line for line in err.splitlines() if "--resume" in line)
    assert line.startswith("  ") and "backpain:" not in line


def test_ctrl_d_stops_calmly_and_offers_to_save_like_ctrl_c(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(terminal, "is_interactive", lambda: True)
    ask, screen = prompter("45", "3", CTRL_D, "y", "")
    assert run_check(plain=True, prompter=ask) == ExitCode.INTERRUPTED
    assert "Save your answers so far" in screen.getvalue()
    saved = (tmp_path / "backpain-answers.yaml").read_text()
    assert "age: 45" in saved and "pain_weeks: 3" in saved
    err = capsys.readouterr().err
    assert "backpain: stopped. Nothing was saved yet." in err
    assert f"check --resume {tmp_path / 'backpain-answers.yaml'}" in err
    assert "backpain assess" not in err  # advice for scripts has no place here


def test_end_of_input_at_the_save_offer_saves_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(terminal, "is_interactive", lambda: True)
    ask, _ = prompter("45")  # the input ends at the second question, and again at the save offer
    assert run_check(plain=True, prompter=ask) == ExitCode.INTERRUPTED
    assert capsys.readouterr().err.endswith("backpain: not saved.\n")
    assert list(tmp_path.iterdir()) == []


def test_without_a_terminal_to_ask_a_stop_offers_no_save(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ask, screen = prompter("45", CTRL_D)
    assert run_check(plain=True, prompter=ask) == ExitCode.INTERRUPTED
    assert "Save your answers so far" not in screen.getvalue()
    assert "stopped" in capsys.readouterr().err and list(tmp_path.iterdir()) == []


EMERGENCY_REMINDER = (
    "backpain: Remember: your answers point to an emergency. "
    "Get emergency care now: call 999 (or 112), or go to an emergency department."
)


@pytest.mark.parametrize("stop", [CTRL_C, CTRL_D])
def test_a_stop_after_an_emergency_warning_repeats_the_emergency_action(
    capsys: pytest.CaptureFixture[str], stop: str
) -> None:
    ask, _ = prompter(*ROUTINE_SCRIPT[:SADDLE], "y", "f", "n", stop)  # saddle numbness: yes; finish; then stop
    assert run_check(plain=True, region="uk", prompter=ask) == ExitCode.INTERRUPTED
    err = capsys.readouterr().err
    assert EMERGENCY_REMINDER in err
    assert err.index("stopped") < err.index("Remember")


def test_a_stop_at_the_emergency_choice_itself_repeats_the_emergency_action(capsys: pytest.CaptureFixture[str]) -> None:
    ask, _ = prompter(*ROUTINE_SCRIPT[:SADDLE], "y", CTRL_C)
    assert run_check(plain=True, region="uk", prompter=ask) == ExitCode.INTERRUPTED
    assert EMERGENCY_REMINDER in capsys.readouterr().err


def test_a_bug_after_an_emergency_warning_repeats_the_emergency_action(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from backpain_cli.interview import Interview

    original = Interview.ask

    def failing(self: Interview, question: object) -> object:
        if self.alerted is not None:
            raise RuntimeError("boom")
        return original(self, question)  # type: ignore[arg-type]

    monkeypatch.setattr(Interview, "ask", failing)
    monkeypatch.delenv("BACKPAIN_DEBUG", raising=False)
    ask, _ = prompter(*ROUTINE_SCRIPT[:SADDLE], "y", "f")
    assert run_check(plain=True, region="uk", prompter=ask) == ExitCode.INTERNAL
    err = capsys.readouterr().err
    assert "internal error (RuntimeError)" in err and EMERGENCY_REMINDER in err


def test_a_stop_after_a_check_today_warning_repeats_it(capsys: pytest.CaptureFixture[str]) -> None:
    # new pain in both legs, not sure about weakness (or whether it is getting worse): the GIRFT deficit is in doubt
    ask, _ = prompter(*ROUTINE_SCRIPT[:LEGS], "y", "n", "u", "1", "u", "y", CTRL_C)
    assert run_check(plain=True, region="uk", prompter=ask) == ExitCode.INTERRUPTED
    err = capsys.readouterr().err
    assert "Remember: see a doctor or nurse today." in err and "call 999 (or 112)" in err
    assert "Remember: your answers point to an emergency" not in err


def test_a_stop_without_a_warning_gives_no_emergency_advice(capsys: pytest.CaptureFixture[str]) -> None:
    ask, _ = prompter("45", CTRL_C)
    assert run_check(plain=True, region="uk", prompter=ask) == ExitCode.INTERRUPTED
    assert "Remember" not in capsys.readouterr().err


def test_without_a_terminal_and_no_prompter_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terminal, "is_interactive", lambda: False)
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


def test_a_terminal_that_reports_a_width_of_0_still_gets_the_whole_summary(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "0")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    ask, _ = prompter(*ROUTINE_SCRIPT, "d", "n", "n")
    assert run_check(prompter=ask) == ExitCode.OK  # not --plain: the Rich summary would be empty
    shown = capsys.readouterr().out
    for part in ("ROUTINE: self-care for now", "Questions to ask your doctor", "This is not a diagnosis"):
        assert part in shown


@pytest.mark.parametrize(
    ("argv0", "expected"),
    [
        ("/usr/lib/python3/site-packages/backpain_cli/__main__.py", "/opt/py/bin/python3 -m backpain_cli check"),
        ("/nowhere/venv/bin/backpain", "/nowhere/venv/bin/backpain check"),
    ],
)
def test_the_resume_hint_names_the_program_as_it_was_started(argv0: str, expected: str) -> None:
    from backpain_cli.commands.check import started_as

    assert started_as(argv0, "/opt/py/bin/python3") == expected


def test_a_relative_program_path_becomes_absolute(tmp_path: Path) -> None:
    from backpain_cli.commands.check import started_as

    # A README user runs .venv/bin/backpain and has no backpain on the PATH.
    assert started_as(".venv/bin/backpain", "/x/python") == f"{tmp_path / '.venv/bin/backpain'} check"


def test_a_stop_at_the_save_prompts_repeats_emergency_advice(capsys: pytest.CaptureFixture[str]) -> None:
    """The summary has scrolled away by then: the stop still says what to do."""
    ask, _ = prompter(*ROUTINE_SCRIPT[:SADDLE], "y", "s", CTRL_C)  # saddle numbness: yes; stop; Ctrl-C at "save?"
    assert run_check(plain=True, region="uk", prompter=ask) == ExitCode.OK
    err = capsys.readouterr().err
    assert "nothing more was saved" in err
    assert "EMERGENCY: get help now. Get emergency care now: call 999 (or 112)" in err


def test_the_summary_ends_with_the_recap_right_above_the_save_prompt(capsys: pytest.CaptureFixture[str]) -> None:
    ask, _ = prompter(*ROUTINE_SCRIPT, "d", "n", "n")
    assert run_check(plain=True, region="uk", prompter=ask) == ExitCode.OK
    lines = capsys.readouterr().out.rstrip().splitlines()
    recap = lines[lines.index("In short:") :]
    assert len(recap) <= 10  # the last lines printed: the save prompt comes right after
    text = " ".join(" ".join(recap).split())
    assert "How soon: ROUTINE: self-care for now" in text and "No scan or X-ray needed yet" in text
    assert "Call 999 (or 112)" in text
