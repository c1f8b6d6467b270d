"""The calendar feed: the coming weeks' sessions as iCalendar events with an alarm each."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from upright.services.reminder_feed import FeedSession

PRODID = "-//Upright//Reminders//EN"


def calendar_bytes(sessions: Sequence[FeedSession], zone: str, now: datetime) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Upright sessions")
    # ask calendar apps to check again twice a day (not every app honours this)
    cal.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    tz = ZoneInfo(zone)
    for session in sessions:
        start = datetime.combine(session.day, session.at, tzinfo=tz)
        event = Event()
        event.add("uid", f"{session.uid}@upright")
        event.add("dtstamp", now)
        event.add("dtstart", start)
        event.add("duration", timedelta(minutes=max(5, round(session.minutes))))
        event.add("summary", session.title)
        event.add("description", session.text)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", session.title)
        alarm.add("trigger", timedelta(0))
        event.add_component(alarm)
        cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
