"""Store once: a retried API call (Idempotency-Key) or a double-submitted form (form token).

Claim, run, record: the key is claimed in its own transaction (the database refuses a second
claim), the use case runs, and its result is recorded under the key. A retry with the same key
gets the recorded result and runs nothing. If the use case fails, the claim is released so a
corrected request can use the key again. Keys are per person and per operation ("scope"), and
a key sent again with a different body is refused rather than silently answered.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime
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
            raise InProgress("the same request is still being handled; try again in a moment")
        return dict(record.get("result") or {}), True
    try:
        # stored as JSON: dates and the like become strings, the same on first run and replay
        result = json.loads(json.dumps(run(), default=str))
    except BaseException:
        keys.release(person_id, stored)
        raise
    keys.put(person_id, stored, {"state": "done", "fingerprint": print_, "result": result})
    return result, False
