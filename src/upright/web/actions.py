"""The service calls the pages and the API share, wired with this app's context.

Each function is one use case called the same way from an HTML route and its JSON twin, so
the two can never drift apart. No rules here: they are in ``upright.services``.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO, Any

from upright.domain.errors import ConnectionLost, InvalidInput
from upright.domain.planning.plan import Plan
from upright.domain.profile import Profile
from upright.domain.safety.screening import Screening
from upright.services import accounts, daylog, planning
from upright.services import export as export_service
from upright.services import logging as log_service
from upright.services.access import Actor
from upright.services.imports import import_files
from upright.services.progress import progress_report
from upright.web.context import WebContext
from upright.web.deps import parse_day
from upright.web.idempotency import keyed, once
from upright.web.progress_cache import cached_progress

#: the largest upload we accept (an Apple Health export of many years is a few hundred MB)
MAX_UPLOAD = 1 << 30


def _now(ctx: WebContext) -> Any:
    return ctx.services.clock.now()


def version(ctx: WebContext, me: Actor) -> tuple[Any, ...]:
    """The person's data version: changes with every profile, session or import written."""
    return ctx.versions.of(me.person_id)


def current(
    ctx: WebContext, me: Actor, day: date, data_version: tuple[Any, ...] | None = None
) -> tuple[Plan, Screening, Profile]:
    """The plan for the week of ``day`` (cached until the person's data changes)."""
    svc = ctx.services
    found_version = data_version if data_version is not None else version(ctx, me)
    key = ("plan", me.person_id, day, svc.clock.today(), found_version)
    cached: tuple[Plan, Screening, Profile] | None = ctx.cache.get(key)
    if cached is not None:
        return cached
    with ctx.write_lock:  # it stores the plan when it changed
        result = planning.current_plan(
            svc.uow(), me, me.person_id, day, svc.library, svc.clock.now()
        )
    ctx.cache.put(key, result)
    return result


def logged_session(ctx: WebContext, me: Actor, day: date) -> dict[str, Any] | None:
    """What is already logged for ``day`` (None: nothing yet)."""
    return daylog.logged_session(ctx.services.uow(), me, me.person_id, day)


def day_marks(ctx: WebContext, me: Actor, days: Iterable[date]) -> dict[date, str | None]:
    return daylog.day_marks(ctx.services.uow(), me, me.person_id, days)


def has_profile(ctx: WebContext, me: Actor) -> bool:
    return planning.find_profile(ctx.services.uow(), me, me.person_id) is not None


def stored_profile(ctx: WebContext, me: Actor) -> dict[str, Any] | None:
    """The latest answers as they stand today (how long the episode has lasted by now)."""
    found = planning.find_profile(ctx.services.uow(), me, me.person_id, ctx.services.clock.today())
    return found.to_dict() if found is not None else None


def profile_history(ctx: WebContext, me: Actor) -> list[dict[str, Any]]:
    rows = planning.profile_history(ctx.services.uow(), me, me.person_id)
    return [
        {"version": r.version, "created_at": r.created_at.isoformat(), "profile": r.profile}
        for r in rows
    ]


def save_profile(
    ctx: WebContext, me: Actor, data: dict[str, Any], key: str | None
) -> dict[str, Any]:
    """A new profile version (earlier ones stay), stored once per key."""

    def run() -> dict[str, Any]:
        saved = planning.save_profile(ctx.services.uow(), me, me.person_id, data, _now(ctx))
        return saved.to_dict()

    with ctx.write_lock:
        result, _ = once(ctx.idempotency, me.person_id, "profile", key, data, _now(ctx), run)
    return result


def log_session(
    ctx: WebContext, me: Actor, entry: dict[str, Any], key: str | None, replace: bool = False
) -> tuple[dict[str, Any], bool]:
    svc = ctx.services
    today = svc.clock.today()
    parse_day(str(entry.get("date", "")), today)
    request = keyed(ctx.idempotency.claim_seconds, me.person_id, "log-session", key, entry,
                    _now(ctx))  # fmt: skip

    def log() -> tuple[dict[str, Any], bool]:
        if request is None:
            session = log_service.log_session(
                svc.uow(), me, me.person_id, entry, today, svc.library, replace=replace
            )
            return session.to_json(), False  # the API's session contract
        # the key is kept in the logging transaction (see web/idempotency.py)
        return log_service.log_session_once(
            svc.uow(), me, me.person_id, entry, today, svc.library, request, replace=replace
        )

    with ctx.write_lock:
        try:
            return log()
        except ConnectionLost:
            # a pooled connection broken by a restart of the database (the pool has dropped
            # them all): once more on a new one. Safe with a key (stored once whatever the first
            # try did) or as an edit (the same day written again); a first save without a key
            # could have committed before the break and would now be refused as already logged
            if request is None and not replace:
                raise
            return log()


