"""One assessment, start to finish: answers -> decision (rules) -> advice (content) -> Result.

The pipeline every command runs: ``assess`` for one answer file, ``check`` after the questions,
and every worker of a batch.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from backpain_cli import __version__
from backpain_cli.answers import Answers
from backpain_cli.bundle import Bundle
from backpain_cli.content import FaqPage
from backpain_cli.levels import Imaging, Urgency
from backpain_cli.measures import Score, scores
from backpain_cli.rules import RULES_VERSION
from backpain_cli.selection import advise
from backpain_cli.texts import Texts
from backpain_cli.triage import Decision, Finding, decide

if TYPE_CHECKING:  # the history's code loads only for an assessment made with one
    from backpain_cli.history.changes import HistoryView, PastCheckIn


@dataclass(frozen=True)
class Versions:
    """Provenance printed on every output (STYLE habit 10)."""

    program: str
    question_bank: str
    rules: str
    content: str
    content_fingerprint: str = ""


@dataclass(frozen=True, kw_only=True)
class Result:
    """A decision with the content chosen for it, the words to say it in, and its provenance:
    everything a renderer needs. Nothing in it points back at the answer source.

    The most read parts of the decision (urgency, imaging, findings and the lists of keys) are
    offered here too, as views of ``decision``, never as copies.
    """

    decision: Decision
    questions_for_doctor: tuple[str, ...]
    faq: tuple[FaqPage, ...]
    texts: Texts  # the catalogue of the language the result is written in
    versions: Versions
    assessed_on: dt.date
    history: HistoryView | None = None  # only for an assessment made with a history (issue 12)
    # The measures answered in full, by id (issue 22: the PEG); they never change the decision.
    measures: Mapping[str, Score] = field(default_factory=dict)

    @property
    def urgency(self) -> Urgency:
        return self.decision.urgency

    @property
    def imaging(self) -> Imaging:
        return self.decision.imaging

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.decision.findings

    @property
    def red_flags(self) -> tuple[Finding, ...]:
        return self.decision.red_flags

    @property
    def other_findings(self) -> tuple[Finding, ...]:
        return self.decision.other_findings

    @property
    def unanswered(self) -> tuple[str, ...]:
        return self.decision.unanswered


def versions_of(bundle: Bundle) -> Versions:
    """The program, question-bank, rules and content versions for results from this bundle."""
    return Versions(__version__, bundle.bank.version, RULES_VERSION, bundle.version, bundle.fingerprint)


def assess(
    answers: Answers, bundle: Bundle, *, today: dt.date | None = None, history: Sequence[PastCheckIn] | None = None
) -> Result:
    """Decide from the rules, then choose content for the decision.

    ``today`` is the date printed on the result (tests and SOURCE_DATE_EPOCH fix it). ``history``
    (earlier check-ins, only when the user asked for it) may raise facts for the rules, never lower
    them: see ``_with_history``.
    """
    today = today or dt.date.today()
    view = None
    if history is None:
        decision = decide(answers, gates=bundle.bank.skip_gates)
    else:
        decision, view = _with_history(answers, bundle, today, history)
    advice = advise(decision, bundle.library)
    return Result(
        decision=decision,
        questions_for_doctor=advice.questions_for_doctor,
        faq=advice.faq,
        texts=bundle.texts,
        versions=versions_of(bundle),
        assessed_on=today,
        history=view,
        measures=scores(answers.as_dict(), bundle.bank.measure_ids),
    )


def _with_history(
    answers: Answers, bundle: Bundle, today: dt.date, history: Sequence[PastCheckIn]
) -> tuple[Decision, HistoryView]:
    """The decision with the facts the history raises, and what it raised (history/changes.py).

    A longer pain_weeks is true but can lower the urgency (a rule counts pain under 12 weeks as
    new), so the decision is made with and without the raised pain_weeks, and with no history at
    all, and the most urgent wins: a history can only ever make the advice more cautious.
    """
    from backpain_cli.history.changes import HistoryView, compute_changes, next_check_in, raise_facts

    gates = bundle.bank.skip_gates
    given = answers.as_dict()
    changes = compute_changes(history, given, today)
    candidates = []
    for with_weeks in (True, False):
        facts, raised = raise_facts(given, changes, gates=gates, with_weeks=with_weeks)
        candidates.append((decide(Answers.model_validate(facts), gates=gates), raised, not with_weeks))
    candidates.append((decide(answers, gates=gates), (), True))
    decision, raised, kept = max(candidates, key=lambda c: c[0].urgency.rank)  # the first of equals wins
    changes = dataclasses.replace(
        changes,
        pain=(*changes.pain[:-1], dataclasses.replace(changes.pain[-1], urgency=decision.urgency.value)),
    )
    weeks_kept = kept and any(r.key == "pain_weeks" for r in candidates[0][1])
    return decision, HistoryView(changes, raised, next_check_in(decision.urgency.value, today), weeks_kept)


def today_from_env() -> dt.date:
    """Today's date, or the one in SOURCE_DATE_EPOCH (reproducible output for tests and archives).

    Raises UsageError when SOURCE_DATE_EPOCH is set to anything but a whole number of seconds
    since 1970 that names a real date: a wrong date on a medical summary is worse than an error.
    """
    import os
    import time

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.date.fromtimestamp(time.time())
    try:
        if not epoch.isdigit():
            raise ValueError(epoch)
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        from backpain_cli.errors import UsageError

        raise UsageError(
            "SOURCE_DATE_EPOCH must be a whole number of seconds since 1 January 1970 "
            f"(for example 1795651200), not {epoch[:40]!r}"
        ) from None
