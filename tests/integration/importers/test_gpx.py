"""Every GPX fixture, with what SOURCES.md says it holds."""

from __future__ import annotations

import pytest

from tests.integration.importers.conftest import fixture, read
from upright.domain.errors import CorruptFile


def only(name: str):  # type: ignore[no-untyped-def]
    parsed = read(fixture(f"gpx/{name}"))
    assert len(parsed.activities) == 1, parsed
    return parsed.activities[0]


def test_garmin_connect_run_with_heart_rate() -> None:
    a = only("togeojson__run.gpx")  # 206 points, 15 min 48 s, 3.1 km, HR
    assert a.kind == "run" and not a.counted and a.brisk_minutes == 0
    assert a.minutes == pytest.approx(15.8, abs=0.05)
    assert a.distance_km == pytest.approx(3.1, rel=0.03)
    assert a.avg_hr is not None and 100 < a.avg_hr < 200
    assert a.start.isoformat() == "2012-10-24T23:29:40+00:00"


def test_strava_dense_run() -> None:
    a = only("togeojson__run_gpxtpx.gpx")  # 20 min 56 s, 3.57 km; gpxpy moving 1076 s
    assert a.kind == "run"
    assert a.minutes == pytest.approx(20.93, abs=0.02)
    assert a.moving_minutes == pytest.approx(1076 / 60, rel=0.05)
    assert a.distance_km == pytest.approx(3.57, rel=0.06)


def test_car_trip_is_never_a_counted_walk() -> None:
    a = only("gpxpy__around-visnjan-with-car.gpx")  # 8.5 min, 2.74 km by car
    assert not a.counted and a.brisk_minutes == 0
    assert a.minutes == pytest.approx(8.57, abs=0.05)
    assert a.distance_km == pytest.approx(2.74, rel=0.03)


def test_multi_day_hike_is_one_walk_per_day() -> None:
    parsed = read(fixture("gpx/togeojson__multitrackgpx.gpx"))  # 3 days, 81.6 km
    assert [a.kind for a in parsed.activities] == ["walk"] * 3
    assert all(a.counted for a in parsed.activities)
    total = sum(a.distance_km or 0 for a in parsed.activities)
    assert total == pytest.approx(81.6, rel=0.03)
    assert len({a.start.date() for a in parsed.activities}) == 3


def test_lake_outing_with_a_vehicle_spike_stays_a_walk() -> None:
    a = only("gpxpy__cerknicko-jezero.gpx")  # GPX 1.0, 8 tracks, 4.58 km, spike ~40 km/h
    assert a.kind == "walk" and a.counted
    assert a.distance_km == pytest.approx(4.58, rel=0.03)
    assert "faster than walking" in (a.note or "") or "spike" in (a.note or "")


def test_partly_untimed_hike_uses_the_timed_tracks() -> None:
    parsed = read(fixture("gpx/gpxpy__korita-zbevnica.gpx"))
    assert [a.kind for a in parsed.activities] == ["walk"]
    assert any("no time" in s.why for s in parsed.skipped)


def test_untimed_and_bogus_times_are_skipped_with_a_reason() -> None:
    bogus = read(fixture("gpx/gpxpy__Mojstrovka.gpx"))
    assert bogus.activities == [] and "not real" in bogus.skipped[0].why
    untimed = read(fixture("gpx/gpxpy__cerknicko-without-times.gpx"))
    assert any("no time" in s.why for s in untimed.skipped)


def test_sub_second_times_with_offset_and_type_run() -> None:
    a = only("gpxpy__track-with-less-sec-time.gpx")
    assert a.kind == "run" and a.start.utcoffset() is not None
    assert a.start.isoformat().endswith("+01:00")


def test_segments_with_gaps_and_missing_hr() -> None:
    a = only("togeojson__missing_hr.gpx")  # 3 segments, 42 s, HR on 9 of 16 points
    assert a.avg_hr is not None
    assert a.minutes < 2.1


def test_empty_segment_and_empty_track_and_waypoints_only() -> None:
    assert len(read(fixture("gpx/gpxpy__track-with-empty-segment.gpx")).activities) == 1
    assert read(fixture("gpx/togeojson__empty_trk.gpx")).activities == []
    bom = read(fixture("gpx/gpxpy__unicode_with_bom.gpx"))
    assert bom.activities == [] and "no track" in bom.skipped[0].why


def test_sparse_strava_ride_excerpt_is_not_counted_as_walking() -> None:
    a = only("togeojson__strava.gpx")
    assert a.kind != "walk" and a.minutes == pytest.approx(128.7, abs=0.5)


def test_apple_watch_route_is_a_walk() -> None:
    parsed = read(fixture("apple-health/togeojson/apple_watch_route.gpx"))
    (a,) = parsed.activities
    assert a.kind == "walk" and a.minutes == pytest.approx(43 / 60, abs=0.01)


def test_corrupt_values_fail_naming_line_and_value() -> None:
    with pytest.raises(CorruptFile) as err:
        read(fixture("gpx/togeojson__bad.gpx"))
    assert "line 5" in err.value.message and "'undefined'" in err.value.message
