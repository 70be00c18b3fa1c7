"""The summary as a neutral document (headings, paragraphs, lists) that every printed format shares.

Building the words once here keeps text, Markdown, HTML and the terminal summary saying the same
thing in the same order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from backpain_cli import wording as w
from backpain_cli.assessment import Result
from backpain_cli.content import Clinic
from backpain_cli.history.changes import PainPoint
from backpain_cli.levels import Urgency
from backpain_cli.questions import QuestionBank
from backpain_cli.regions import Region
from backpain_cli.safetext import strip_control
from backpain_cli.triage import Finding


@dataclass(frozen=True)
class Item:
    """One list entry: a short lead, its text, and an optional small-print source."""

    text: str
    lead: str | None = None
    source: str | None = None

    @property
    def lead_label(self) -> str:
        """The lead as it is printed before the text: a title ending in '?' needs no colon, nor a lead alone."""
        if not self.lead:
            return ""
        if not self.text:
            return self.lead
        return self.lead if self.lead.endswith(("?", "!", ".", ":")) else self.lead + ":"

    @property
    def line(self) -> str:
        """Lead and text as one line of plain text."""
        return f"{self.lead_label} {self.text}".strip() if self.lead else self.text


@dataclass
class Section:
    """A heading with paragraphs, then list items; ``id`` names it for renderers (CSS, anchors)."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    id: str = ""


@dataclass(frozen=True)
class AnswerRow:
    """One question of the clinic copy with the answer as given.

    ``status`` is "given", "unsure", "unanswered" or "not_asked" (skipped: did not apply);
    ``raised`` holds the numbers of the findings (1-based, as listed in ClinicCopy.findings)
    this answer helped raise.
    """

    question: str
    answer: str
    status: str
    raised: tuple[int, ...] = ()
    floor: bool = False  # an unanswered warning-sign question: it raised the level (not ruled out)


def clinic_mark(row: AnswerRow) -> str:
    """The mark after an answer in the clinic copy: the findings it raised, or "not ruled out"."""
    marks = [", ".join(f"F{n}" for n in row.raised)] if row.raised else []
    if row.floor:
        marks.append(w.NOT_RULED_OUT_MARK)
    return f"{w.RAISED_MARK} {'; '.join(marks)}" if marks else ""


@dataclass(frozen=True)
class ClinicFinding:
    """A finding as the clinician reads it: rule id, level, the answers behind it, the source."""

    number: int
    title: str
    rule_id: str
    urgency: str
    because: str
    source: str


@dataclass
class ClinicCopy:
    """The part for the clinician: who, every answer, every finding with its source, room to write."""

    identifiers: list[tuple[str, str]]
    findings: list[ClinicFinding]
    answers: list[AnswerRow]


@dataclass
class Summary:
    title: str
    urgency: Urgency
    banner: str
    action: str
    sections: list[Section]
    footer: list[str]
    header: list[str] = field(default_factory=list)
    # Text that came from outside the program (a name, a clinic's details, a region's emergency
    # number): the HTML isolates each one, so right-to-left text cannot reorder what surrounds it.
    dynamic: tuple[str, ...] = ()
    pain_chart: tuple[PainPoint, ...] = ()  # the pain scores over time, with a history (issue 12)
    answers_code: str | None = None  # the answers in compact form, for the HTML's QR code (fhir/compact.py)
    # The last words on screen, right above any prompt: how soon, what to do, imaging, the number.
    recap: list[Item] = field(default_factory=list)
    # Only for printed copies (answers given): never on the terminal, where it would push the recap away.
    clinic: ClinicCopy | None = None
    # The name printed on every page of a printout (running header), when one was given.
    person: str = ""


def _clean(text: str) -> str:
    return strip_control(text)