def record_morning(
    ctx: WebContext, me: Actor, day: str, pain: str | int, key: str | None
) -> dict[str, Any]:
    when = parse_day(day, ctx.services.clock.today())
    try:
        score = int(pain)
    except (TypeError, ValueError):
        raise InvalidInput("pain", "expected a whole number", "0-10") from None
    if not 0 <= score <= 10:
        raise InvalidInput("pain", f"{score} is out of range", "0-10")
    svc = ctx.services

    def run() -> dict[str, Any]:
        log_service.record_morning(svc.uow(), me, me.person_id, when, score, svc.clock.today())
        return {"date": when.isoformat(), "pain": score}

    payload = {"date": day, "pain": score}
    with ctx.write_lock:
        result, _ = once(ctx.idempotency, me.person_id, "morning", key, payload, _now(ctx), run)
    return result


def check_due(
    ctx: WebContext, me: Actor, day: date, entry: dict[str, Any] | None = None
) -> tuple[str, ...]:
    """Why the short safety check should be asked now for ``day`` (empty: not due)."""
    svc = ctx.services
    return log_service.safety_check_due(
        svc.uow(), me, me.person_id, day, svc.clock.today(), svc.library, entry
    )


def record_check(
    ctx: WebContext, me: Actor, day: str, flags: list[str], key: str | None
) -> dict[str, Any]:
    svc = ctx.services
    when = parse_day(day, svc.clock.today())

    def run() -> dict[str, Any]:
        return log_service.record_check(
            svc.uow(), me, me.person_id, when, flags, svc.clock.today(), svc.library
        )

    payload = {"date": day, "red_flags": flags}
    with ctx.write_lock:
        result, _ = once(ctx.idempotency, me.person_id, "check", key, payload, _now(ctx), run)
    return result


def pending_morning(ctx: WebContext, me: Actor) -> date | None:
    """Yesterday, when its session still waits for the next-morning answer."""
    return log_service.pending_morning_check(
        ctx.services.uow(), me, me.person_id, ctx.services.clock.today()
    )


def progress(ctx: WebContext, me: Actor, weeks: int = 12) -> dict[str, Any]:
    """The progress report (cached until the person's data changes)."""
    svc = ctx.services
    result: dict[str, Any] = cached_progress(
        ctx,
        me,
        weeks,
        # the page and /api/progress show the JSON contract
        lambda: progress_report(
            svc.uow(), me, me.person_id, svc.clock.today(), svc.library, weeks=weeks
        ).to_json(),
    )
    return result


def export_json(ctx: WebContext, me: Actor) -> dict[str, Any]:
    """Everything: profile versions, sessions, imported activities."""
    result: dict[str, Any] = export_service.export_all(
        ctx.services.uow(), me, me.person_id, _now(ctx)
    )
    return result


def export_csv(ctx: WebContext, me: Actor) -> str:
    return export_service.export_csv(ctx.services.uow(), me, me.person_id)


def delete_everything(ctx: WebContext, me: Actor) -> None:
    """Server mode: the account and all its data. Local mode: all data; the app starts over."""
    if ctx.server:
        with ctx.write_lock:
            accounts.delete_account(ctx.web_uow, me.person_id)
        return
    with ctx.write_lock:
        export_service.delete_person_data(
            ctx.services.uow(), me, me.person_id, ctx.services.person_files
        )


_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def import_uploads(
    ctx: WebContext, me: Actor, uploads: Iterable[tuple[str, IO[bytes]]]
) -> dict[str, Any]:
    """Save uploads to a private temporary folder and import them like files on disk.

    The same file uploaded twice is recognised by the import service (by content hash), so a
    retried upload never stores twice.
    """
    files = ctx.services.files
    with tempfile.TemporaryDirectory(prefix="upright-upload-") as folder:
        names: dict[str, str] = {}
        for n, (filename, stream) in enumerate(uploads):
            base = _SAFE.sub("_", Path(filename or "upload").name)[-80:] or "upload"
            path = Path(folder) / f"{n}-{base}"
            _copy(stream, path)
            names[str(path)] = filename or base
        if not names:
            raise InvalidInput("files", "choose at least one file to import")
        # no write_lock: reading a large export takes seconds and writes only at its end
        report = import_files(
            ctx.services.uow, me, me.person_id, list(names), _now(ctx), files=files
        )
        result: dict[str, Any] = report.to_json()
    for entry in result.get("files", []):  # show the uploaded names, not the temporary paths
        original = str(entry.get("path", ""))
        shown = names.get(original, original)
        entry["path"] = shown
        if isinstance(entry.get("error"), str):
            entry["error"] = entry["error"].replace(original, shown)
    return result


def _copy(stream: IO[bytes], path: Path) -> None:
    size = 0
    with path.open("wb") as out:
        while chunk := stream.read(1 << 20):
            size += len(chunk)
            if size > MAX_UPLOAD:
                raise InvalidInput("files", f"a file is larger than {MAX_UPLOAD >> 20} MB")
            out.write(chunk)
