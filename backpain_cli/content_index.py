"""The index that matches content entries (doctor questions, FAQ pages) to a situation.

Each entry's ``fits`` becomes plain sets (``Criteria``); a ``Situation`` is the digest of a triage
decision; a ``Selector`` scores entries through an index from each criterion to its entries, built
once per content folder. content.py builds the selectors; selection.py asks them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final, Generic, TypeVar

T = TypeVar("T")

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
