"""Everything a person entered, out (history JSON, CSV) or deleted."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from upright.services.access import Action, Actor, check
from upright.services.imports import activity_to_json
from upright.services.ports import PersonFiles, UnitOfWork


def export_history(
    uow: UnitOfWork, actor: Actor, subject_id: int, now: datetime | None = None
) -> dict[str, Any]:
    """The stored sessions in the history contract (what `plan --history` reads)."""
    with uow:
        person_id = check(uow, actor, subject_id, Action.EXPORT).subject_id
        sessions = list(uow.sessions.all(person_id))
    body: dict[str, Any] = {"sessions": sessions}
    if now is not None:
        body["exported_at"] = now.isoformat()
    return body


def export_all(uow: UnitOfWork, actor: Actor, subject_id: int, now: datetime) -> dict[str, Any]:
    """History plus profile versions and imported activities."""
    with uow:
        person_id = check(uow, actor, subject_id, Action.EXPORT).subject_id
        profiles = [
            {"version": v, "created_at": at.isoformat(), "profile": d}
            for v, at, d in uow.profiles.history(person_id)
        ]
        activities = [activity_to_json(a) for a in uow.activities.all(person_id)]
        sessions = list(uow.sessions.all(person_id))
    return {
        "exported_at": now.isoformat(),
        "profiles": profiles,
        "sessions": sessions,
        "activities": activities,
    }


CSV_COLUMNS = (
    "date", "pain_before", "pain_during", "pain_after", "pain_next_morning", "effort", "note",
    "item", "status", "minutes", "times", "sets", "reps", "hold_seconds",
)  # fmt: skip


#: a cell starting with one of these is read as a formula by spreadsheet programs (OWASP
#: "CSV injection"); such text cells get a leading apostrophe so they open as plain text
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def export_csv(uow: UnitOfWork, actor: Actor, subject_id: int) -> str:
    """One row per logged item (a session with no items gets one row); text cells neutralised."""
    with uow:
        person_id = check(uow, actor, subject_id, Action.EXPORT).subject_id
        sessions = list(uow.sessions.all(person_id))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for session in sessions:
        base = {k: session.get(k) for k in CSV_COLUMNS[:7]}
        items = session.get("items") or [{}]
        for item in items:
            row = {**base, "item": item.get("id"), **{k: item.get(k) for k in CSV_COLUMNS[8:]}}
            writer.writerow({k: neutralise(v) for k, v in row.items()})
    return out.getvalue()


def delete_person_data(
    uow: UnitOfWork, actor: Actor, subject_id: int, files: PersonFiles | None = None
) -> None:
    """Delete the sessions, profile history, plans and activities of one person, and the files
    kept about them outside the database (after the rows are gone)."""
    with uow:
        person_id = check(uow, actor, subject_id, Action.DELETE).subject_id
        uow.delete_person_data(person_id)
        uow.commit()
    if files is not None:
        files.remove(person_id)
