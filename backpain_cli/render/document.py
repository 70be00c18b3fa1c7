"""The summary as a neutral document (render/layout.py) that every printed format shares.

Building the words once here, from the result's text catalogue, keeps text, Markdown, HTML and the
terminal summary saying the same thing in the same order. The decision's codes (rule ids, reason
codes) become words here and nowhere upstream.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from backpain_cli.assessment import Result
from backpain_cli.content import Clinic
from backpain_cli.questions import QuestionBank
from backpain_cli.regions import Region
from backpain_cli.render.history import history_sections
from backpain_cli.render.layout import AnswerRow, ClinicCopy, ClinicFinding, Item, Section, Summary
from backpain_cli.rules.policy import REFINED
from backpain_cli.safetext import strip_control
from backpain_cli.texts import Texts
from backpain_cli.triage import Finding


def _clean(text: str) -> str:
    return strip_control(text)


@dataclass(frozen=True)
class Identifiers:
    """Who the printout is about; each part optional (--name, --dob, --record, or asked in check)."""

    name: str | None = None
    dob: str | None = None
    record: str | None = None

    def pairs(self, texts: Texts) -> list[tuple[str, str]]:
        """(label, value) for each part given, labelled in ``texts``' language."""
        words = texts.clinic
        labelled = ((words.name, self.name), (words.dob, self.dob), (words.record, self.record))
        return [(label, _clean(value).strip()[:80]) for label, value in labelled if value and value.strip()]


def build_summary(
    result: Result,
    bank: QuestionBank,
    *,
    region: Region | None = None,
    name: str | None = None,
    clinic: Clinic | None = None,
    answers: Mapping[str, Any] | None = None,
    identifiers: Identifiers | None = None,
    printed_at: dt.datetime | None = None,
) -> Summary:
    """Lay out the summary in the order patients read it (issue 4), ending with a recap (issue 11).

    ``answers`` (every key, None when unanswered) adds the clinic copy: each question with its
    answer and the findings it raised. ``identifiers`` (or ``name`` alone) names the person;
    ``printed_at`` adds the time to the date. The words come from ``result.texts``.
    """
    t = result.texts
    identifiers = identifiers or Identifiers(name=name)
    sections: list[Section] = [_findings_section(result, bank), *history_sections(result, bank)]
    sections.append(_imaging_section(result))
    also = _also_section(result, bank)
    if also is not None:
        sections.append(also)
    if result.questions_for_doctor:
        items = [Item(_clean(q)) for q in result.questions_for_doctor]
        sections.append(Section(t.summary.doctor_heading, items=items, id="doctor"))
    sections.append(
        Section(t.summary.safety_net_heading, items=[Item(s) for s in t.common.safety_net], id="safety-net")
    )
    if result.faq:
        items = [Item(_clean(p.excerpt), lead=_clean(p.front.title)) for p in result.faq]
        sections.append(Section(t.summary.faq_heading, items=items, id="faq"))
    if result.unanswered:
        sections.append(_unanswered_section(result, bank))
    v = result.versions
    footer = [
        t.not_a_diagnosis(region),
        t.summary.provenance.format(
            program=v.program,
            questions=v.question_bank,
            rules=v.rules,
            content=v.content,
            fingerprint=v.content_fingerprint,
            date=result.assessed_on.isoformat(),
        ),
    ]
    when = t.day(result.assessed_on)
    if printed_at is not None:
        when = t.summary.date_time.format(date=when, time=t.time(printed_at))
    header = [t.summary.date.format(date=when)]
    dynamic: list[str] = []
    pairs = identifiers.pairs(t)
    for label, value in pairs:
        dynamic.append(value)
        header.append(f"{label}: {value}")
    if clinic is not None:
        lines = [_clean(line) for line in clinic_lines(clinic, t)]
        header += lines
        dynamic += lines
    if region is not None:
        dynamic.append(_clean(region.number))
    banner = t.urgency.heading[result.urgency]
    action = t.urgency_action(result.urgency, region)
    recap = [
        Item(banner, lead=t.recap.how_soon),
        Item(action, lead=t.recap.what_to_do),
        Item(t.imaging_label(result.imaging, result.urgency) + ".", lead=t.recap.imaging),
        Item(t.recap_emergency(region), lead=t.recap.emergency),
    ]
    copy = None
    if answers is not None:
        copy = _clinic_copy(result, bank, answers, pairs)
    return Summary(
        title=t.summary.title,
        urgency=result.urgency,
        banner=banner,
        action=action,
        sections=sections,
        footer=footer,
        texts=t,
        header=header,
        dynamic=tuple(d for d in dynamic if d),
        pain_chart=result.history.changes.pain if result.history else (),
        recap=recap,
        clinic=copy,
        person=" · ".join(value for _, value in pairs[:2]),
    )


