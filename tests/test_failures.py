"""failures.py: every failure becomes a message and an exit status; signals stop like Ctrl-C."""

from __future__ import annotations

import pytest

from backpain_cli import failures
from backpain_cli.errors import AnswerFileError, ExitCode, Problem


@pytest.mark.parametrize(
    ("raised", "code", "stderr"),
    [
        (AnswerFileError([Problem("no such file", source="a.yaml")]), ExitCode.BAD_INPUT, "a.yaml: no such file"),
        (KeyboardInterrupt(), ExitCode.INTERRUPTED, "backpain: stopped."),
        (RuntimeError("secret answer"), ExitCode.INTERNAL, "internal error (RuntimeError)"),
    ],
)
def test_guard_maps_each_failure_to_its_exit_status(
    raised: BaseException,
    code: ExitCode,
    stderr: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("BACKPAIN_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info, failures.guard():
        raise raised
    assert exit_info.value.code == int(code)
    err = capsys.readouterr().err
    assert stderr in err and "secret answer" not in err and "Traceback" not in err


def test_guard_lets_a_clean_exit_through() -> None:
    with pytest.raises(SystemExit) as exit_info, failures.guard():
        raise SystemExit(0)
    assert exit_info.value.code == 0


@pytest.mark.parametrize(
    ("raised", "code", "stderr"),
    [
        (OSError(28, "No space left on device", "/dev/full"), ExitCode.BAD_INPUT, "/dev/full: No space left on device"),
        (OSError("no reason given"), ExitCode.BAD_INPUT, "backpain: error: no reason given"),
        (failures.Terminated(15), 143, "backpain: stopped."),
        (failures.Terminated(1), 129, "backpain: stopped."),
    ],
)
def test_guard_maps_environment_failures_and_signals(
    raised: BaseException, code: int, stderr: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info, failures.guard():
        raise raised
    assert exit_info.value.code == int(code) and stderr in capsys.readouterr().err


def test_guard_stops_quietly_when_the_reader_goes_away(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info, failures.guard():
        raise BrokenPipeError
    assert exit_info.value.code == 141 and capsys.readouterr().err == ""


def test_a_bug_is_re_raised_for_debugging(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKPAIN_DEBUG", "1")
    with pytest.raises(RuntimeError), failures.guard():
        raise RuntimeError("see me")


def test_prepare_process_turns_sigterm_into_a_calm_stop(monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        failures.prepare_process()
        handler = signal.getsignal(signal.SIGTERM)
        assert callable(handler)
        with pytest.raises(failures.Terminated) as stop:
            handler(signal.SIGTERM, None)
        assert stop.value.signum == signal.SIGTERM
    finally:
        for signum, previous in saved.items():
            signal.signal(signum, previous)
