"""A newer Apple Health export: only what is new is read, and the result is a fresh import's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from tests.fakes import FakeUnitOfWork
from tests.integration.importers import synthetic
from upright.adapters.importers import DeviceFileReader
from upright.domain.tracking.activity import Activity
from upright.domain.tracking.trim import STEP_SOURCE, span
from upright.services.access import Actor
from upright.services.imports import FileReport, import_files

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def run(uow: FakeUnitOfWork, path: Path) -> FileReport:
    report = import_files(lambda: uow, Actor(1), 1, [str(path)], NOW, files=DeviceFileReader())
    assert report.files[0].status == "imported", report.files[0].error
    return report.files[0]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def stored(uow: FakeUnitOfWork) -> list[Activity]:
    return sorted(uow.activities.all(1), key=lambda a: (a.start, a.id))


def read_from_cutoff(report: FileReport) -> str | None:
    """The first day read when the export was read from a cut-off, else None."""
    for s in report.skipped:
        if "earlier export" in s.why:
            return s.what.removeprefix("records before ")
    return None


def test_newer_export_reads_only_the_new_days_and_equals_a_fresh_import(tmp_path: Path) -> None:
    old = write(tmp_path, "old.xml", synthetic.days_export(20))
    new = write(tmp_path, "new.xml", synthetic.days_export(30))
    fresh = FakeUnitOfWork()
    run(fresh, new)
    again = FakeUnitOfWork()
    first = run(again, old)
    second = run(again, new)
    assert stored(again) == stored(fresh)
    # the first 16 days (all but the last day of the old export and 2 days of context, in UTC)
    # were only checksummed; the new activities are those of the last 11 days
    assert read_from_cutoff(second) == "2024-01-17"
    assert read_from_cutoff(first) is None
    assert second.activities and all(
        a.start >= datetime(2024, 1, 20, tzinfo=timezone(timedelta(hours=1)))
        for a in second.activities
    )


def test_the_same_export_again_adds_nothing(tmp_path: Path) -> None:
    uow = FakeUnitOfWork()
    run(uow, write(tmp_path, "a.xml", synthetic.days_export(10)))
    before = stored(uow)
    again = run(uow, write(tmp_path, "b.xml", synthetic.days_export(10) + b"\n"))
    assert again.activities == [] and stored(uow) == before


def test_an_export_of_other_data_is_read_whole(tmp_path: Path) -> None:
    uow = FakeUnitOfWork()
    run(uow, write(tmp_path, "a.xml", synthetic.days_export(10, seed=1)))
    other = run(uow, write(tmp_path, "b.xml", synthetic.days_export(12, seed=2)))
    assert read_from_cutoff(other) is None  # the skipped samples did not match: whole file
    early = datetime(2024, 1, 5, tzinfo=timezone(timedelta(hours=1)))
    assert any(a.start < early for a in other.activities)


def test_a_walk_synced_late_into_old_days_is_found(tmp_path: Path) -> None:
    uow = FakeUnitOfWork()
    run(uow, write(tmp_path, "a.xml", synthetic.days_export(10)))
    start = datetime(2024, 1, 3, 5, 0, tzinfo=timezone(timedelta(hours=1)))
    late = "".join(
        synthetic.step(synthetic.WATCH, start + timedelta(minutes=i), 60, 110) for i in range(20)
    )
    report = run(uow, write(tmp_path, "b.xml", synthetic.days_export(12, late=late)))
    assert read_from_cutoff(report) is None
    assert any(a.start == start and a.source == STEP_SOURCE for a in report.activities)


def test_no_step_walk_overlaps_a_workout_or_another_walk(tmp_path: Path) -> None:
    uow = FakeUnitOfWork()
    run(uow, write(tmp_path, "a.xml", synthetic.days_export(15)))
    items = stored(uow)
    assert any(a.source == STEP_SOURCE for a in items)
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if STEP_SOURCE in (a.source, b.source):
                assert span(a)[1] <= span(b)[0] + 1e-3 or span(b)[1] <= span(a)[0] + 1e-3


def edited(data: bytes, day: str, change: bytes) -> bytes:
    """``data`` with the first step record of ``day`` edited (``change``: b"value", b"gone")."""
    at = data.index(f'startDate="{day}'.encode())
    start = data.rindex(b"<Record", 0, at)
    end = data.index(b"\n", at) + 1
    if change == b"gone":
        return data[:start] + data[end:]
    line = data[start:end]
    value = line.index(b'value="') + len(b'value="')
    digit = line[value : value + 1]
    line = line[:value] + (b"7" if digit != b"7" else b"8") + line[value + 1 :]
    return data[:start] + line + data[end:]


def test_an_earlier_record_edited_or_deleted_reads_the_newer_export_whole(tmp_path: Path) -> None:
    for change in (b"value", b"gone"):
        newer = edited(synthetic.days_export(30), "2024-01-05 09", change)
        assert newer != synthetic.days_export(30)
        fresh = FakeUnitOfWork()
        run(fresh, write(tmp_path, "fresh.xml", newer))
        uow = FakeUnitOfWork()
        run(uow, write(tmp_path, "old.xml", synthetic.days_export(20)))
        report = run(uow, write(tmp_path, "new.xml", newer))
        assert read_from_cutoff(report) is None, change  # read whole
        # the activities of the day with the edited record are the newer export's
        day = datetime(2024, 1, 5, tzinfo=timezone(timedelta(hours=1)))
        got = [(a.start, a.steps) for a in stored(uow) if day <= a.start < day + timedelta(1)]
        want = [(a.start, a.steps) for a in stored(fresh) if day <= a.start < day + timedelta(1)]
        assert got == want


def test_a_newer_export_with_a_record_type_out_of_date_order_is_read_whole(
    tmp_path: Path,
) -> None:
    uow = FakeUnitOfWork()
    run(uow, write(tmp_path, "a.xml", synthetic.days_export(10)))
    old_heart = synthetic.heart(datetime(2024, 1, 2, 3, tzinfo=timezone(timedelta(hours=1))), 70)
    report = run(uow, write(tmp_path, "b.xml", synthetic.days_export(12, late=old_heart)))
    assert read_from_cutoff(report) is None


def test_after_an_export_with_a_type_out_of_date_order_the_next_is_read_whole(
    tmp_path: Path,
) -> None:
    old_heart = synthetic.heart(datetime(2024, 1, 2, 3, tzinfo=timezone(timedelta(hours=1))), 70)
    uow = FakeUnitOfWork()
    first = run(uow, write(tmp_path, "a.xml", synthetic.days_export(10, late=old_heart)))
    assert uow.imports.last_span(1, "apple_health")[1] == (0, 0)  # type: ignore[index]
    report = run(uow, write(tmp_path, "b.xml", synthetic.days_export(12, late=old_heart)))
    assert read_from_cutoff(first) is None and read_from_cutoff(report) is None
    fresh = FakeUnitOfWork()
    run(fresh, write(tmp_path, "c.xml", synthetic.days_export(12, late=old_heart)))
    assert stored(uow) == stored(fresh)
