"""SQL store for reminders: settings, the outbox (claimed with a lease), push, feeds, keys.

The outbox's unique key (person, kind, local date) makes an insert by a second process a no-op;
claiming sets a lease in one UPDATE (``FOR UPDATE SKIP LOCKED`` on PostgreSQL), so two workers
never hold the same row, and a worker that dies lets its rows go when the lease runs out.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, delete, insert, or_, select, update

from upright.adapters.storage import tables as t
from upright.adapters.storage.repositories import aware, utc
from upright.adapters.storage.sessions import dialect_name
from upright.adapters.storage.upsert import dialect_insert
from upright.domain.reminders import Due
from upright.services.reminder_ports import OutboxRow, PushTarget, StoredReminders

if TYPE_CHECKING:
    from upright.adapters.storage.sessions import DbSession

S = t.reminder_settings
O = t.reminder_outbox  # noqa: E741


def _stored(row: Any) -> StoredReminders:
    return StoredReminders(
        person_id=row.person_id,
        data=dict(row.data),
        email=row.email,
        unsubscribe_token=row.unsubscribe_token,
        next_check=aware(row.next_check),
    )


def _row(row: Any) -> OutboxRow:
    return OutboxRow(
        id=row.id, person_id=row.person_id, kind=row.kind, local_date=row.local_date,
        subject=row.subject, body=row.body, channels=tuple(row.channels),
        done=tuple(row.done), attempts=row.attempts,
    )  # fmt: skip


class SqlReminders:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    def _insert(self, table: Any) -> Any:
        dialect = dialect_name(self.session)
        return dialect_insert(dialect, table)

    # --- settings ---

    def settings(self, person_id: int) -> StoredReminders | None:
        row = self.session.execute(select(S).where(S.c.person_id == person_id)).first()
        return _stored(row) if row else None

    def save_settings(
        self, person_id: int, data: dict[str, Any], email: str | None, next_check: datetime,
        now: datetime,
    ) -> StoredReminders:  # fmt: skip
        values = {
            "data": data,
            "email": email,
            "next_check": utc(next_check),
            "updated_at": utc(now),
        }
        statement = self._insert(S).values(
            person_id=person_id, unsubscribe_token=secrets.token_urlsafe(24), **values
        )
        self.session.execute(
            statement.on_conflict_do_update(index_elements=["person_id"], set_=values)
        )
        found = self.settings(person_id)
        if found is None:  # pragma: no cover - the upsert above just wrote it
            raise RuntimeError("reminder settings vanished")
        return found

    def account_email(self, person_id: int) -> str | None:
        return self.session.scalar(select(t.people.c.email).where(t.people.c.id == person_id))

    def due_people(self, now: datetime, limit: int) -> Sequence[StoredReminders]:
        rows = self.session.execute(
            select(S).where(S.c.next_check <= utc(now)).order_by(S.c.next_check).limit(limit)
        )
        return [_stored(r) for r in rows]

    def set_next_check(self, person_id: int, when: datetime) -> None:
        self.session.execute(
            update(S).where(S.c.person_id == person_id).values(next_check=utc(when))
        )

    def unsubscribe(self, token: str) -> int | None:
        row = self.session.execute(
            select(S.c.person_id, S.c.data).where(S.c.unsubscribe_token == token)
        ).first()
        if row is None:
            return None
        data = dict(row.data)
        data["channels"] = [c for c in data.get("channels", []) if c != "email"]
        self.session.execute(update(S).where(S.c.person_id == row.person_id).values(data=data))
        return int(row.person_id)

    # --- outbox ---

    def last_sent(self, person_id: int) -> dict[str, date]:
        rows = self.session.execute(
            select(O.c.kind, O.c.local_date).where(O.c.person_id == person_id)
        )
        latest: dict[str, date] = {}
        for kind, day in rows:
            if kind not in latest or day > latest[kind]:
                latest[kind] = day
        return latest

    def add_to_outbox(
        self, person_id: int, message: Due, channels: Sequence[str], now: datetime
    ) -> bool:
        statement = self._insert(O).values(
            person_id=person_id, kind=message.kind, local_date=message.local_date,
            subject=message.subject, body=message.text, channels=list(channels), done=[],
            status="pending", attempts=0, next_attempt=utc(now), created_at=utc(now),
        )  # fmt: skip
        result = self.session.execute(
            statement.on_conflict_do_nothing(index_elements=["person_id", "kind", "local_date"])
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def claim(self, now: datetime, until: datetime, worker: str, limit: int) -> Sequence[OutboxRow]:
        free = and_(
            O.c.status == "pending",
            O.c.next_attempt <= utc(now),
            or_(O.c.claimed_until.is_(None), O.c.claimed_until < utc(now)),
        )
        ids = select(O.c.id).where(free).order_by(O.c.id).limit(limit)
        if dialect_name(self.session) == "postgresql":
            ids = ids.with_for_update(skip_locked=True)
        rows = self.session.execute(
            update(O)
            .where(and_(O.c.id.in_(ids.scalar_subquery()), free))
            .values(claimed_until=utc(until), claimed_by=worker)
            .returning(*O.c)
        ).all()
        return sorted((_row(r) for r in rows), key=lambda r: r.id)

    def renew(self, row_id: int, worker: str, now: datetime, until: datetime) -> bool:
        """Extend this worker's lease if it still holds the row; False when it lost it."""
        result = self.session.execute(
            update(O)
            .where(
                and_(
                    O.c.id == row_id,
                    O.c.claimed_by == worker,
                    O.c.status == "pending",
                    O.c.claimed_until > utc(now),
                )
            )
            .values(claimed_until=utc(until))
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def _mine(self, row_id: int, worker: str) -> Any:
        return and_(O.c.id == row_id, O.c.claimed_by == worker)

    def channel_done(self, row_id: int, channels: Sequence[str], worker: str) -> None:
        self.session.execute(
            update(O).where(self._mine(row_id, worker)).values(done=list(channels))
        )

    def finish(self, row_id: int, worker: str, now: datetime) -> None:
        self.session.execute(
            update(O)
            .where(self._mine(row_id, worker))
            .values(status="sent", sent_at=utc(now), claimed_until=None, last_error=None)
        )

    def retry_later(
        self, row_id: int, worker: str, error: str, when: datetime, give_up: bool
    ) -> None:
        self.session.execute(
            update(O)
            .where(self._mine(row_id, worker))
            .values(
                status="failed" if give_up else "pending",
                attempts=O.c.attempts + 1,
                next_attempt=utc(when),
                claimed_until=None,
                last_error=error[:2000],
            )
        )

    def outbox(self, person_id: int | None = None) -> Sequence[dict[str, Any]]:
        query = select(O).order_by(O.c.id)
        if person_id is not None:
            query = query.where(O.c.person_id == person_id)
        return [dict(r._mapping) for r in self.session.execute(query)]

    # --- web push subscriptions ---

    def push_targets(self, person_id: int) -> Sequence[PushTarget]:
        rows = self.session.execute(
            select(t.push_subscriptions).where(t.push_subscriptions.c.person_id == person_id)
        )
        return [PushTarget(r.endpoint, r.p256dh, r.auth) for r in rows]

    def add_push(self, person_id: int, target: PushTarget, now: datetime) -> None:
        statement = self._insert(t.push_subscriptions).values(
            person_id=person_id, endpoint=target.endpoint, p256dh=target.p256dh,
            auth=target.auth, created_at=utc(now),
        )  # fmt: skip
        self.session.execute(
            statement.on_conflict_do_update(
                index_elements=["endpoint"],
                set_={"person_id": person_id, "p256dh": target.p256dh, "auth": target.auth},
            )
        )

    def remove_push(self, endpoint: str) -> None:
        self.session.execute(
            delete(t.push_subscriptions).where(t.push_subscriptions.c.endpoint == endpoint)
        )

    # --- calendar feeds ---

    def feed_token(self, person_id: int) -> str | None:
        return self.session.scalar(
            select(t.calendar_feeds.c.token).where(t.calendar_feeds.c.person_id == person_id)
        )

    def set_feed_token(self, person_id: int, token: str, now: datetime) -> None:
        feeds = t.calendar_feeds
        self.session.execute(delete(feeds).where(feeds.c.person_id == person_id))
        self.session.execute(
            insert(feeds).values(token=token, person_id=person_id, created_at=utc(now))
        )

    def feed_person(self, token: str) -> int | None:
        return self.session.scalar(
            select(t.calendar_feeds.c.person_id).where(t.calendar_feeds.c.token == token)
        )

    # --- server keys ---

    def server_key(self, name: str) -> str | None:
        return self.session.scalar(
            select(t.server_keys.c.value).where(t.server_keys.c.name == name)
        )

    def put_server_key(self, name: str, value: str, now: datetime) -> str:
        """Store ``value`` unless another process stored one first; returns the one kept."""
        statement = self._insert(t.server_keys).values(name=name, value=value, created_at=utc(now))
        self.session.execute(statement.on_conflict_do_nothing(index_elements=["name"]))
        return self.server_key(name) or value
