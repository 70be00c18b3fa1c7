"""A QuestionnaireResponse's status, and which ones backpain assesses (docs/fhir.md).

FHIR R4 and R5 require a status (1..1, required binding): ``in-progress``, ``completed``,
``amended``, ``entered-in-error`` or ``stopped``. Nothing withdrawn or unfinished is assessed
silently:

- ``completed`` and ``amended``: assessed.
- ``in-progress``: assessed, with a warning that the answers may be partial (a question not
  answered counts as not answered, never as "no", so the result is never less urgent for it).
- ``entered-in-error`` (withdrawn: made in error, perhaps for another person) and ``stopped`` (the
  person stopped before the end): refused, exit 2, unless accepted by name with
  ``--accept-status``; then assessed, with a warning.
- no status: read as ``completed``, with a warning. FHIR requires one, but a response can only be
  withdrawn by saying ``entered-in-error``, and refusing would leave a real person's answers
  unassessed (scripts and older portals leave it out).
- any other value: refused, naming the five.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum
from typing import Final

from backpain_cli.errors import Notice, Words
from backpain_cli.safetext import shown


class AcceptStatus(StrEnum):
    """The statuses refused by default, which ``--accept-status`` can accept by name."""

    ENTERED_IN_ERROR = "entered-in-error"
    STOPPED = "stopped"


ASSESSED: Final = frozenset({"completed", "amended"})
PARTIAL: Final = "in-progress"
STATUSES: Final = ("in-progress", "completed", "amended", "entered-in-error", "stopped")
_WHY: Final = {
    AcceptStatus.ENTERED_IN_ERROR: "the response was withdrawn as made in error (perhaps about someone else)",
    AcceptStatus.STOPPED: "the person stopped before the end, so answers may be missing",
}


class StatusRefused(ValueError):
    """A status that is not assessed; the message says why and how to accept it (``words``: the text
    catalogue's sentence for a patient, None for a value that is no status)."""

    def __init__(self, message: str, words: Words | None = None) -> None:
        super().__init__(message)
        self.words = words


def check_status(status: object, accept: Collection[str] = ()) -> str | None:
    """A warning to show for ``status`` (None when it needs none). Raises StatusRefused."""
    if status is None:
        return Notice("has no status (FHIR requires one); read as completed", Words("no_status"))
    if not isinstance(status, str):
        raise StatusRefused(
            f"{shown(status)} is not a QuestionnaireResponse status: expected one of {', '.join(STATUSES)}"
        )
    if status in ASSESSED:
        return None
    if status == PARTIAL:
        return Notice(
            "status is 'in-progress': the answers may be partial; questions not answered count as not "
            "answered, never as 'no'",
            Words("in_progress"),
        )
    if status in _WHY:
        why = _WHY[AcceptStatus(status)]
        if status in accept:
            accepted = f"status is '{status}': {why}; assessed only because --accept-status {status} was given"
            return Notice(accepted, Words.of("status_accepted", status=status))
        words = Words.of(
            "status_withdrawn" if status == AcceptStatus.ENTERED_IN_ERROR else "status_stopped", status=status
        )
        raise StatusRefused(
            f"'{status}': {why}; not assessed (pass --accept-status {status} to assess it anyway)", words
        )
    raise StatusRefused(f"{shown(status)} is not a QuestionnaireResponse status: expected one of {', '.join(STATUSES)}")
