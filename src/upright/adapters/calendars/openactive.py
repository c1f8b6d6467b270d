"""OpenActive opportunity feeds (RPDE pages of SessionSeries and ScheduledSession items).

Reading: every page's items are merged by id in order, so a later ``"state": "deleted"`` removes
an earlier item (the RPDE rule). What we keep is the live items' ``data``. Expanding: embedded or
referenced ScheduledSessions, and SessionSeries schedules (``eventSchedule``: ``byDay``,
``repeatFrequency``, ``startTime``/``endTime``, ``exceptDate``, ``scheduleTimezone``), with the
standard library's time zones. Cancelled sessions are left out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from upright.domain.errors import CorruptFile
from upright.domain.social.classes import ClassOccurrence

SESSION_TYPES = frozenset({"SessionSeries", "ScheduledSession", "Event", "CourseInstance"})
#: a schedule is walked day by day from its start; this bounds the walk (20 years)
MAX_SCHEDULE_DAYS = 7_305
DEFAULT_TZ = "Europe/London"  # OpenActive is published by UK operators
_DAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6,
}  # fmt: skip
_DURATION = re.compile(
    r"^P(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+)S)?)?$"
)
_MONTHS = re.compile(r"^P(?P<n>\d+)M$")


def load_json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:
        raise CorruptFile(where, f"this is not readable JSON ({str(error)[:100]})") from None


def page_items(doc: Any, where: str) -> tuple[list[dict[str, Any]], str | None]:
    """An RPDE page's items and its ``next`` URL; a lone item or opportunity is a page of one."""
    if not isinstance(doc, dict):
        raise CorruptFile(where, "this is not an OpenActive feed (expected a JSON object)")
    if isinstance(doc.get("items"), list):
        items = [i for i in doc["items"] if isinstance(i, dict)]
        nxt = doc.get("next")
        return items, nxt if isinstance(nxt, str) and nxt else None
    if "state" in doc and "id" in doc:
        return [doc], None
    if _type(doc) in SESSION_TYPES:
        return [
            {"state": "updated", "id": doc.get("@id") or doc.get("id") or "1", "data": doc}
        ], None
    raise CorruptFile(where, "this is not an OpenActive feed (no 'items' and no session)")


def merge(live: dict[str, dict[str, Any]], items: Iterable[dict[str, Any]]) -> None:
    """Apply one page to the live set: updates replace, deletions remove (RPDE)."""
    for item in items:
        key = f"{item.get('kind', '')}|{item.get('id')}"
        if item.get("state") == "deleted":
            live.pop(key, None)
            # a deletion may name the kind differently ("SessionSeries" vs "SessionSeries.X")
            for other in [k for k in live if k.endswith(f"|{item.get('id')}")]:
                live.pop(other, None)
        elif isinstance(item.get("data"), dict):
            live[key] = item["data"]


def count_sessions(datas: Iterable[dict[str, Any]]) -> int:
    return sum(1 for d in datas if _type(d) in SESSION_TYPES)


def _type(data: Any) -> str:
    if not isinstance(data, dict):
        return ""
    kind = data.get("@type") or data.get("type") or ""
    return str(kind).strip()


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _activity(data: dict[str, Any]) -> str | None:
    value = data.get("activity")
    items = value if isinstance(value, list) else [value] if value else []
    labels = [str(a.get("prefLabel")) for a in items if isinstance(a, dict) and a.get("prefLabel")]
    labels += [a for a in items if isinstance(a, str) and not a.startswith("http")]
    return ", ".join(labels) or None


def _place(data: dict[str, Any]) -> str | None:
    location = data.get("location")
    if not isinstance(location, dict):
        return None
    parts = [_text(location.get("name"))]
    address = location.get("address")
    if isinstance(address, dict):
        parts += [_text(address.get(k)) for k in ("streetAddress", "addressLocality", "postalCode")]
    elif isinstance(address, str):
        parts.append(_text(address))
    return ", ".join(p for p in dict.fromkeys(parts) if p) or None


