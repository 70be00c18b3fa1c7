"""The PEG over check-ins (issue 22): per check-in beside the pain score, and a meaningful change in words."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backpain_cli.cli import app
from backpain_cli.history.changes import PainPoint, peg_change
from backpain_cli.measures import peg
from backpain_cli.render.chart import pain_chart_svg
from tests.helpers import ALL_CLEAR, texts


def peg_answers(p: int, e: int, g: int) -> dict[str, int]:
    return {"peg_pain": p, "peg_enjoyment": e, "peg_activity": g}


def add(tmp_path: Path, date: str, case: dict[str, Any], *more: str) -> Any:
    path = tmp_path / f"{date}.json"
    path.write_text(json.dumps({**ALL_CLEAR, **case}), encoding="utf-8")
    return CliRunner().invoke(app, ["history", "add", str(path), "--date", date, *more])


def said(result: Any) -> str:
    return " ".join(result.stdout.split())


def test_three_check_ins_over_six_weeks_hear_the_peg_going_down(tmp_path: Path) -> None:
    add(tmp_path, "2026-10-15", peg_answers(7, 8, 7), "-f", "json")
    second = said(add(tmp_path, "2026-11-05", peg_answers(6, 6, 5), "-f", "text"))
    assert "Your PEG scores (how much pain affects you, 0 to 10): 7.3 on 15 Oct, 5.7 on 5 Nov." in second
    # dated check-ins (--date) say their own date, not "today"
    assert (
        "Your PEG score was 7.3 on 15 October 2026 and 5.7 on 5 November 2026. That is not a change big enough"
        in second
    )
    third = said(add(tmp_path, "2026-11-26", peg_answers(4, 4, 4), "-f", "text"))
    assert "7.3 on 15 Oct, 5.7 on 5 Nov, 4.0 on 26 Nov" in third
    assert (
        "Your PEG score went down from 7.3 on 15 October 2026 to 4.0 on 26 November 2026. That change is big enough"
        in third
    )
    assert "your pain affects you less" in third


def test_a_worsening_is_said_too(tmp_path: Path) -> None:
    add(tmp_path, "2026-11-05", peg_answers(3, 3, 3), "-f", "json")
    text = said(add(tmp_path, "2026-11-26", peg_answers(5, 5, 4), "-f", "text"))
    assert (
        "went up from 3.0 on 5 November 2026 to 4.7 on 26 November 2026" in text
        and "Tell your doctor or nurse." in text
    )


def test_nothing_is_said_without_a_peg_today(tmp_path: Path) -> None:
    add(tmp_path, "2026-11-05", peg_answers(7, 7, 7), "-f", "json")
    add(tmp_path, "2026-11-12", peg_answers(5, 5, 5), "-f", "json")
    text = said(add(tmp_path, "2026-11-26", {}, "-f", "text"))
    assert "PEG scores" in text and "went down" not in text and "is not a change" not in text


def test_the_listing_shows_the_peg_per_check_in(tmp_path: Path) -> None:
    add(tmp_path, "2026-11-05", peg_answers(7, 7, 6), "-f", "json")
    add(tmp_path, "2026-11-26", {}, "-f", "json")
    runner = CliRunner()
    text = runner.invoke(app, ["history"]).stdout
    header, newest, oldest = text.splitlines()[:3]

    def columns(line: str) -> list[str]:  # two spaces or more between columns ("5 Nov 2026" is one)
        return re.split(r"\s{2,}", line.strip())

    assert "PEG" in header and columns(newest)[5] == "-" and columns(oldest)[5] == "6.7"
    rows = json.loads(runner.invoke(app, ["history", "-f", "json"]).stdout)
    assert [r["peg"] for r in rows] == [None, 6.7]


def point(day: int, items: tuple[int, int, int] | None) -> PainPoint:
    score = peg(peg_answers(*items)) if items else None
    return PainPoint(dt.date(2026, 11, day), 5, "routine", score)


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([point(1, (7, 7, 7)), point(20, (4, 4, 5))], "improved"),
        ([point(1, (7, 7, 7)), point(8, (2, 2, 2)), point(20, (6, 6, 6))], None),  # compared with the first
        ([point(1, (3, 3, 3)), point(20, (4, 4, 4))], "worsened"),
    ],
)
def test_today_is_compared_with_the_episodes_first_peg(points: list[PainPoint], expected: str | None) -> None:
    found = peg_change(points)
    assert found is not None and found[0] is points[0] and found[1] is points[-1] and found[2] == expected


def test_no_comparison_without_two_pegs_or_without_one_today() -> None:
    assert peg_change([point(1, (7, 7, 7))]) is None
    assert peg_change([point(1, (7, 7, 7)), point(8, (5, 5, 5)), point(20, None)]) is None


def test_the_chart_draws_the_peg_dashed_and_names_it() -> None:
    svg = pain_chart_svg([point(1, (7, 7, 7)), point(20, (4, 4, 4))], texts())
    assert 'stroke-dasharray="6 4"' in svg and "PEG: how much pain affects you" in svg and "PEG 4.0" in svg


def test_the_json_history_carries_the_pegs_and_the_change(tmp_path: Path) -> None:
    from backpain_cli.result_model import JsonResult

    add(tmp_path, "2026-10-15", peg_answers(7, 8, 7), "-f", "json")
    data = json.loads(add(tmp_path, "2026-11-26", peg_answers(4, 4, 4), "-f", "json").stdout)
    JsonResult.model_validate(data)
    assert [p["peg"] for p in data["history"]["pain_scores"]] == [7.3, 4.0]
    assert data["history"]["peg_change"] == "improved"
    data = json.loads(add(tmp_path, "2026-11-26", {}, "-f", "json").stdout)
    assert data["history"]["peg_change"] is None
