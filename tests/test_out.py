"""out.py: what goes to standard output, what to standard error, and the display decision."""

from __future__ import annotations

from pathlib import Path

import pytest

from backpain_cli import out
from backpain_cli.errors import AnswerFileError, ExitCode, Problem


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


@pytest.mark.parametrize(
    ("env", "flag", "expected"),
    [
        ({}, False, out.Display.RICH),
        ({}, True, out.Display.PLAIN),
        ({"NO_COLOR": "1"}, False, out.Display.PLAIN),
        ({"TERM": "dumb"}, False, out.Display.PLAIN),
        ({"NO_COLOR": ""}, False, out.Display.RICH),  # an empty NO_COLOR does not count (no-color.org)
    ],
)
def test_display(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], flag: bool, expected: out.Display) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert out.display(flag) == expected


def test_prompter_follows_the_display() -> None:
    from backpain_cli.prompts import PlainPrompter

    assert isinstance(out.prompter(out.Display.PLAIN), PlainPrompter)


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
    with pytest.raises(SystemExit) as exit_info, out.guard():
        raise raised
    assert exit_info.value.code == int(code)
    err = capsys.readouterr().err
    assert stderr in err and "secret answer" not in err and "Traceback" not in err


def test_guard_lets_a_clean_exit_through() -> None:
    with pytest.raises(SystemExit) as exit_info, out.guard():
        raise SystemExit(0)
    assert exit_info.value.code == 0


@pytest.mark.parametrize(
    ("raised", "code", "stderr"),
    [
        (OSError(28, "No space left on device", "/dev/full"), ExitCode.BAD_INPUT, "/dev/full: No space left on device"),
        (OSError("no reason given"), ExitCode.BAD_INPUT, "backpain: error: no reason given"),
        (out.Terminated(15), 143, "backpain: stopped."),
        (out.Terminated(1), 129, "backpain: stopped."),
    ],
)
def test_guard_maps_environment_failures_and_signals(
    raised: BaseException, code: int, stderr: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info, out.guard():
        raise raised
    assert exit_info.value.code == int(code) and stderr in capsys.readouterr().err


def test_guard_stops_quietly_when_the_reader_goes_away(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info, out.guard():
        raise BrokenPipeError
    assert exit_info.value.code == 141 and capsys.readouterr().err == ""


def test_a_bug_is_re_raised_for_debugging(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKPAIN_DEBUG", "1")
    with pytest.raises(RuntimeError), out.guard():
        raise RuntimeError("see me")


def test_closed_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    from backpain_cli.errors import OutputError

    monkeypatch.setattr("sys.stdout", None)
    assert out.stdout_is_terminal() is False
    with pytest.raises(OutputError, match="standard output is closed"):
        out.write("x")
    monkeypatch.setattr("sys.stderr", None)
    out.message("dropped, not a crash")


def test_a_closed_stream_is_not_a_terminal() -> None:
    import io

    stream = io.StringIO()
    stream.close()
    assert out._isatty(stream) is False


def test_prepare_process_turns_sigterm_into_a_calm_stop(monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        out.prepare_process()
        handler = signal.getsignal(signal.SIGTERM)
        assert callable(handler)
        with pytest.raises(out.Terminated) as stop:
            handler(signal.SIGTERM, None)
        assert stop.value.signum == signal.SIGTERM
    finally:
        for signum, previous in saved.items():
            signal.signal(signum, previous)
