"""Every FIT fixture; the four with ground-truth CSVs are checked record by record."""

from __future__ import annotations

import csv
import math

import pytest

from tests.integration.importers.conftest import fixture, read
from upright.adapters.importers.fit import decode
from upright.domain.errors import CorruptFile


@pytest.mark.parametrize("name", ["walk", "run", "bike"])
def test_fenix5_records_match_ground_truth(name: str) -> None:
    path = fixture(f"fit/fitparse__garmin-fenix-5-{name}.fit")
    rows = list(csv.DictReader(fixture(f"fit/fitparse__garmin-fenix-5-{name}-records.csv").open()))
    with path.open("rb") as fh:
        cols = decode(fh, path.name, None)["cols"]
    assert len(cols.t) == len(rows)
    for k, row in enumerate(rows):
        assert cols.dist[k] == pytest.approx(float(row["distance"]), abs=0.01)
        assert cols.hr[k] == float(row["heart_rate"])
        if row["cadence"]:
            assert math.floor(cols.cad[k]) == int(row["cadence"])


def test_edge820_records_match_ground_truth() -> None:
    rows = list(csv.DictReader(fixture("fit/fitparse__garmin-edge-820-bike-records.csv").open()))
    path = fixture("fit/fitparse__garmin-edge-820-bike.fit")
    with path.open("rb") as fh:
        cols = decode(fh, path.name, None)["cols"]
    assert [round(d, 2) for d in cols.dist] == [float(r["distance"]) for r in rows]


def one(name: str):  # type: ignore[no-untyped-def]
    parsed = read(fixture(f"fit/{name}"))
    assert len(parsed.activities) == 1, parsed
    return parsed.activities[0]


def test_fenix5_walk() -> None:
    a = one("fitparse__garmin-fenix-5-walk.fit")  # 45 s, 0.07 km, HR avg 75
    assert a.kind == "walk" and a.counted
    assert a.minutes == pytest.approx(45.379 / 60, abs=0.01)
    assert a.distance_km == pytest.approx(0.068, abs=0.001)
    assert a.avg_hr == 75 and a.steps == 82
    assert a.start.isoformat() == "2017-06-11T07:32:51-07:00"  # local time from the watch
    assert a.brisk_minutes == 0  # 45 s is no bout


@pytest.mark.parametrize(
    ("name", "kind", "minutes", "km", "counted"),
    [
        ("fitparse__garmin-fenix-5-run.fit", "run", 0.95, 0.16, False),
        ("fitparse__garmin-fenix-5-bike.fit", "bike", 1.0, 0.46, True),
        ("fitparse__garmin-edge-820-bike.fit", "bike", 1.08, 0.46, True),
        ("fitparse__2013-02-06-12-11-14.fit", "run", 43.75, 4.84, False),
        ("fitparse__activity-small-fenix2-run.fit", "run", 47.2, 9.0, False),
        ("fitparse__2015-10-13-08-43-15.fit", "bike", 27.05, 11.5, True),
        ("fitparse__garmin-edge-500-activity.fit", "bike", 211.5, 92.6, True),
        ("fitparse__2019-02-17-062644-ELEMNT-297E-195-0.fit", "bike", 393.25, 78.9, True),
        ("fitparse__coros-pace-2-cycling-misaligned-fields.fit", "bike", 212.0, 32.1, True),
        ("fitparse__null_compressed_speed_dist.fit", "bike", 30.1, 13.4, True),
        ("fitparse__compressed-speed-distance.fit", "run", 64.7, 10.25, False),
        ("fitparse__event_timestamp.fit", "swim", 76.1, 2.61, True),
        (
            "fitparse__elemnt-bolt-no-application-id-inside-developer-data-id.fit",
            "bike",
            2.33,
            0.96,
            True,
        ),
        ("fitparse__Activity.fit", "run", 0.23, 0.006, False),
    ],
)
def test_activity_files(name: str, kind: str, minutes: float, km: float, counted: bool) -> None:
    a = one(name)
    assert (a.kind, a.counted) == (kind, counted)
    assert a.minutes == pytest.approx(minutes, abs=0.1)
    assert a.distance_km == pytest.approx(km, rel=0.02, abs=0.005)
    assert a.moving_minutes <= a.minutes


def test_pauses_make_moving_time_shorter_than_elapsed() -> None:
    a = one("fitparse__garmin-edge-500-activity.fit")  # elapsed 12691 s, timer 10641 s
    assert a.moving_minutes <= 10641 / 60 + 0.01
    assert a.met == 4.0 and a.met_minutes is not None


def test_indoor_sessions_without_gps() -> None:
    trainer = one("fitparse__sample-activity-indoor-trainer.fit")
    assert trainer.kind == "bike" and trainer.counted and trainer.distance_km is None
    assert trainer.avg_hr == 148 and trainer.moving_minutes == pytest.approx(37.7, abs=0.1)
    rower = one("fitparse__20170518-191602-1740899583.fit")
    assert rower.kind == "other" and not rower.counted and rower.avg_hr == 132
    assert rower.moving_minutes == pytest.approx(28.46, abs=0.1)


def test_zwift_zero_heart_rate_means_none() -> None:
    assert one("fitparse__null_compressed_speed_dist.fit").avg_hr is None


def test_chained_multisport_file_gives_one_activity_per_sport() -> None:
    parsed = read(fixture("fit/fitparse__sample_mulitple_header.fit"))
    assert [a.kind for a in parsed.activities] == ["swim", "bike", "run"]
    assert sum("transition" in s.why for s in parsed.skipped) == 2
    assert [a.counted for a in parsed.activities] == [True, True, False]


def test_relative_clock_is_anchored_on_local_time() -> None:
    a = one("fitparse__compressed-speed-distance.fit")
    assert a.start.year == 2012 and "clock" in (a.note or "")


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("fitparse__MonitoringFile.fit", "monitoring"),
        ("fitparse__nametest.FIT", "settings"),
    ],
)
def test_non_activity_files_are_skipped_with_a_reason(name: str, why: str) -> None:
    parsed = read(fixture(f"fit/{name}"))
    assert parsed.activities == [] and why in parsed.skipped[0].why


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("fitdecode__invalid__activity-filecrc.fit", ["CRC", "damaged"]),
        ("fitdecode__invalid__activity-unexpected-eof.fit", ["768", "cut short"]),
        ("fitdecode__invalid__activity-settings-corruptheader.fit", ["771", "FIT file header"]),
        ("fitdecode__invalid__activity-settings-nodata.fit", ["784", "cut short"]),
        ("fitparse__nick.fit", ["403456", "cut short"]),
        ("fitparse__strava-android-app-201.10-b1218918.fit", ["7471", "local message 11"]),
    ],
)
def test_corrupt_files_fail_saying_where(name: str, words: list[str]) -> None:
    with pytest.raises(CorruptFile) as err:
        read(fixture(f"fit/{name}"))
    for word in words:
        assert word in err.value.message
    assert name in err.value.message
