"""What changed since the last check-in, and the facts it raises for the rules (issue 12).

Two pure functions, nothing read or written:

- ``compute_changes``: earlier check-ins + today's answers -> ``Changes`` (dates, new and resolved
  symptoms, pain scores over time, weeks since the episode began, whether the pain is settling).
- ``raise_facts``: ``Changes`` + today's answers -> answers for the rules, and what was raised. It only ever
  raises: a "no" or blank can become "yes", a number can go up; nothing the person said is lowered.

An *episode* is the run of check-ins that ends today with no gap longer than ``EPISODE_GAP_WEEKS``
between two of them: a longer gap means the pain went away long enough that earlier check-ins
belong to an earlier episode (docs/history.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from backpain_cli.answers import ANSWER_KEYS, SYMPTOM_KEYS
from backpain_cli.measures import IMPORTANT_FRACTION, IMPORTANT_POINTS, Change, Score, change, peg
from backpain_cli.rules.policy import SkipGates, is_skipped

# A gap longer than this between two check-ins starts a new episode (about three months: the
# point where guidelines call back pain long-lasting, so a pain-free gap this long is a new story).
EPISODE_GAP_WEEKS: Final = 12
# Pain counts as "not settling" when, over at least this many weeks of check-ins, the score has
# dropped by less than 30% and by less than 2 points (the usual smallest change that matters to
# patients: Ostelo et al., Spine 2008).
SETTLING_WEEKS: Final = 6
SETTLING_FRACTION: Final = 0.3
SETTLING_POINTS: Final = 2
# Nerve symptoms that count as "new or worsening" when new since the last check-in (NICE CKS,
# GIRFT): leg numbness or weakness, the cauda equina signs, and the cord signs (when the question
# bank in use has them: the keys are read from ANSWER_KEYS at run time).
NERVE_KEYS: Final = (
    "leg_numbness",
    "leg_weakness",
    "saddle_numbness",
    "bladder_change",
    "bowel_control_loss",
    "walking_unsteady",
    "hands_clumsy",
    "band_pain",
)
POSITIVE: Final = frozenset({"yes", "unsure"})
# The history's rules, for the sign-off sheet (`backpain rules`, docs/rule-review.md): what each
# does, and the source or reasoning behind it (the same constants the code above and below uses).
HISTORY_RULES: Final[tuple[tuple[str, str, str], ...]] = (
    (
        "peg_change",
        f"The summary says in words when today's PEG score differs from the episode's first PEG score by at "
        f"least {round(IMPORTANT_FRACTION * 100)}% of the first and at least {IMPORTANT_POINTS} point (improved or "
        "worsened), and otherwise that the change is not big enough yet. It raises no answer and never changes "
        "the urgency or the imaging: the PEG measures, the red flags triage (issue 22, docs/measures.md).",
        "IMMPACT (Dworkin et al., J Pain 2008;9(2):105-121): a 30% reduction in a 0-10 pain rating is a "
        "moderately important change; Reed et al., J Pain 2024;25(1):142-152: the PEG's minimally important "
        "difference is about 1 point (0.6-1.75 by method); Krebs et al., J Gen Intern Med 2009;24(6):733-738: "
        "the PEG is responsive to change.",
    ),
    (
        "episode",
        f"A gap of more than {EPISODE_GAP_WEEKS} weeks between two check-ins starts a new episode; only the "
        "check-ins of the episode that ends today are compared.",
        "NICE NG59 and Chou 2007 call back pain lasting more than 12 weeks long-lasting (chronic); a gap that "
        "long is read as a new story. The gap itself is the project's reading: no source sets one.",
    ),
    (
        "not_settling",
        f"Over at least {SETTLING_WEEKS} weeks of check-ins, a worst-pain score that fell by less than "
        f"{round(SETTLING_FRACTION * 100)}% and by less than {SETTLING_POINTS} points raises "
        "treatment_not_helping to yes (no better after about a month of treatment).",
        "Ostelo et al., Spine 2008: the smallest change in a pain score that matters to patients is about 30% "
        "(or 2 points of 10); Chou 2011: reassess when there is no improvement after about a month.",
    ),
    (
        "new_nerve_sign",
        "A nerve symptom new since the last check-in ("
        + ", ".join(NERVE_KEYS)
        + ") raises weakness_getting_worse to yes when a leg is weak today and numbness_spreading when a leg is "
        "numb (weakness_worsening in banks before 2027.1): the rules' 'new or getting worse'.",
        "GIRFT national CES pathway: new or deteriorating symptoms; ACP 2007 recommendation 3 and Chou 2011: "
        "a progressive neurological deficit -> prompt MRI; NICE CKS sciatica red flags.",
    ),
    (
        "episode_weeks",
        "pain_weeks, when answered, is raised to the weeks since the episode's first check-in, unless that "
        "would lower the urgency (it is then kept as answered); a blank stays blank.",
        "The rules' durations count from the start of the pain (Chou 2011: about a month); a history may raise "
        "an answer but never lowers an urgency (CONTRACT).",
    ),
)
# The "getting worse" answers a new nerve sign raises (rule set 2027.1: weakness and numbness apart).
WORSENING_TARGETS: Final = ("weakness_getting_worse", "numbness_spreading")


@dataclass(frozen=True)
class PastCheckIn:
    """One earlier check-in as the change rules see it: its date, answers, and the urgency it got."""

    taken_on: dt.date
    answers: Mapping[str, Any]
    urgency: str | None = None


@dataclass(frozen=True)
class PainPoint:
    """A pain score (0-10, None when not given) on a date, that check-in's urgency, and its PEG score
    when all three PEG items were answered (issue 22; measures.py)."""

    taken_on: dt.date
    score: int | None
    urgency: str | None
    peg: Score | None = None


@dataclass(frozen=True)
class Changes:
    """What changed, for one set of answers given ``today`` against the check-ins before it.

    ``new``: yes/no keys that went from "no" or unanswered at the last check-in to "yes" or
    "unsure" today; ``resolved``: from "yes" to "no". Both are empty without an earlier check-in.
    ``pain``: the episode's pain scores, oldest first, today's last. ``weeks_since_first``: whole
    weeks from the episode's first check-in to today.
    """

    today: dt.date
    previous_on: dt.date | None
    first_on: dt.date
    new: tuple[str, ...]
    resolved: tuple[str, ...]
    pain: tuple[PainPoint, ...]
    weeks_since_first: int
    not_settling: bool
    check_ins: int  # earlier check-ins in this episode


@dataclass(frozen=True)
class RaisedFact:
    """An answer the history raised for the rules (the renderers say why, from ``Changes``).

    ``nerve_keys``: for a raised "getting worse" answer (``WORSENING_TARGETS``), the nerve signs new
    since the last check-in.
    """

    key: str
    value: Any
    was: Any
    nerve_keys: tuple[str, ...] = ()


def episode(history: Sequence[PastCheckIn], today: dt.date) -> list[PastCheckIn]:
    """The check-ins of the episode that ends ``today``, oldest first (later-dated ones are left out)."""
    before = sorted((c for c in history if c.taken_on <= today), key=lambda c: c.taken_on)
    kept: list[PastCheckIn] = []
    later = today
    for check_in in reversed(before):
        if (later - check_in.taken_on).days > EPISODE_GAP_WEEKS * 7:
            break
        kept.append(check_in)
        later = check_in.taken_on
    return kept[::-1]


def compute_changes(
    history: Sequence[PastCheckIn], answers: Mapping[str, Any], today: dt.date, *, urgency: str | None = None
) -> Changes:
    """Compare today's ``answers`` with the check-ins before ``today`` (see ``Changes``).

    ``history`` may hold check-ins in any order and dated after today (back-filling): those are
    ignored. ``urgency`` is today's, for the pain chart only.
    """
    runs = episode(history, today)
    previous = runs[-1] if runs else None
    new: list[str] = []
    resolved: list[str] = []
    if previous is not None:
        for key in sorted(SYMPTOM_KEYS):
            before, now = previous.answers.get(key), answers.get(key)
            if now in POSITIVE and before in (None, "no"):
                new.append(key)
            elif now == "no" and before == "yes":
                resolved.append(key)
    points = [PainPoint(c.taken_on, score(c.answers), c.urgency, peg(c.answers)) for c in runs]
    points.append(PainPoint(today, score(answers), urgency, peg(answers)))
    first_on = runs[0].taken_on if runs else today
    return Changes(
        today=today,
        previous_on=previous.taken_on if previous else None,
        first_on=first_on,
        new=tuple(k for k in ANSWER_KEYS if k in new),
        resolved=tuple(k for k in ANSWER_KEYS if k in resolved),
        pain=tuple(points),
        weeks_since_first=(today - first_on).days // 7,
        not_settling=_not_settling(points),
        check_ins=len(runs),
    )


def score(answers: Mapping[str, Any]) -> int | None:
    """The pain score answered, or None (not answered, or not a whole number in a hand-edited row)."""
    score = answers.get("pain_score")
    return score if isinstance(score, int) and not isinstance(score, bool) else None


def _not_settling(points: Sequence[PainPoint]) -> bool:
    """Pain still there today that has not dropped by 30% or 2 points over 6 weeks or more."""
    scored = [p for p in points if p.score is not None]
    if len(scored) < 2 or scored[-1].taken_on != points[-1].taken_on:
        return False  # no score today, or nothing to compare it with
    first, last = scored[0], scored[-1]
    assert first.score is not None and last.score is not None  # for the type checker
    if (last.taken_on - first.taken_on).days < SETTLING_WEEKS * 7 or last.score == 0:
        return False
    drop = first.score - last.score
    return drop < SETTLING_POINTS and drop < SETTLING_FRACTION * first.score


def raise_facts(
    answers: Mapping[str, Any], changes: Changes, *, gates: SkipGates, with_weeks: bool = True
) -> tuple[dict[str, Any], tuple[RaisedFact, ...]]:
    """Today's answers with the facts the history raises, and what was raised (never lowers one).

    - A nerve symptom new since the last check-in is a worsening nerve picture (the rules' "new or
      worsening"): it sets ``weakness_getting_worse`` to "yes" when a leg is weak today and
      ``numbness_spreading`` when a leg is numb, unless the question is skipped (no such symptom
      today). Question banks before 2027.1 had one question for both, ``weakness_worsening``: it is
      raised instead when the bank in use lacks the finer ones.
    - Pain not settling over 6 weeks or more sets ``treatment_not_helping`` to "yes" (no better after
      about a month; ``treatment_no_better``, its 6-week question, in banks before 2027.1).
    - ``pain_weeks``, when answered, is raised to the weeks since the episode's first check-in
      (``with_weeks=False`` leaves it: see assessment.py, where a longer pain can never lower the
      urgency). An unanswered pain_weeks stays unanswered: a blank is never filled in.
    Keys the question bank in use does not have are left alone.
    """
    facts = dict(answers)
    raised: list[RaisedFact] = []
    nerve_new = tuple(k for k in NERVE_KEYS if k in changes.new and k in ANSWER_KEYS)
    targets: list[str] = [k for k in WORSENING_TARGETS if k in ANSWER_KEYS] or ["weakness_worsening"]
    for key in targets if nerve_new else ():
        if key in ANSWER_KEYS and facts.get(key) != "yes" and not is_skipped(key, facts, gates):
            raised.append(RaisedFact(key, "yes", facts.get(key), nerve_new))
            facts[key] = "yes"
    target = "treatment_not_helping" if "treatment_not_helping" in ANSWER_KEYS else "treatment_no_better"
    if changes.not_settling and target in ANSWER_KEYS and facts.get(target) != "yes":
        raised.append(RaisedFact(target, "yes", facts.get(target)))
        facts[target] = "yes"
    weeks = facts.get("pain_weeks")
    if with_weeks and isinstance(weeks, int) and weeks < changes.weeks_since_first:
        longest = (facts["age"] + 1) * 52 if isinstance(facts.get("age"), int) else changes.weeks_since_first
        value = min(changes.weeks_since_first, longest)
        if value > weeks:
            raised.append(RaisedFact("pain_weeks", value, weeks))
            facts["pain_weeks"] = value
    return facts, tuple(raised)


def next_check_in(urgency: str, today: dt.date) -> dt.date:
    """When to check in again for this urgency: a week for routine pain, sooner when more urgent.

    Emergency and urgent: the next day, after being seen. Soon: in 3 days, to catch a change before
    the appointment. Routine: in a week (the weekly rhythm of the selfBACK trial).
    """
    days = {"emergency": 1, "urgent": 1, "soon": 3}.get(urgency, 7)
    return today + dt.timedelta(days=days)


@dataclass(frozen=True)
class HistoryView:
    """What an assessment made with a history carries: the changes, the raised facts, the next date."""

    changes: Changes
    raised: tuple[RaisedFact, ...]
    next_check_in: dt.date
    weeks_kept: bool = False  # pain_weeks left as answered: raising it would have lowered the urgency


def peg_change(points: Sequence[PainPoint]) -> tuple[PainPoint, PainPoint, Change | None] | None:
    """The episode's first PEG score and today's, and whether the change between them is clinically
    important (measures.change: 30% and one point, IMMPACT and Reed 2024); None without a PEG today or
    without an earlier one to compare it with."""
    scored = [p for p in points if p.peg is not None]
    if len(scored) < 2 or scored[-1] is not points[-1]:
        return None
    first, now = scored[0], scored[-1]
    assert first.peg is not None and now.peg is not None  # for the type checker
    return first, now, change(first.peg, now.peg)
