"""The triage decision: answers + rules -> urgency, imaging, red flags, and why.

Pure functions over the rule table (rules/): nothing here reads files, prints, chooses content,
words anything or knows about the command line. The decision carries codes (rule ids and
``levels.Reason``), which the renderers turn into words from the text catalogue (texts.py). What
to read and ask is chosen afterwards, from the decision (selection.py); assessment.py puts the
two together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from backpain_cli.answers import ANSWER_KEYS, SYMPTOM_KEYS, Answers
from backpain_cli.conditions import NO, YES
from backpain_cli.levels import Imaging, Reason, Urgency
from backpain_cli.rules import RULES, Rule
from backpain_cli.rules.policy import ASK_WHEN, SkipGates, needs_xray_note, skipped

# Which question is asked when: the rule module's policy, unless the question bank in use adds
# reasons of its own (QuestionBank.skip_gates).
DEFAULT_SKIP_GATES: Final[SkipGates] = ASK_WHEN

_SHOWN_IN_PREGNANCY: Final = frozenset({Imaging.XRAY, Imaging.CT_URGENT})


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
class Unresolved:
    """A rule that could not be ruled out because questions it reads were not answered."""

    rule: Rule
    missing: tuple[str, ...]  # the unanswered keys that could make it fire
    # True when one of those answers alone could make it fire. Only then is the rule's floor
    # raised: a floor that needs two unknowns at once would turn every missing answer into an alarm.
    alone: bool = True


@dataclass(frozen=True)
class Decision:
    """How urgent, which imaging, and why: everything the rules decide, nothing the content adds.

    ``positive`` (yes/no questions answered yes or "not sure", after pruning) and
    ``previous_imaging`` are what content selection looks at besides the levels and the rules.
    """

    urgency: Urgency
    imaging: Imaging
    findings: tuple[Finding, ...]  # most urgent first, red flags before care pathways
    # Codes, not words: a rule id (its title; its imaging reason) or a ``Reason``, in order.
    urgency_reasons: tuple[str, ...]
    imaging_reasons: tuple[str, ...]
    unanswered: tuple[str, ...]  # answer keys with no answer (a skipped question is not one)
    not_ruled_out: tuple[str, ...]  # unanswered keys that raised the urgency floor
    ignored: tuple[str, ...]  # answers to skipped questions, dropped before the rules ran
    positive: frozenset[str]
    previous_imaging: frozenset[str]
    not_asked: tuple[str, ...] = ()  # questions skipped because earlier answers made them not apply
    would_change: tuple[str, ...] = ()  # unanswered keys whose answer could raise the urgency
    unresolved: tuple[Unresolved, ...] = ()
    notes: tuple[Reason, ...] = ()  # what the reader must know about the answers (a missing age)

    @property
    def red_flags(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.rule.is_red_flag)

    @property
    def other_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.rule.is_red_flag)


def prune(
    answers: Answers, gates: SkipGates = DEFAULT_SKIP_GATES
) -> tuple[dict[str, Any], tuple[str, ...], frozenset[str]]:
    """Drop answers to questions that would not have been asked (STYLE habit 12).

    Returns every key (None when unanswered or skipped), the keys whose non-"no" answers were
    dropped (for a warning), and the skipped keys.
    """
    facts = answers.as_dict()
    skip = skipped(facts, gates)
    ignored = []
    for key in skip:
        if facts[key] is not None:
            if facts[key] != "no":  # a leftover "no" says nothing worth a warning
                ignored.append(key)
            facts[key] = None
    return facts, tuple(k for k in ANSWER_KEYS if k in ignored), skip


def _lone_unsure(rule: Rule, truth: int, keys: tuple[str, ...], unsure: tuple[str, ...]) -> bool:
    """Whether a rule rests on one single "not sure" and nothing else of its own trigger.

    Numbers and choices in the trigger are context, not evidence; only yes/no answers count.
    Unrelated findings never turn a doubt into certainty (reference §8, Combining).
    """
    if truth == YES or not rule.steps_down_when_unsure:
        return False
    symptoms = [k for k in keys if k in SYMPTOM_KEYS]
    return len(symptoms) == 1 and set(unsure) == set(symptoms)


def evaluate(facts: Mapping[str, Any], rules: tuple[Rule, ...] = RULES) -> list[Finding]:
    """Fire the rules, then apply the lone-"not sure" step down rule by rule (reference §8)."""
    positive = {k for k in SYMPTOM_KEYS if facts[k] == "yes" or facts[k] == "unsure"}
    findings = []
    for rule in rules:
        if rule.needs is not None and positive.isdisjoint(rule.needs):
            continue  # cannot hold: none of the answers it needs is yes or unsure
        truth, keys, unsure = rule.when.evaluate(facts)
        if truth:
            keys, unsure = tuple(dict.fromkeys(keys)), tuple(dict.fromkeys(unsure))
            urgency = rule.urgency.step_down() if _lone_unsure(rule, truth, keys, unsure) else rule.urgency
            findings.append(Finding(rule, urgency, keys, unsure, truth == YES))
    return findings


def unresolved(
    facts: Mapping[str, Any], unanswered: frozenset[str], fired: set[str], rules: tuple[Rule, ...] = RULES
) -> list[Unresolved]:
    """Rules that did not fire but could have, had the unanswered yes/no questions been answered yes.

    Each unanswered yes/no question is read as "not sure" (never "no"): a rule that then holds
    could not be ruled out.
    """
    missing_symptoms = unanswered & SYMPTOM_KEYS
    if not missing_symptoms:
        return []
    relaxed = {k: ("unsure" if k in missing_symptoms else v) for k, v in facts.items()}
    out = []
    for rule in rules:
        if rule.id in fired:
            continue
        truth, keys, _ = rule.when.evaluate(relaxed)
        missing = tuple(k for k in dict.fromkeys(keys) if k in missing_symptoms)
        if truth != NO and missing:
            alone = len(missing) == 1 or any(rule.when.evaluate({**facts, key: "unsure"})[0] != NO for key in missing)
            out.append(Unresolved(rule, missing, alone))
    return out


def decide(answers: Answers, *, gates: SkipGates = DEFAULT_SKIP_GATES, rules: tuple[Rule, ...] = RULES) -> Decision:
    """The whole decision for one person's answers (clinical reference §8, Combining).

    The highest urgency any rule gives wins; a rule that could not be ruled out for want of
    answers raises the urgency to its stated floor (``Rule.if_unanswered``); imaging follows the
    rules at the winning urgency, the one that shows more winning a tie. ``gates`` is the skip
    logic of the question bank in use.
    """
    facts, ignored, skip = prune(answers, gates)
    findings = evaluate(facts, rules)
    unanswered = frozenset(k for k in ANSWER_KEYS if facts[k] is None and k not in skip)
    open_rules = unresolved(facts, unanswered, {f.rule.id for f in findings}, rules)
    floors = [u for u in open_rules if u.alone and u.rule.if_unanswered != Urgency.ROUTINE]
    not_ruled_out = tuple(k for k in ANSWER_KEYS if any(k in u.missing for u in floors))

    levels = [f.urgency for f in findings] + [u.rule.if_unanswered for u in floors]
    urgency = max(levels, key=lambda u: u.rank, default=Urgency.ROUTINE)
    top = [f for f in findings if f.urgency == urgency]
    imaging = max((f.rule.imaging for f in top), key=lambda m: m.rank, default=Imaging.NONE)

    findings.sort(key=lambda f: (-f.urgency.rank, not f.rule.is_red_flag))
    urgency_reasons: list[str] = [f.rule.id for f in top]
    if any(u.rule.if_unanswered == urgency for u in floors) and not top:
        urgency_reasons.append(Reason.UNANSWERED)
    if not urgency_reasons:
        urgency_reasons.append(Reason.NO_FLAGS)
    deciding = tuple(f.rule for f in top if f.rule.imaging == imaging)
    imaging_reasons: list[str] = list(dict.fromkeys(rule.id for rule in deciding))
    if imaging == Imaging.NONE and not top:
        imaging_reasons.append(Reason.NO_IMAGING)
    previous = frozenset(answers.previous_imaging or ())
    if needs_xray_note(previous, imaging, deciding):
        imaging_reasons.append(Reason.XRAY_LIMITS)
    if imaging in _SHOWN_IN_PREGNANCY and facts["pregnant_or_postpartum"] in ("yes", "unsure"):
        imaging_reasons.append(Reason.PREGNANCY_IMAGING)
    would_change = tuple(
        k for k in ANSWER_KEYS if any(k in u.missing for u in open_rules if u.rule.urgency.rank > urgency.rank)
    )
    notes = (Reason.AGE_MISSING,) if facts["age"] is None else ()
    return Decision(
        urgency=urgency,
        imaging=imaging,
        findings=tuple(findings),
        urgency_reasons=tuple(urgency_reasons),
        imaging_reasons=tuple(imaging_reasons),
        unanswered=tuple(k for k in ANSWER_KEYS if k in unanswered),
        not_ruled_out=not_ruled_out,
        ignored=ignored,
        positive=frozenset(k for k in SYMPTOM_KEYS if facts[k] in ("yes", "unsure")),
        previous_imaging=previous,
        not_asked=tuple(k for k in ANSWER_KEYS if k in skip),
        would_change=would_change,
        unresolved=tuple(open_rules),
        notes=notes,
    )
