"""Use case: import device files (GPX, TCX, FIT, Apple Health) into a person's activities.

Each file is one transaction: it is stored whole or not at all. A file already imported (same
sha256) is reported, not read again. A session already stored from another source (the watch's
FIT and Apple Health) is kept once. Per-file failures are reported in the result, never raised,
so one bad file does not stop the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Final, Literal, Protocol

from upright.domain.errors import ImportFailed, StorageError
from upright.domain.tracking.activity import Activity, Skipped
from upright.domain.tracking.dedupe import Outcome, reconcile, same_activity
from upright.domain.tracking.resume import cutoff
from upright.domain.tracking.trim import STEP_SOURCE
from upright.services.access import Action, Actor, check
from upright.services.ports import UnitOfWork

#: (path, bytes done, bytes expected or 0 when unknown)
ProgressCallback = Callable[[str, int, int], None]
#: Activities starting later than this after "now" come from a wrong device clock.
FUTURE_SLACK = timedelta(days=1)

Status = Literal["imported", "already_imported", "failed"]
#: The importer key of Apple Health exports (the only files that are read from a cut-off).
APPLE_HEALTH = "apple_health"


class ParsedDeviceFile(Protocol):
    format: str
    activities: list[Activity]
    skipped: list[Skipped]
    #: Apple Health only (see ``domain.tracking.resume``); None / 0 for other formats
    data_until: float | None
    settled: tuple[int, int]
    before: tuple[int, int] | None


class DeviceFiles(Protocol):
    """The port to the importers (``upright.adapters.importers.DeviceFileReader``)."""

    def sha256(self, path: str) -> str: ...

    def read(
        self, path: str, progress: Callable[[int, int], None] | None, since: float | None = None
    ) -> ParsedDeviceFile:
        """Read a file; an Apple Health export only from ``since`` (epoch s) on when given."""


@dataclass(frozen=True)
class FileReport:
    path: str
    status: Status
    error: str | None = None
    format: str | None = None
    activities: list[Activity] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    #: stored activities this file replaced (a richer copy of the session, or a step walk cut
    #: where a recorded workout covers it)
    replaced: list[Skipped] = field(default_factory=list)


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
                    "replaced": [{"what": s.what, "why": s.why} for s in f.replaced],
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
            parsed = _read(uow, person_id, path, report, files)
            outcome, skipped = _select(uow, person_id, parsed, now)
            for old in outcome.removed:
                uow.activities.remove(person_id, old.dropped.id)
            uow.activities.add_many(person_id, outcome.add)
            uow.imports.record(person_id, digest, path, len(outcome.add), now)
            if parsed.data_until is not None:
                until = datetime.fromtimestamp(parsed.data_until, UTC)
                uow.imports.record_span(person_id, digest, parsed.format, until, *parsed.settled)
            uow.commit()
    except ImportFailed as exc:
        return FileReport(path, "failed", error=exc.message)
    except StorageError:
        raise  # the database, not the file: the edge says so (exit 4, HTTP 503)
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the others
        return FileReport(
            path, "failed", error=f"{path}: internal error ({type(exc).__name__}: {exc})"
        )
    replaced = [
        Skipped(_label(r.dropped), _replaced_why(r.dropped, r.kept)) for r in outcome.removed
    ]
    return FileReport(path, "imported", None, parsed.format, outcome.add, skipped, replaced)


def _read(
    uow: UnitOfWork,
    person_id: int,
    path: str,
    report: Callable[[int, int], None],
    files: DeviceFiles,
) -> ParsedDeviceFile:
    """Read the file; a newer Apple Health export only from where the last one ended.

    A newer export holds everything the earlier one did: the samples before the cut-off are
    only counted and checksummed. If they are not exactly the earlier export's (another phone,
    deleted samples, or a watch that synced old samples late), the file is read again, whole.
    """
    span = uow.imports.last_span(person_id, APPLE_HEALTH)
    if span is None:
        return files.read(path, report)
    until, settled = span
    parsed = files.read(path, report, since=cutoff(until.timestamp()))
    if parsed.before is not None and parsed.before != settled:
        return files.read(path, report)
    return parsed


def _select(
    uow: UnitOfWork, person_id: int, parsed: ParsedDeviceFile, now: datetime
) -> tuple[Outcome, list[Skipped]]:
    """Drop activities from the future and sessions already stored or repeated in the file.

    The stored activities are read once, for the time span of the file only.
    """
    skipped = list(parsed.skipped)
    candidates: list[Activity] = []
    for activity in parsed.activities:
        if activity.start > now + FUTURE_SLACK:
            skipped.append(
                Skipped(_label(activity), "starts in the future: the device clock was wrong")
            )
        else:
            candidates.append(activity)
    existing: list[Activity] = []
    if candidates:
        first = min(a.start for a in candidates)
        last = max(a.end for a in candidates)
        existing = sorted(
            uow.activities.overlapping(person_id, first, last), key=lambda a: (a.start, a.id)
        )
    outcome = reconcile(candidates, existing)
    stored = {a.id for a in existing}
    for dup in outcome.dropped:
        where = "already imported" if dup.kept.id in stored else "also in this file"
        if same_activity(dup.dropped, dup.kept):
            why = f"the same session as the {_named(dup.kept)} ({where})"
        else:
            why = f"inside the {_named(dup.kept)} ({where}): its minutes are counted there"
        skipped.append(Skipped(_label(dup.dropped), why))
    return outcome, skipped


#: Where an activity came from, in words (the source keys are codes).
SOURCE_WORDS: Final = {
    "fit": "watch file (FIT)",
    "tcx": "TCX file",
    "gpx": "GPX track",
    "apple_health": "Apple Health workout",
    STEP_SOURCE: "walk found in step counts",
}


def _named(a: Activity) -> str:
    what = SOURCE_WORDS.get(a.source, a.source)
    return f"{a.kind} at {a.start:%Y-%m-%d %H:%M} ({what})"


def _replaced_why(old: Activity, new: Activity) -> str:
    if old.source == new.source == STEP_SOURCE and old.start <= new.start < old.end:
        return f"shortened to {new.minutes:g} min: part of it is recorded as another activity"
    if same_activity(old, new):
        return f"replaced by a richer record of the same session: the {_named(new)}"
    return f"inside the {_named(new)}: its minutes are counted there"


def _label(a: Activity) -> str:
    return f"{a.kind} at {a.start:%Y-%m-%d %H:%M} ({a.minutes:g} min, {SOURCE_WORDS.get(a.source, a.source)})"


def list_activities(
    uow_factory: Callable[[], UnitOfWork], actor: Actor, subject_id: int
) -> list[Activity]:
    """Every imported activity of a person, oldest first."""
    with uow_factory() as uow:
        person_id = check(uow, actor, subject_id, Action.READ_SESSIONS).subject_id
        return sorted(uow.activities.all(person_id), key=lambda a: a.start)