def _zone(name: Any, fallback: tzinfo) -> tzinfo:
    if isinstance(name, str) and name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            return fallback
    return fallback


def _instant(value: Any) -> datetime | None:
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else None


def _day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def duration(value: Any) -> timedelta | None:
    match = _DURATION.match(value) if isinstance(value, str) else None
    if not match or value in ("P", "PT"):
        return None
    n = {k: int(v) if v else 0 for k, v in match.groupdict().items()}
    return timedelta(weeks=n["w"], days=n["d"], hours=n["h"], minutes=n["m"], seconds=n["s"])


def _clock(value: Any) -> time | None:
    if not isinstance(value, str):
        return None
    try:
        return time.fromisoformat(value)
    except ValueError:
        return None


def _cancelled(data: dict[str, Any]) -> bool:
    return "cancel" in str(data.get("eventStatus", "")).lower()


def expand(
    body: str, calendar_name: str, start: date, end: date, default_tz: tzinfo
) -> list[ClassOccurrence]:
    """Every session that starts on a day from ``start`` to ``end`` (both included)."""
    datas = [d for d in load_json(body, calendar_name).get("items", []) if isinstance(d, dict)]
    by_id = {str(d.get("@id") or d.get("id")): d for d in datas if _type(d) == "SessionSeries"}
    london = _zone(DEFAULT_TZ, default_tz)
    seen: set[tuple[str, datetime]] = set()
    out: list[ClassOccurrence] = []
    for data in datas:
        for item in _sessions(data, by_id, calendar_name, start, end, london):
            key = (item.title, item.start)
            if start <= item.start.date() <= end and key not in seen:
                seen.add(key)
                out.append(item)
    out.sort(key=lambda o: (o.start, o.title))
    return out


def _sessions(
    data: dict[str, Any],
    by_id: dict[str, dict[str, Any]],
    calendar: str,
    start: date,
    end: date,
    tz: tzinfo,
) -> Iterator[ClassOccurrence]:
    kind = _type(data)
    if kind not in SESSION_TYPES or _cancelled(data):
        return
    if kind == "SessionSeries":
        schedules = data.get("eventSchedule")
        schedules = schedules if isinstance(schedules, list) else [schedules] if schedules else []
        zone = next(
            (_zone(s.get("scheduleTimezone"), tz) for s in schedules if isinstance(s, dict)), tz
        )
        for sub in data.get("subEvent") or []:
            if isinstance(sub, dict) and not _cancelled(sub):
                yield from _single(sub, data, calendar, zone)
        for schedule in schedules:
            if isinstance(schedule, dict):
                yield from _scheduled(schedule, data, calendar, start, end, tz)
        if not schedules and not data.get("subEvent"):
            yield from _single(data, data, calendar, zone)
        return
    parent = data.get("superEvent")
    if isinstance(parent, str):
        parent = by_id.get(parent)
    yield from _single(data, parent if isinstance(parent, dict) else data, calendar, tz)


def _occurrence(
    session: dict[str, Any],
    series: dict[str, Any],
    calendar: str,
    begin: datetime,
    finish: datetime,
) -> ClassOccurrence:
    title = _text(session.get("name")) or _text(series.get("name")) or "(untitled)"
    return ClassOccurrence(
        calendar=calendar,
        title=title,
        start=begin,
        end=max(finish, begin),
        place=_place(session) or _place(series),
        activity=_activity(session) or _activity(series),
    )


def _single(
    session: dict[str, Any], series: dict[str, Any], calendar: str, zone: tzinfo
) -> Iterator[ClassOccurrence]:
    begin = _instant(session.get("startDate"))
    if begin is None:
        return
    finish = _instant(session.get("endDate"))
    if finish is None:
        finish = begin + (duration(session.get("duration")) or timedelta())
    if begin.utcoffset() == timedelta():  # given in UTC: show it in the class's own zone
        begin, finish = begin.astimezone(zone), finish.astimezone(zone)
    yield _occurrence(session, series, calendar, begin, finish)


