"""Links between people and each person's role (the port ``RelationRepository``). Decides nothing:
what a link allows is ``upright.services.access``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, delete, or_, select, update

from upright.adapters.storage import tables as t
from upright.adapters.storage.repositories import utc
from upright.adapters.storage.sessions import dialect_name
from upright.adapters.storage.upsert import dialect_insert
from upright.services.access import Link, Relation, RelationKind, Role, Scope

if TYPE_CHECKING:
    from upright.adapters.storage.sessions import DbSession

_KINDS = {k.value: k for k in RelationKind}
_SCOPES = {s.value: s for s in Scope}
_ROLES = {r.value: r for r in Role}


def _link(row: Any) -> Link | None:
    kind = _KINDS.get(row.kind)
    if kind is None:  # a kind a newer version wrote: it opens nothing here
        return None
    return Link(
        subject_id=row.subject_id,
        actor_id=row.actor_id,
        kind=kind,
        accepted=bool(row.accepted),
        scopes=frozenset(_SCOPES[s] for s in row.scopes or [] if s in _SCOPES),
        group_id=row.group_id,
    )


class SqlRelations:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    def _links(self, where: Any) -> list[Link]:
        rows = self.session.execute(
            select(t.access_links).where(where).order_by(t.access_links.c.id)
        )
        return [link for row in rows if (link := _link(row)) is not None]

    def between(self, actor_id: int, subject_id: int) -> Sequence[Relation]:
        c = t.access_links.c
        return [
            link.relation
            for link in self._links(and_(c.actor_id == actor_id, c.subject_id == subject_id))
        ]

    def save(self, link: Link, now: datetime) -> None:
        values = {
            "subject_id": link.subject_id,
            "actor_id": link.actor_id,
            "kind": link.kind.value,
            "group_id": link.group_id,
            "accepted": link.accepted,
            "scopes": sorted(s.value for s in link.scopes),
            "updated_at": utc(now),
        }
        dialect = dialect_name(self.session)
        statement = dialect_insert(dialect, t.access_links).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=["subject_id", "actor_id", "kind", "group_id"],
            set_={
                "accepted": statement.excluded.accepted,
                "scopes": statement.excluded.scopes,
                "updated_at": statement.excluded.updated_at,
            },
        )
        self.session.execute(statement)

    def remove(self, subject_id: int, actor_id: int, kind: RelationKind, group_id: int = 0) -> None:
        c = t.access_links.c
        self.session.execute(
            delete(t.access_links).where(
                and_(
                    c.subject_id == subject_id,
                    c.actor_id == actor_id,
                    c.kind == kind.value,
                    c.group_id == group_id,
                )
            )
        )

    def links_of(self, person_id: int) -> Sequence[Link]:
        c = t.access_links.c
        return self._links(or_(c.subject_id == person_id, c.actor_id == person_id))

    def role_of(self, person_id: int) -> Role | None:
        found = self.session.scalar(select(t.people.c.role).where(t.people.c.id == person_id))
        if found is None:
            return None
        return _ROLES.get(found, Role.PERSON)

    def set_role(self, person_id: int, role: Role) -> bool:
        result = self.session.execute(
            update(t.people).where(t.people.c.id == person_id).values(role=role.value)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]
