from __future__ import annotations

from datetime import UTC, datetime

from tests.unit.tracking.helpers import steady
from upright.domain.tracking.activity import activity_id
from upright.domain.tracking.sports import sport_kind
from upright.domain.tracking.stepwalks import StepInterval, brisk_seconds, find_walks
from upright.domain.tracking.summarise import ActivityDraft, summarise

START = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)


def draft(**kw: object) -> ActivityDraft:
    base: dict[str, object] = {"source": "gpx", "start": START, "elapsed_s": 1800.0}
    base.update(kw)
    return ActivityDraft(**base)  # type: ignore[arg-type]


def test_brisk_walk_counts_with_a_walking_met() -> None:
    a = summarise(draft(kind="walk", track=steady([(1800, 5.8)])))
    assert a.kind == "walk" and a.counted
    assert a.brisk_minutes >= 29.5
    assert a.met == 4.8  # 3.6 mph: Compendium 17200, 3.5-3.9 mph (reference.md §5)
    assert a.distance_km is not None and abs(a.distance_km - 2.9) < 0.01


def test_run_is_recorded_never_counted() -> None:
    a = summarise(draft(kind="run", track=steady([(1800, 11.0)])))
    assert not a.counted and a.brisk_minutes == 0
    assert "never counted" in (a.note or "")


def test_undeclared_fast_track_is_a_vehicle_not_a_walk() -> None:
    a = summarise(draft(track=steady([(600, 45.0)])))
    assert a.kind == "other" and not a.counted
    assert "vehicle" in (a.note or "")


def test_declared_walk_at_car_speed_is_not_counted() -> None:
    a = summarise(draft(kind="walk", track=steady([(600, 45.0)])))
    assert a.kind == "walk" and not a.counted
    assert "impossible" in (a.note or "")


def test_bike_counts_by_met_minutes() -> None:
    a = summarise(draft(kind="bike", timer_s=1800.0))
    assert a.counted and a.met == 4.0 and a.met_minutes == 120.0


def test_walk_without_samples_uses_average_pace() -> None:
    a = summarise(draft(kind="walk", distance_m=2700.0))
    assert a.brisk_minutes == 30.0 and "estimated" in (a.note or "")


def test_ids_are_stable_and_distinct() -> None:
    assert activity_id("fit", "walk", START, 1800) == activity_id("fit", "walk", START, 1800.2)
    assert activity_id("fit", "walk", START, 1800) != activity_id("gpx", "walk", START, 1800)


def test_sport_vocabularies() -> None:
    assert sport_kind("indoor_rowing", "fitness_equipment") == "other"
    assert sport_kind("elliptical", "fitness_equipment") == "elliptical"
    assert sport_kind("generic", "walking") == "walk"
    assert sport_kind("treadmill", "walking") == "walk"
    assert sport_kind("HKWorkoutActivityTypeWaterFitness") == "water"
    assert sport_kind("open_water", "swimming") == "swim"
    assert sport_kind("10") == "walk"
    assert sport_kind("transition") == "skip"
    assert sport_kind("jkljkl") is None


def test_walks_are_found_in_step_counts() -> None:
    t0 = START.timestamp()
    minutes = [StepInterval(t0 + 60 * i, t0 + 60 * (i + 1), 110) for i in range(12)]
    later = [StepInterval(t0 + 7200 + 60 * i, t0 + 7200 + 60 * (i + 1), 40) for i in range(30)]
    walks = find_walks(minutes + later)
    assert len(walks) == 1
    assert walks[0].steps == 1320 and walks[0].brisk_s == 720


def test_brisk_from_distance_samples() -> None:
    t0 = START.timestamp()
    dist = [StepInterval(t0 + 60 * i, t0 + 60 * (i + 1), 90.0) for i in range(10)]  # 5.4 km/h
    assert brisk_seconds([], dist) == 600
