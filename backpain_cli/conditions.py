"""A tiny three-valued logic for rule triggers: each condition says yes, maybe, or no.

"Maybe" is how "not sure" (and a number that was not given) travels through a rule: it is never
read as "no" (clinical reference §8). Every condition also reports which answer keys made it true,
so a result can say *because* of what a red flag fired.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Protocol

NO: Final = 0
MAYBE: Final = 1
YES: Final = 2

# (truth, keys that support it, the subset of those keys that are uncertain)
Match = tuple[int, tuple[str, ...], tuple[str, ...]]
Facts = Mapping[str, Any]

_NOTHING: Final[Match] = (NO, (), ())


class Condition(Protocol):
    def evaluate(self, facts: Facts) -> Match: ...

    def keys(self) -> frozenset[str]: ...

    def describe(self) -> str: ...

    def needs(self) -> frozenset[str] | None:
        """Yes/no keys of which at least one must be yes or unsure for this to hold (None: no such set)."""
        ...


@dataclass(frozen=True, slots=True)
class Yes:
    """A yes/no/unsure answer is yes (true) or unsure (maybe)."""

    key: str

    def evaluate(self, facts: Facts) -> Match:
        value = facts[self.key]
        if value == "yes":
            return (YES, (self.key,), ())
        if value == "unsure":
            return (MAYBE, (self.key,), (self.key,))
        return _NOTHING

    def keys(self) -> frozenset[str]:
        return frozenset({self.key})

    def describe(self) -> str:
        return self.key

    def needs(self) -> frozenset[str] | None:
        return frozenset({self.key})


@dataclass(frozen=True, slots=True)
class No:
    """A yes/no/unsure answer is certainly "no": only a "no" holds; unsure or unanswered never does.

    Used to recognise a settled pattern (for example weakness that is *not* getting worse): a
    doubt must never count as the reassuring answer.
    """

    key: str

    def evaluate(self, facts: Facts) -> Match:
        return (YES, (), ()) if facts[self.key] == "no" else _NOTHING

    def keys(self) -> frozenset[str]:
        return frozenset({self.key})

    def describe(self) -> str:
        return f"{self.key} is no"

    def needs(self) -> frozenset[str] | None:
        return None


@dataclass(frozen=True, slots=True)
class AtLeast:
    """A whole-number answer is at least ``minimum``; not given counts as maybe."""

    key: str
    minimum: int

    def evaluate(self, facts: Facts) -> Match:
        value = facts[self.key]
        if value is None:
            return (MAYBE, (self.key,), (self.key,))
        return (YES, (self.key,), ()) if value >= self.minimum else _NOTHING

    def keys(self) -> frozenset[str]:
        return frozenset({self.key})

    def describe(self) -> str:
        return f"{self.key} >= {self.minimum}"

    def needs(self) -> frozenset[str] | None:
        return None


@dataclass(frozen=True, slots=True)
class Below:
    """A whole-number answer is below ``limit``; not given counts as maybe."""

    key: str
    limit: int

    def evaluate(self, facts: Facts) -> Match:
        value = facts[self.key]
        if value is None:
            return (MAYBE, (self.key,), (self.key,))
        return (YES, (self.key,), ()) if value < self.limit else _NOTHING

    def keys(self) -> frozenset[str]:
        return frozenset({self.key})

    def describe(self) -> str:
        return f"{self.key} < {self.limit}"

    def needs(self) -> frozenset[str] | None:
        return None


@dataclass(frozen=True, slots=True)
class OneOf:
    """A choice answer (or any item of a list answer) is one of ``values``; not given is maybe."""

    key: str
    values: frozenset[str]

    def evaluate(self, facts: Facts) -> Match:
        value = facts[self.key]
        if value is None:
            return (MAYBE, (self.key,), (self.key,))
        items = value if isinstance(value, list) else (value,)
        return (YES, (self.key,), ()) if any(v in self.values for v in items) else _NOTHING

    def keys(self) -> frozenset[str]:
        return frozenset({self.key})

    def describe(self) -> str:
        return f"{self.key} in ({', '.join(sorted(self.values))})"

    def needs(self) -> frozenset[str] | None:
        return None


@dataclass(frozen=True, slots=True)
class OnsetBefore:
    """The pain began before a given age (age minus the weeks of pain)."""

    age: int

    def evaluate(self, facts: Facts) -> Match:
        years, weeks = facts["age"], facts["pain_weeks"]
        if years is None or weeks is None:
            unknown = tuple(k for k in ("age", "pain_weeks") if facts[k] is None)
            return (MAYBE, ("age", "pain_weeks"), unknown)
        return (YES, ("age", "pain_weeks"), ()) if years - weeks / 52 < self.age else _NOTHING

    def keys(self) -> frozenset[str]:
        return frozenset({"age", "pain_weeks"})

    def describe(self) -> str:
        return f"pain began before age {self.age}"

    def needs(self) -> frozenset[str] | None:
        return None


@dataclass(frozen=True, slots=True, init=False)
class All:
    """Every part holds; the truth is the weakest part's."""

    parts: tuple[Condition, ...]

    def __init__(self, *parts: Condition) -> None:
        object.__setattr__(self, "parts", parts)

    def evaluate(self, facts: Facts) -> Match:
        truth = YES
        keys: tuple[str, ...] = ()
        unsure: tuple[str, ...] = ()
        for part in self.parts:
            t, k, u = part.evaluate(facts)
            if t == NO:
                return _NOTHING
            truth = min(truth, t)
            keys += k
            unsure += u
        return (truth, keys, unsure)

    def keys(self) -> frozenset[str]:
        return frozenset().union(*(p.keys() for p in self.parts))

    def describe(self) -> str:
        return " and ".join(_wrap(p) for p in self.parts)

    def needs(self) -> frozenset[str] | None:
        # Every part must hold, so any one part's requirement is a requirement of the whole.
        found = [n for n in (p.needs() for p in self.parts) if n is not None]
        return min(found, key=len) if found else None


