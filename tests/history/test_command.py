"""``backpain history`` through typer (CliRunner), and the opt-in at the end of ``check``."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backpain_cli import terminal
from backpain_cli.cli import app
from backpain_cli.commands.check import run_check
from backpain_cli.errors import ExitCode
from backpain_cli.history.store import open_store
from backpain_cli.prompts import PlainPrompter
from backpain_cli.result_model import JsonResult
from tests.helpers import ALL_CLEAR, texts
from tests.interview_helpers import ROUTINE_SCRIPT, ScriptedStdin


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(folder: Path, name: str, case: dict[str, Any] | None = None) -> Path:
    path = folder / name
    path.write_text(json.dumps({**ALL_CLEAR, **(case or {})}), encoding="utf-8")
    return path


def add(runner: CliRunner, path: Path, date: str, *more: str) -> Any:
    return runner.invoke(app, ["history", "add", str(path), "--date", date, *more])


def three_weeks(runner: CliRunner, tmp_path: Path) -> Any:
    """Three weekly check-ins; tingling in the leg appears in the third."""
    add(runner, write(tmp_path, "1.json", {"pain_score": 6}), "2026-11-05", "-f", "json")
    add(runner, write(tmp_path, "2.json", {"pain_score": 6}), "2026-11-12", "-f", "json")
    return add(runner, write(tmp_path, "3.json", {"pain_score": 6, "leg_numbness": "yes"}), "2026-11-19", "-f", "json")


def test_add_prints_the_assessment_with_what_changed(runner: CliRunner, tmp_path: Path) -> None:
    result = three_weeks(runner, tmp_path)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    JsonResult.model_validate(data)
    history = data["history"]
    assert history["previous_check_in"] == "2026-11-12" and history["first_check_in"] == "2026-11-05"
    assert history["new"] == ["leg_numbness"] and history["resolved"] == []
    assert [p["score"] for p in history["pain_scores"]] == [6, 6, 6]
    assert history["raised"][0]["key"] == "numbness_spreading"
    assert "numbness_worsening" in [f["id"] for f in data["other_findings"] + data["red_flags"]]
    assert "kept as check-in 3 on 19 November 2026" in result.stderr


def test_the_text_summary_says_what_is_new_since_when_and_when_to_check_in(runner: CliRunner, tmp_path: Path) -> None:
    three_weeks(runner, tmp_path)
    result = add(runner, write(tmp_path, "4.json", {"leg_numbness": "yes", "leg_weakness": "yes"}), "2026-11-26")
    text = result.stdout
    assert "Since your last check-in" in text and "New since your check-in on 19 November 2026" in text
    assert "check in again on" in text.lower()


def test_html_has_an_inline_svg_chart_and_no_script(runner: CliRunner, tmp_path: Path) -> None:
    three_weeks(runner, tmp_path)
    html = add(runner, write(tmp_path, "4.json", {"pain_score": 8}), "2026-11-26", "-f", "html").stdout
    assert "<svg" in html and "<polyline" in html and "<script" not in html.lower()
    assert "19 Nov" in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_list_is_newest_first_with_what_changed(runner: CliRunner, tmp_path: Path) -> None:
    three_weeks(runner, tmp_path)
    text = runner.invoke(app, ["history"]).stdout
    lines = text.splitlines()
    numb = "new: Numbness or tingling in a leg or foot"  # in words, not the key leg_numbness
    assert "19 Nov 2026" in lines[1] and numb in lines[1] and "5 Nov 2026" in lines[3]
    rows = json.loads(runner.invoke(app, ["history", "--format", "json"]).stdout)
    assert [r["date"] for r in rows] == ["2026-11-19", "2026-11-12", "2026-11-05"]
    assert rows[0]["new"] == ["leg_numbness"] and rows[0]["pain_score"] == 6


def test_show_and_export(runner: CliRunner, tmp_path: Path) -> None:
    three_weeks(runner, tmp_path)
    shown = runner.invoke(app, ["history", "show", "3"])
    assert shown.exit_code == 0 and "Numbness or tingling in a leg or foot: Yes" in shown.stdout
    assert "rules version" in shown.stdout
    one = json.loads(runner.invoke(app, ["history", "show", "3", "-f", "json"]).stdout)
    assert one["answers"]["leg_numbness"] == "yes" and one["date"] == "2026-11-19"
    lines = runner.invoke(app, ["history", "export"]).stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [1, 2, 3]


def test_forget_says_what_it_removed(runner: CliRunner, tmp_path: Path, home: Path) -> None:
    three_weeks(runner, tmp_path)
    one = runner.invoke(app, ["history", "forget", "2"])
    assert one.exit_code == 0 and "Removed check-in 2 (12 November 2026" in one.stdout
    assert "2026-11-12" not in runner.invoke(app, ["history"]).stdout
    every = runner.invoke(app, ["history", "forget", "--all", "--yes"])
    assert every.exit_code == 0 and "Removed all 2 check-ins" in every.stdout
    assert b"leg_numbness" not in (home / "history.sqlite3").read_bytes()
    assert "No check-ins" in runner.invoke(app, ["history"]).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["history", "bogus"], "No such command 'bogus'"),
        (["history", "add"], "Missing argument 'FILE'"),
        (["history", "show"], "Missing argument 'ID'"),
        (["history", "show", "7"], "there is no check-in 7"),
        (["history", "forget"], "say which check-in"),
        (["history", "forget", "1", "--all"], "say which check-in"),
        (["history", "list", "--date", "2026-11-01"], "No such option"),
        (["history", "list", "-f", "html"], "'html' is not one of 'text', 'json', 'jsonl'"),
        (["history", "list", "extra"], "unexpected extra argument"),
        (["history", "list", "--remind", "x.ics"], "No such option"),
        (["history", "list", "--all"], "No such option"),
        (["history", "add", "a.yaml", "-f", "pdf"], "'pdf' is not one of"),
        (["history", "add", "a.yaml", "-f", "jsonl"], "gives one result"),
        (["history", "forget", "4"], "there is no check-in 4"),
    ],
)
def test_bad_usage_is_a_clear_error_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output
    if message == "No such option":  # click words it "No such option: --date" or "... '--date'." by version
        assert args[2] in result.stderr


@pytest.mark.parametrize(("date", "message"), [("1/11/2026", "a date like"), ("2027-01-01", "in the future")])
def test_a_bad_date_stores_nothing(runner: CliRunner, tmp_path: Path, home: Path, date: str, message: str) -> None:
    result = add(runner, write(tmp_path, "a.json"), date)
    assert result.exit_code == 2 and message in result.stderr and not home.exists()


def test_a_bad_answer_file_stores_nothing(runner: CliRunner, tmp_path: Path, home: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("age: 200\n")
    result = runner.invoke(app, ["history", "add", str(bad)])
    assert result.exit_code == 2 and "age" in result.stderr and not home.exists()


def test_a_broken_history_file_is_exit_2(runner: CliRunner, home: Path) -> None:
    home.mkdir()
    (home / "history.sqlite3").write_bytes(b"not sqlite" * 500)
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 2 and "history.sqlite3" in result.stderr and "Traceback" not in result.output


def test_remind_writes_a_private_calendar_file_for_the_next_check_in(runner: CliRunner, tmp_path: Path) -> None:
    ics = tmp_path / "next.ics"
    result = add(runner, write(tmp_path, "a.json"), "2026-11-20", "--remind", str(ics), "-f", "json")
    assert result.exit_code == 0
    text = ics.read_text()
    assert "BEGIN:VEVENT" in text and "DTSTART;VALUE=DATE:20261127" in text  # routine: a week later
    assert stat.S_IMODE(ics.stat().st_mode) == 0o600 and "age" not in text.lower().replace("message", "")


def test_assess_never_reads_or_writes_the_history(runner: CliRunner, tmp_path: Path, home: Path) -> None:
    three_weeks(runner, tmp_path)
    before = (home / "history.sqlite3").read_bytes()
    data = json.loads(runner.invoke(app, ["assess", "-a", str(tmp_path / "3.json"), "-f", "json"]).stdout)
    assert "history" not in data and (home / "history.sqlite3").read_bytes() == before


def check(*lines: str) -> tuple[ExitCode, str]:
    screen = io.StringIO()
    code = run_check(plain=True, prompter=PlainPrompter(texts().prompts, stdin=ScriptedStdin(lines), stdout=screen))
    return code, screen.getvalue()


def test_check_asks_to_keep_and_the_default_is_no(home: Path) -> None:
    code, screen = check(*ROUTINE_SCRIPT, "d", "n", "n", "")
    assert code == ExitCode.OK and "Keep this check-in in your history on this computer? [y/N]" in screen
    assert not home.exists()


def test_check_keeps_it_when_asked_and_says_what_changed_next_time(home: Path) -> None:
    code, screen = check(*ROUTINE_SCRIPT, "d", "n", "n", "y")
    assert code == ExitCode.OK and "Kept as check-in 1" in screen
    code, screen = check(*ROUTINE_SCRIPT, "d", "n", "n", "y")
    assert "Kept as check-in 2" in screen and "Since your last check-in" in screen
    with open_store(create=False) as store:
        assert store is not None and len(store.all()) == 2


def test_a_tampered_history_is_shown_as_text_never_as_escape_codes(runner: CliRunner, home: Path) -> None:
    with open_store() as store:
        assert store is not None
        store.add(
            dt.date(2026, 11, 1),
            {"\x1b[2J\x1b[31mred": "\x1b]0;title\x07"},
            urgency="routine",
            imaging="none",
            rules_version="r",
        )
    shown = runner.invoke(app, ["history", "show", "1"])
    assert shown.exit_code == 0 and "\x1b" not in shown.stdout and "\x07" not in shown.stdout


def test_export_as_one_json_list_and_forget_all_with_nothing_kept(runner: CliRunner, tmp_path: Path) -> None:
    assert json.loads(runner.invoke(app, ["history", "export", "-f", "json"]).stdout) == []
    assert "Nothing was removed" in runner.invoke(app, ["history", "forget", "--all"]).stdout  # nothing to ask
    three_weeks(runner, tmp_path)
    assert [c["id"] for c in json.loads(runner.invoke(app, ["history", "export", "-f", "json"]).stdout)] == [1, 2, 3]


def test_on_a_terminal_the_listing_ends_with_the_pain_chart(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    three_weeks(runner, tmp_path)
    monkeypatch.setattr(terminal, "stdout_is_terminal", lambda: True)
    text = runner.invoke(app, ["history"]).stdout
    assert "Your pain score over time" in text and text.count("█") >= 3 * 12


def test_check_shows_the_new_summary_when_the_history_makes_it_more_urgent(
    runner: CliRunner, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Last week no numbness; today numbness in the leg: new since then, so it counts as getting worse.
    add(runner, write(tmp_path, "old.json", {"leg_pain_below_knee": "yes"}), "2026-11-19")
    today = write(
        tmp_path, "today.json", {"leg_pain_below_knee": "yes", "leg_numbness": "yes", "leg_symptoms_weeks": 2}
    )
    screen = io.StringIO()
    # k: skip the PEG offered at the end of the walk (issue 22)
    ask = PlainPrompter(texts().prompts, stdin=ScriptedStdin(["k", "d", "n", "n", "y"]), stdout=screen)
    assert run_check(answers=today, plain=True, prompter=ask) == ExitCode.OK
    assert "your answers point to more urgent care" in screen.getvalue()
    printed = " ".join(capsys.readouterr().out.split())
    assert "New since your check-in on 19 November 2026" in printed
    assert printed.count("YOUR BACK PAIN SUMMARY") == 2


HOSTILE = {"urgency": "\x1b[2J\x1b[31memergency", "imaging": "mri\x9b2J", "rules_version": "\u202er1\x07"}
RAW = ("\x1b", "\x9b", "\u202e", "\x07")


def _hand_edit(home: Path) -> None:
    """What a person (or another program) may write into the file: rows no backpain ever wrote."""
    db = sqlite3.connect(home / "history.sqlite3", isolation_level=None)
    db.execute(
        "UPDATE checkins SET urgency = ?, imaging = ?, rules_version = ?, answers = ? WHERE id = 1",
        (*HOSTILE.values(), json.dumps({"pain_score": "\x1b[5m9", "leg_numbness": "no"})),
    )
    db.close()


@pytest.mark.parametrize(
    "args",
    [
        ["history"],
        ["history", "-f", "json"],
        ["history", "-f", "jsonl"],
        ["history", "show", "1"],
        ["history", "show", "1", "-f", "json"],
        ["history", "export"],
        ["history", "export", "-f", "json"],
        ["history", "add", "{today}", "-f", "json"],
        ["history", "add", "{today}", "-f", "text"],
        ["history", "add", "{today}", "-f", "markdown"],
        ["history", "add", "{today}", "-f", "html"],
        ["history", "add", "{today}", "-f", "rich"],
        ["history", "forget", "1"],
    ],
    ids=" ".join,
)
def test_hand_edited_rows_reach_no_terminal_as_escape_codes(
    runner: CliRunner, tmp_path: Path, home: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Urgency, imaging, rules version and answers as stored: shown as text, in every format."""
    add(runner, write(tmp_path, "1.json", {"pain_score": 6}), "2026-11-05")
    add(runner, write(tmp_path, "2.json", {"pain_score": 5}), "2026-11-12")
    _hand_edit(home)
    monkeypatch.setattr(terminal, "stdout_is_terminal", lambda: True)  # the listing's chart too
    today = write(tmp_path, "today.json", {"pain_score": 4})
    result = runner.invoke(app, [a.format(today=today) for a in args])
    assert result.exit_code == 0, result.output
    for raw in RAW:
        assert raw not in result.stdout and raw not in result.stderr, (raw, result.stdout)
    if args in (["history"], ["history", "show", "1"]):
        assert "\\x1b[2J\\x1b[31memergency" in result.stdout and "mri\\x9b2J" in result.stdout
    if args[-1] == "json" and args[1] == "add":
        data = json.loads(result.stdout)
        JsonResult.model_validate(data)  # an urgency that is not one of the four is unknown, not copied
        assert [p["urgency"] for p in data["history"]["pain_scores"]] == [None, "routine", "routine"]


