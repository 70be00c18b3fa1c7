"""One assessment, start to finish: answers -> decision (rules) -> advice (content) -> Result.

The pipeline every command runs: ``assess`` for one answer file, ``check`` after the questions,
and every worker of a batch.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from backpain_cli import __version__
from backpain_cli.answers import Answers
from backpain_cli.bundle import Bundle
from backpain_cli.content import FaqPage
from backpain_cli.redflags import RULES_VERSION
from backpain_cli.selection import advise
from backpain_cli.triage import Decision, decide


@dataclass(frozen=True)
class Versions:
    """Provenance printed on every output (STYLE habit 10)."""

    program: str
    question_bank: str
    rules: str
    content: str
    content_fingerprint: str = ""


@dataclass(frozen=True, kw_only=True)
class Result(Decision):
    """A decision with the content chosen for it and its provenance: everything a renderer needs.

    Nothing in it points back at the answer source.
    """

    questions_for_doctor: tuple[str, ...]
    faq: tuple[FaqPage, ...]
    versions: Versions
    assessed_on: dt.date


def versions_of(bundle: Bundle) -> Versions:
    """The program, question-bank, rules and content versions for results from this bundle."""
    return Versions(__version__, bundle.bank.version, RULES_VERSION, bundle.version, bundle.fingerprint)


def assess(answers: Answers, bundle: Bundle, *, today: dt.date | None = None) -> Result:
    """Decide from the rules, then choose content for the decision.

    ``today`` is the date printed on the result (tests and SOURCE_DATE_EPOCH fix it).
    """
    decision = decide(answers, gates=bundle.bank.skip_gates)
    advice = advise(decision, bundle.library)
    fields = {f.name: getattr(decision, f.name) for f in dataclasses.fields(Decision)}
    return Result(
        **fields,
        questions_for_doctor=advice.questions_for_doctor,
        faq=advice.faq,
        versions=versions_of(bundle),
        assessed_on=today or dt.date.today(),
    )


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
