"""``history recheck`` (issue 22): every kept check-in assessed again with today's rules and content.

Each check-in is assessed as ``history add`` assessed it: its own answers, on its own date, with the
check-ins kept before it. What differs from what was kept (urgency, imaging, and the red flags when
they were recorded: schema 3) is listed. Nothing is written: the history is opened read-only and the
kept results stay as they were decided, with the rules version that decided them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from backpain_cli.answers import validate_answers
from backpain_cli.assessment import assess
from backpain_cli.bundle import Bundle
from backpain_cli.errors import AnswerFileError
from backpain_cli.history.store import CheckIn, past
from backpain_cli.levels import Urgency


@dataclass(frozen=True)
class Recheck:
    """One kept check-in and what today's rules give it (``error`` when its answers no longer read)."""

    check_in: CheckIn
    urgency: Urgency | None = None
    imaging: str | None = None
    red_flags: tuple[str, ...] = ()
    rules_now: str = ""
    error: str | None = None

    @property
    def urgency_changed(self) -> bool:
        return self.urgency is not None and self.check_in.urgency != self.urgency.value

    @property
    def imaging_changed(self) -> bool:
        return self.imaging is not None and self.check_in.imaging != self.imaging

    @property
    def red_flags_changed(self) -> bool:
        """Only when the check-in recorded its red flags (kept since schema 3)."""
        then = self.check_in.red_flags
        return self.error is None and then is not None and sorted(then) != sorted(self.red_flags)

    @property
    def changed(self) -> bool:
        return self.urgency_changed or self.imaging_changed or self.red_flags_changed

    @property
    def more_urgent(self) -> bool:
        """Today's urgency outranks the kept one (a kept urgency that is not one of the four counts as lowest)."""
        if self.urgency is None:
            return False
        then = self.check_in.known_urgency
        return then is None or self.urgency.rank > Urgency(then).rank

    def reaches(self, level: Urgency) -> bool:
        """A different result today at ``level`` or above (for --fail-on)."""
        return self.changed and self.urgency is not None and self.urgency.rank >= level.rank


def recheck(check_ins: Sequence[CheckIn], bundle: Bundle) -> list[Recheck]:
    """Each check-in (oldest first, as ``Store.all`` gives them) assessed again with ``bundle``."""
    found = []
    for i, check_in in enumerate(check_ins):
        try:
            answers = validate_answers(check_in.answers, source=f"check-in {check_in.id}")
        except AnswerFileError as exc:
            found.append(Recheck(check_in, error=exc.describe()))
            continue
        earlier = [c for c in check_ins[:i] if c.taken_on <= check_in.taken_on]
        result = assess(answers, bundle, today=check_in.taken_on, history=past(earlier))
        found.append(
            Recheck(
                check_in,
                urgency=result.urgency,
                imaging=result.imaging.value,
                red_flags=tuple(f.rule.id for f in result.red_flags),
                rules_now=result.versions.rules,
            )
        )
    return found
