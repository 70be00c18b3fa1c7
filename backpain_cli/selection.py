"""Choosing what to read and ask: FAQ pages and doctor questions that fit a triage decision.

Content depends on the decision, never the other way round: triage.py decides from the rules
alone, and this module picks entries from the content library for that decision.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Generic, TypeVar

if TYPE_CHECKING:
    from backpain_cli.content import FaqPage, Library
    from backpain_cli.triage import Decision

T = TypeVar("T")

MAX_DOCTOR_QUESTIONS: Final = 8
MAX_FAQ: Final = 4
# At these levels, self-care and wait-and-see content would contradict the advice to be seen now.
NO_SELF_CARE: Final = frozenset({"urgent", "emergency"})


@dataclass(frozen=True, slots=True)
class Criteria:
    """A Fits as plain sets: selection runs for every answer file in a batch, so it must be cheap."""

    always: bool
    match_all: bool
    no_red_flags: bool
    categories: frozenset[str]
    rules: frozenset[str]
    answers: frozenset[str]
    imaging: frozenset[str]
    urgency: frozenset[str]
    previous_imaging: frozenset[str]
    self_care: bool = False  # never chosen at NO_SELF_CARE levels

    def groups(self) -> tuple[frozenset[str], ...]:
        """The criteria in the order of ``Situation.features`` groups."""
        flag = frozenset({"yes"}) if self.no_red_flags else frozenset()
        return (self.categories, self.rules, self.answers, self.imaging, self.urgency, self.previous_imaging, flag)


@dataclass(frozen=True)
class Situation:
    """What content selection looks at: a digest of the answers and the triage outcome."""

    urgency: str
    imaging: str
    categories: frozenset[str]
    rules: frozenset[str]
    positive: frozenset[str]
    previous_imaging: frozenset[str]

    def features(self) -> Iterator[tuple[int, str]]:
        """(group, value) pairs, groups numbered as in ``Criteria.groups``."""
        for group, values in enumerate(
            (self.categories, self.rules, self.positive, (self.imaging,), (self.urgency,), self.previous_imaging)
        ):
            for value in values:
                yield group, value
        if not self.categories:
            yield 6, "yes"


class Selector(Generic[T]):
    """Scores content entries against a situation through an index from each criterion to its entries.

    Selection runs once per answer file, so a batch of thousands must not test every entry
    against every criterion: only the entries a situation's features point at are touched.
    """

    def __init__(self, entries: Sequence[tuple[Criteria, T]]) -> None:
        self.entries = list(entries)
        self.always = [item for c, item in self.entries if c.always]
        self.always_numbers = frozenset(n for n, (c, _) in enumerate(self.entries) if c.always)
        self.index: dict[tuple[int, str], list[int]] = {}
        self.required: list[int] = []  # per entry: the groups it needs (bit mask), for match: all
        for number, (c, _) in enumerate(self.entries):
            mask = 0
            for group, values in enumerate(c.groups()):
                for value in values:
                    self.index.setdefault((group, value), []).append(number)
                if values:
                    mask |= 1 << group
            self.required.append(mask if c.match_all else 0)

    def scored(self, situation: Situation, *, include_always: bool = False) -> list[tuple[int, T]]:
        """(score, entry) for each entry that fits, in entry order."""
        scores: dict[int, int] = {}
        groups: dict[int, int] = {}
        index = self.index
        for group, value in situation.features():
            for number in index.get((group, value), ()):
                scores[number] = scores.get(number, 0) + 1
                groups[number] = groups.get(number, 0) | (1 << group)
        candidates = set(scores).union(self.always_numbers) if include_always else scores.keys()
        out = []
        for number in sorted(candidates):
            if situation.urgency in NO_SELF_CARE and self.entries[number][0].self_care:
                continue
            score = scores.get(number, 0)
            required = self.required[number]
            if score and groups[number] & required != required:
                score = 0
            if score or (include_always and number in self.always_numbers):
                out.append((score, self.entries[number][1]))
        return out


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