# ---------------------------------------------------------------------------- forget --all asks first


def test_forget_all_without_a_terminal_needs_yes_and_removes_nothing(
    runner: CliRunner, tmp_path: Path, home: Path
) -> None:
    three_weeks(runner, tmp_path)
    refused = runner.invoke(app, ["history", "forget", "--all"])  # CliRunner's input is no terminal
    assert refused.exit_code == 2 and "--yes" in refused.stderr and "cannot be undone" in refused.stderr
    assert len(json.loads(runner.invoke(app, ["history", "-f", "json"]).stdout)) == 3
    assert "Removed all 3 check-ins" in runner.invoke(app, ["history", "forget", "--all", "--yes"]).stdout


def test_forget_all_without_a_terminal_says_so_in_the_patients_language(
    runner: CliRunner, tmp_path: Path, home: Path
) -> None:
    # A Spanish-speaking tester met this refusal in English.
    from backpain_cli.bundle import load_bundle

    three_weeks(runner, tmp_path)
    refused = runner.invoke(app, ["history", "forget", "--all", "--lang", "es"])
    said = " ".join(refused.stderr.split())
    assert refused.exit_code == 2 and load_bundle(language="es").texts.history.forget_all_needs_terminal in said
    assert "--yes" in said and "cannot be undone" not in said


