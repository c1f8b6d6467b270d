"""The import use case over the real importers and the in-memory unit of work."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.fakes import FakeActivities, FakeUnitOfWork
from tests.integration.importers import synthetic
from tests.integration.importers.conftest import fixture
from upright.adapters.importers import DeviceFileReader
from upright.domain.tracking.activity import Activity
from upright.services.access import Actor
from upright.services.imports import ImportReport, import_files, list_activities

NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
CONTRACT_KEYS = {
    "id",
    "kind",
    "start",
    "minutes",
    "moving_minutes",
    "brisk_minutes",
    "distance_km",
    "steps",
    "avg_hr",
    "counted",
    "note",
}


def run(uow: FakeUnitOfWork, *paths: Path | str) -> ImportReport:
    return import_files(
        lambda: uow, Actor(1), 1, [str(p) for p in paths], NOW, files=DeviceFileReader()
    )


def test_files_import_and_reimport_is_reported() -> None:
    uow = FakeUnitOfWork()
    walk = fixture("fit/fitparse__garmin-fenix-5-walk.fit")
    first = run(uow, walk, fixture("gpx/togeojson__run.gpx"))
    assert [f.status for f in first.files] == ["imported", "imported"]
    assert len(uow.activities.all(1)) == 2
    again = run(uow, walk)
    assert again.files[0].status == "already_imported"
    assert len(uow.activities.all(1)) == 2


def test_one_bad_file_fails_alone_and_stores_nothing() -> None:
    uow = FakeUnitOfWork()
    report = run(
        uow, fixture("fit/fitparse__nick.fit"), fixture("fit/fitparse__garmin-fenix-5-bike.fit")
    )
    bad, good = report.files
    assert bad.status == "failed" and "fitparse__nick.fit" in (bad.error or "")
    assert good.status == "imported" and report.failed
    assert [a.kind for a in uow.activities.all(1)] == ["bike"]
    assert len(uow.imports.rows) == 1


class ExplodingActivities(FakeActivities):
    """Fails on the second add: the file's first activity must not stay behind."""

    def add(self, person_id: int, activity: Activity) -> None:
        if self.rows:
            raise OSError("disk full")
        super().add(person_id, activity)


def test_failure_half_way_rolls_the_whole_file_back() -> None:
    uow = FakeUnitOfWork()
    uow.activities = ExplodingActivities()
    report = run(uow, fixture("fit/fitparse__sample_mulitple_header.fit"))
    assert report.files[0].status == "failed" and "disk full" in (report.files[0].error or "")
    assert uow.activities.all(1) == [] and uow.imports.rows == {}


def test_same_walk_from_watch_and_apple_health_is_stored_once(tmp_path: Path) -> None:
    uow = FakeUnitOfWork()
    export = tmp_path / "export.xml"
    export.write_bytes(synthetic.export())
    report = run(uow, export)
    stored = uow.activities.all(1)
    # the workout, and the later walk seen only in steps (phone); the watch and phone step
    # walks during the workout are the workout
    assert [a.source for a in stored] == ["apple_health", "apple_health_steps"]
    assert any("same session" in s.why for s in report.files[0].skipped)
    # a newer export with the same data adds nothing
    newer = tmp_path / "export2.xml"
    newer.write_bytes(synthetic.export(extra="<!-- newer -->"))
    again = run(uow, newer)
    assert again.files[0].status == "imported" and again.files[0].activities == []
    assert len(uow.activities.all(1)) == 2


def test_future_activities_are_skipped(tmp_path: Path) -> None:
    uow = FakeUnitOfWork()
    path = tmp_path / "walk.gpx"
    shutil.copy(fixture("gpx/togeojson__run.gpx"), path)
    report = import_files(
        lambda: uow,
        Actor(1),
        1,
        [str(path)],
        datetime(2010, 1, 1, tzinfo=UTC),
        files=DeviceFileReader(),
    )
    assert report.files[0].activities == []
    assert "future" in report.files[0].skipped[0].why


def test_json_contract() -> None:
    uow = FakeUnitOfWork()
    report = run(uow, fixture("fit/fitparse__garmin-fenix-5-walk.fit"), "/nonexistent.gpx")
    data = report.to_json()
    ok, missing = data["files"]
    assert ok["status"] == "imported" and ok["error"] is None
    assert CONTRACT_KEYS <= set(ok["activities"][0])
    assert ok["activities"][0]["start"] == "2017-06-11T07:32:51-07:00"
    assert missing["status"] == "failed" and "no such file" in missing["error"]
    assert list_activities(lambda: uow, Actor(1), 1)[0].kind == "walk"


def walk_gpx(start: datetime, minutes: int) -> str:
    points = "".join(
        f'<trkpt lat="{52 + i * 1.2e-4:.6f}" lon="4.9"><time>'
        f"{(start + timedelta(minutes=i / 6)).astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}</time></trkpt>\n"
        for i in range(minutes * 6)
    )
    return (
        '<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><type>walking</type><trkseg>\n{points}</trkseg></trk></gpx>\n"
    )


def test_a_richer_copy_imported_later_replaces_the_stored_one(tmp_path: Path) -> None:
    uow = FakeUnitOfWork()
    export = tmp_path / "export.xml"
    export.write_bytes(synthetic.export())
    run(uow, export)
    workout = next(a for a in uow.activities.all(1) if a.source == "apple_health")
    track = tmp_path / "walk.gpx"
    track.write_text(walk_gpx(workout.start, 30))
    report = run(uow, track).files[0]
    assert [a.source for a in report.activities] == ["gpx"]
    assert [r.what for r in report.replaced] == [
        f"walk at {workout.start:%Y-%m-%d %H:%M} (30 min, Apple Health workout)"
    ]
    assert "richer record of the same session" in report.replaced[0].why
    sources = sorted(a.source for a in uow.activities.all(1))
    assert sources == ["apple_health_steps", "gpx"]
    assert ImportReport([report]).to_json()["files"][0]["replaced"][0]["why"]
    assert run(uow, export).files[0].status == "already_imported"


def test_a_poorer_copy_imported_later_is_skipped_in_words(tmp_path: Path) -> None:
    uow = FakeUnitOfWork()
    export = tmp_path / "export.xml"
    export.write_bytes(synthetic.export())
    first = run(uow, export).files[0]
    workout = next(a for a in first.activities if a.source == "apple_health")
    track = tmp_path / "walk.gpx"
    track.write_text(walk_gpx(workout.start, 30))
    fresh = FakeUnitOfWork()
    run(fresh, track)
    report = run(fresh, export).files[0]
    why = next(s.why for s in report.skipped if s.what.startswith("walk at 2024-03-30 09:00"))
    # the GPX says UTC, so its walk starts at 08:00 there
    assert why == "the same session as the walk at 2024-03-30 08:00 (GPX track) (already imported)"
    assert "_" not in why and "id" not in why.split()
