"""The triage decision: answers + rules -> urgency, imaging, red flags, and what to read and ask.

Pure functions: nothing here reads files, prints, or knows about the command line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from backpain_cli import __version__
from backpain_cli.answers import ANSWER_KEYS, SYMPTOM_KEYS, Answers
from backpain_cli.conditions import YES
from backpain_cli.content import FaqPage, Library, Situation
from backpain_cli.levels import Imaging, Urgency
from backpain_cli.questions import QuestionBank
from backpain_cli.redflags import RULES, RULES_VERSION, Rule
from backpain_cli.wording import (
    NO_FLAGS_REASON,
    NO_IMAGING_REASON,
    UNANSWERED_REASON,
    XRAY_LIMITS,
)

# Screening questions whose answer alone decides whether an emergency or same-day sign is
# present. Left unanswered, they cannot be ruled out, so the urgency is at least "soon"
# (CONTRACT.md: an unanswered question never counts as "no"). Each of them, answered even
# "not sure" on its own, already reaches "soon" or higher, so answering one never lowers the
# urgency (tests/test_triage.py checks that).
SCREENING_KEYS: Final[tuple[str, ...]] = (
    "saddle_numbness",
    "bladder_change",
    "bowel_control_loss",
    "abdominal_or_chest_pain",
    "major_trauma",
    "fever",
    "cancer_history",
)
UNANSWERED_FLOOR: Final = Urgency.SOON


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
class Versions:
    program: str
    question_bank: str
    rules: str
    content: str
    content_fingerprint: str = ""


@dataclass(frozen=True)
class Result:
    """Everything a renderer needs; nothing in it points back at the answer source."""

    urgency: Urgency
    imaging: Imaging
    findings: tuple[Finding, ...]
    urgency_reasons: tuple[str, ...]
    imaging_reasons: tuple[str, ...]
    questions_for_doctor: tuple[str, ...]
    faq: tuple[FaqPage, ...]
    unanswered: tuple[str, ...]
    not_ruled_out: tuple[str, ...]
    ignored: tuple[str, ...]
    versions: Versions
    assessed_on: dt.date

    @property
    def red_flags(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.rule.is_red_flag)

    @property
    def other_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.rule.is_red_flag)


def prune(answers: Answers, bank: QuestionBank) -> tuple[dict[str, object], tuple[str, ...]]:
    """Drop answers to questions that would not have been asked (STYLE habit 12).

    A question with ``ask_if`` is skipped when every question it depends on was answered "no";
    an answer it still carries is stale and must not reach the rules.
    """
    facts = answers.as_dict()
    ignored = []
    for question in bank.questions:
        if question.skipped_by(facts) and facts[question.key] is not None:
            if facts[question.key] != "no":  # a leftover "no" says nothing worth a warning
                ignored.append(question.key)
            facts[question.key] = None
    return facts, tuple(ignored)


def evaluate(facts: dict[str, object], rules: tuple[Rule, ...] = RULES) -> list[Finding]:
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


def assess(answers: Answers, *, bank: QuestionBank, library: Library, today: dt.date | None = None) -> Result:
    """The whole decision for one person's answers."""
    facts, ignored = prune(answers, bank)
    findings = evaluate(facts)
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
    imaging_reasons = list(dict.fromkeys(f.rule.imaging_reason for f in top if f.rule.imaging == imaging))
    if imaging == Imaging.NONE and not top:
        imaging_reasons.append(NO_IMAGING_REASON)
    previous: list[str] = list(answers.previous_imaging or [])
    if (
        "xray" in previous
        and imaging in (Imaging.MRI, Imaging.MRI_URGENT)
        and not any("X-ray" in reason for reason in imaging_reasons)
    ):
        imaging_reasons.append(XRAY_LIMITS)

    situation = Situation(
        urgency=urgency,
        imaging=imaging,
        categories=frozenset(f.rule.category for f in findings if f.rule.category),
        rules=frozenset(f.rule.id for f in findings),
        positive=frozenset(k for k in SYMPTOM_KEYS if facts[k] in ("yes", "unsure")),
        previous_imaging=frozenset(previous),
    )
    return Result(
        urgency=urgency,
        imaging=imaging,
        findings=tuple(findings),
        urgency_reasons=tuple(urgency_reasons),
        imaging_reasons=tuple(imaging_reasons),
        questions_for_doctor=tuple(library.questions_for(situation)),
        faq=tuple(library.faq_for(situation)),
        # A skipped question is not "unanswered": it did not need an answer.
        unanswered=tuple(k for k in ANSWER_KEYS if facts[k] is None and not bank.get(k).skipped_by(facts)),
        not_ruled_out=not_ruled_out,
        ignored=ignored,
        versions=Versions(__version__, bank.version, RULES_VERSION, library.version, library.fingerprint),
        assessed_on=today or dt.date.today(),
    )