@pytest.mark.parametrize(("typed", "kept"), [("n\n", 3), ("\n", 3), ("y\n", 0), ("yes\n", 0)])
def test_forget_all_in_a_terminal_asks_and_no_is_the_default(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str, kept: int
) -> None:
    three_weeks(runner, tmp_path)
    monkeypatch.setattr(terminal, "is_interactive", lambda: True)
    monkeypatch.setenv("NO_COLOR", "1")  # plain lines: the question reads the typed line
    result = runner.invoke(app, ["history", "forget", "--all"], input=typed)
    assert result.exit_code == 0, result.output
    assert "Delete all 3 check-ins" in result.stdout and "cannot be undone" in result.stdout
    assert len(json.loads(runner.invoke(app, ["history", "-f", "json"]).stdout)) == kept
    assert ("Nothing was removed" in result.stdout) == bool(kept)


def test_forget_one_and_yes_need_no_question(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    three_weeks(runner, tmp_path)
    monkeypatch.setattr(terminal, "is_interactive", lambda: True)
    one = runner.invoke(app, ["history", "forget", "1"], input="")  # one check-in, named by its number
    assert one.exit_code == 0 and "Removed check-in 1" in one.stdout and "Delete" not in one.stdout
    every = runner.invoke(app, ["history", "forget", "--all", "--yes"], input="")
    assert every.exit_code == 0 and "Removed all 2 check-ins" in every.stdout and "Delete" not in every.stdout


@pytest.mark.slow
def test_forget_all_asks_in_a_real_terminal(tmp_path: Path, home: Path, runner: CliRunner) -> None:
    import os
    import sys

    import pexpect

    three_weeks(runner, tmp_path)
    env = {**os.environ, "TERM": "xterm-256color", "PROMPT_TOOLKIT_NO_CPR": "1", "BACKPAIN_HOME": str(home)}
    env.pop("NO_COLOR", None)

    def forget(keys: str) -> str:
        child = pexpect.spawn(
            sys.executable, ["-m", "backpain_cli", "history", "forget", "--all"], env=env, encoding="utf-8", timeout=20
        )
        child.expect_exact("Delete all 3 check-ins")
        child.send(keys)
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        return str(child.before)

    assert "Nothing was removed" in forget("y\x7f\r")  # y, then taken back: Enter gives the default, no
    assert len(json.loads(runner.invoke(app, ["history", "-f", "json"]).stdout)) == 3
    assert "Removed all 3 check-ins" in forget("y\r")
    assert json.loads(runner.invoke(app, ["history", "-f", "json"]).stdout) == []
