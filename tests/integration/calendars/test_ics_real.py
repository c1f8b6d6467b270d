"""Real iCalendar files expand to the occurrences their SOURCES.md entries give."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.integration.calendars.conftest import REAL
from upright.adapters.calendars import ics
from upright.domain.errors import CorruptFile

ICS = REAL / "ics"


def expand(name: str, start: date, end: date) -> list[tuple[str, str]]:
    text = ics.decode((ICS / name).read_bytes())
    ics.check(text, name)
    return [(o.title, o.start.isoformat()) for o in ics.expand(text, "c", start, end, UTC)]


def test_daily_series_across_the_spring_change_and_all_day_events() -> None:
    got = expand("icalevents__google_2024.ics", date(2024, 3, 25), date(2024, 3, 31))
    daily = [s for t, s in got if t.startswith("07:00")]
    assert daily[:6] == [f"2024-03-{d}T07:00:00+01:00" for d in range(25, 31)]
    assert daily[6] == "2024-03-31T07:00:00+02:00"  # 07:00 local after the change, not 08:00
    assert ("all day", "2024-03-25T00:00:00+01:00") in got  # in the calendar's own zone
    assert ("all 2 days", "2024-03-27T00:00:00+01:00") in got
    assert len(got) == 9


def test_the_daily_series_ends_after_thirty() -> None:
    got = expand("icalevents__google_2024.ics", date(2024, 3, 25), date(2024, 5, 1))
    daily = [s for t, s in got if t.startswith("07:00")]
    assert len(daily) == 30 and daily[-1] == "2024-04-23T07:00:00+02:00"


def test_windows_zone_name_and_folded_exdate_line() -> None:
    got = expand("icalevents__multi_exdate_same_line_ms.ics", date(2022, 3, 1), date(2022, 5, 31))
    assert [s for _, s in got] == [
        "2022-03-11T11:00:00-05:00",
        "2022-03-25T11:00:00-04:00",
        "2022-04-15T11:00:00-04:00",
        "2022-04-22T11:00:00-04:00",
        "2022-04-29T11:00:00-04:00",  # UNTIL equals this start: included
    ]
    assert (
        expand("icalevents__multi_exdate_same_line_ms.ics", date(2022, 3, 14), date(2022, 3, 20))
        == []
    )


def test_exdates_in_utc_and_a_zone_without_vtimezone() -> None:
    may = expand("ical4j__EXDATE-IN-UTC.ics", date(2007, 5, 1), date(2007, 5, 31))
    assert [s for _, s in may] == ["2007-05-08T05:15:00-05:00", "2007-05-29T05:15:00-05:00"]
    nov = expand("ical4j__EXDATE-IN-UTC.ics", date(2007, 11, 5), date(2007, 11, 11))
    assert [s for _, s in nov] == ["2007-11-06T05:15:00-06:00"]
    whole = expand("ical4j__EXDATE-IN-UTC.ics", date(2007, 5, 1), date(2008, 4, 30))
    whole += expand("ical4j__EXDATE-IN-UTC.ics", date(2008, 5, 1), date(2009, 1, 31))
    assert len(whole) == 85 and whole[-1][1] == "2008-12-30T05:15:00-06:00"


def test_moved_and_cancelled_instances() -> None:
    got = expand("khal__event_rrule_recuid_cancelled.ics", date(2014, 6, 1), date(2014, 8, 31))
    assert [s for _, s in got] == [
        "2014-06-30T07:00:00+02:00",
        "2014-07-07T09:00:00+02:00",  # moved by its RECURRENCE-ID override
        "2014-07-21T07:00:00+02:00",  # 14 July is cancelled and left out
        "2014-07-28T07:00:00+02:00",
        "2014-08-04T07:00:00+02:00",
    ]


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (date(2021, 11, 23), date(2021, 11, 23), 3),
        (date(2021, 11, 8), date(2021, 11, 14), 10),
        (date(2021, 10, 25), date(2021, 10, 31), 12),
        (date(2020, 12, 14), date(2020, 12, 20), 12),
        (date(2021, 4, 12), date(2021, 4, 18), 9),  # the duplicated "Tentative" listed once
    ],
)
def test_exchange_export_with_overrides(start: date, end: date, count: int) -> None:
    got = expand("icalevents__recurring_override.ics", start, end)
    assert len(got) == count


def test_exchange_day_times() -> None:
    got = expand("icalevents__recurring_override.ics", date(2021, 11, 23), date(2021, 11, 23))
    utc = sorted(datetime.fromisoformat(s).astimezone(UTC).strftime("%H:%M") for _, s in got)
    assert utc == ["09:00", "10:45", "13:00"]


def test_moved_all_day_instance() -> None:
    got = expand("icalevents__recurring_override.ics", date(2020, 12, 14), date(2020, 12, 20))
    away = [s for t, s in got if t == "Away"]
    assert away == ["2020-12-16T00:00:00+00:00"]  # two zones in the file: the default one


HOSTILE = [
    ("not a calendar at all", "not an iCalendar file|not a readable"),
    ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no events"),
    (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Flood\r\nDTSTART:20240101T000000Z\r\n"
        "RRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "repeats secondly",
    ),
    (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Old\r\nDTSTART:00010101T000000Z\r\n"
        "RRULE:FREQ=DAILY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "starts before 1900",
    ),
    (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Many\r\nDTSTART:20240101T000000Z\r\n"
        "RRULE:FREQ=DAILY;BYHOUR=1,2,3,4,5;BYMINUTE=1,2,3,4,5,6\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "30 times a day",
    ),
    (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:No start\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "no start time",
    ),
]


@pytest.mark.parametrize(("text", "message"), HOSTILE)
def test_hostile_or_broken_calendars_are_refused_with_a_message(text: str, message: str) -> None:
    with pytest.raises(CorruptFile, match=message):
        ics.check(text, "bad.ics")


def test_a_daily_rule_at_the_limit_is_accepted() -> None:
    text = (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Often\r\nDTSTART:20240101T000000Z\r\n"
        "RRULE:FREQ=DAILY;BYHOUR=1,2,3,4;BYMINUTE=1,2,3,4,5,6\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert ics.check(text, "ok.ics") == (None, 1)
    assert len(ics.expand(text, "c", date(2024, 1, 2), date(2024, 1, 2), UTC)) == 24
