"""SQLAlchemy repositories for the social features. No business rules here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, delete, insert, or_, select, update

from upright.adapters.storage import tables as t
from upright.adapters.storage.repositories import aware, utc
from upright.adapters.storage.sessions import dialect_name
from upright.adapters.storage.upsert import dialect_insert
from upright.services.social_ports import (
    CalendarDoc,
    GoalRow,
    GroupRow,
    InviteRow,
    MessageRow,
    StoredCalendar,
)

if TYPE_CHECKING:
    from upright.adapters.storage.sessions import DbSession


class SqlCalendars:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    def save(self, person_id: int, doc: CalendarDoc, added_at: datetime) -> None:
        table = t.class_calendars
        self.session.execute(
            delete(table).where(table.c.person_id == person_id, table.c.name == doc.name)
        )
        self.session.execute(
            table.insert().values(
                person_id=person_id,
                name=doc.name,
                source=doc.source,
                format=doc.format,
                body=doc.body,
                added_at=utc(added_at),
            )
        )

    def all(self, person_id: int) -> Sequence[StoredCalendar]:
        table = t.class_calendars
        rows = self.session.execute(
            select(table.c.name, table.c.source, table.c.format, table.c.body, table.c.added_at)
            .where(table.c.person_id == person_id)
            .order_by(table.c.name)
        ).all()
        return [StoredCalendar(r.name, r.source, r.format, r.body, aware(r.added_at)) for r in rows]

    def remove(self, person_id: int, name: str) -> bool:
        table = t.class_calendars
        result = self.session.execute(
            delete(table).where(table.c.person_id == person_id, table.c.name == name)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


class SqlSocial:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    def _insert_ignore(self, table: Any, values: dict[str, Any]) -> bool:
        dialect = dialect_name(self.session)
        statement = dialect_insert(dialect, table).values(**values).on_conflict_do_nothing()
        # rowcount is -1 here on PostgreSQL: ask for the inserted row instead
        found = self.session.execute(statement.returning(*table.primary_key.columns)).first()
        return found is not None

    def display_name(self, person_id: int) -> str | None:
        name = self.session.scalar(
            select(t.people.c.display_name).where(t.people.c.id == person_id)
        )
        return str(name) if name else None

    # --- invitations ---

    def add_invite(
        self, inviter_id: int, group_id: int | None, code_hash: str, at: datetime, expires: datetime
    ) -> int:
        result = self.session.execute(
            insert(t.buddy_invites).values(
                inviter_id=inviter_id,
                group_id=group_id,
                code_hash=code_hash,
                status="open",
                created_at=utc(at),
                expires_at=utc(expires),
            )  # fmt: skip
        )
        return int(result.inserted_primary_key[0])  # type: ignore[attr-defined]

    @staticmethod
    def _invite(row: Any) -> InviteRow:
        return InviteRow(
            row.id, row.inviter_id, row.group_id, row.status, aware(row.created_at),
            aware(row.expires_at),
        )  # fmt: skip

    def invite_by_hash(self, code_hash: str) -> InviteRow | None:
        row = self.session.execute(
            select(t.buddy_invites).where(t.buddy_invites.c.code_hash == code_hash)
        ).first()
        return self._invite(row) if row else None

    def answer_invite(self, invite_id: int, status: str, by: int | None, at: datetime) -> None:
        self.session.execute(
            update(t.buddy_invites)
            .where(t.buddy_invites.c.id == invite_id)
            .values(status=status, answered_by=by, answered_at=utc(at))
        )

    def open_invites(self, inviter_id: int) -> Sequence[InviteRow]:
        rows = self.session.execute(
            select(t.buddy_invites)
            .where(t.buddy_invites.c.inviter_id == inviter_id, t.buddy_invites.c.status == "open")
            .order_by(t.buddy_invites.c.id)
        )
        return [self._invite(r) for r in rows]

    # --- blocks ---

    def block(self, blocker_id: int, blocked_id: int, at: datetime) -> None:
        self._insert_ignore(
            t.person_blocks,
            {"blocker_id": blocker_id, "blocked_id": blocked_id, "created_at": utc(at)},
        )

    def blocked_between(self, a: int, b: int) -> bool:
        c = t.person_blocks.c
        found = self.session.scalar(
            select(c.blocker_id).where(
                or_(
                    and_(c.blocker_id == a, c.blocked_id == b),
                    and_(c.blocker_id == b, c.blocked_id == a),
                )
            )
        )
        return found is not None

    # --- goals ---

    def goal(self, a: int, b: int) -> GoalRow | None:
        low, high = _pair(a, b)
        row = self.session.execute(
            select(t.buddy_goals).where(
                t.buddy_goals.c.person_a == low, t.buddy_goals.c.person_b == high
            )
        ).first()
        if row is None:
            return None
        return GoalRow(
            row.person_a, row.person_b, row.walks_per_week, row.proposed_by, bool(row.accepted)
        )

    def save_goal(self, goal: GoalRow, at: datetime) -> None:
        self.remove_goal(goal.person_a, goal.person_b)
        low, high = _pair(goal.person_a, goal.person_b)
        self.session.execute(
            insert(t.buddy_goals).values(
                person_a=low,
                person_b=high,
                walks_per_week=goal.walks_per_week,
                proposed_by=goal.proposed_by,
                accepted=goal.accepted,
                updated_at=utc(at),
            )  # fmt: skip
        )

    def remove_goal(self, a: int, b: int) -> None:
        low, high = _pair(a, b)
        self.session.execute(
            delete(t.buddy_goals).where(
                t.buddy_goals.c.person_a == low, t.buddy_goals.c.person_b == high
            )
        )

    # --- messages ---

    def add_message(self, message: MessageRow) -> bool:
        return self._insert_ignore(
            t.encouragements,
            {
                "sender_id": message.sender_id, "recipient_id": message.recipient_id,
                "day": message.day, "message_key": message.message_key, "body": message.body,
                "created_at": utc(message.created_at),
            },
        )  # fmt: skip

    def messages_to(self, recipient_id: int, since: date) -> Sequence[MessageRow]:
        c = t.encouragements.c
        rows = self.session.execute(
            select(t.encouragements)
            .where(c.recipient_id == recipient_id, c.day >= since)
            .order_by(c.day.desc(), c.id.desc())
        )
        return [
            MessageRow(
                r.sender_id, r.recipient_id, r.day, r.message_key, r.body, aware(r.created_at)
            )
            for r in rows
        ]

    def delete_messages_between(self, a: int, b: int) -> None:
        c = t.encouragements.c
        self.session.execute(
            delete(t.encouragements).where(
                or_(
                    and_(c.sender_id == a, c.recipient_id == b),
                    and_(c.sender_id == b, c.recipient_id == a),
                )
            )
        )

    def mute(self, muter_id: int, muted_id: int, at: datetime) -> None:
        self._insert_ignore(
            t.encouragement_mutes,
            {"muter_id": muter_id, "muted_id": muted_id, "created_at": utc(at)},
        )

    def unmute(self, muter_id: int, muted_id: int) -> None:
        c = t.encouragement_mutes.c
        self.session.execute(
            delete(t.encouragement_mutes).where(c.muter_id == muter_id, c.muted_id == muted_id)
        )

    def muted_by(self, muter_id: int) -> frozenset[int]:
        c = t.encouragement_mutes.c
        return frozenset(self.session.scalars(select(c.muted_id).where(c.muter_id == muter_id)))

    # --- groups ---

    @staticmethod
    def _group(row: Any) -> GroupRow:
        return GroupRow(
            row.id, row.name, row.leader_id, row.place, row.rrule, aware(row.first_start), row.tz,
            row.minutes,
        )  # fmt: skip

    def add_group(self, group: GroupRow, at: datetime) -> int:
        result = self.session.execute(
            insert(t.social_groups).values(
                name=group.name,
                leader_id=group.leader_id,
                place=group.place,
                rrule=group.rrule,
                first_start=utc(group.first_start),
                tz=group.tz,
                minutes=group.minutes,
                created_at=utc(at),
            )  # fmt: skip
        )
        return int(result.inserted_primary_key[0])  # type: ignore[attr-defined]

    def group(self, group_id: int) -> GroupRow | None:
        row = self.session.execute(
            select(t.social_groups).where(t.social_groups.c.id == group_id)
        ).first()
        return self._group(row) if row else None

    def groups_of(self, person_id: int) -> Sequence[GroupRow]:
        g, m = t.social_groups.c, t.group_members.c
        member_of = select(m.group_id).where(m.person_id == person_id)
        rows = self.session.execute(
            select(t.social_groups)
            .where(or_(g.leader_id == person_id, g.id.in_(member_of)))
            .order_by(g.id)
        )
        return [self._group(r) for r in rows]

    def add_member(self, group_id: int, person_id: int, at: datetime) -> None:
        self._insert_ignore(
            t.group_members, {"group_id": group_id, "person_id": person_id, "joined_at": utc(at)}
        )

    def remove_member(self, group_id: int, person_id: int) -> None:
        for table in (t.group_members, t.group_rsvps, t.group_attendance):
            self.session.execute(
                delete(table).where(table.c.group_id == group_id, table.c.person_id == person_id)
            )

    def members(self, group_id: int) -> Sequence[int]:
        m = t.group_members.c
        return list(
            self.session.scalars(
                select(m.person_id).where(m.group_id == group_id).order_by(m.joined_at, m.person_id)
            )
        )

    def delete_group(self, group_id: int) -> None:
        for table in (t.group_rsvps, t.group_attendance, t.group_members, t.buddy_invites):
            self.session.execute(delete(table).where(table.c.group_id == group_id))
        self.session.execute(delete(t.social_groups).where(t.social_groups.c.id == group_id))

    def set_rsvp(self, group_id: int, person_id: int, day: date, answer: str, at: datetime) -> None:
        r = t.group_rsvps.c
        self.session.execute(
            delete(t.group_rsvps).where(
                r.group_id == group_id, r.person_id == person_id, r.day == day
            )
        )
        self.session.execute(
            insert(t.group_rsvps).values(
                group_id=group_id, person_id=person_id, day=day, answer=answer, updated_at=utc(at)
            )
        )

    def rsvps(self, group_id: int, day: date) -> dict[int, str]:
        r = t.group_rsvps.c
        rows = self.session.execute(
            select(r.person_id, r.answer).where(r.group_id == group_id, r.day == day)
        )
        return {row.person_id: row.answer for row in rows}

    def add_attendance(self, group_id: int, person_id: int, day: date, at: datetime) -> bool:
        return self._insert_ignore(
            t.group_attendance,
            {"group_id": group_id, "person_id": person_id, "day": day, "confirmed_at": utc(at)},
        )

    def attended(self, group_id: int, day: date) -> Sequence[int]:
        a = t.group_attendance.c
        return list(
            self.session.scalars(select(a.person_id).where(a.group_id == group_id, a.day == day))
        )
