"""Real OpenActive pages: schedules, embedded and referenced sessions, deletions, paging."""

from __future__ import annotations

import json
from datetime import UTC, date
from pathlib import Path

import pytest

from tests.integration.calendars.conftest import REAL, Server
from upright.adapters.calendars import CalendarFiles, Fetcher
from upright.adapters.calendars.openactive import duration, expand
from upright.domain.errors import CorruptFile
from upright.services.social_ports import StoredCalendar

OA = REAL / "openactive"


def sessions(doc_body: str, start: date, end: date) -> list[tuple[str, str]]:
    return [(o.title, o.start.isoformat()) for o in expand(doc_body, "c", start, end, UTC)]


def read(path: Path) -> str:
    return CalendarFiles().read(str(path)).body


def test_series_schedule_across_the_autumn_change() -> None:
    doc = CalendarFiles().read(str(OA / "data-models__sessionseries_example_1.json"))
    assert doc.format == "openactive" and doc.name == "Everyone Active"
    got = sessions(doc.body, date(2018, 9, 1), date(2018, 12, 31))
    assert [s for _, s in got] == [  # the two embedded sub-events are the first two: not twice
        "2018-10-02T20:15:00+01:00",
        "2018-10-09T20:15:00+01:00",
        "2018-10-16T20:15:00+01:00",
        "2018-10-23T20:15:00+01:00",
        "2018-10-30T20:15:00+00:00",
    ]


def test_schedule_with_an_except_date() -> None:
    body = read(OA / "feed-normaliser__sessionseries-with-schedule-exdates.json")
    got = sessions(body, date(2020, 1, 1), date(2020, 12, 31))
    # the exceptDate is an instant (11:00Z = 12:00 BST) that matches no session: schema.org says
    # a date-time exception removes only the session starting at that instant
    assert len(got) == 49 and got[-1][1] == "2020-12-03T11:00:00+00:00"
    summer = [s for _, s in got if s.startswith("2020-07-23")]
    assert summer == ["2020-07-23T11:00:00+01:00"]


def test_a_date_exception_removes_that_day(tmp_path: Path) -> None:
    data = json.loads(
        (OA / "feed-normaliser__sessionseries-with-schedule-exdates.json").read_text()
    )
    data["data"]["eventSchedule"][0]["exceptDate"] = ["2020-07-23"]
    (tmp_path / "f.json").write_text(json.dumps(data))
    got = sessions(read(tmp_path / "f.json"), date(2020, 1, 1), date(2020, 12, 31))
    assert len(got) == 48 and not [s for _, s in got if s.startswith("2020-07-23")]


def test_scheduled_sessions_embedded_and_referenced() -> None:
    hot = sessions(
        read(OA / "data-models__scheduledsession_example_1.json"),
        date(2018, 10, 1),
        date(2018, 10, 31),
    )
    assert hot == [("Hot Yoga", "2018-10-03T20:15:00+01:00")]
    ref = expand(
        read(OA / "feed-normaliser__scheduledsession-referenced-superevent.json"),
        "c",
        date(2019, 11, 28),
        date(2019, 11, 28),
        UTC,
    )
    assert [o.start.isoformat() for o in ref] == ["2019-11-28T19:00:00+00:00"]
    assert ref[0].activity == "Badminton"


def test_deleted_items_are_honoured() -> None:
    body = read(OA / "models-php__rpde-session_series.json")
    live = json.loads(body)["items"]
    assert [d["name"] for d in live] == ["Virtual BODYPUMP"]  # item "1" was deleted
    assert sessions(body, date(2017, 4, 24), date(2017, 4, 24)) == [
        ("Virtual BODYPUMP", "2017-04-24T19:30:00-08:00")
    ]


def test_a_feed_of_facilities_has_no_classes() -> None:
    with pytest.raises(CorruptFile, match="no class sessions"):
        CalendarFiles().read(str(OA / "data-models__facilityuse_example_1.json"))


def test_rpde_paging_over_http_with_a_deletion_on_a_later_page(server: Server) -> None:
    series = json.loads((OA / "data-models__sessionseries_example_1.json").read_text())
    badminton = json.loads(
        (OA / "feed-normaliser__sessionseries-with-schedule-exdates.json").read_text()
    )
    page1 = {"items": [series["items"][0], badminton], "next": "/feed?page=2"}
    page2 = {
        "items": [
            {"state": "deleted", "kind": "SessionSeries", "id": badminton["id"], "modified": 2}
        ],
        "next": "/feed?page=3",
    }
    page3 = {"items": [], "next": "/feed?page=3"}  # the last page points at itself
    for path, page in (("/feed", page1), ("/feed?page=2", page2), ("/feed?page=3", page3)):
        server.body(path, json.dumps(page).encode(), "application/json")
    doc = CalendarFiles(Fetcher(allow_private=True)).read(server.base + "/feed")
    assert server.hits == ["/feed", "/feed?page=2", "/feed?page=3"]
    names = {d["name"] for d in json.loads(doc.body)["items"]}
    assert names == {"Virtual BODYPUMP"}


def test_paging_never_leaves_the_feeds_site(server: Server) -> None:
    data = (OA / "data-models__sessionseries_example_1.json").read_bytes()  # next: example.com
    doc = CalendarFiles(Fetcher(allow_private=True)).read(
        server.body("/feed", data, "application/json")
    )
    assert server.hits == ["/feed"] and doc.events == 1


def test_stored_calendar_expands_through_the_reader() -> None:
    reader = CalendarFiles()
    doc = reader.read(str(OA / "data-models__sessionseries_example_1.json"))
    from datetime import datetime

    stored = StoredCalendar(
        doc.name, doc.source, doc.format, doc.body, datetime(2026, 1, 1, tzinfo=UTC)
    )
    assert len(reader.expand(stored, date(2018, 10, 1), date(2018, 10, 7), UTC)) == 1


def test_iso_durations() -> None:
    assert duration("PT1H30M").total_seconds() == 5400  # type: ignore[union-attr]
    assert duration("P1W").days == 7  # type: ignore[union-attr]
    assert duration("P") is None and duration("nonsense") is None