def clinic_lines(clinic: Clinic, texts: Texts) -> list[str]:
    """A clinic's details (content/clinic.yaml) as the lines printed at the top of a summary."""
    lines = [clinic.name, *clinic.address]
    if clinic.phone:
        lines.append(texts.summary.clinic_phone.format(phone=clinic.phone))
    if clinic.website:
        lines.append(clinic.website)
    if clinic.note:
        lines.append(clinic.note)
    return lines


def _headline(result: Result) -> list[Finding]:
    """Findings at the result's urgency: these speak; the others are listed for the clinician."""
    return [f for f in result.findings if f.urgency == result.urgency]


def _lower_first(text: str) -> str:
    return f"{text[:1].lower()}{text[1:]}"


def _finding_item(finding: Finding, result: Result, bank: QuestionBank, *, explain: bool) -> Item:
    """A finding in the patient's words; one that rests on "not sure" says so instead of stating it."""
    t = result.texts
    words = t.rule(finding.rule.id)
    title = _clean(words.title)
    if not finding.unsure:
        return Item(_clean(words.explanation) if explain else "", lead=title)
    missing = [k for k in finding.unsure if k in result.unanswered]
    unsure = [k for k in finding.unsure if k not in missing]
    parts = []
    if unsure:
        parts.append(t.summary.you_were_not_sure.format(questions=" ".join(_asked(bank, t, k) for k in unsure)))
    if missing:
        parts.append(t.summary.you_did_not_answer.format(questions=" ".join(_asked(bank, t, k) for k in missing)))
    if explain:
        parts.append(_clean(words.explanation))
    return Item(" ".join(parts), lead=t.summary.not_ruled_out_lead.format(title=title))


def _findings_section(result: Result, bank: QuestionBank) -> Section:
    t = result.texts
    flags = Section(t.summary.findings_heading, id="findings")
    # What the reader must know about the answers themselves (a missing age: not for children).
    flags.paragraphs += [_clean(note) for note in t.notes(result.decision.notes)]
    for finding in _headline(result):
        flags.items.append(_finding_item(finding, result, bank, explain=True))
    if not result.findings:
        flags.paragraphs.append(t.reasons.no_flags)
    elif not flags.items:
        # Only unanswered warning-sign questions raised the level: say so where a finding would be.
        flags.paragraphs.append(t.reasons.unanswered)
    return flags


def _also_section(result: Result, bank: QuestionBank) -> Section | None:
    """Less urgent findings by name only: their own advice (self-care, a later visit) would contradict the headline."""
    lower = [f for f in result.findings if f.urgency != result.urgency]
    if not lower:
        return None
    t = result.texts
    section = Section(t.summary.also_found_heading, paragraphs=[t.summary.also_found_note], id="also")
    section.items = [_finding_item(f, result, bank, explain=False) for f in lower]
    return section


def _imaging_section(result: Result) -> Section:
    """The headline imaging and why (the deciding rule's reason), any other headline rule's own
    imaging, then what would change it."""
    t = result.texts
    section = Section(t.summary.imaging_heading, id="imaging")
    section.paragraphs.append(t.imaging_label(result.imaging, result.urgency) + ".")
    reasons = t.imaging_reasons(result.decision.imaging_reasons)
    section.paragraphs.extend(_clean(r) for r in reasons)
    # A rule at the same urgency may favour another test (a possible broken bone: an X-ray first):
    # its own advice is shown, not hidden behind the test that won.
    for finding in _headline(result):
        words = t.rule(finding.rule.id)
        if finding.imaging != result.imaging and words.imaging_reason not in reasons:
            title, reason = _lower_first(_clean(words.title)), _clean(words.imaging_reason)
            section.paragraphs.append(t.summary.imaging_for_finding.format(title=title, reason=reason))
    change = t.summary.what_would_change
    if result.imaging.value in type(change).model_fields:
        section.paragraphs += [t.summary.xray_and_mri, getattr(change, result.imaging.value)]
    return section


