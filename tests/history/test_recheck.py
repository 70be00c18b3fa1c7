"""``backpain history recheck`` (issue 22): kept check-ins assessed again with today's rules."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backpain_cli.cli import app
from backpain_cli.history.store import open_store
from backpain_cli.rules import RULES_VERSION
from tests.helpers import ALL_CLEAR

OLD_RULES = "2026.12.1"


def kept(*rows: tuple[str, dict[str, Any], str, str, tuple[str, ...] | None]) -> None:
    """Keep check-ins as an earlier rule set decided them: (date, answers, urgency, imaging, red flags)."""
    with open_store() as store:
        assert store is not None
        for date, answers, urgency, imaging, flags in rows:
            store.add(
                dt.date.fromisoformat(date),
                answers,
                urgency=urgency,
                imaging=imaging,
                rules_version=OLD_RULES,
                red_flags=flags,
            )


def recheck(*args: str) -> Any:
    return CliRunner().invoke(app, ["history", "recheck", *args])


def test_it_lists_exactly_the_check_ins_whose_result_would_change(home: Path) -> None:
    kept(
        ("2026-10-01", ALL_CLEAR, "routine", "none", ()),  # the same today
        ("2026-10-08", {**ALL_CLEAR, "saddle_numbness": "yes"}, "urgent", "none", ()),  # emergency today
        ("2026-10-15", ALL_CLEAR, "soon", "xray", None),  # kept before red flags were recorded
    )
    result = recheck("-f", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows if r["changed"]] == [2, 3]
    two = rows[1]
    assert two["urgency"] == {"then": "urgent", "now": "emergency", "changed": True}
    assert two["rules"] == {"then": OLD_RULES, "now": RULES_VERSION}
    assert two["red_flags"]["then"] == [] and two["red_flags"]["changed"] and two["red_flags"]["now"]
    three = rows[2]
    assert three["urgency"]["now"] == "routine" and three["imaging"] == {"then": "xray", "now": "none", "changed": True}
    assert three["red_flags"]["then"] is None and not three["red_flags"]["changed"]  # not recorded: not compared


def test_the_text_says_what_differs_in_words(home: Path) -> None:
    kept(
        ("2026-10-01", ALL_CLEAR, "routine", "none", ()),
        ("2026-10-08", {**ALL_CLEAR, "saddle_numbness": "yes"}, "urgent", "none", ()),
    )
    text = recheck().stdout
    assert "Check-in 1 on 1 October 2026: the same today (routine, imaging: none)." in text
    assert "Check-in 2 on 8 October 2026: different today." in text
    assert f"rules: {OLD_RULES} then, {RULES_VERSION} today" in text
    assert "how soon: urgent then, emergency today" in text
    assert "warning signs: none then," in text
    assert "1 of 2 check-ins would get a different result today." in text
    assert "more urgent result" in text


@pytest.mark.parametrize(("level", "code"), [("emergency", 3), ("urgent", 3), (None, 0)])
def test_fail_on_exits_3_when_a_different_result_reaches_the_level(home: Path, level: str | None, code: int) -> None:
    kept(("2026-10-08", {**ALL_CLEAR, "saddle_numbness": "yes"}, "urgent", "none", ()))
    assert recheck(*(["--fail-on", level] if level else [])).exit_code == code


def test_an_unchanged_emergency_does_not_fail(home: Path) -> None:
    """--fail-on is about what would change: a check-in judged an emergency then and now is not news."""
    with open_store() as store:
        assert store is not None
    CliRunner().invoke(app, ["history", "add", "-", "--date", "2026-10-08", "-f", "json"],
                       input=json.dumps({**ALL_CLEAR, "saddle_numbness": "yes"}))  # fmt: skip
    result = recheck("--fail-on", "emergency")
    assert result.exit_code == 0 and "the same today (emergency" in result.stdout


def test_the_history_is_never_rewritten(home: Path) -> None:
    kept(("2026-10-08", {**ALL_CLEAR, "saddle_numbness": "yes"}, "urgent", "none", ()))
    path = home / "history.sqlite3"
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert recheck().exit_code == 0
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    with open_store() as store:
        assert store is not None
        (row,) = store.all()
    assert (row.urgency, row.rules_version) == ("urgent", OLD_RULES)


def test_no_history_is_said_and_not_created(home: Path) -> None:
    result = recheck()
    assert result.exit_code == 0 and "nothing to check again" in result.stdout
    assert not home.exists()


def test_a_kept_answer_that_no_longer_reads_is_said_not_fatal(home: Path) -> None:
    kept(("2026-10-01", {"age": 45, "retired_key": "yes"}, "routine", "none", ()))
    result = recheck()
    assert result.exit_code == 0
    assert "Check-in 1 on 1 October 2026 could not be checked again" in result.stdout and "retired_key" in result.stdout


def test_a_check_in_kept_now_records_its_red_flags(home: Path) -> None:
    CliRunner().invoke(app, ["history", "add", "-", "--date", "2026-10-08", "-f", "json"],
                       input=json.dumps({**ALL_CLEAR, "saddle_numbness": "yes"}))  # fmt: skip
    with open_store() as store:
        assert store is not None
        (row,) = store.all()
    assert row.red_flags == ("ces_saddle_bladder_bowel",)
    assert row.as_dict()["red_flags"] == list(row.red_flags)
