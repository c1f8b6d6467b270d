"""Logging a session and the next-morning check. One day is logged once: a re-log replaces it
(only when the caller says it is an edit, ``replace=True``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from upright.domain.errors import AlreadyLogged, HistoryError, NotFound, UprightError
from upright.domain.planning.generator import week_start
from upright.domain.profile import parse_profile
from upright.domain.progression import pain
from upright.domain.safety.checks import CHECK_EVERY_DAYS, check_reasons
from upright.domain.tracking.logs import PAIN_FIELDS, SessionLog, parse_history, parse_session
from upright.services.access import Action, Actor, Grant, check
from upright.services.library import Library
from upright.services.planning import first_day, resume_plan
from upright.services.ports import Once, UnitOfWork
from upright.services.snapshots import recent_sessions, snapshot_key, stored_snapshot

#: answers a re-log of the same day keeps when it does not answer them again
KEPT_ON_RELOG = ("pain_next_morning", "red_flags", "leg_symptoms")
#: the answers that decide whether the safety check is due
CHECK_FIELDS = (*PAIN_FIELDS, "leg_symptoms", "red_flags")
#: a session can be logged up to a year back (older days would not change today's plan)
OLDEST_LOG_DAYS = 366


def _day(entry: Mapping[str, Any], today: date) -> date:
    raw = entry.get("date", today.isoformat())
    try:
        day = date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        day = None
    if day is None:
        raise HistoryError("date", f"expected a date, got {raw!r}", "YYYY-MM-DD")
    if day > today:
        raise HistoryError(
            "date", f"{day.isoformat()} is in the future; log today or an earlier day"
        )
    if (today - day).days > OLDEST_LOG_DAYS:
        raise HistoryError(
            "date", f"{day.isoformat()} is more than a year ago; log days within the last year"
        )
    return day


def log_session(
    uow: UnitOfWork,
    actor: Actor,
    subject_id: int,
    entry: Mapping[str, Any],
    today: date,
    library: Library,
    now: datetime | None = None,
    replace: bool = True,
) -> SessionLog:
    """Validate one day's session against that day's plan and store it (replacing that day).

    ``entry`` is what the person sent (untrusted: checked here against the day's plan); the
    answer is the stored session as a typed record.

    With ``replace=False`` a day that already has logged items is refused (``AlreadyLogged``):
    a second save must be an explicit edit, so an earlier note is never lost silently.
    """
    day = _day(entry, today)
    # one transaction: read, check against the day's plan, write (fewer round trips)
    with uow:
        grant = check(uow, actor, subject_id, Action.LOG_SESSION)
        session = _checked(uow, grant, day, entry, library, replace)
        uow.sessions.upsert(grant.subject_id, day, session.to_json())
        uow.commit()
    return session


def log_session_once(
    uow: UnitOfWork,
    actor: Actor,
    subject_id: int,
    entry: Mapping[str, Any],
    today: date,
    library: Library,
    once: Once,
    replace: bool = True,
) -> tuple[dict[str, Any], bool]:
    """``log_session`` for a request sent with an idempotency key: the stored session (as JSON),
    and whether it is the answer to an earlier request with the same key (nothing stored now).

    The answer is kept under the key in the same transaction as the session, so the two are
    stored together or not at all.
    """
    day = _day(entry, today)
    with uow:
        grant = check(uow, actor, subject_id, Action.LOG_SESSION)
        try:
            answer = _checked(uow, grant, day, entry, library, replace).to_json()
        except UprightError:
            # a retry of a request that was stored is answered as it was (its day is now
            # logged, say); a request refused the first time is refused again
            earlier = once.earlier(uow)
            if earlier is None:
                raise
            return earlier, True
        first = once.record(uow, answer)
        if first is not None:  # answered before (a retry): that answer, nothing stored now
            return first, True
        uow.sessions.upsert(grant.subject_id, day, answer)
        uow.commit()
    return answer, False


def _checked(
    uow: UnitOfWork,
    grant: Grant,
    day: date,
    entry: Mapping[str, Any],
    library: Library,
    replace: bool,
) -> SessionLog:
    """The session to store for ``day``, checked against that day's plan (inside the unit of
    work, after the policy was asked)."""
    person_id = grant.subject_id
    # every version (few: one per change of answers): the latest and when the first was given
    versions = uow.profiles.history(person_id)
    if not versions:
        raise NotFound("profile", "me", "run `upright start` first")
    profile = parse_profile(versions[-1][2])
    # the replay resumes from the week's snapshot: the cost does not grow with the history
    snapshot = stored_snapshot(uow, grant, snapshot_key(profile, day, library), week_start(day))
    stored = recent_sessions(uow, grant, snapshot)
    history = [s for s in stored if s.get("date") != day.isoformat()]
    existing = next((s for s in stored if s.get("date") == day.isoformat()), None)
    started = first_day(versions)
    if not replace and existing is not None and existing.get("items"):
        raise AlreadyLogged(day.isoformat())
    raw = {**dict(entry), "date": day.isoformat()}
    for kept in KEPT_ON_RELOG:  # answers given earlier that day stay unless answered again
        if existing and kept in existing and kept not in raw:
            raw[kept] = existing[kept]
    # a check answered today lifts a pause for today's items; what was done before a yes to a
    # red flag is still recorded (the yes stops the plan from today on)
    answers: dict[str, Any] = {"red_flags": []} if "red_flags" in raw else {}
    plan, _, _ = resume_plan(
        profile,
        day,
        library,
        [*history, {"date": day.isoformat(), "items": [], **answers}],
        started=started,
        snapshot=snapshot,
    )
    plan_day = plan.day(day)
    planned = [i.id for i in plan_day.items] if plan_day else []
    for n, item in enumerate(raw.get("items") or []):
        ident = item.get("id") if isinstance(item, Mapping) else None
        if ident not in planned:
            raise HistoryError(
                f"items[{n}].id",
                f"{ident!r} is not in your plan for {day.isoformat()}",
                planned or "nothing is planned that day",
            )
    return parse_session("session", raw, planned)


def record_morning(
    uow: UnitOfWork, actor: Actor, subject_id: int, day: date, pain: int, today: date
) -> dict[str, Any]:
    """How the back felt the morning after ``day`` (0-10)."""
    if isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= 10:
        raise HistoryError("pain_next_morning", f"{pain!r} is out of range", "0-10")
    if day >= today:
        raise HistoryError("date", "the next-morning check is for an earlier day's session")
    with uow:
        person_id = check(uow, actor, subject_id, Action.LOG_SESSION).subject_id
        session = uow.sessions.get(person_id, day)
        if session is None:
            raise NotFound("session", day.isoformat(), "log that day first")
        session["pain_next_morning"] = pain
        uow.sessions.upsert(person_id, day, session)
        uow.commit()
    return session


def pending_morning_check(
    uow: UnitOfWork, actor: Actor, subject_id: int, today: date
) -> date | None:
    """Yesterday's session when it has no next-morning answer yet."""
    yesterday = today - timedelta(days=1)
    with uow:
        person_id = check(uow, actor, subject_id, Action.READ_SESSIONS).subject_id
        session = uow.sessions.get(person_id, yesterday)
    if session is not None and "pain_next_morning" not in session:
        return yesterday
    return None


