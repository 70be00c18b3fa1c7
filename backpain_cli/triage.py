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
from backpain_cli.measures import MEASURE_KEYS
from backpain_cli.rules import RULES, Rule
from backpain_cli.rules.policy import (
    ASK_WHEN,
    REFINED,
    RISK_FACTORS,
    SkipGates,
    already_scanned,
    implied,
    needs_xray_note,
    skipped,
)
from backpain_cli.rules.triggers import PREGNANT

# Which question is asked when: the rule module's policy, unless the question bank in use adds
# reasons of its own (QuestionBank.skip_gates).
DEFAULT_SKIP_GATES: Final[SkipGates] = ASK_WHEN

_SHOWN_IN_PREGNANCY: Final = frozenset({Imaging.CT_URGENT})


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

    @property
    def imaging(self) -> Imaging:
        """The rule's imaging at this finding's urgency: one imaging answer per story (issue 23).

        An emergency MRI is part of emergency care (CONTRACT: ``mri_urgent``); once a doubt has
        stepped the finding down to a same-day check, it is the MRI that check arranges (``mri``).
        A finding a doubt has stepped down to "soon" gives no imaging of its own: the clinician
        first settles the doubtful sign (a temperature, an old diagnosis), and the sources tie the
        imaging to the sign (Chou 2011: imaging for fever, for a history of cancer, not for a doubt).
        """
        if not self.downgraded or self.rule.imaging in (Imaging.NONE, Imaging.CT_URGENT):
            return self.rule.imaging
        return Imaging.MRI if self.urgency == Urgency.URGENT else Imaging.NONE


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
    facts = implied(answers.as_dict())  # a broad "no" answers its finer questions (policy.REFINED)
    skip = skipped(facts, gates)
    ignored = []
    for key in skip:
        if facts[key] is not None:
            if facts[key] != "no":  # a leftover "no" says nothing worth a warning
                ignored.append(key)
            facts[key] = None
    return facts, tuple(k for k in ANSWER_KEYS if k in ignored), skip


def steps_down(rule: Rule, truth: int, keys: tuple[str, ...], unsure: tuple[str, ...]) -> bool:
    """Whether a rule that fired is one level less urgent because of doubt (policy.DOUBT_POLICY).

    ``keys`` are the answers the rule rests on, ``unsure`` those among them answered "not sure" (or
    numbers not given). A rule steps down when (a) every yes/no answer it rests on is "not sure",
    or (b) its only doubts are about risk factors or the rule's own ``doubt_keys`` (the parts of
    its sign that the source's criterion needs for certain), every risk factor it rests on is a
    doubt (a "yes" risk factor counts in full), and a certain sign that is no risk factor stands
    beside them; numbers not given never count as a doubt that steps down in (b). Unrelated findings
    never turn a doubt into certainty: only the rule's own answers count (reference §8, Combining).
    """
    if truth == YES or not rule.steps_down_when_unsure:
        return False
    answered = [k for k in keys if k in SYMPTOM_KEYS]
    doubts = {k for k in unsure if k in SYMPTOM_KEYS}
    if not answered or not doubts:
        return False
    if doubts == set(answered):  # (a) the rule rests on doubt alone
        return True
    numbers_missing = any(k not in SYMPTOM_KEYS for k in unsure)
    return (
        not numbers_missing
        and doubts <= RISK_FACTORS | rule.doubt_keys  # (b) the doubts are about risk factors or doubt_keys only
        and {k for k in answered if k in RISK_FACTORS} <= doubts
        and any(k not in doubts and k not in RISK_FACTORS for k in answered)
    )


def evaluate(facts: Mapping[str, Any], rules: tuple[Rule, ...] = RULES) -> list[Finding]:
    """Fire the rules, then apply the doubt policy's step down rule by rule (reference §8)."""
    positive = {k for k in SYMPTOM_KEYS if facts[k] == "yes" or facts[k] == "unsure"}
    findings = []
    for rule in rules:
        if rule.needs is not None and positive.isdisjoint(rule.needs):
            continue  # cannot hold: none of the answers it needs is yes or unsure
        truth, keys, unsure = rule.when.evaluate(facts)
        if truth:
            keys, unsure = tuple(dict.fromkeys(keys)), tuple(dict.fromkeys(unsure))
            urgency = rule.urgency.step_down() if steps_down(rule, truth, keys, unsure) else rule.urgency
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


