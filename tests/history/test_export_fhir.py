"""``backpain history export --format fhir`` (issue 22): each check-in as FHIR resources, one a line."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backpain_cli.cli import app
from backpain_cli.history.store import open_store
from tests.fhir.conftest import validate
from tests.helpers import ALL_CLEAR

PEG = {"peg_pain": 6, "peg_enjoyment": 5, "peg_activity": 5}


def keep(date: str, answers: dict[str, Any], urgency: str = "routine", flags: tuple[str, ...] | None = ()) -> None:
    with open_store() as store:
        assert store is not None
        store.add(
            dt.date.fromisoformat(date), answers, urgency=urgency, imaging="none", rules_version="2026.12.1",
            red_flags=flags,
        )  # fmt: skip


def export(*args: str) -> Any:
    return CliRunner().invoke(app, ["history", "export", "-f", "fhir", *args])


def lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("release", ["R4B", "R5"])
def test_each_check_in_gives_its_response_risk_assessment_and_peg_observation(home: Path, release: str) -> None:
    keep("2026-10-01", {**ALL_CLEAR, **PEG})
    keep("2026-10-15", ALL_CLEAR)  # no PEG: no Observation
    result = export()
    assert result.exit_code == 0, result.output
    found = lines(result.stdout)
    assert [r["resourceType"] for r in found] == [
        "QuestionnaireResponse", "RiskAssessment", "Observation", "QuestionnaireResponse", "RiskAssessment",
    ]  # fmt: skip
    for resource in found:
        validate(resource, release)
    response, risk, observation = found[:3]
    assert risk["basis"] == [{"reference": f"QuestionnaireResponse/{response['id']}"}]
    assert observation["derivedFrom"] == risk["basis"] and observation["valueQuantity"]["value"] == 5.3
    assert response["authored"] == "2026-10-01" and observation["effectiveDateTime"] == "2026-10-01"
    assert len({r["id"] for r in found}) == len(found)


def test_the_risk_assessment_is_what_was_kept_not_a_new_assessment(home: Path) -> None:
    keep("2026-10-01", {**ALL_CLEAR, "saddle_numbness": "yes"}, urgency="urgent", flags=None)
    risk = lines(export().stdout)[1]
    assert risk["mitigation"].startswith("Urgency: urgent.") and "prediction" not in risk
    assert risk["method"]["text"] == "backpain red-flag rules 2026.12.1"


def test_the_same_history_gives_the_same_file(home: Path) -> None:
    keep("2026-10-01", {**ALL_CLEAR, **PEG}, flags=("ces_saddle_bladder_bowel",))
    assert export().stdout == export().stdout


def test_to_a_file_it_is_owner_only(home: Path, tmp_path: Path) -> None:
    keep("2026-10-01", {**ALL_CLEAR, **PEG})
    target = tmp_path / "clinic.ndjson"
    assert export("-o", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert len(target.read_text().splitlines()) == 3


def test_a_hand_edited_row_reaches_no_terminal(home: Path) -> None:
    keep("2026-10-01", ALL_CLEAR, urgency="\x1b[2Jemergency")
    text = export().stdout
    assert "\x1b" not in text and "\\u001b[2Jemergency" in text


def test_a_check_in_that_no_longer_reads_is_said_and_left_out(home: Path) -> None:
    keep("2026-10-01", {"age": 45, "retired_key": "yes"})
    keep("2026-10-15", ALL_CLEAR)
    result = export()
    assert result.exit_code == 0
    assert [r["resourceType"] for r in lines(result.stdout)] == ["QuestionnaireResponse", "RiskAssessment"]
    assert "check-in 1 left out of the FHIR export" in result.stderr