@dataclass(frozen=True)
class Identifiers:
    """Who the printout is about; each part optional (--name, --dob, --record, or asked in check)."""

    name: str | None = None
    dob: str | None = None
    record: str | None = None

    def pairs(self) -> list[tuple[str, str]]:
        labelled = ((w.ID_NAME, self.name), (w.ID_DOB, self.dob), (w.ID_RECORD, self.record))
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
    ``printed_at`` adds the time to the date.
    """
    identifiers = identifiers or Identifiers(name=name)
    sections: list[Section] = [_findings_section(result, bank), *_history_sections(result, bank)]
    sections.append(_imaging_section(result))
    also = _also_section(result, bank)
    if also is not None:
        sections.append(also)
    if result.questions_for_doctor:
        sections.append(
            Section(w.DOCTOR_HEADING, items=[Item(_clean(q)) for q in result.questions_for_doctor], id="doctor")
        )
    sections.append(Section(w.SAFETY_NET_HEADING, items=[Item(s) for s in w.SAFETY_NET], id="safety-net"))
    if result.faq:
        items = [Item(_clean(p.excerpt), lead=_clean(p.front.title)) for p in result.faq]
        sections.append(Section(w.FAQ_HEADING, items=items, id="faq"))
    if result.unanswered:
        sections.append(_unanswered_section(result, bank))
    v = result.versions
    footer = [
        w.not_a_diagnosis(region),
        f"backpain {v.program} · questions {v.question_bank} · rules {v.rules} · "
        f"content {v.content} ({v.content_fingerprint}) · "
        f"{result.assessed_on.isoformat()}",
    ]
    when = result.assessed_on.strftime("%d %B %Y").lstrip("0")
    if printed_at is not None:
        when += printed_at.strftime(", %H:%M")
    header = [f"Date: {when}"]
    dynamic: list[str] = []
    pairs = identifiers.pairs()
    for label, value in pairs:
        dynamic.append(value)
        header.append(f"{label}: {value}")
    if clinic is not None:
        lines = [_clean(line) for line in clinic.lines()]
        header += lines
        dynamic += lines
    if region is not None:
        dynamic.append(_clean(region.number))
    banner = w.URGENCY_HEADING[result.urgency]
    action = w.urgency_action(result.urgency, region)
    recap = [
        Item(banner, lead=w.RECAP_HOW_SOON),
        Item(action, lead=w.RECAP_WHAT_TO_DO),
        Item(w.imaging_label(result.imaging, result.urgency) + ".", lead=w.RECAP_IMAGING),
        Item(w.recap_emergency(region), lead=w.RECAP_EMERGENCY),
    ]
    copy = None
    if answers is not None:
        copy = _clinic_copy(result, bank, answers, pairs)
    return Summary(
        title=w.SUMMARY_TITLE,
        urgency=result.urgency,
        banner=banner,
        action=action,
        sections=sections,
        footer=footer,
        header=header,
        dynamic=tuple(d for d in dynamic if d),
        pain_chart=result.history.changes.pain if result.history else (),
        recap=recap,
        clinic=copy,
        person=" · ".join(value for _, value in pairs[:2]),
    )


def _history_sections(result: Result, bank: QuestionBank) -> list[Section]:
    from backpain_cli.render.history import history_sections  # issue 12; imports this module

    return history_sections(result, bank)


def _headline(result: Result) -> list[Finding]:
    """Findings at the result's urgency: these speak; the others are listed for the clinician."""
    return [f for f in result.findings if f.urgency == result.urgency]


def _finding_item(finding: Finding, result: Result, bank: QuestionBank, *, explain: bool) -> Item:
    """A finding in the patient's words; one that rests on "not sure" says so instead of stating it."""
    rule = finding.rule
    title = _clean(rule.title)
    if not finding.unsure:
        return Item(_clean(rule.explanation) if explain else "", lead=title)
    missing = [k for k in finding.unsure if k in result.unanswered]
    unsure = [k for k in finding.unsure if k not in missing]
    parts = []
    if unsure:
        parts.append(w.you_were_not_sure(" ".join(_asked(bank, k) for k in unsure)))
    if missing:
        parts.append(w.you_did_not_answer(" ".join(_asked(bank, k) for k in missing)))
    if explain:
        parts.append(_clean(rule.explanation))
    return Item(" ".join(parts), lead=f"{w.NOT_RULED_OUT_LEAD}: {title}")


def _findings_section(result: Result, bank: QuestionBank) -> Section:
    flags = Section(w.FINDINGS_HEADING, id="findings")
    # What the reader must know about the answers themselves (a missing age: not for children).
    flags.paragraphs += [_clean(note) for note in result.notes]
    for finding in _headline(result):
        flags.items.append(_finding_item(finding, result, bank, explain=True))
    if not result.findings:
        flags.paragraphs.append(w.NO_FLAGS_REASON)
    elif not flags.items:
        # Only unanswered warning-sign questions raised the level: say so where a finding would be.
        flags.paragraphs.append(w.UNANSWERED_REASON)
    return flags


def _also_section(result: Result, bank: QuestionBank) -> Section | None:
    """Less urgent findings by name only: their own advice (self-care, a later visit) would contradict the headline."""
    lower = [f for f in result.findings if f.urgency != result.urgency]
    if not lower:
        return None
    section = Section(w.ALSO_FOUND_HEADING, paragraphs=[w.ALSO_FOUND_NOTE], id="also")
    section.items = [_finding_item(f, result, bank, explain=False) for f in lower]
    return section


