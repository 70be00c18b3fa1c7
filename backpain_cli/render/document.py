"""The summary as a neutral document (headings, paragraphs, lists) that every printed format shares.

Building the words once here keeps text, Markdown, HTML and the terminal summary saying the same
thing in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from backpain_cli import wording as w
from backpain_cli.assessment import Result
from backpain_cli.content import Clinic
from backpain_cli.history.changes import PainPoint
from backpain_cli.levels import Urgency
from backpain_cli.questions import QuestionBank
from backpain_cli.regions import Region
from backpain_cli.safetext import strip_control


@dataclass(frozen=True)
class Item:
    """One list entry: a short lead, its text, and an optional small-print source."""

    text: str
    lead: str | None = None
    source: str | None = None

    @property
    def lead_label(self) -> str:
        """The lead as it is printed before the text: a title ending in '?' needs no colon."""
        if not self.lead:
            return ""
        return self.lead if self.lead.endswith(("?", "!", ".", ":")) else self.lead + ":"


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)


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


def _clean(text: str) -> str:
    return strip_control(text)


def build_summary(
    result: Result,
    bank: QuestionBank,
    *,
    region: Region | None = None,
    name: str | None = None,
    clinic: Clinic | None = None,
) -> Summary:
    """Lay out the summary in the order patients read it (issue 4)."""
    sections: list[Section] = []

    flags = Section(w.FINDINGS_HEADING)
    for finding in result.findings:
        rule = finding.rule
        text = rule.explanation
        if finding.unsure:
            names = ", ".join(_question_name(bank, k) for k in finding.unsure)
            text += w.not_sure_note(names)
        flags.items.append(Item(_clean(text), lead=_clean(rule.title), source=_clean(rule.source)))
    if not result.findings:
        flags.paragraphs.append(w.NO_FLAGS_REASON)
    sections.append(flags)
    sections += _history_sections(result, bank)
    sections.append(_imaging_section(result))
    if result.questions_for_doctor:
        sections.append(Section(w.DOCTOR_HEADING, items=[Item(_clean(q)) for q in result.questions_for_doctor]))
    sections.append(Section(w.SAFETY_NET_HEADING, items=[Item(s) for s in w.SAFETY_NET]))
    if result.faq:
        items = [Item(_clean(p.excerpt), lead=_clean(p.front.title)) for p in result.faq]
        sections.append(Section(w.FAQ_HEADING, items=items))
    if result.unanswered:
        missing = Section(w.UNANSWERED_HEADING)
        if result.not_ruled_out:
            names = "; ".join(_question_name(bank, k) for k in result.not_ruled_out)
            missing.paragraphs.append(w.not_ruled_out_note(names))
        others = [k for k in result.unanswered if k not in result.not_ruled_out]
        if others:
            missing.paragraphs.append(w.also_unanswered_note("; ".join(_question_name(bank, k) for k in others)))
        sections.append(missing)
    v = result.versions
    footer = [
        w.NOT_A_DIAGNOSIS,
        f"backpain {v.program} · questions {v.question_bank} · rules {v.rules} · "
        f"content {v.content} ({v.content_fingerprint}) · "
        f"{result.assessed_on.isoformat()}",
    ]
    header = [f"Date: {result.assessed_on.strftime('%d %B %Y').lstrip('0')}"]
    dynamic: list[str] = []
    if name:
        dynamic.append(_clean(name)[:80])
        header.append(f"Name: {dynamic[-1]}")
    if clinic is not None:
        lines = [_clean(line) for line in clinic.lines()]
        header += lines
        dynamic += lines
    if region is not None:
        dynamic.append(_clean(region.number))
    return Summary(
        title=w.SUMMARY_TITLE,
        urgency=result.urgency,
        banner=w.URGENCY_HEADING[result.urgency],
        action=w.urgency_action(result.urgency, region),
        sections=sections,
        footer=footer,
        header=header,
        dynamic=tuple(d for d in dynamic if d),
        pain_chart=result.history.changes.pain if result.history else (),
    )


def _history_sections(result: Result, bank: QuestionBank) -> list[Section]:
    from backpain_cli.render.history import history_sections  # issue 12; imports this module

    return history_sections(result, bank)


def _imaging_section(result: Result) -> Section:
    section = Section(w.IMAGING_HEADING)
    section.paragraphs.append(w.IMAGING_LABEL[result.imaging] + ".")
    section.paragraphs.extend(_clean(r) for r in result.imaging_reasons)
    if result.imaging in w.WHAT_WOULD_CHANGE:
        section.paragraphs += [w.XRAY_AND_MRI, w.WHAT_WOULD_CHANGE[result.imaging]]
    return section


def _question_name(bank: QuestionBank, key: str) -> str:
    return bank.get(key).short
