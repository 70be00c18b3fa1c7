"""The triage decision: answers + rules -> urgency, imaging, red flags, and why.

Pure functions over the rule table (redflags.py): nothing here reads files, prints, chooses
content, or knows about the command line. What to read and ask is chosen afterwards, from the
decision (selection.py); assessment.py puts the two together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from backpain_cli.answers import ANSWER_KEYS, SYMPTOM_KEYS, Answers
from backpain_cli.conditions import YES
from backpain_cli.levels import Imaging, Urgency
from backpain_cli.redflags import (
    RULES,
    SCREENING_KEYS,
    SKIPPABLE,
    UNANSWERED_FLOOR,
    Rule,
    SkipGates,
    is_skipped,
    needs_xray_note,
)
from backpain_cli.wording import (
    NO_FLAGS_REASON,
    NO_IMAGING_REASON,
    UNANSWERED_REASON,
    XRAY_LIMITS,
)

# Which question stays behind which: the rule module's minimum, unless the question bank in use
# adds gates of its own (QuestionBank.skip_gates).
DEFAULT_SKIP_GATES: Final[SkipGates] = SKIPPABLE


@dataclass(frozen=True)
class Finding:
    """A rule that fired for these answers."""

    rule: Rule
    urgency: Urgency  # the rule's urgency, one step lower when it rests on a lone "not sure"
    because: tuple[str, ...]
    unsure: tuple[str, ...]  # keys among `because` answered "not sure" (or numbers not given)
    certain: bool

    @property
    def downgraded(self) -> bool:
        return self.urgency != self.rule.urgency


@dataclass(frozen=True)
class Decision:
    """How urgent, which imaging, and why: everything the rules decide, nothing the content adds.

    ``positive`` (yes/no questions answered yes or "not sure", after pruning) and
    ``previous_imaging`` are what content selection looks at besides the levels and the rules.
    """

    urgency: Urgency
    imaging: Imaging
    findings: tuple[Finding, ...]  # most urgent first, red flags before care pathways
    urgency_reasons: tuple[str, ...]
    imaging_reasons: tuple[str, ...]
    unanswered: tuple[str, ...]  # answer keys with no answer (a skipped question is not one)
    not_ruled_out: tuple[str, ...]  # unanswered screening questions, which raised the floor
    ignored: tuple[str, ...]  # answers to skipped questions, dropped before the rules ran
    positive: frozenset[str]
    previous_imaging: frozenset[str]

    @property
    def red_flags(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.rule.is_red_flag)

    @property
    def other_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.rule.is_red_flag)


def prune(answers: Answers, gates: SkipGates = DEFAULT_SKIP_GATES) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Drop answers to questions that would not have been asked (STYLE habit 12).

    A question is skipped when every question it stays behind was answered "no"; an answer it
    still carries is stale and must not reach the rules. Returns every key (None when unanswered)
    and the keys whose non-"no" answers were dropped, for a warning.
    """
    facts = answers.as_dict()
    ignored = []
    for key in gates:
        if facts[key] is not None and is_skipped(key, facts, gates):
            if facts[key] != "no":  # a leftover "no" says nothing worth a warning
                ignored.append(key)
            facts[key] = None
    return facts, tuple(k for k in ANSWER_KEYS if k in ignored)


def evaluate(facts: Mapping[str, Any], rules: tuple[Rule, ...] = RULES) -> list[Finding]:
    """Fire the rules, then apply the lone-"not sure" step down (clinical reference §8, Combining)."""
    positive = {k for k in SYMPTOM_KEYS if facts[k] == "yes" or facts[k] == "unsure"}
    fired = []
    for rule in rules:
        if rule.needs is not None and positive.isdisjoint(rule.needs):
            continue  # cannot hold: none of the answers it needs is yes or unsure
        truth, keys, unsure = rule.when.evaluate(facts)
        if truth:
            fired.append((rule, truth, tuple(dict.fromkeys(keys)), tuple(dict.fromkeys(unsure))))
    unsure_answers = sum(1 for k in positive if facts[k] == "unsure")
    any_certain = any(truth == YES for _, truth, _, _ in fired)
    findings = []
    for rule, truth, keys, unsure in fired:
        # Only a rule that rests on one single "not sure" and nothing else steps down: two "not
        # sure" answers, or one beside a "yes", count in full.
        lone = truth != YES and len(keys) == 1 and unsure == keys and unsure_answers <= 1 and not any_certain
        urgency = rule.urgency.step_down() if lone else rule.urgency
        findings.append(Finding(rule, urgency, keys, unsure, truth == YES))
    return findings


def decide(answers: Answers, *, gates: SkipGates = DEFAULT_SKIP_GATES, rules: tuple[Rule, ...] = RULES) -> Decision:
    """The whole decision for one person's answers (clinical reference §8, Combining).

    The highest urgency any rule gives wins; unanswered screening questions raise it to at least
    UNANSWERED_FLOOR; imaging follows the rules at the winning urgency, the one that shows more
    winning a tie. ``gates`` is the skip logic of the question bank in use.
    """
    facts, ignored = prune(answers, gates)
    findings = evaluate(facts, rules)
    not_ruled_out = tuple(k for k in SCREENING_KEYS if facts[k] is None)

    levels = [f.urgency for f in findings]
    if not_ruled_out:
        levels.append(UNANSWERED_FLOOR)
    urgency = max(levels, key=lambda u: u.rank, default=Urgency.ROUTINE)
    top = [f for f in findings if f.urgency == urgency]
    imaging = max((f.rule.imaging for f in top), key=lambda m: m.rank, default=Imaging.NONE)

    findings.sort(key=lambda f: (-f.urgency.rank, not f.rule.is_red_flag))
    urgency_reasons = [f.rule.title for f in top]
    if not_ruled_out and urgency == UNANSWERED_FLOOR:
        urgency_reasons.append(UNANSWERED_REASON)
    if not urgency_reasons:
        urgency_reasons.append(NO_FLAGS_REASON)
    deciding = tuple(f.rule for f in top if f.rule.imaging == imaging)
    imaging_reasons = list(dict.fromkeys(rule.imaging_reason for rule in deciding))
    if imaging == Imaging.NONE and not top:
        imaging_reasons.append(NO_IMAGING_REASON)
    previous = frozenset(answers.previous_imaging or ())
    if needs_xray_note(previous, imaging, deciding):
        imaging_reasons.append(XRAY_LIMITS)
    return Decision(
        urgency=urgency,
        imaging=imaging,
        findings=tuple(findings),
        urgency_reasons=tuple(urgency_reasons),
        imaging_reasons=tuple(imaging_reasons),
        # A skipped question is not "unanswered": it did not need an answer.
        unanswered=tuple(k for k in ANSWER_KEYS if facts[k] is None and not is_skipped(k, facts, gates)),
        not_ruled_out=not_ruled_out,
        ignored=ignored,
        positive=frozenset(k for k in SYMPTOM_KEYS if facts[k] in ("yes", "unsure")),
        previous_imaging=previous,
    )