def _unanswered_section(result: Result, bank: QuestionBank) -> Section:
    t, decision = result.texts, result.decision
    missing = Section(t.summary.unanswered_heading, id="unanswered")
    if decision.not_ruled_out:
        names = "; ".join(_question_name(bank, k) for k in decision.not_ruled_out)
        missing.paragraphs.append(t.summary.not_ruled_out_note.format(names=names))
    others = [k for k in result.unanswered if k not in decision.not_ruled_out]
    # The patient's part names the questions whose answer could raise the urgency; the rest are
    # counted (the clinic copy lists every one), so a file with many blanks still prints on 2 pages.
    could = [k for k in others if k in decision.would_change]
    if could:
        names = "; ".join(_question_name(bank, k) for k in could)
        missing.paragraphs.append(t.summary.could_change_note.format(names=names))
    rest = len(others) - len(could)
    if rest:
        missing.paragraphs.append(t.plural(t.summary.also_unanswered, rest))
    return missing


def _clinic_copy(
    result: Result, bank: QuestionBank, answers: Mapping[str, Any], pairs: list[tuple[str, str]]
) -> ClinicCopy:
    t = result.texts
    findings = []
    raised: dict[str, list[int]] = {}
    for number, finding in enumerate(result.findings, 1):
        for key in finding.because:
            raised.setdefault(key, []).append(number)
        because = "; ".join(_because(bank, t, k, answers.get(k)) for k in finding.because)
        findings.append(
            ClinicFinding(
                number,
                _clean(t.rule(finding.rule.id).title),
                finding.rule.id,
                finding.urgency.value,
                because,
                _clean(finding.rule.source),
            )
        )
    rows = []
    for question in bank.questions:
        value = answers.get(question.key)
        if question.key in REFINED and value is None:
            continue  # a broad key of an earlier bank, not given: its finer questions are listed
        if question.key in result.decision.ignored:
            value = None  # an answer to a question that did not apply was dropped before the rules
        if value is None or value == [] or value == "":
            status = "unanswered" if question.key in result.unanswered else "not_asked"
        else:
            status = "unsure" if value == "unsure" else "given"
        shown = t.clinic.not_asked if status == "not_asked" else t.answer_text(question, value)
        numbers = tuple(raised.get(question.key, ()))
        floor = question.key in result.decision.not_ruled_out
        rows.append(AnswerRow(_clean(question.short), shown, status, numbers, floor, _mark(t, numbers, floor)))
    return ClinicCopy(identifiers=pairs, findings=findings, answers=rows)


def _mark(texts: Texts, raised: tuple[int, ...], floor: bool) -> str:
    """The mark after an answer in the clinic copy: the findings it raised, or "not ruled out"."""
    marks = [", ".join(f"F{n}" for n in raised)] if raised else []
    if floor:
        marks.append(texts.clinic.not_ruled_out_mark)
    return f"{texts.clinic.raised_mark} {'; '.join(marks)}" if marks else ""


def _because(bank: QuestionBank, texts: Texts, key: str, value: Any) -> str:
    """One answer behind a finding, short: a "yes" goes without saying; anything else is shown."""
    name = _question_name(bank, key)
    return name if value == "yes" else f"{name}: {texts.answer_text(bank.get(key), value)}"


def _asked(bank: QuestionBank, texts: Texts, key: str) -> str:
    """The question as it was asked, in quotes: what the person was unsure about, in their own words' frame."""
    return texts.summary.quoted.format(text=_clean(bank.get(key).text).strip())


def _question_name(bank: QuestionBank, key: str) -> str:
    return bank.get(key).short


def printed_at() -> dt.datetime:
    """The time to print beside the date: local time, or SOURCE_DATE_EPOCH's (in UTC) when it is
    set, so a reproducible file does not change with the clock (assessment.today_from_env has
    already refused a bad value)."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now().astimezone()
