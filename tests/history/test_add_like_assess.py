"""``history`` in words, no reminder in the past, and ``history add`` printing as ``assess`` does (issue 24)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backpain_cli.cli import app
from tests.helpers import ALL_CLEAR, bank, texts
from tests.history.test_command import add, three_weeks, write


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_the_listing_says_what_changed_in_words(runner: CliRunner, tmp_path: Path) -> None:
    add(runner, write(tmp_path, "1.json", {"night_pain": "yes"}), "2026-11-05")
    add(runner, write(tmp_path, "2.json", {"leg_numbness": "yes", "fever": "yes"}), "2026-11-12")
    listing = runner.invoke(app, ["history"]).stdout
    numb, fever, night = (bank().get(k).short for k in ("leg_numbness", "fever", "night_pain"))
    assert f"new: {numb}, {fever}; gone: {night}" in listing
    assert "leg_numbness" not in listing and "night_pain" not in listing  # was "new: leg_numbness"
    rows = json.loads(runner.invoke(app, ["history", "-f", "json"]).stdout)
    assert rows[0]["new"] == ["leg_numbness", "fever"]  # the JSON keeps the keys (CONTRACT)


def test_on_a_terminal_what_changed_wraps_under_its_own_column(runner: CliRunner, tmp_path: Path) -> None:
    # A Spanish tester at 80 columns: "qué cambió" ran to 300 characters and the terminal broke "Fiebr|e".
    from backpain_cli.commands.history import _listing, _rows, open_history

    add(runner, write(tmp_path, "1.json", {"night_pain": "yes", "weight_loss": "yes"}), "2026-11-05")
    add(runner, write(tmp_path, "2.json", {"leg_numbness": "yes", "fever": "yes", "leg_weakness": "yes"}), "2026-11-12")
    with open_history(create=False, write=False) as store:
        assert store is not None
        rows = _rows(store.all())
    whole = _listing(rows, texts(), bank())
    wrapped = _listing(rows, texts(), bank(), 80)
    assert max(len(line) for line in whole.splitlines()) > 80  # the sentence the terminal broke
    lines = wrapped.splitlines()
    assert max(len(line) for line in lines) < 80 and len(lines) > len(whole.splitlines())
    column = lines[0].index(texts().history.listing_header.changed)
    continued = [line for line in lines[1:] if not line[:column].strip()]
    assert continued and all(line[column] != " " for line in continued)  # under its own column
    assert " ".join(" ".join(lines).split()) == " ".join(" ".join(whole.splitlines()).split())  # every word whole


def test_show_gives_each_answer_in_words_in_the_order_asked(runner: CliRunner, tmp_path: Path) -> None:
    three_weeks(runner, tmp_path)
    shown = runner.invoke(app, ["history", "show", "3"]).stdout
    assert f"{bank().get('leg_numbness').short}: Yes" in shown and "leg_numbness" not in shown
    age = bank().get("age")
    assert f"{age.short}: {texts().answer_text(age, ALL_CLEAR['age'])}" in shown  # "Age: 40 years"
    assert shown.index(bank().get("age").short) < shown.index(bank().get("leg_numbness").short)


def test_a_back_dated_check_in_writes_no_reminder_for_a_day_gone_by(runner: CliRunner, tmp_path: Path) -> None:
    ics = tmp_path / "next.ics"
    # Today is 2026-11-26 (tests/history/conftest.py); a routine check-in on 1 November is due again on the 8th.
    result = add(runner, write(tmp_path, "a.json"), "2026-11-01", "--remind", str(ics), "-f", "json")
    assert result.exit_code == 0, result.output
    assert not ics.exists()
    assert texts().history.reminder_past.format(date="8 November 2026") in " ".join(result.stderr.split())
    json.loads(result.stdout)  # the assessment is printed all the same


def test_a_reminder_for_a_day_still_ahead_is_written(runner: CliRunner, tmp_path: Path) -> None:
    ics = tmp_path / "next.ics"
    result = add(runner, write(tmp_path, "a.json"), "2026-11-26", "--remind", str(ics), "-f", "json")
    assert result.exit_code == 0 and "DTSTART;VALUE=DATE:20261203" in ics.read_text()


def test_add_writes_to_a_file_like_assess(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "summary.html"
    args = ["-o", str(target), "--name", "J. S.", "--dob", "1980-02-29", "--record", "R-12"]
    result = add(runner, write(tmp_path, "a.json"), "2026-11-26", *args)
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and str(target) in result.stderr
    html = target.read_text()
    assert "J. S." in html and "29 February 1980" in html and "R-12" in html
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    # the clinician's page with every answer, as assess prints it
    alone = runner.invoke(app, ["assess", "-a", str(tmp_path / "a.json"), "-f", "html"]).stdout
    assert texts().clinic.heading in html and texts().clinic.heading in alone


def test_add_takes_the_format_from_the_output_s_ending(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "result.json"
    assert add(runner, write(tmp_path, "a.json"), "2026-11-26", "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text())["history"]["first_check_in"] == "2026-11-26"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--dob", "1996-13-45"], "--dob must be a real date"),
        (["--region", "xx", "-f", "json"], "unknown region 'xx'"),
        (["-o", "summary.pdf"], "cannot tell the format"),
    ],
)
def test_add_checks_every_option_before_keeping_anything(
    runner: CliRunner, tmp_path: Path, home: Path, extra: list[str], message: str
) -> None:
    result = add(runner, write(tmp_path, "a.json"), "2026-11-26", *extra)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output
    assert not (home / "history.sqlite3").exists()
