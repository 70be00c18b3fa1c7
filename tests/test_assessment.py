"""assessment.py: the pipeline answers -> decision -> advice -> Result, with its provenance."""

from __future__ import annotations

import datetime as dt

import pytest

from backpain_cli import __version__
from backpain_cli.assessment import Result, assess, today_from_env
from backpain_cli.rules import RULES_VERSION
from backpain_cli.selection import advise
from backpain_cli.triage import decide
from tests.helpers import SEED_CASE, answers, bank, bundle, library, run


def test_a_result_is_the_decision_plus_its_advice() -> None:
    given = answers(SEED_CASE)
    result = assess(given, bundle(), today=dt.date(2026, 1, 2))
    decision = decide(given, gates=bundle().bank.skip_gates)
    assert result.decision == decision  # held, not copied field by field
    assert (result.urgency, result.imaging, result.findings) == (decision.urgency, decision.imaging, decision.findings)
    assert result.texts is bundle().texts
    advice = advise(decision, bundle().library)
    assert (result.questions_for_doctor, result.faq) == (advice.questions_for_doctor, advice.faq)
    assert isinstance(result, Result) and result.assessed_on == dt.date(2026, 1, 2)


def test_provenance_is_on_every_result() -> None:
    versions = run().versions
    assert versions.program and versions.question_bank and versions.rules and versions.content


def test_every_result_names_exactly_what_produced_it() -> None:
    """Provenance: a result names the program, question bank, rule set and content versions that made it, and the
    content fingerprint that tells an edited copy of the content folder from the shipped one."""
    versions = run().versions
    assert versions.program == __version__
    assert versions.question_bank == bank().version
    assert versions.rules == RULES_VERSION
    assert versions.content == library().version
    assert versions.content_fingerprint == bundle().fingerprint and versions.content_fingerprint


def test_the_assessment_date_is_the_one_asked_for() -> None:
    """assess(today=...) stamps that date on the result, so a report can be reproduced on a later day."""
    day = dt.date(2020, 2, 29)
    result = assess(answers(), bundle(), today=day)
    assert result.assessed_on == day


@pytest.mark.parametrize(
    ("epoch", "expected"),
    [("1795651200", dt.date(2026, 11, 26)), ("0", dt.date(1970, 1, 1)), ("", None), ("  ", None)],
)
def test_today_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch, epoch: str, expected: dt.date | None) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert today_from_env() == (expected or dt.date.today())


@pytest.mark.parametrize("epoch", ["soon", "-5", "1.5e9", "99999999999999999999"])
def test_a_nonsense_source_date_epoch_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, epoch: str) -> None:
    from backpain_cli.errors import UsageError

    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH must be a whole number of seconds"):
        today_from_env()
