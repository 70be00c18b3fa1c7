"""A red-flag rule: the shape every rule in the table has (rules/<category>.py hold the rules).

Rules with a ``category`` are red flags. Rules without one are care pathways (sciatica that has
lasted, symptoms after back surgery): they can set urgency and imaging but are not red flags.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from backpain_cli.conditions import Condition
from backpain_cli.levels import Category, Imaging, Urgency

Case = Mapping[str, object]


@dataclass(frozen=True, eq=False)  # a rule is itself: compared and hashed by identity
class Rule:
    """One rule: when it fires, how urgent it is, what imaging fits, and the source it follows.

    Its words for the patient (title, explanation, imaging reason) are in the text catalogue,
    keyed by ``id`` (texts.RuleTexts): the decision carries the id, the renderers the words.
    """

    id: str
    category: Category | None
    urgency: Urgency
    imaging: Imaging
    when: Condition
    source: str
    # The source's criterion in our words, for the sign-off review (docs/rule-review.md).
    criterion: str
    # The least urgency this rule asks for when it cannot be ruled out because answers it reads
    # were left unanswered (CONTRACT.md: unanswered is never "no"). ROUTINE means: no floor, but
    # the result still lists the questions that could change it.
    if_unanswered: Urgency
    fires: tuple[Case, ...]
    spares: tuple[Case, ...]
    # True when the rule's imaging reason (in the catalogue) already says what an X-ray cannot show, so a summary for
    # someone who had an X-ray needs no separate note about its limits (see needs_xray_note).
    explains_xray_limits: bool = False
    # How and why the rule differs from its source, if it does (docs/rule-review.md).
    differs: str = ""
    # A rule resting on one lone "not sure" steps down one level (reference §8), except where the
    # source says doubt must still be treated as the sign itself (cauda equina: GIRFT).
    steps_down_when_unsure: bool = True
    # Answers besides risk factors whose "not sure" alone, beside certain signs, steps the rule down
    # one level (the doubt policy, rules/policy.py): for the both-legs emergency, whether the symptom
    # is getting worse.
    doubt_keys: frozenset[str] = frozenset()
    # Yes/no keys of which one must be yes or unsure before the rule can fire (None: no such
    # set). Derived from ``when``, so triage can skip rules that cannot hold without evaluating them.
    needs: frozenset[str] | None = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs", self.when.needs())

    @property
    def is_red_flag(self) -> bool:
        return self.category is not None


class RuleTableError(Exception):
    """The rule table breaks one of its own load-time checks: a bug, caught before any assessment."""