def _imaging_section(result: Result) -> Section:
    """The headline imaging and why (the deciding rule's reason), any other headline rule's own
    imaging, then what would change it."""
    section = Section(w.IMAGING_HEADING, id="imaging")
    section.paragraphs.append(w.imaging_label(result.imaging, result.urgency) + ".")
    section.paragraphs.extend(_clean(r) for r in result.imaging_reasons)
    # A rule at the same urgency may favour another test (a possible broken bone: an X-ray first):
    # its own advice is shown, not hidden behind the test that won.
    for finding in _headline(result):
        rule = finding.rule
        if rule.imaging != result.imaging and rule.imaging_reason not in result.imaging_reasons:
            section.paragraphs.append(w.imaging_for_finding(_clean(rule.title), _clean(rule.imaging_reason)))
    if result.imaging in w.WHAT_WOULD_CHANGE:
        section.paragraphs += [w.XRAY_AND_MRI, w.WHAT_WOULD_CHANGE[result.imaging]]
    return section


def _unanswered_section(result: Result, bank: QuestionBank) -> Section:
    missing = Section(w.UNANSWERED_HEADING, id="unanswered")
    if result.not_ruled_out:
        names = "; ".join(_question_name(bank, k) for k in result.not_ruled_out)
        missing.paragraphs.append(w.not_ruled_out_note(names))
    others = [k for k in result.unanswered if k not in result.not_ruled_out]
    # The patient's part names the questions whose answer could raise the urgency; the rest are
    # counted (the clinic copy lists every one), so a file with many blanks still prints on 2 pages.
    could = [k for k in others if k in result.would_change]
    if could:
        missing.paragraphs.append(w.could_change_note("; ".join(_question_name(bank, k) for k in could)))
    rest = len(others) - len(could)
    if rest:
        missing.paragraphs.append(w.also_unanswered_count(rest))
    return missing


def _clinic_copy(
    result: Result, bank: QuestionBank, answers: Mapping[str, Any], pairs: list[tuple[str, str]]
) -> ClinicCopy:
    findings = []
    raised: dict[str, list[int]] = {}
    for number, finding in enumerate(result.findings, 1):
        for key in finding.because:
            raised.setdefault(key, []).append(number)
        because = "; ".join(_because(bank, k, answers.get(k)) for k in finding.because)
        findings.append(
            ClinicFinding(
                number,
                _clean(finding.rule.title),
                finding.rule.id,
                finding.urgency.value,
                because,
                _clean(finding.rule.source),
            )
        )
    rows = []
    for question in bank.questions:
        value = answers.get(question.key)
        if question.key in result.ignored:
            value = None  # an answer to a question that did not apply was dropped before the rules
        if value is None or value == [] or value == "":
            status = "unanswered" if question.key in result.unanswered else "not_asked"
        else:
            status = "unsure" if value == "unsure" else "given"
        shown = w.NOT_ASKED if status == "not_asked" else _shown(bank, question.key, value)
        floor = question.key in result.not_ruled_out
        rows.append(AnswerRow(_clean(question.short), shown, status, tuple(raised.get(question.key, ())), floor))
    return ClinicCopy(identifiers=pairs, findings=findings, answers=rows)


def _because(bank: QuestionBank, key: str, value: Any) -> str:
    """One answer behind a finding, short: a "yes" goes without saying; anything else is shown."""
    name = _question_name(bank, key)
    return name if value == "yes" else f"{name}: {_shown(bank, key, value)}"


def _shown(bank: QuestionBank, key: str, value: Any) -> str:
    """An answer as words: labels for choices, "Not sure", units for numbers, "(not answered)"."""
    question = bank.get(key)
    if value is None or value == []:
        return w.NOT_ANSWERED
    if isinstance(value, (list, tuple, set, frozenset)):
        labels = {c.value: c.label for c in question.choices}
        return ", ".join(_clean(labels.get(str(v), str(v))) for v in value)
    if question.type == "choice":
        return _clean(next((c.label for c in question.choices if c.value == value), str(value)))
    if question.type == "yes_no_unsure":
        return w.ANSWER_WORDS.get(str(value), str(value))
    return _clean(f"{value} {question.unit}" if question.unit else str(value))


def answer_words(bank: QuestionBank, key: str, value: Any) -> str:
    """An answer as the review screen and the clinic copy show it (units included)."""
    return _shown(bank, key, value)


def _asked(bank: QuestionBank, key: str) -> str:
    """The question as it was asked, in quotes: what the person was unsure about, in their own words' frame."""
    text = _clean(bank.get(key).text).strip()
    return f'"{text}"'


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
