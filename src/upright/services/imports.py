"""Use case: import device files (GPX, TCX, FIT, Apple Health) into a person's activities.

Each file is one transaction: it is stored whole or not at all. A file already imported (same
sha256) is reported, not read again. A session already stored from another source (the watch's
FIT and Apple Health) is kept once. Per-file failures are reported in the result, never raised,
so one bad file does not stop the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

from upright.domain.errors import ImportFailed
from upright.domain.tracking.activity import Activity, Skipped
from upright.domain.tracking.dedupe import pick
from upright.services.access import Action, Actor, check
from upright.services.ports import UnitOfWork

#: (path, bytes done, bytes expected or 0 when unknown)
ProgressCallback = Callable[[str, int, int], None]
#: Activities starting later than this after "now" come from a wrong device clock.
FUTURE_SLACK = timedelta(days=1)

Status = Literal["imported", "already_imported", "failed"]


class ParsedDeviceFile(Protocol):
    format: str
    activities: list[Activity]
    skipped: list[Skipped]


class DeviceFiles(Protocol):
    """The port to the importers (``upright.adapters.importers.DeviceFileReader``)."""

    def sha256(self, path: str) -> str: ...

    def read(self, path: str, progress: Callable[[int, int], None] | None) -> ParsedDeviceFile: ...


@dataclass(frozen=True)
class FileReport:
    path: str
    status: Status
    error: str | None = None
    format: str | None = None
    activities: list[Activity] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass(frozen=True)
class ImportReport:
    files: list[FileReport]

    @property
    def failed(self) -> bool:
        return any(f.status == "failed" for f in self.files)

    def to_json(self) -> dict[str, Any]:
        """The ``upright import --json`` contract (docs/importing.md)."""
        return {
            "files": [
                {
                    "path": f.path,
                    "status": f.status,
                    "error": f.error,
                    "format": f.format,
                    "activities": [activity_to_json(a) for a in f.activities],
                    "skipped": [{"what": s.what, "why": s.why} for s in f.skipped],
                }
                for f in self.files
            ]
        }


def activity_to_json(a: Activity) -> dict[str, Any]:
    """One activity as in the JSON contract (shared by ``import --json`` and ``activities``)."""
    return {
        "id": a.id,
        "kind": a.kind,
        "start": a.start.isoformat(),
        "minutes": a.minutes,
        "moving_minutes": a.moving_minutes,
        "brisk_minutes": a.brisk_minutes,
        "distance_km": a.distance_km,
        "steps": a.steps,
        "avg_hr": a.avg_hr,
        "counted": a.counted,
        "note": a.note,
        "source": a.source,
        "device": a.device,
        "met": a.met,
        "met_minutes": a.met_minutes,
    }


def import_files(
    uow_factory: Callable[[], UnitOfWork],
    actor: Actor,
    subject_id: int,
    paths: Sequence[str],
    now: datetime,
    progress: ProgressCallback | None = None,
    *,
    files: DeviceFiles,
) -> ImportReport:
    """Import each path in its own transaction; report what happened to each."""
    with uow_factory() as uow:
        person_id = check(uow, actor, subject_id, Action.IMPORT_FILES).subject_id
    return ImportReport(
        [_import_one(uow_factory, person_id, path, now, progress, files) for path in paths]
    )


def _import_one(
    uow_factory: Callable[[], UnitOfWork],
    person_id: int,
    path: str,
    now: datetime,
    progress: ProgressCallback | None,
    files: DeviceFiles,
) -> FileReport:
    def report(done: int, total: int) -> None:
        if progress is not None:
            progress(path, done, total)

    try:
        digest = files.sha256(path)
        with uow_factory() as uow:
            if uow.imports.seen(person_id, digest):
                return FileReport(path, "already_imported")
            parsed = files.read(path, report)
            kept, skipped = _select(uow, person_id, parsed, now)
            for activity in kept:
                uow.activities.add(person_id, activity)
            uow.imports.record(person_id, digest, path, len(kept), now)
            uow.commit()
    except ImportFailed as exc:
        return FileReport(path, "failed", error=exc.message)
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the others
        return FileReport(
            path, "failed", error=f"{path}: internal error ({type(exc).__name__}: {exc})"
        )
    return FileReport(path, "imported", None, parsed.format, kept, skipped)


def _select(
    uow: UnitOfWork, person_id: int, parsed: ParsedDeviceFile, now: datetime
) -> tuple[list[Activity], list[Skipped]]:
    """Drop activities from the future and sessions already stored or repeated in the file."""
    skipped = list(parsed.skipped)
    candidates: list[Activity] = []
    for activity in parsed.activities:
        if activity.start > now + FUTURE_SLACK:
            skipped.append(
                Skipped(_label(activity), "starts in the future: the device clock was wrong")
            )
        else:
            candidates.append(activity)
    existing: dict[str, Activity] = {}
    for activity in candidates:
        for other in uow.activities.overlapping(person_id, activity.start, activity.end):
            existing[other.id] = other
        same = uow.activities.get(person_id, activity.id)
        if same is not None:
            existing[same.id] = same
    kept, dropped = pick(candidates, list(existing.values()))
    for dup in dropped:
        where = "already imported" if dup.kept.id in existing else "also in this file"
        skipped.append(
            Skipped(
                _label(dup.dropped),
                f"same session as the {dup.kept.source} {dup.kept.kind} "
                f"at {dup.kept.start.isoformat()} ({where}, id {dup.kept.id})",
            )
        )
    return kept, skipped


def _label(a: Activity) -> str:
    return f"{a.kind} at {a.start.isoformat()} ({a.minutes:g} min, {a.source})"


def list_activities(
    uow_factory: Callable[[], UnitOfWork], actor: Actor, subject_id: int
) -> list[Activity]:
    """Every imported activity of a person, oldest first."""
    with uow_factory() as uow:
        person_id = check(uow, actor, subject_id, Action.READ_SESSIONS).subject_id
        return sorted(uow.activities.all(person_id), key=lambda a: a.start)
