"""history/remind.py: the .ics written with the standard library, read back with the icalendar library."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import icalendar
from hypothesis import given
from hypothesis import strategies as st

from backpain_cli.history.remind import LINE_OCTETS, escape_text, fold, reminder_ics
from tests.helpers import texts

DAY = dt.date(2026, 11, 27)
NOW = dt.datetime(2026, 11, 20, 8, 30, 15, 123, tzinfo=dt.UTC)


def words(title: str, text: str) -> Any:
    """A stand-in for the catalogue: the reminder reads only these two texts."""
    return SimpleNamespace(reminder=SimpleNamespace(title=title, text=text), notice=None)


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def test_the_shipped_reminder_reads_back_with_icalendar() -> None:
    data = reminder_ics(DAY, texts(), now=NOW, uid="fixed@backpain")
    calendar = parse(data)
    assert str(calendar["version"]) == "2.0" and str(calendar["prodid"]) == "-//backpain//history reminder//EN"
    (event,) = calendar.walk("VEVENT")
    assert event["summary"] == texts().reminder.title == "Back pain check-in"
    assert event["description"] == texts().reminder.text  # its comma came back unescaped
    assert event.decoded("dtstart") == DAY and event.decoded("dtend") == DAY + dt.timedelta(days=1)
    assert event.decoded("dtstamp") == NOW.replace(microsecond=0)
    assert str(event["uid"]) == "fixed@backpain"
    (alarm,) = event.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY" and alarm["description"] == "Back pain check-in"
    assert alarm.decoded("trigger") == dt.timedelta(hours=9)


def test_every_line_ends_in_crlf_and_fits_in_75_octets() -> None:
    data = reminder_ics(DAY, texts(), now=NOW)
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert all(len(line) <= LINE_OCTETS for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # the description is long enough to fold


def test_fold_never_splits_a_character_and_counts_octets() -> None:
    line = "DESCRIPTION:" + "é" * 50 + "🙂" * 10  # two- and four-byte characters across the fold
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= LINE_OCTETS for p in pieces)
    assert pieces[0] + "".join(p[1:] for p in pieces[1:]) == line  # unfolding gives it back
    assert all(p.startswith(" ") for p in pieces[1:])


def test_escaping_follows_rfc_5545() -> None:
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    assert escape_text("windows\r\nline") == "windows\\nline"
    assert escape_text("colon: fine") == "colon: fine"  # a colon needs no escape in a value


@given(
    title=st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=120),
    text=st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\r"), max_size=400),
    day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 30)),
)
def test_any_words_and_date_read_back_exactly(title: str, text: str, day: dt.date) -> None:
    """Whatever a translator writes (commas, semicolons, backslashes, line breaks, any script), the
    calendar stays valid and gives the same words back."""
    data = reminder_ics(day, words(title, text), now=NOW)
    assert all(len(line) <= LINE_OCTETS for line in data.split(b"\r\n"))
    (event,) = parse(data).walk("VEVENT")
    assert str(event["summary"]) == title
    assert str(event.get("description", "")) == text
    assert event.decoded("dtstart") == day


def test_the_reminder_needs_no_calendar_library() -> None:
    """icalendar (with tzdata and dateutil, 9 MB) is a test dependency only: the program never imports it."""
    import subprocess
    import sys

    code = (
        "import sys, datetime as dt; sys.modules['icalendar'] = None\n"
        "from backpain_cli.bundle import load_bundle\n"
        "from backpain_cli.history.remind import reminder_ics\n"
        "sys.stdout.buffer.write(reminder_ics(dt.date(2026, 11, 27), load_bundle().texts))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert b"DTSTART;VALUE=DATE:20261127\r\n" in done.stdout
