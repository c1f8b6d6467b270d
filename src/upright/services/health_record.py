"""A person's record for other health software (FHIR), as data; and clearance answers read back.

``record_data`` gathers what the FHIR bundle holds from the same services as the report.
``record_clearance_from_bundle`` stores answers that an adapter read from a bundle, through the
same checks as the sheet (``clearance.record_clearance``), as entered from a health record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final

from upright.services.access import Action, Actor, check
from upright.services.clearance import record_clearance
from upright.services.library import Library
from upright.services.planning import current_plan
from upright.services.ports import UnitOfWork
from upright.services.reports import report_data

#: the Exercise Vital Sign asks about the last 30 days; we use the last 4 complete weeks
EVS_WEEKS: Final = 4


def _evs(weeks: list[dict[str, Any]], core_days: dict[str, int]) -> dict[str, Any] | None:
    recent = weeks[-EVS_WEEKS:]
    if not recent:
        return None
    minutes = sum(w["walking_minutes"] for w in recent)
    active = sum(w["active_days"] for w in recent)
    n = len(recent)
    return {
        "start": recent[0]["week_start"],
        "end": (date.fromisoformat(recent[-1]["week_start"]) + timedelta(days=6)).isoformat(),
        "days_per_week": round(active / n, 1),
        "minutes_per_day": round(minutes / active) if active else 0,
        "minutes_per_week": round(minutes / n),
        "strength_days_per_week": round(
            sum(core_days.get(w["week_start"], 0) for w in recent) / n, 1
        ),
    }


def record_data(
    uow: UnitOfWork, actor: Actor, subject_id: int, today: date, library: Library, now: datetime
) -> dict[str, Any]:
    report = report_data(uow, actor, subject_id, today, library)
    plan, _, _ = current_plan(uow, actor, subject_id, today, library, now)
    with uow:
        grant = check(uow, actor, subject_id, Action.EXPORT)
        sessions = list(uow.sessions.all(grant.subject_id))
        outcome_rows = list(uow.outcomes.all(grant.subject_id))
        begin = date.fromisoformat(report["from"])
        found = uow.activities.between(
            grant.subject_id,
            datetime.combine(begin - timedelta(days=1), time(), tzinfo=UTC),
            datetime.combine(today + timedelta(days=2), time(), tzinfo=UTC),
        )
    steps: dict[str, int] = defaultdict(int)
    for a in found:
        if a.steps:
            steps[a.start.date().isoformat()] += a.steps
    core = {e.id for e in library.catalog.exercises if e.category == "core"}
    core_days: dict[str, int] = defaultdict(int)
    for s in sessions:
        if any(
            i.get("id") in core and i.get("status", "done") == "done" for i in s.get("items") or []
        ):
            day = date.fromisoformat(s["date"])
            core_days[(day - timedelta(days=day.weekday())).isoformat()] += 1
    return {
        **report,
        "person_id": grant.subject_id,
        "plan": plan.to_json(),
        "sessions": [
            {"date": s["date"], "pain_before": s.get("pain_before")}
            for s in sessions if s.get("pain_before") is not None
        ],
        "outcome_rows": outcome_rows,
        "steps_by_day": dict(sorted(steps.items())),
        "evs": _evs(report["progress"]["weeks"], core_days),
        "exported_at": now.isoformat(),
    }  # fmt: skip


def record_clearance_from_bundle(
    uow: UnitOfWork,
    actor: Actor,
    subject_id: int,
    answers: Mapping[str, Any],
    by: str,
    library: Library,
    today: date,
    now: datetime,
) -> dict[str, Any]:
    return record_clearance(
        uow, actor, subject_id, answers, library, today, now,
        entered_by_name=by, role="health_record",
    )  # fmt: skip
