"""Choosing what to read and ask: FAQ pages and doctor questions that fit a triage decision.

Content depends on the decision, never the other way round: triage.py decides from the rules
alone, and this module picks entries from the content library for that decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from backpain_cli.content_index import NO_SELF_CARE, Situation

if TYPE_CHECKING:
    from backpain_cli.content import FaqPage, Library
    from backpain_cli.triage import Decision

MAX_DOCTOR_QUESTIONS: Final = 8
MAX_FAQ: Final = 4


@dataclass(frozen=True)
class Advice:
    """What the content library offers for one decision."""

    questions_for_doctor: tuple[str, ...]
    faq: tuple[FaqPage, ...]


def situation_of(decision: Decision) -> Situation:
    """The digest of a decision that content entries are matched against."""
    return Situation(
        urgency=decision.urgency,
        imaging=decision.imaging,
        categories=frozenset(f.rule.category for f in decision.findings if f.rule.category),
        rules=frozenset(f.rule.id for f in decision.findings),
        positive=decision.positive,
        previous_imaging=decision.previous_imaging,
    )


def questions_for(library: Library, situation: Situation) -> list[str]:
    """Questions to ask the doctor: the ones tied to this situation first, then the general ones."""
    chosen = library.question_selector
    specific = [item for score, item in chosen.scored(situation) if score]
    # Keep room for at least one general question ("does anything point to a serious cause?").
    no_self_care = situation.urgency in NO_SELF_CARE
    general = [item for c, item in chosen.entries if c.always and not (no_self_care and c.self_care)]
    return (specific[: MAX_DOCTOR_QUESTIONS - 1] + general)[:MAX_DOCTOR_QUESTIONS]


def faq_for(library: Library, situation: Situation) -> list[FaqPage]:
    """The FAQ pages that fit best, most specific first."""
    fitting = library.page_selector.scored(situation, include_always=True)
    fitting.sort(key=lambda sp: -sp[0])  # stable: equal scores keep the priority order
    return [page for _, page in fitting[:MAX_FAQ]]


def advise(decision: Decision, library: Library) -> Advice:
    """Doctor questions and FAQ pages for a decision (content/doctor_questions.yaml, content/faq)."""
    situation = situation_of(decision)
    return Advice(tuple(questions_for(library, situation)), tuple(faq_for(library, situation)))
