"""Every option checked the same way in every format, and dates of birth checked (issue 24).

Was: ``--region xx`` refused with text but accepted silently with ``-f json``; ``--dob 1996-13-45``
printed on the clinician's page as given.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from backpain_cli.birth_date import read_dob
from backpain_cli.cli import app
from tests.helpers import ALL_CLEAR, bank, texts
from tests.interview_helpers import ROUTINE_SCRIPT

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(ALL_CLEAR), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["json", "text", "markdown", "html", "fhir"])
def test_an_unknown_region_is_refused_in_every_format(answers: Path, fmt: str) -> None:
    result = CliRunner().invoke(app, ["assess", "-a", str(answers), "-f", fmt, "--region", "xx"])
    assert result.exit_code == 2 and "unknown region 'xx'" in result.stderr and result.stdout == ""


def test_an_unknown_region_is_refused_in_a_batch_too(answers: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["assess", "-a", str(tmp_path), "--region", "xx"])
    assert result.exit_code == 2 and "unknown region 'xx'" in result.stderr


@pytest.mark.parametrize(
    ("dob", "message"),
    [
        ("1996-13-45", "must be a real date"),
        ("1996-02-30", "must be a real date"),
        ("03/04/1996", "year-month-day"),
        ("19960325", "year-month-day"),
        ("1996-W12-1", "year-month-day"),
        ("2099-01-01", "between 1900 and today"),
        ("1850-01-01", "between 1900 and today"),
        ("yesterday", "year-month-day"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_date_of_birth_that_is_no_date_is_exit_2(answers: Path, dob: str, message: str, fmt: str) -> None:
    result = CliRunner().invoke(app, ["assess", "-a", str(answers), "-f", fmt, "--dob", dob])
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output
    assert repr(dob) in result.stderr and result.stdout == ""


@pytest.mark.parametrize("dob", ["1996-03-25", "25 March 1996", "25 mar 1996", " 25  March 1996 "])
def test_a_date_of_birth_prints_in_the_one_date_style(answers: Path, dob: str) -> None:
    result = CliRunner().invoke(app, ["assess", "-a", str(answers), "-f", "text", "--dob", dob])
    assert result.exit_code == 0, result.stderr
    assert "Date of birth: 25 March 1996" in result.stdout


@given(st.dates(dt.date(1900, 1, 1), TODAY))
def test_every_real_date_reads_back_both_ways(born: dt.date) -> None:
    assert read_dob(born.isoformat(), TODAY, texts()) == born
    assert read_dob(texts().day(born), TODAY, texts()) == born


def test_check_refuses_a_wrong_date_of_birth_before_asking_anything() -> None:
    result = CliRunner().invoke(app, ["check", "--plain", "--dob", "1996-13-45"], input="45\n")
    assert result.exit_code == 2 and "--dob must be a real date" in result.stderr
    assert bank().get("age").text not in result.stdout  # said before the first question


def test_check_asks_again_for_a_date_of_birth_that_is_no_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from backpain_cli import terminal

    monkeypatch.setattr(terminal, "is_interactive", lambda: True)
    monkeypatch.chdir(tmp_path)
    script = [*ROUTINE_SCRIPT, "d", "n", "y", "y", "Sam Jones", "1996-13-45", "1 May 1960", "", "me.txt", "n"]
    result = CliRunner().invoke(app, ["check", "--plain"], input="\n".join(script) + "\n")
    assert result.exit_code == 0, result.stderr
    assert texts().clinic.dob_format in " ".join(result.stdout.split())
    assert "Date of birth: 1 May 1960" in (tmp_path / "me.txt").read_text()
