"""iCalendar (RFC 5545) class calendars: checked on the way in, expanded into occurrences.

icalendar parses (VTIMEZONE, Windows zone names, folded lines); recurring-ical-events expands
RRULE, RDATE, EXDATE and RECURRENCE-ID overrides and repairs X-WR-TIMEZONE calendars. Both are
well kept; we add the limits a hostile file needs: classes repeat at most daily, start after
1900, and one window yields a bounded number of occurrences.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
import recurring_ical_events

from upright.domain.errors import CorruptFile
from upright.domain.social.classes import ClassOccurrence

MAX_EVENTS = 20_000
#: occurrences one series may give in one window (a weekly class gives one or two a week)
MAX_PER_SERIES = 2_000
_SLOW_FREQS = frozenset({"DAILY", "WEEKLY", "MONTHLY", "YEARLY"})
_MAX_TIMES_A_DAY = 24
_EARLIEST_YEAR = 1900


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse(text: str, where: str) -> icalendar.Calendar:
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except (ValueError, KeyError, IndexError, TypeError, RecursionError) as error:
        raise CorruptFile(
            where, f"this is not a readable iCalendar file ({_short(error)})"
        ) from None
    if not isinstance(calendar, icalendar.Calendar):
        raise CorruptFile(where, "this is not an iCalendar file (no VCALENDAR)")
    return calendar


def check(text: str, where: str) -> tuple[str | None, int]:
    """The calendar's own name and its number of events; refuses what we cannot expand safely."""
    calendar = parse(text, where)
    events = calendar.walk("VEVENT")
    if not events:
        raise CorruptFile(where, "the calendar has no events")
    if len(events) > MAX_EVENTS:
        raise CorruptFile(where, f"the calendar has more than {MAX_EVENTS} events")
    for event in events:
        _check_event(event, where)
    name = calendar.get("X-WR-CALNAME")
    try:  # one trial run finds broken recurrences now, not on every listing
        recurring_ical_events.of(calendar)
    except Exception as error:  # noqa: BLE001 - the library raises many kinds for bad files
        raise CorruptFile(
            where, f"a repeating event cannot be worked out ({_short(error)})"
        ) from None
    return (str(name).strip() or None) if name else None, len(events)


def _check_event(event: Any, where: str) -> None:
    title = str(event.get("SUMMARY", "an event"))[:60]
    start = event.get("DTSTART")
    if start is None:
        raise CorruptFile(where, f"'{title}' has no start time (DTSTART)")
    when = start.dt
    if when.year < _EARLIEST_YEAR:
        raise CorruptFile(where, f"'{title}' starts before {_EARLIEST_YEAR}")
    rules = event.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules] if rules else []:
        freq = (rule.get("FREQ") or [""])[0]
        if freq not in _SLOW_FREQS:
            raise CorruptFile(
                where,
                f"'{title}' repeats {str(freq).lower() or 'with no frequency'}; "
                "a class repeats at most daily (allowed: DAILY, WEEKLY, MONTHLY, YEARLY)",
            )
        per_day = 1
        for part in ("BYHOUR", "BYMINUTE", "BYSECOND"):
            per_day *= max(1, len(rule.get(part, [])))
        if per_day > _MAX_TIMES_A_DAY:
            raise CorruptFile(where, f"'{title}' repeats {per_day} times a day")


def expand(
    text: str, calendar_name: str, start: date, end: date, default_tz: tzinfo
) -> list[ClassOccurrence]:
    """Every occurrence that starts on a day from ``start`` to ``end`` (both included), in its
    own time zone. Cancelled instances are left out."""
    calendar = parse(text, calendar_name)
    default_tz = _calendar_zone(calendar) or default_tz
    query = recurring_ical_events.of(calendar)
    lo = datetime.combine(start - timedelta(days=1), time())
    hi = datetime.combine(end + timedelta(days=2), time())
    out: list[ClassOccurrence] = []
    for series in query.series:
        for occurrence in islice(series.between(lo, hi), MAX_PER_SERIES):
            component = occurrence.as_component(False)
            item = _occurrence(component, calendar_name, default_tz)
            if item is not None and start <= item.start.date() <= end:
                out.append(item)
    # an override whose RECURRENCE-ID matches no instance can repeat one; list each meeting once
    out = list({(o.title, o.start, o.end, o.place): o for o in out}.values())
    out.sort(key=lambda o: (o.start, o.title))
    return out


def _calendar_zone(calendar: Any) -> tzinfo | None:
    """The calendar's own zone for all-day and floating times: X-WR-TIMEZONE, or its only zone."""
    names = [str(calendar.get("X-WR-TIMEZONE", "")).strip()]
    zones = calendar.walk("VTIMEZONE")
    if len(zones) == 1:
        names.append(str(zones[0].get("TZID", "")).strip())
    for name in names:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return None


def _aware(value: date | datetime, default_tz: tzinfo) -> tuple[datetime, bool]:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=default_tz)), False
    return datetime.combine(value, time(), tzinfo=default_tz), True


def _occurrence(component: Any, calendar_name: str, default_tz: tzinfo) -> ClassOccurrence | None:
    if str(component.get("STATUS", "")).upper() == "CANCELLED":
        return None
    start, all_day = _aware(component["DTSTART"].dt, default_tz)
    if "DTEND" in component:
        end, _ = _aware(component["DTEND"].dt, default_tz)
    elif "DURATION" in component:
        end = start + component["DURATION"].dt
    else:
        end = start + (timedelta(days=1) if all_day else timedelta())
    location = str(component.get("LOCATION", "")).strip() or None
    return ClassOccurrence(
        calendar=calendar_name,
        title=str(component.get("SUMMARY", "")).strip() or "(untitled)",
        start=start,
        end=end,
        place=location,
        activity=None,
        all_day=all_day,
    )


def _short(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:120]


def occurrences_utc(items: list[ClassOccurrence]) -> Iterator[datetime]:
    """Start instants in UTC (used by tests and the invite writer)."""
    return (o.start.astimezone(UTC) for o in items)