def _weekdays(values: Any) -> tuple[set[int], set[tuple[int, int]]]:
    """Plain weekdays, and (nth, weekday) pairs from iCal-style "1TU" / "-1SU" values."""
    plain: set[int] = set()
    nth: set[tuple[int, int]] = set()
    for value in values if isinstance(values, list) else [values] if values else []:
        text = str(value).rsplit("/", 1)[-1].split(":")[-1].strip().lower()
        match = re.match(r"^([+-]?\d+)?([a-z]+)$", text)
        if not match or match.group(2) not in _DAYS:
            continue
        if match.group(1):
            nth.add((int(match.group(1)), _DAYS[match.group(2)]))
        else:
            plain.add(_DAYS[match.group(2)])
    return plain, nth


def _nth_matches(day: date, nth: set[tuple[int, int]]) -> bool:
    for n, weekday in nth:
        if day.weekday() != weekday:
            continue
        if n > 0 and (day.day - 1) // 7 + 1 == n:
            return True
        following = day + timedelta(days=7 * -n) if n < 0 else day
        if (
            n < 0
            and following.month != day.month
            and (day + timedelta(days=7 * (-n - 1))).month == day.month
        ):
            return True
    return False


def _scheduled(
    schedule: dict[str, Any],
    series: dict[str, Any],
    calendar: str,
    start: date,
    end: date,
    fallback: tzinfo,
) -> Iterator[ClassOccurrence]:
    zone = _zone(schedule.get("scheduleTimezone"), fallback)
    first = _day(schedule.get("startDate"))
    if first is None:
        return
    last = _day(schedule.get("endDate")) or end
    begins = _clock(schedule.get("startTime"))
    stamp = _instant(schedule.get("startDate"))
    if begins is None:
        begins = stamp.astimezone(zone).time() if stamp else None
    if begins is None:
        return
    length = duration(schedule.get("duration"))
    ends = _clock(schedule.get("endTime"))
    frequency = str(schedule.get("repeatFrequency") or "P1W")
    step = duration(frequency)
    months = _MONTHS.match(frequency)
    plain, nth = _weekdays(schedule.get("byDay"))
    month_days = {d for d in schedule.get("byMonthDay") or [] if isinstance(d, int)}
    excepted_days, excepted_at = set(), set()
    for value in schedule.get("exceptDate") or []:
        instant = _instant(value)
        if instant is not None:
            excepted_at.add(instant)
        elif (day := _day(value)) is not None:
            excepted_days.add(day)
    limit = schedule.get("repeatCount") if isinstance(schedule.get("repeatCount"), int) else None
    count = 0
    stop = min(last, end, first + timedelta(days=MAX_SCHEDULE_DAYS))
    day = first
    while day <= stop:
        if _on_schedule(day, first, step, months, plain, nth, month_days):
            count += 1
            if limit is not None and count > limit:
                return
            begin = datetime.combine(day, begins, tzinfo=zone)
            if ends is not None:
                finish = datetime.combine(day, ends, tzinfo=zone)
                if finish < begin:
                    finish += timedelta(days=1)
            else:
                finish = begin + (length or timedelta())
            if day >= start and day not in excepted_days and begin not in excepted_at:
                yield _occurrence(series, series, calendar, begin, finish)
        day += timedelta(days=1)


def _on_schedule(
    day: date,
    first: date,
    step: timedelta | None,
    months: re.Match[str] | None,
    plain: set[int],
    nth: set[tuple[int, int]],
    month_days: set[int],
) -> bool:
    if months is not None:
        interval = max(1, int(months.group("n")))
        gap = (day.year - first.year) * 12 + day.month - first.month
        if gap % interval:
            return False
        if month_days:
            return day.day in month_days
        if nth or plain:
            return _nth_matches(day, nth) or day.weekday() in plain
        return day.day == first.day
    if step is None or step < timedelta(days=1):
        return False
    if step.days % 7 == 0:
        weeks = step.days // 7
        monday = first - timedelta(days=first.weekday())
        if ((day - monday).days // 7) % weeks:
            return False
        return day.weekday() in (plain or {first.weekday()})
    return (day - first).days % step.days == 0 and (not plain or day.weekday() in plain)
