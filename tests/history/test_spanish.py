"""``backpain history`` in Spanish over three check-ins (issue 20): every sub-command speaks Spanish,
dates spelled the Spanish way, numbers with their units in the right form, no English left; JSON
and FHIR keep their ISO dates and codes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backpain_cli import terminal
from backpain_cli.cli import app
from tests.fhir.conftest import validate
from tests.helpers import ALL_CLEAR

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
WORD = re.compile(r"[^\W\d_]+")
# Words that are English and never Spanish; the Spanish output names the program's commands
# ("backpain history forget 3") and the history's file path, which are not sentences.
ENGLISH = frozenset(
    [
        "the",
        "your",
        "you",
        "and",
        "with",
        "this",
        "that",
        "is",
        "are",
        "of",
        "what",
        "when",
        "check-in",
        "kept",
        "on",
        "date",
        "urgency",
        "imaging",
        "pain",
        "changed",
        "new",
        "gone",
        "none",
        "routine",
        "soon",
        "urgent",
        "emergency",
        "mri",
        "xray",
        "weeks",
        "week",
        "removed",
        "answers",
    ]
)
PEG = {"peg_pain": 6, "peg_enjoyment": 5, "peg_activity": 5}


def english_left(text: str, home: Path) -> set[str]:
    words = text.replace(str(home), " ").replace("backpain history forget", " ").replace("backpain check", " ")
    return ENGLISH & set(WORD.findall(words.lower()))


def write(folder: Path, name: str, case: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(json.dumps({**ALL_CLEAR, **case}), encoding="utf-8")
    return path


def three_check_ins(runner: CliRunner, tmp_path: Path, *lang: str) -> list[Any]:
    """Three check-ins a week apart, the first with 1 week of pain, the last with tingling in a leg."""
    cases = [
        ("2026-11-05", {"pain_score": 6, "pain_weeks": 1, **PEG}),
        ("2026-11-12", {"pain_score": 5, "pain_weeks": 2}),
        ("2026-11-19", {"pain_score": 7, "pain_weeks": 3, "leg_numbness": "yes", **PEG}),
    ]
    return [
        runner.invoke(
            app, ["history", "add", str(write(tmp_path, f"{i}.json", case)), "--date", on, "-f", "text", *lang]
        )
        for i, (on, case) in enumerate(cases, 1)
    ]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_three_check_ins_in_spanish_never_meet_an_iso_date_or_an_english_word(
    runner: CliRunner, tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    added = three_check_ins(runner, tmp_path, "--lang", "es")
    assert all(r.exit_code == 0 for r in added), added[-1].output
    kept = added[-1].stderr
    assert "guardado como control 3 el 19 de noviembre de 2026" in kept and not ISO.search(kept)
    summary = added[-1].stdout
    assert "hace 2 semanas" in summary and "el 5 de noviembre de 2026" in summary and not ISO.search(summary)
    monkeypatch.setattr(terminal, "stdout_is_terminal", lambda: True)  # the listing's chart too
    said = {
        "list": runner.invoke(app, ["history", "--lang", "es"]),
        "show": runner.invoke(app, ["history", "show", "1", "--lang", "es"]),
        "recheck": runner.invoke(app, ["history", "recheck", "--lang", "es"]),
        "forget": runner.invoke(app, ["history", "forget", "2", "--lang", "es"]),
        "forget all": runner.invoke(app, ["history", "forget", "--all", "--yes", "--lang", "es"]),
    }
    for name, result in said.items():
        assert result.exit_code == 0, (name, result.output)
        assert not ISO.search(result.stdout), (name, result.stdout)
        assert english_left(result.stdout, home) == set(), (name, result.stdout)
    listing = said["list"].stdout
    assert "19 nov 2026" in listing and "5 nov 2026" in listing and "no urgente" in listing
    assert "Su dolor a lo largo del tiempo" in listing  # the chart
    assert "Control 1 del 5 de noviembre de 2026" in said["show"].stdout
    assert "1 semana\n" in said["show"].stdout  # pain_weeks 1: "1 semana", never "1 semanas"
    assert "Control 1 del 5 de noviembre de 2026" in said["recheck"].stdout
    assert "0 de 3 controles tendrían" in said["recheck"].stdout
    assert "(12 de noviembre de 2026, no urgente)" in said["forget"].stdout
    assert "Se borraron los 2 controles" in said["forget all"].stdout


def test_the_json_listing_keeps_iso_dates_and_codes_in_spanish(runner: CliRunner, tmp_path: Path) -> None:
    three_check_ins(runner, tmp_path, "--lang", "es")
    spanish = json.loads(runner.invoke(app, ["history", "-f", "json", "--lang", "es"]).stdout)
    english = json.loads(runner.invoke(app, ["history", "-f", "json", "--lang", "en"]).stdout)
    assert spanish == english
    assert [r["date"] for r in spanish] == ["2026-11-19", "2026-11-12", "2026-11-05"]
    recheck = json.loads(runner.invoke(app, ["history", "recheck", "-f", "json", "--lang", "es"]).stdout)
    assert recheck[0]["date"] == "2026-11-05" and recheck[0]["urgency"]["then"] == "routine"


@pytest.mark.parametrize(
    "environ", [{"BACKPAIN_LANG": "es"}, {"LANG": "es_ES.UTF-8"}, {"LC_ALL": "es_MX.UTF-8", "LANG": "en_US.UTF-8"}]
)
def test_the_environment_reaches_every_history_sub_command(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, environ: dict[str, str]
) -> None:
    for name in ("BACKPAIN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    added = three_check_ins(runner, tmp_path)
    assert "guardado como control 3 el 19 de noviembre de 2026" in added[-1].stderr
    assert "5 nov 2026" in runner.invoke(app, ["history"]).stdout
    assert "5 nov 2026" in runner.invoke(app, ["history", "list"]).stdout
    assert "del 5 de noviembre de 2026" in runner.invoke(app, ["history", "show", "1"]).stdout
    assert "del 5 de noviembre de 2026" in runner.invoke(app, ["history", "recheck"]).stdout
    fhir = [json.loads(line) for line in runner.invoke(app, ["history", "export", "-f", "fhir"]).stdout.splitlines()]
    assert {r["language"] for r in fhir} == {"es"}
    assert "(12 de noviembre de 2026" in runner.invoke(app, ["history", "forget", "2"]).stdout


def test_every_history_sub_command_takes_lang(runner: CliRunner) -> None:
    for command in ("list", "add", "show", "export", "forget", "recheck"):
        assert "--lang" in runner.invoke(app, ["history", command, "--help"]).stdout, command


def _export(runner: CliRunner, *args: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["history", "export", "-f", "fhir", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _codes(data: Any) -> Any:
    """What a machine reads in a resource: everything but its words for people and its content ids."""
    if isinstance(data, dict):
        skip = {"text", "display", "mitigation", "id", "reference", "language"}
        return {k: _codes(v) for k, v in data.items() if k not in skip}
    if isinstance(data, list):
        return [_codes(v) for v in data if not (isinstance(v, dict) and set(v) == {"text"})]
    return data


@pytest.mark.parametrize("release", ["R4B", "R5"])
def test_the_fhir_export_speaks_lang_and_keeps_codes_and_code_system_displays(
    runner: CliRunner, tmp_path: Path, release: str
) -> None:
    three_check_ins(runner, tmp_path)
    english, spanish = _export(runner, "--lang", "en"), _export(runner, "--lang", "es")
    assert [r["resourceType"] for r in spanish] == [r["resourceType"] for r in english]
    for resource in spanish:
        validate(resource, release)
        assert resource["language"] == "es"
    assert {r["language"] for r in english} == {"en"}
    assert _codes(spanish) == _codes(english)  # codes, dates, scores, systems: the same whatever the language
    response, risk, observation = spanish[:3]
    assert response["authored"] == "2026-11-05" and risk["occurrenceDateTime"] == "2026-11-05"
    # The words for people are Spanish: the question texts, our own answers' displays, the narrative.
    assert response["item"][0]["text"] != english[0]["item"][0]["text"]
    assert risk["subject"]["display"] != english[1]["subject"]["display"]
    assert "Puede empezar" in risk["mitigation"] or "cita" in risk["mitigation"], risk["mitigation"]
    assert risk["note"][0]["text"].startswith("Esto no es un diagnóstico")
    # A code system's display is the code system's (LOINC's English), never translated.
    assert observation["code"]["coding"][0]["display"] == "Mean score [PEG]"
    displays = {
        coding["code"]: coding["display"]
        for group in response["item"]
        for item in group["item"]
        for answer in item["answer"]
        if (coding := answer.get("valueCoding")) and coding["system"] == "http://loinc.org"
    }
    assert displays["LA32-8"] == "No"  # LOINC's own display, as in the English export


def test_lang_before_the_sub_command_reaches_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``backpain history --lang es show 1`` is Spanish (the group's --lang was taken and then ignored);
    a --lang after the sub-command is its own and wins."""
    for name in ("BACKPAIN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    three_check_ins(runner, tmp_path)
    assert "del 5 de noviembre de 2026" in runner.invoke(app, ["history", "--lang", "es", "show", "1"]).stdout
    assert "5 nov 2026" in runner.invoke(app, ["history", "--lang", "es", "list"]).stdout
    assert "del 5 de noviembre" in runner.invoke(app, ["history", "--lang", "es", "recheck"]).stdout
    own = runner.invoke(app, ["history", "--lang", "es", "show", "1", "--lang", "en"]).stdout
    assert "Check-in 1 on 5 November 2026" in own


@pytest.mark.parametrize(("lang", "said"), [("es", "hace menos de una semana."), ("en", "less than a week ago.")])
def test_a_first_check_in_days_ago_is_less_than_a_week_not_0_weeks(
    runner: CliRunner, tmp_path: Path, lang: str, said: str
) -> None:
    for i, on in enumerate(("2026-11-05", "2026-11-09")):
        path = write(tmp_path, f"{i}.json", {"pain_score": 5})
        result = runner.invoke(app, ["history", "add", str(path), "--date", on, "-f", "text", "--lang", lang])
    text = " ".join(result.stdout.split())
    assert said in text and "0 weeks" not in text and "0 semanas" not in text
