"""Store once: a retried API call (Idempotency-Key) or a double-submitted form (form token).

Claim, run, record: the key is claimed in its own transaction (the database refuses a second
claim), the use case runs, and its result is recorded under the key. A retry with the same key
gets the recorded result and runs nothing. If the use case fails, the claim is released so a
corrected request can use the key again. If the worker dies between claim and record (kill -9,
a crash), the claim is abandoned: after ``claim_seconds`` (a minute) a retry takes it over and
runs the use case again. That is safe because every keyed use case stores by a natural key
as well (a day's session replaces itself, an imported file is known by its hash), so a run that
did commit before the crash is replaced, not doubled. Keys are per person and per operation ("scope"), and
a key sent again with a different body is refused rather than silently answered.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from upright.domain.errors import InvalidInput
from upright.services.ports import IdempotencyStore
from upright.web.errors import InProgress

MAX_KEY = 255


def fingerprint(payload: Any) -> str:
    text = json.dumps(payload, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _stored_key(scope: str, key: str) -> str:
    # hashed: any client string fits the column, and scopes cannot collide
    return hashlib.sha256(f"{scope}\x00{key}".encode()).hexdigest()


def once(
    keys: IdempotencyStore,
    person_id: int,
    scope: str,
    key: str | None,
    payload: Any,
    now: datetime,
    run: Callable[[], dict[str, Any]],
    field: str = "Idempotency-Key",
) -> tuple[dict[str, Any], bool]:
    """``run()``'s result, and whether it was replayed from an earlier request with this key."""
    if not key:
        return json.loads(json.dumps(run(), default=str)), False
    if len(key) > MAX_KEY:
        raise InvalidInput(field, f"is too long (at most {MAX_KEY} characters)")
    stored = _stored_key(scope, key)
    print_ = fingerprint(payload)
    claimed = keys.claim(person_id, stored, {"state": "running", "fingerprint": print_}, now)
    if not claimed:
        record = keys.get(person_id, stored)
        if record is None:  # released by a failed first try a moment ago: run as new
            return once(keys, person_id, scope, key, payload, now, run, field)
        if record.get("fingerprint") != print_:
            raise InvalidInput(field, "was already used for a different request")
        if record.get("state") != "done":
            found = keys.get_with_time(person_id, stored)
            if found is None:
                return once(keys, person_id, scope, key, payload, now, run, field)
            claimed_at = found[1]
            left = claimed_at + timedelta(seconds=keys.claim_seconds) - now
            running = {"state": "running", "fingerprint": print_}
            if left.total_seconds() > 0 or not keys.take_over(
                person_id, stored, claimed_at, running, now
            ):
                raise InProgress(
                    "the same request is still being handled; try again in a moment",
                    max(1, min(keys.claim_seconds, int(left.total_seconds()) + 1)),
                )
            return _run(keys, person_id, stored, print_, now, run), False
        return dict(record.get("result") or {}), True
    return _run(keys, person_id, stored, print_, now, run), False


def _run(
    keys: IdempotencyStore,
    person_id: int,
    stored: str,
    print_: str,
    now: datetime,
    run: Callable[[], dict[str, Any]],
) -> dict[str, Any]:
    try:
        # stored as JSON: dates and the like become strings, the same on first run and replay
        result: dict[str, Any] = json.loads(json.dumps(run(), default=str))
    except BaseException:
        keys.release(person_id, stored)
        raise
    keys.put(person_id, stored, {"state": "done", "fingerprint": print_, "result": result}, now)
    return result
