"""The neutral summary document every printed format shares: headings, paragraphs, list items,
the clinician's page and the recap. document.py fills it in; text, Markdown, HTML and the Rich
terminal summary each lay it out, in the words it carries (``Summary.texts``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from backpain_cli.levels import Urgency

if TYPE_CHECKING:
    from backpain_cli.history.changes import PainPoint
    from backpain_cli.texts import Texts


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
    """A heading with paragraphs, then list items, then closing paragraphs (``after``); ``id`` names
    it for renderers (CSS, anchors)."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    id: str = ""
    after: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AnswerRow:
    """One question of the clinic copy with the answer as given.

    ``status`` is "given", "unsure", "unanswered" or "not_asked" (skipped: did not apply);
    ``raised`` holds the numbers of the findings (1-based, as listed in ClinicCopy.findings)
    this answer helped raise; ``mark`` says so after the answer (empty when it raised nothing).
    """

    question: str
    answer: str
    status: str
    raised: tuple[int, ...] = ()
    floor: bool = False  # an unanswered warning-sign question: it raised the level (not ruled out)
    mark: str = ""


@dataclass(frozen=True)
class ClinicFinding:
    """A finding as the clinician reads it: rule id, level (a word in the page's language), the answers
    behind it, the source, and the patient's words (the full explanation, which the patient's part shortens).

    ``inferred``: what a history raised (never answered), named apart from ``because``.
    """

    number: int
    title: str
    rule_id: str
    urgency: str
    because: str
    source: str
    explanation: str = ""
    inferred: str = ""


@dataclass
class ClinicCopy:
    """The part for the clinician: who, every finding in full with its source, the detail the
    patient's part leaves out (``details``: imaging, every question not answered), every answer,
    room to write, and which program made it (``provenance``)."""

    identifiers: list[tuple[str, str]]
    findings: list[ClinicFinding]
    answers: list[AnswerRow]
    details: list[Section] = field(default_factory=list)
    provenance: str = ""
    # The clinic's language when it is not the patient's (--clinic-lang, issue 20): this page's words.
    texts: Texts | None = None
    answered_in: str = ""  # "The patient answered in Spanish.", when the languages differ
    # The last line of the patient's part, in the patient's language, when the languages differ:
    # "The next page is for your doctor and is in Spanish." (issue 20).
    handover: str = ""


@dataclass
class Summary:
    """The whole summary, in one language (``texts``), in the order patients read it."""

    title: str
    urgency: Urgency
    banner: str
    action: str
    sections: list[Section]
    footer: list[str]
    texts: Texts
    header: list[str] = field(default_factory=list)
    # Text that came from outside the program (a name, a clinic's details, a region's emergency
    # number): the HTML isolates each one, so right-to-left text cannot reorder what surrounds it.
    dynamic: tuple[str, ...] = ()
    # The pain scores over time, with a history (issue 12): drawn after the "history" section.
    pain_chart: tuple[PainPoint, ...] = ()
    answers_code: str | None = None  # the answers in compact form, for the HTML's QR code (fhir/compact.py)
    # The last words on screen, right above any prompt: how soon, what to do, imaging, the number.
    recap: list[Item] = field(default_factory=list)
    # Only for printed copies (answers given): never on the terminal, where it would push the recap away.
    clinic: ClinicCopy | None = None
    # The name printed on every page of a printout (running header), when one was given.
    person: str = ""
