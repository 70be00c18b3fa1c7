"""The summary across every clinical vignette (issue 11): one voice, no reassurance in an
emergency, "not sure" said as such, the recap in sight, and a clinic copy that holds every answer."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from backpain_cli.assessment import Result, assess
from backpain_cli.levels import Reason, Urgency
from backpain_cli.render.document import Identifiers, Summary, build_summary
from backpain_cli.render.markdown import render_markdown
from backpain_cli.render.rich_summary import print_rich
from backpain_cli.render.text import render_text
from backpain_cli.rules.policy import REFINED
from tests.helpers import FIXED_DAY, bank, bundle, read_answers, texts
from tests.test_summary import UK

T = texts()

CASES = sorted((Path(__file__).parent / "vignettes" / "cases").iterdir())
IDS = [c.stem for c in CASES]


def assessed(case: Path) -> tuple[dict[str, Any], Result, Summary]:
    answers = read_answers(str(case))
    result = assess(answers, bundle(), today=FIXED_DAY)
    summary = build_summary(
        result, bank(), region=UK, answers=answers.as_dict(), identifiers=Identifiers("J. S.", "1 May 1960", "A-1")
    )
    return answers.as_dict(), result, summary


def patient_text(summary: Summary, *, findings: bool = True) -> str:
    """What the patient reads, as plain text; ``findings=False`` leaves out the rule texts."""
    parts = [summary.banner, summary.action, *(i.line for i in summary.recap)]
    for section in summary.sections:
        if section.id == "findings" and not findings:
            continue
        parts += section.paragraphs + [i.line for i in section.items]
    return " ".join(" ".join(parts).split())


def unconditional(text: str) -> str:
    """The sentences that are not safety-netting ("if ...", "with a fever ..."): those may name
    a faster timeframe for a sign that is not there now."""
    sentences = re.split(r"(?<=[.?!])\s+", text)
    return " ".join(s for s in sentences if not re.search(r"\b(if|with a|when)\b", s, re.IGNORECASE))


# Reassurance and self-care advice that must never sit beside an urgent or emergency result.
REASSURING = re.compile(r"self-care|gently active|by itself|on its own|settles|wait", re.IGNORECASE)
# Timeframes that belong to one level only.
SOON_TIMES = re.compile(r"1-2 weeks|1 to 2 weeks|a few days", re.IGNORECASE)
SAME_DAY_TIMES = re.compile(r"\btoday\b|24 hours|same day", re.IGNORECASE)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_nothing_reassuring_at_urgent_or_emergency(case: Path) -> None:
    _, result, summary = assessed(case)
    if result.urgency not in (Urgency.URGENT, Urgency.EMERGENCY):
        return
    assert not [p.id for p in result.faq if p.front.fits.self_care]
    found = REASSURING.findall(patient_text(summary))
    assert not found, found


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_timeframe_the_summary_adds_agrees_with_the_headline(case: Path) -> None:
    """Banner, action, recap, imaging, less urgent findings, doctor questions and pages speak with
    one voice. (The rule texts themselves are checked in tests/test_rules.py by the rules' owners.)"""
    _, result, summary = assessed(case)
    text = unconditional(patient_text(summary, findings=False))
    if result.urgency != Urgency.SOON:
        assert not SOON_TIMES.findall(text), SOON_TIMES.findall(text)
    if result.urgency in (Urgency.SOON, Urgency.ROUTINE):
        assert not SAME_DAY_TIMES.findall(text), SAME_DAY_TIMES.findall(text)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_only_findings_at_the_headline_level_give_their_own_advice(case: Path) -> None:
    _, result, summary = assessed(case)
    findings = next(s for s in summary.sections if s.id == "findings")
    headline = [f for f in result.findings if f.urgency == result.urgency]
    assert len(findings.items) == len(headline)
    also = [s for s in summary.sections if s.id == "also"]
    lower = [f for f in result.findings if f.urgency != result.urgency]
    if lower:
        assert [i.lead for i in also[0].items] == [
            T.summary.not_ruled_out_lead.format(title=T.rule(f.rule.id).title) if f.unsure else T.rule(f.rule.id).title
            for f in lower
        ]
        assert all(not i.text or i.text.startswith("You ") for i in also[0].items)  # no advice of their own
    else:
        assert not also


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_imaging_section_starts_from_the_deciding_rule_and_hides_no_headline_rule(case: Path) -> None:
    _, result, summary = assessed(case)
    imaging = next(s for s in summary.sections if s.id == "imaging")
    assert imaging.paragraphs[0] == T.imaging_label(result.imaging, result.urgency) + "."
    text = " ".join(imaging.paragraphs)
    if Reason.ALREADY_SCANNED in result.decision.imaging_reasons:
        return  # the scan already done answers for every rule: no rule's own test is repeated (Chou 2011)
    for finding in result.findings:
        if finding.urgency == result.urgency:
            assert T.rule(finding.rule.id).imaging_reason in text, finding.rule.id


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_not_sure_is_said_as_not_sure(case: Path) -> None:
    answers, result, summary = assessed(case)
    items = [i for s in summary.sections if s.id in ("findings", "also") for i in s.items]
    for finding in result.findings:
        item = next(i for i in items if i.lead and i.lead.endswith(T.rule(finding.rule.id).title))
        if not finding.unsure:
            assert item.lead == T.rule(finding.rule.id).title
            continue
        assert item.lead == T.summary.not_ruled_out_lead.format(title=T.rule(finding.rule.id).title)
        for key in finding.unsure:
            said = "You were not sure" if answers[key] == "unsure" else "You did not answer"
            assert said in item.text and bank().get(key).text in item.text


def test_the_74_year_old_with_thin_bones_hears_one_voice() -> None:
    """The issue's example: osteoporosis, sudden pain after lifting; an X-ray first, said plainly."""
    from tests.helpers import run

    result = run({"age": 74, "pain_weeks": 0, "osteoporosis": "yes", "minor_trauma": "yes", "night_pain": "yes"})
    assert result.imaging.value == "mri"  # another rule at the same level favours an MRI ...
    summary = build_summary(result, bank(), region=UK)
    imaging = " ".join(next(s for s in summary.sections if s.id == "imaging").paragraphs)
    assert "X-ray is the usual first test" in imaging  # ... but the fracture rule's X-ray is not hidden
    assert summary.banner.startswith(result.urgency.value.upper())


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_last_lines_at_80_by_24_hold_how_soon_and_the_imaging(case: Path) -> None:
    _, result, summary = assessed(case)
    screen = io.StringIO()
    print_rich(summary, Console(file=screen, width=80, height=24, highlight=False, markup=False, emoji=False))
    # The save prompt takes two lines below the summary: what stays in sight is 22 lines.
    visible = "\n".join(screen.getvalue().splitlines()[-22:])
    assert T.urgency.heading[result.urgency] in visible
    assert " ".join(T.imaging_label(result.imaging, result.urgency).split()[:4]) in visible
    assert "999 (or 112)" in visible
    for width in (40, 60, 80):
        tail = render_text(summary, width, clinic=False).splitlines()[-12:]
        assert T.urgency.heading[result.urgency] in " ".join(" ".join(tail).split())


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_clinic_copy_holds_every_answer(case: Path) -> None:
    answers, result, summary = assessed(case)
    assert summary.clinic is not None
    rows = {r.question: r for r in summary.clinic.answers}
    # every question, but a broad one of an earlier bank only when the file answered it (policy.REFINED)
    shown = [q for q in bank().questions if q.key not in REFINED or answers[q.key] is not None]
    assert len(rows) == len(shown)
    raised_by = {k for f in result.findings for k in f.because}
    for question in shown:
        row = rows[question.short]
        value = answers[question.key]
        if question.key in result.decision.ignored or (value is None and question.key not in result.unanswered):
            assert row.status == "not_asked"
        elif value is None:
            assert row.status == "unanswered" and row.answer == T.common.not_answered
        elif value == "unsure":
            assert row.status == "unsure" and row.answer == "Not sure"
        else:
            assert row.status == "given"
            if question.type == "integer":
                assert row.answer.startswith(str(value))
        assert bool(row.raised) == (question.key in raised_by), question.key
    md = render_markdown(summary)
    assert T.clinic.heading in md and "Record number: A-1" in md
    for row in summary.clinic.answers:
        assert row.question.replace("(", "").split()[0] in md


def test_the_terminal_summary_leaves_the_clinic_copy_out() -> None:
    _, _, summary = assessed(CASES[0])
    screen = io.StringIO()
    print_rich(summary, Console(file=screen, width=80))
    assert T.clinic.heading not in screen.getvalue()
    assert T.clinic.heading.upper() not in render_text(summary, clinic=False)
