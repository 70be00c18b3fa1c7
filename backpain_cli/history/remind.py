"""A calendar reminder (.ics, RFC 5545) for the next check-in, written with the standard library.

The event holds no answers: only its title ("Back pain check-in") and the command to run, on the
chosen date. One all-day event with one display alarm needs four rules of RFC 5545, kept here:
text values escaped (section 3.3.11), lines folded at 75 octets without splitting a character
(section 3.1), CRLF line ends, and dates and UTC times in their basic forms (sections 3.3.4, 3.3.5).
tests/history/test_remind.py reads what this writes back with the ``icalendar`` library.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from backpain_cli.texts import Texts

PRODID: Final = "-//backpain//history reminder//EN"
LINE_OCTETS: Final = 75  # RFC 5545 3.1: "Lines of text SHOULD NOT be longer than 75 octets, excluding the line break"
CRLF: Final = "\r\n"


def escape_text(value: str) -> str:
    """A TEXT value as RFC 5545 3.3.11 writes it: backslash, semicolon, comma and line breaks escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded into pieces of at most 75 octets (UTF-8), each continuation starting
    with a space (RFC 5545 3.1), and never inside a multi-byte character."""
    pieces: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1  # the leading space counts in the 75
        current += char
        size += width
    pieces.append(current)
    return (CRLF + " ").join(pieces)


def _lines(on: dt.date, texts: Texts, stamp: dt.datetime, uid: str) -> Iterator[str]:
    # An unreviewed translation says so once, under the event's text (issue 20).
    described = "\n\n".join(filter(None, (texts.reminder.text, texts.notice)))
    title, text = escape_text(texts.reminder.title), escape_text(described)
    yield from ("BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "BEGIN:VEVENT")
    yield f"UID:{uid}"
    yield f"DTSTAMP:{stamp.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"
    yield f"DTSTART;VALUE=DATE:{on:%Y%m%d}"
    yield f"DTEND;VALUE=DATE:{on + dt.timedelta(days=1):%Y%m%d}"  # all day: the end date is not in it
    yield f"SUMMARY:{title}"
    yield f"DESCRIPTION:{text}"
    # The alarm rings 9 hours after the start of that day: at 9:00 wherever the calendar is.
    yield from ("BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{title}", "TRIGGER:PT9H", "END:VALARM")
    yield from ("END:VEVENT", "END:VCALENDAR")


def reminder_ics(on: dt.date, texts: Texts, *, now: dt.datetime | None = None, uid: str | None = None) -> bytes:
    """An all-day event on ``on`` with a reminder at 9:00 that day, as iCalendar bytes, in ``texts``' words.

    ``now`` (the DTSTAMP, an aware datetime) and ``uid`` are fixed only by tests.
    """
    stamp = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    lines = _lines(on, texts, stamp, uid or f"{uuid.uuid4()}@backpain")
    return "".join(fold(line) + CRLF for line in lines).encode("utf-8")
