"""Store once: a retried API call (Idempotency-Key) or a double-submitted form (form token).

Logging a session (the offline outbox's call, the busiest write) keeps its key in its own
transaction (``KeyedRequest``): the use case stores its answer under the key in the same
transaction as the session. Both commit together or not at all, so there is no claim to release
after a failure or to abandon in a crash; a retry sent while the first request is still running
waits for it on PostgreSQL (the key's unique index) and takes turns on SQLite (one writer), then
gets the first answer.

Other keyed calls claim, run, record: the key is claimed in its own transaction (the database refuses a second
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
from upright.services.ports import IdempotencyStore, UnitOfWork
from upright.web.errors import InProgress

MAX_KEY = 255


def fingerprint(payload: Any) -> str:
    text = json.dumps(payload, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _stored_key(scope: str, key: str) -> str:
    # hashed: any client string fits the column, and scopes cannot collide
    return hashlib.sha256(f"{scope}\x00{key}".encode()).hexdigest()


def _checked_key(key: str, field: str) -> str:
    if len(key) > MAX_KEY:
        raise InvalidInput(field, f"is too long (at most {MAX_KEY} characters)")
    return key


def _still_running(left: timedelta, claim_seconds: int) -> InProgress:
    return InProgress(
        "the same request is still being handled; try again in a moment",
        max(1, min(claim_seconds, int(left.total_seconds()) + 1)),
    )


class KeyedRequest:
    """One request with an idempotency key, answered inside the use case's transaction
    (``services.ports.Once``). Made by ``keyed``.

    The key is written last, with the answer: a retry runs the use case again, finds the key
    taken and returns the first answer instead (its transaction rolls back). That costs a
    retry the check again, and saves every first request a look-up (retries are rare).
    """

    def __init__(
        self, person_id: int, stored: str, print_: str, now: datetime, claim_seconds: int,
        field: str,
    ) -> None:  # fmt: skip
        self.person_id = person_id
        self.stored = stored
        self.fingerprint = print_
        self.now = now
        self.claim_seconds = claim_seconds
        self.field = field

    def _answer(self, record: dict[str, Any], written_at: datetime) -> dict[str, Any] | None:
        """The stored answer of an earlier request; None for a claim abandoned long enough to
        be taken over; raises when the key belongs to another request or is being handled."""
        if record.get("fingerprint") != self.fingerprint:
            raise InvalidInput(self.field, "was already used for a different request")
        if record.get("state") == "done":
            return dict(record.get("result") or {})
        # a claim of the claim-run-record way (a request from before an upgrade): wait for it,
        # or take it over once it is older than claim_seconds (its worker died)
        left = written_at + timedelta(seconds=self.claim_seconds) - self.now
        if left.total_seconds() > 0:
            raise _still_running(left, self.claim_seconds)
        return None

    def earlier(self, uow: UnitOfWork) -> dict[str, Any] | None:
        found = uow.idempotency.find(self.person_id, self.stored)
        return self._answer(*found) if found is not None else None

    def record(self, uow: UnitOfWork, answer: dict[str, Any]) -> dict[str, Any] | None:
        done = {"state": "done", "fingerprint": self.fingerprint, "result": answer}
        keys = uow.idempotency
        if keys.add(self.person_id, self.stored, done, self.now):
            return None
        # the key is taken: by an earlier request (a retry; on PostgreSQL ``add`` waited for
        # one still running), or by an abandoned claim
        found = keys.find(self.person_id, self.stored)
        if found is None:  # released by a claim-run-record request just now
            raise _still_running(timedelta(0), self.claim_seconds)
        first = self._answer(*found)
        if first is not None:
            return first
        if keys.take_over(self.person_id, self.stored, found[1], done, self.now):
            return None
        raise _still_running(timedelta(0), self.claim_seconds)  # another retry took it over


def keyed(
    claim_seconds: int, person_id: int, scope: str, key: str | None, payload: Any,
    now: datetime, field: str = "Idempotency-Key",
) -> KeyedRequest | None:  # fmt: skip
    """The request as a ``KeyedRequest`` for the use case's transaction (None without a key).

    Keys are per person and per operation (``scope``); the payload's fingerprint tells a retry
    from another request sent under the same key.
    """
    if not key:
        return None
    stored = _stored_key(scope, _checked_key(key, field))
    return KeyedRequest(person_id, stored, fingerprint(payload), now, claim_seconds, field)


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
    stored = _stored_key(scope, _checked_key(key, field))
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
                raise _still_running(left, keys.claim_seconds)
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