def _sessions(stored: list[dict[str, Any]], library: Library) -> list[SessionLog]:
    known = [e.id for e in library.catalog.exercises]
    return list(parse_history({"sessions": stored}, known))


def safety_check_due(
    uow: UnitOfWork,
    actor: Actor,
    subject_id: int,
    day: date,
    today: date,
    library: Library,
    entry: Mapping[str, Any] | None = None,
) -> tuple[str, ...]:
    """Why the short safety check should be asked now (empty: not due).

    ``entry`` is the session being logged (or just logged) for ``day``, if any.
    """
    with uow:
        person_id = check(uow, actor, subject_id, Action.READ_SESSIONS).subject_id
        data = uow.profiles.latest(person_id)
        # what the check reads: the first session, the usual pain before ``day`` and the last
        # week's checks (an older check is as good as none: the check is due either way)
        window = min(day, today) - timedelta(days=CHECK_EVERY_DAYS + pain.USUAL_PAIN_DAYS + 1)
        recent = uow.sessions.since(person_id, window)
        oldest = uow.sessions.first(person_id)
        stored = [s for s in recent if s.get("date") != day.isoformat()]
        if oldest is not None and oldest.get("date") != day.isoformat() and oldest not in recent:
            stored.insert(0, oldest)
        existing = next((s for s in recent if s.get("date") == day.isoformat()), None)
    baseline = parse_profile(data).pain_now if data is not None else None
    current = dict(entry) if entry is not None else existing
    session = None
    if current is not None:  # only the answers that matter here; items are checked on logging
        answers = {k: v for k, v in current.items() if k in CHECK_FIELDS}
        session = parse_session("session", {**answers, "date": day.isoformat(), "items": []}, ())
    return check_reasons(_sessions(stored, library), today, session, baseline)


def record_check(
    uow: UnitOfWork,
    actor: Actor,
    subject_id: int,
    day: date,
    flags: list[str],
    today: date,
    library: Library,
) -> dict[str, Any]:
    """Store the safety check's answers on ``day`` (the words answered yes; none = all no)."""
    if day > today:
        raise HistoryError("date", f"{day.isoformat()} is in the future; answer for today")
    with uow:
        person_id = check(uow, actor, subject_id, Action.LOG_SESSION).subject_id
        session = uow.sessions.get(person_id, day) or {"date": day.isoformat(), "items": []}
        raw = {**session, "red_flags": list(flags)}
        known = [e.id for e in library.catalog.exercises]
        body = parse_session("red_flags", raw, known).to_json()
        uow.sessions.upsert(person_id, day, body)
        uow.commit()
    return body