def _imaging(
    imaging: Imaging,
    deciding: tuple[Rule, ...],
    urgency: Urgency,
    facts: Mapping[str, Any],
    previous: frozenset[str],
    found: bool,
    raised_by_unanswered: bool = False,
) -> tuple[Imaging, list[str]]:
    """The imaging answer and its reasons (codes), with the policy that applies after the rules:

    - no repeat: an X-ray or MRI already done for this pain is not repeated when nothing changed,
      at soon or routine (Chou 2011: previous imaging with no change in clinical status);
    - pregnancy: MRI first instead of an X-ray; an emergency CT is not held back but named (ACOG 723);
    - an earlier X-ray's limits beside an MRI (reference §3).
    """
    reasons: list[str] = list(dict.fromkeys(rule.id for rule in deciding))
    if imaging == Imaging.NONE and not found:
        # "no warning signs, so no scan" is only true when no unanswered warning sign set the level
        reasons.append(Reason.UNANSWERED_IMAGING if raised_by_unanswered else Reason.NO_IMAGING)
    if urgency.rank <= Urgency.SOON.rank and already_scanned(imaging, previous, facts):
        return Imaging.NONE, [Reason.ALREADY_SCANNED]
    pregnant = PREGNANT.evaluate(facts)[0] != NO
    if pregnant and imaging == Imaging.XRAY:
        return Imaging.MRI, [Reason.PREGNANCY_MRI_FIRST]
    if needs_xray_note(previous, imaging, deciding):
        reasons.append(Reason.XRAY_LIMITS)
    if pregnant and imaging in _SHOWN_IN_PREGNANCY:
        reasons.append(Reason.PREGNANCY_IMAGING)
    return imaging, reasons


def decide(answers: Answers, *, gates: SkipGates = DEFAULT_SKIP_GATES, rules: tuple[Rule, ...] = RULES) -> Decision:
    """The whole decision for one person's answers (clinical reference §8, Combining).

    The highest urgency any rule gives wins; a rule that could not be ruled out for want of
    answers raises the urgency to its stated floor (``Rule.if_unanswered``); imaging follows the
    rules at the winning urgency, the one that shows more winning a tie. ``gates`` is the skip
    logic of the question bank in use.
    """
    facts, ignored, skip = prune(answers, gates)
    findings = evaluate(facts, rules)
    # A broad key of an earlier bank left out is not "unanswered": its finer questions carry it. A finer
    # question whose broad key was answered "yes" or "not sure" is not unanswered either: that answer
    # stands for it, as cautiously as the rules read it (a broad "no" has answered it: policy.implied).
    covered = {key for broad, finer in REFINED.items() if facts[broad] in ("yes", "unsure") for key in finer}
    # A measure's items (the PEG) are no warning-sign questions: a blank one is not "unanswered".
    unanswered = frozenset(
        k
        for k in ANSWER_KEYS
        if facts[k] is None and k not in skip and k not in REFINED and k not in covered and k not in MEASURE_KEYS
    )
    open_rules = unresolved(facts, unanswered, {f.rule.id for f in findings}, rules)
    floors = [u for u in open_rules if u.alone and u.rule.if_unanswered != Urgency.ROUTINE]
    not_ruled_out = tuple(k for k in ANSWER_KEYS if any(k in u.missing for u in floors))

    levels = [f.urgency for f in findings] + [u.rule.if_unanswered for u in floors]
    urgency = max(levels, key=lambda u: u.rank, default=Urgency.ROUTINE)
    top = [f for f in findings if f.urgency == urgency]
    imaging = max((f.imaging for f in top), key=lambda m: m.rank, default=Imaging.NONE)

    findings.sort(key=lambda f: (-f.urgency.rank, not f.rule.is_red_flag))
    urgency_reasons: list[str] = [f.rule.id for f in top]
    if any(u.rule.if_unanswered == urgency for u in floors) and not top:
        urgency_reasons.append(Reason.UNANSWERED)
    if not urgency_reasons:
        urgency_reasons.append(Reason.NO_FLAGS)
    deciding = tuple(f.rule for f in top if f.imaging == imaging)
    previous = frozenset(answers.previous_imaging or ())
    raised = Reason.UNANSWERED in urgency_reasons
    imaging, imaging_reasons = _imaging(imaging, deciding, urgency, facts, previous, bool(top), raised)
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
