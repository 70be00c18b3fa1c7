"""The summary as a neutral document (headings, paragraphs, lists) that every printed format shares.

Building the words once here keeps text, Markdown, HTML and the terminal summary saying the same
thing in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from backpain_cli.content import Clinic
from backpain_cli.levels import IMAGING_LABEL, URGENCY_ACTION, Imaging, Urgency
from backpain_cli.questions import QuestionBank
from backpain_cli.regions import Region
from backpain_cli.safetext import strip_control
from backpain_cli.triage import Result
from backpain_cli.wording import NO_FLAGS_REASON, NOT_A_DIAGNOSIS, SAFETY_NET

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

    flags = Section("What your answers suggest")
    for finding in result.findings:
        rule = finding.rule
        text = rule.explanation
        if finding.unsure:
            names = ", ".join(_question_name(bank, k) for k in finding.unsure)
            text += f" You were not sure about, or did not answer: {names}. This could not be ruled out."
        flags.items.append(Item(_clean(text), lead=_clean(rule.title), source=_clean(rule.source)))
    if not result.findings:
        flags.paragraphs.append(NO_FLAGS_REASON)
    sections.append(flags)
    sections.append(_imaging_section(result))
    if result.questions_for_doctor:
        sections.append(
            Section("Questions to ask your doctor", items=[Item(_clean(q)) for q in result.questions_for_doctor])
        )
    sections.append(Section("Get help right away if ...", items=[Item(s) for s in SAFETY_NET]))
    if result.faq:
        items = [Item(_clean(p.excerpt), lead=_clean(p.front.title)) for p in result.faq]
        sections.append(Section("Good to know", items=items))
    if result.unanswered:
        missing = Section("Questions you did not answer")
        if result.not_ruled_out:
            names = "; ".join(_question_name(bank, k) for k in result.not_ruled_out)
            missing.paragraphs.append(f"These warning signs could not be ruled out, so tell your clinician: {names}.")
        others = [k for k in result.unanswered if k not in result.not_ruled_out]
        if others:
            missing.paragraphs.append("Also not answered: " + "; ".join(_question_name(bank, k) for k in others) + ".")
        sections.append(missing)
    v = result.versions
    footer = [
        NOT_A_DIAGNOSIS,
        f"backpain {v.program} · questions {v.question_bank} · rules {v.rules} · "
        f"content {v.content} ({v.content_fingerprint}) · "
        f"{result.assessed_on.isoformat()}",
    ]
    header = [f"Date: {result.assessed_on.strftime('%d %B %Y').lstrip('0')}"]
    if name:
        header.append(f"Name: {_clean(name)[:80]}")
    if clinic is not None:
        header += [_clean(line) for line in clinic.lines()]
    return Summary(
        title="Your back pain summary",
        urgency=result.urgency,
        banner=URGENCY_HEADING[result.urgency],
        action=_action(result.urgency, region),
        sections=sections,
        footer=footer,
        header=header,
    )


_XRAY_AND_MRI = (
    "An X-ray shows bones. It can show a broken bone or wear, but not discs, nerves or the spinal cord. "
    "An MRI shows discs, nerves, the spinal cord and bone, and uses no X-ray radiation."
)
_WHAT_WOULD_CHANGE = {
    Imaging.NONE: (
        "What would change this: any of the warning signs below, or leg pain that is no better after "
        "6 weeks of treatment when surgery or an injection is being considered."
    ),
    Imaging.XRAY: (
        "What would change this: if the X-ray is normal but the pain does not settle, or a warning sign "
        "appears, an MRI may be the next step."
    ),
    Imaging.MRI: (
        "Keep in mind: an MRI often shows disc wear that many people without pain also have. It helps "
        "most when its result could change your treatment."
    ),
}


def _imaging_section(result: Result) -> Section:
    section = Section("X-ray or MRI?")
    section.paragraphs.append(IMAGING_LABEL[result.imaging] + ".")
    section.paragraphs.extend(_clean(r) for r in result.imaging_reasons)
    if result.imaging in _WHAT_WOULD_CHANGE:
        section.paragraphs += [_XRAY_AND_MRI, _WHAT_WOULD_CHANGE[result.imaging]]
    return section


def _action(urgency: Urgency, region: Region | None) -> str:
    if urgency == Urgency.EMERGENCY and region is not None:
        return f"Get emergency care now: {region.call}, or go to an emergency department."
    return URGENCY_ACTION[urgency]


def _question_name(bank: QuestionBank, key: str) -> str:
    return bank.get(key).short
