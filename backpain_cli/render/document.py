"""The summary as a neutral document (headings, paragraphs, lists) that every printed format shares.

Building the words once here keeps text, Markdown, HTML and the terminal summary saying the same
thing in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from backpain_cli.levels import IMAGING_LABEL, URGENCY_ACTION, Imaging, Urgency
from backpain_cli.questions import QuestionBank
from backpain_cli.regions import Region
from backpain_cli.safetext import strip_control
from backpain_cli.triage import Result
from backpain_cli.wording import NOT_A_DIAGNOSIS, SAFETY_NET

URGENCY_HEADING = {
    Urgency.EMERGENCY: "EMERGENCY: get help now",
    Urgency.URGENT: "URGENT: be seen today",
    Urgency.SOON: "SOON: see a clinician within 1-2 weeks",
    Urgency.ROUTINE: "ROUTINE: self-care for now",
}


@dataclass(frozen=True)
class Item:
    """One list entry: a short lead, its text, and an optional small-print source."""

    text: str
    lead: str | None = None
    source: str | None = None


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


def _clean(text: str) -> str:
    return strip_control(text)


def build_summary(result: Result, bank: QuestionBank, *, region: Region | None = None) -> Summary:
    """Lay out the summary in the order patients read it (issue 4)."""
    sections: list[Section] = []

    flags = Section("What your answers suggest")
    for finding in result.findings:
        rule = finding.rule
        text = rule.explanation
        if finding.unsure:
            names = ", ".join(_question_name(bank, k) for k in finding.unsure)
            text += f" (You were not sure about, or did not answer: {names}. This could not be ruled out.)"
        flags.items.append(Item(_clean(text), lead=_clean(rule.title), source=_clean(rule.source)))
    if not result.findings:
        flags.paragraphs.append("No warning signs were found in your answers.")
    if result.not_ruled_out:
        names = "; ".join(_question_name(bank, k) for k in result.not_ruled_out)
        flags.paragraphs.append(
            f"These warning-sign questions were not answered, so they could not be ruled out: {names}."
        )
    sections.append(flags)

    imaging = Section("X-ray or MRI?")
    imaging.paragraphs.append(IMAGING_LABEL[result.imaging] + ".")
    imaging.paragraphs.extend(_clean(r) for r in result.imaging_reasons)
    if result.imaging in (Imaging.NONE, Imaging.XRAY):
        imaging.paragraphs.append(
            "An X-ray shows bones. An MRI also shows discs, nerves and the spinal cord. "
            "What would change this advice: any of the warning signs below, or leg pain that is no "
            "better after 6 weeks when surgery or an injection is being considered."
        )
    sections.append(imaging)

    if result.questions_for_doctor:
        sections.append(
            Section("Questions to ask your doctor", items=[Item(_clean(q)) for q in result.questions_for_doctor])
        )
    sections.append(Section("Get help right away if ...", items=[Item(s) for s in SAFETY_NET]))
    if result.faq:
        sections.append(
            Section(
                "Good to know",
                items=[Item(_clean(p.excerpt), lead=_clean(p.front.title)) for p in result.faq],
            )
        )
    if result.unanswered:
        sections.append(
            Section(
                "Questions you did not answer",
                paragraphs=["; ".join(_question_name(bank, k) for k in result.unanswered) + "."],
            )
        )
    v = result.versions
    footer = [
        NOT_A_DIAGNOSIS,
        f"backpain {v.program} · questions {v.question_bank} · rules {v.rules} · content {v.content} · "
        f"{result.assessed_on.isoformat()}",
    ]
    return Summary(
        title="Your back pain summary",
        urgency=result.urgency,
        banner=URGENCY_HEADING[result.urgency],
        action=_action(result.urgency, region),
        sections=sections,
        footer=footer,
    )


def _action(urgency: Urgency, region: Region | None) -> str:
    if urgency == Urgency.EMERGENCY and region is not None:
        return f"Get emergency care now: {region.call}, or go to an emergency department."
    return URGENCY_ACTION[urgency]


def _question_name(bank: QuestionBank, key: str) -> str:
    return bank.get(key).short
