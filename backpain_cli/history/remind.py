"""A calendar reminder (.ics, RFC 5545) for the next check-in, written with the icalendar library.

The event holds no answers: only its title ("Back pain check-in") and the command to run, on the
chosen date.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backpain_cli.texts import Texts


def reminder_ics(on: dt.date, texts: Texts) -> bytes:
    """An all-day event on ``on`` with a reminder at 9:00 that day, as iCalendar bytes, in ``texts``' words."""
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//backpain//history reminder//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"{uuid.uuid4()}@backpain")
    event.add("dtstamp", dt.datetime.now(dt.UTC).replace(microsecond=0))
    event.add("dtstart", on)
    event.add("dtend", on + dt.timedelta(days=1))
    event.add("summary", texts.reminder.title)
    event.add("description", texts.reminder.text)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", texts.reminder.title)
    alarm.add("trigger", dt.timedelta(hours=9))
    event.add_component(alarm)
    calendar.add_component(event)
    return bytes(calendar.to_ical())