@dataclass(frozen=True, slots=True, init=False)
class AnyOf:
    """At least one part holds; every part that holds is evidence."""

    parts: tuple[Condition, ...]

    def __init__(self, *parts: Condition) -> None:
        object.__setattr__(self, "parts", parts)

    def evaluate(self, facts: Facts) -> Match:
        truth = NO
        keys: tuple[str, ...] = ()
        unsure: tuple[str, ...] = ()
        for part in self.parts:
            t, k, u = part.evaluate(facts)
            if t != NO:
                truth = max(truth, t)
                keys += k
                unsure += u
        return (truth, keys, unsure) if truth != NO else _NOTHING

    def keys(self) -> frozenset[str]:
        return frozenset().union(*(p.keys() for p in self.parts))

    def describe(self) -> str:
        return " or ".join(_wrap(p) for p in self.parts)

    def needs(self) -> frozenset[str] | None:
        return _union_of_needs(self.parts)


@dataclass(frozen=True, slots=True, init=False)
class Some:
    """At least ``count`` parts hold; the truth is that of the count-th strongest part."""

    count: int
    parts: tuple[Condition, ...]

    def __init__(self, count: int, *parts: Condition) -> None:
        object.__setattr__(self, "count", count)
        object.__setattr__(self, "parts", parts)

    def evaluate(self, facts: Facts) -> Match:
        held = [m for m in (p.evaluate(facts) for p in self.parts) if m[0] != NO]
        if len(held) < self.count:
            return _NOTHING
        held.sort(key=lambda m: m[0], reverse=True)
        keys: tuple[str, ...] = ()
        unsure: tuple[str, ...] = ()
        for _, k, u in held:
            keys += k
            unsure += u
        return (held[self.count - 1][0], keys, unsure)

    def keys(self) -> frozenset[str]:
        return frozenset().union(*(p.keys() for p in self.parts))

    def describe(self) -> str:
        return f"at least {self.count} of ({', '.join(p.describe() for p in self.parts)})"

    def needs(self) -> frozenset[str] | None:
        return _union_of_needs(self.parts)


@dataclass(frozen=True, slots=True)
class Unless:
    """An exclusion: holds unless the part is *certainly* true.

    An explanation only rules something out when it is certain; a "maybe" never excludes, so a
    "not sure" can never switch a red flag off.
    """

    part: Condition

    def evaluate(self, facts: Facts) -> Match:
        return _NOTHING if self.part.evaluate(facts)[0] == YES else (YES, (), ())

    def keys(self) -> frozenset[str]:
        return self.part.keys()

    def describe(self) -> str:
        return f"not certainly ({self.part.describe()})"

    def needs(self) -> frozenset[str] | None:
        return None


@dataclass(frozen=True, slots=True)
class Certainly:
    """The part holds for certain: a "maybe" (a "not sure", a number not given) does not count.

    For settled patterns that lower the urgency (symptoms known to be old and stable): a doubt must
    never count as the reassuring answer.
    """

    part: Condition

    def evaluate(self, facts: Facts) -> Match:
        found = self.part.evaluate(facts)
        return found if found[0] == YES else _NOTHING

    def keys(self) -> frozenset[str]:
        return self.part.keys()

    def describe(self) -> str:
        return f"certainly ({self.part.describe()})"

    def needs(self) -> frozenset[str] | None:
        return self.part.needs()


def _union_of_needs(parts: tuple[Condition, ...]) -> frozenset[str] | None:
    # Some part must hold: the whole needs one of the union, unless a part can hold without any.
    union: set[str] = set()
    for part in parts:
        need = part.needs()
        if need is None:
            return None
        union |= need
    return frozenset(union)


def _wrap(part: Condition) -> str:
    text = part.describe()
    return f"({text})" if isinstance(part, All | AnyOf) and len(getattr(part, "parts", ())) > 1 else text
