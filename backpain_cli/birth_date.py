"""``--dob`` and the date of birth asked in ``check``: a real date, not in the future, read one way only.

It was printed as given, so ``--dob 1996-13-45`` reached a clinician's page. Two spellings are taken:
year-month-day (1996-03-25, as ``--date`` and the answer files write dates) and the catalogue's own
day style with the month in words (25 March 1996, 25 Mar 1996). "03/04/1996" is refused: it reads
two ways. On paper the date is written in the catalogue's one style (``Identifiers.pairs``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from backpain_cli.errors import Problem, UsageError, Words

if TYPE_CHECKING:
    from backpain_cli.texts import Texts

EARLIEST_YEAR = 1900
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # fromisoformat alone also takes 19960325 and 1996-W12-1


def _in_words(texts: Texts) -> re.Pattern[str]:
    """The catalogue's day style (English: {day} {month} {year}) as a pattern, full or short month."""
    months = "|".join(re.escape(m) for m in (*texts.dates.months, *texts.dates.months_short))
    pattern = re.escape(texts.dates.day)
    for name, part in (
        ("day", r"(?P<day>[0-9]{1,2})"),
        ("month", f"(?P<month>{months})"),
        ("year", r"(?P<year>[0-9]{4})"),
    ):
        pattern = pattern.replace(re.escape(f"{{{name}}}"), part)
    return re.compile(pattern.replace(r"\ ", r"\s+"), re.IGNORECASE)


class NotADate(ValueError):
    """Why a typed date of birth is none: the message (English, for scripts) and the text catalogue's
    entry that says it to a patient (``file_problems``)."""

    def __init__(self, message: str, words: str) -> None:
        super().__init__(message)
        self.words = words


def read_dob(text: str, today: dt.date, texts: Texts) -> dt.date:
    """The date of birth ``text`` names; ValueError with the reason (English, for scripts) otherwise."""
    typed = text.strip()
    words = _in_words(texts).fullmatch(typed)
    try:
        if ISO_DAY.fullmatch(typed):
            born = dt.date.fromisoformat(typed)
        elif words:
            names = [m.lower() for m in texts.dates.months] + [m.lower() for m in texts.dates.months_short]
            month = names.index(words["month"].lower()) % 12 + 1
            born = dt.date(int(words["year"]), month, int(words["day"]))
        else:
            raise NotADate("must be written year-month-day, like 1996-03-25 (or 25 March 1996)", "dob_format")
    except NotADate:
        raise
    except ValueError:
        raise NotADate("must be a real date (a month from 1 to 12, a day in that month)", "dob_real_date") from None
    if born.year < EARLIEST_YEAR or born > today:
        raise NotADate(f"must be a date between {EARLIEST_YEAR} and today", "dob_range")
    return born


def checked_dob(dob: str | None, today: dt.date, texts: Texts) -> str | None:
    """``--dob`` as year-month-day, None when not given; UsageError (exit 2) when it is no date of birth."""
    if dob is None:
        return None
    try:
        return read_dob(dob, today, texts).isoformat()
    except NotADate as exc:
        value = repr(dob[:40])
        words = Words.of(exc.words, value=value, earliest=EARLIEST_YEAR)
        raise UsageError([Problem(f"--dob {exc}, not {value}", code=UsageError.code, words=words)]) from None
