"""Small groups and group walks: a leader, members, a repeating schedule, a place, RSVPs.

Members join with a single-use code from the leader and choose what the leader sees (nothing by
default); that choice is an access link the policy reads. Attending counts as that day's aerobic
session only when the member confirms it, and at the member's own planned dose: it is logged
through the member's own ``log_session``, which nobody else may call for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final

from upright.domain.errors import InvalidInput, NotFound
from upright.services import logging as log_service
from upright.services import planning
from upright.services.access import Action, Actor, Link, RelationKind, Scope, check
from upright.services.buddies import _name_of, _open_invite, create_invite
from upright.services.library import Library
from upright.services.social_ports import GroupRow, GroupSchedules, SocialUnitOfWork

ANSWERS: Final = ("yes", "maybe", "no")
MINUTES: Final = (5, 180)
#: attendance can be confirmed for a week after the walk
CONFIRM_DAYS: Final = 7
#: RSVPs and the schedule look this far ahead
AHEAD_DAYS: Final = 60


@dataclass(frozen=True)
class Credit:
    counted: bool
    message: str


def _no_group() -> NotFound:
    return NotFound("group", "that group", "you are not in a group with that number")


def _group_for(uow: SocialUnitOfWork, actor: Actor, group_id: int) -> GroupRow:
    """The group, if the actor leads it or belongs to it; the same refusal otherwise."""
    group = uow.social.group(group_id)
    if group is None or (
        group.leader_id != actor.person_id and actor.person_id not in uow.social.members(group_id)
    ):
        raise _no_group()
    return group


def _led(uow: SocialUnitOfWork, actor: Actor, group_id: int) -> GroupRow:
    group = _group_for(uow, actor, group_id)
    if group.leader_id != actor.person_id:
        raise InvalidInput("group", "only the group's leader can do that")
    return group


def create_group(
    uow: SocialUnitOfWork,
    actor: Actor,
    subject_id: int,
    schedules: GroupSchedules,
    name: str,
    first_start: datetime,
    tz: str,
    rrule: str,
    minutes: int,
    now: datetime,
    place: str | None = None,
) -> int:
    name = " ".join(name.split())
    if not 1 <= len(name) <= 120:
        raise InvalidInput("name", "a group needs a name of 1-120 characters")
    place = " ".join((place or "").split()) or None
    if place and len(place) > 200:
        raise InvalidInput("place", "longer than 200 characters")
    if isinstance(minutes, bool) or not MINUTES[0] <= minutes <= MINUTES[1]:
        raise InvalidInput("minutes", f"{minutes!r} is out of range", f"{MINUTES[0]}-{MINUTES[1]}")
    if first_start.tzinfo is None:
        raise InvalidInput("start", "the first meeting needs a time zone")
    rule = schedules.check(rrule, first_start, tz, minutes)
    row = GroupRow(0, name, actor.person_id, place, rule, first_start, tz, minutes)
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        group_id = uow.social.add_group(row, now)
        uow.social.add_member(group_id, actor.person_id, now)
        uow.commit()
    return group_id


def invite(
    uow: SocialUnitOfWork, actor: Actor, subject_id: int, group_id: int, now: datetime
) -> Any:
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        _led(uow, actor, group_id)
    return create_invite(uow, actor, subject_id, now, group_id=group_id)


def join(
    uow: SocialUnitOfWork,
    actor: Actor,
    subject_id: int,
    code: str,
    now: datetime,
    share: frozenset[Scope] = frozenset(),
) -> int:
    """Join with the leader's code; the leader sees only ``share`` (nothing by default)."""
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        found = _open_invite(uow, actor, code, now)
        if found.group_id is None:
            raise InvalidInput(
                "code", "this is an invitation to be buddies: use it on the buddies page"
            )
        group = uow.social.group(found.group_id)
        if group is None:
            raise InvalidInput("code", "this group no longer exists")
        uow.social.add_member(group.id, actor.person_id, now)
        uow.relations.save(
            Link(
                actor.person_id, group.leader_id, RelationKind.GROUP_LEADER, True, share, group.id
            ),
            now,
        )
        uow.social.answer_invite(found.id, "accepted", actor.person_id, now)
        uow.commit()
    return group.id


def set_sharing(
    uow: SocialUnitOfWork,
    actor: Actor,
    subject_id: int,
    group_id: int,
    share: frozenset[Scope],
    now: datetime,
) -> None:
    """What the group's leader may see of the member's data."""
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        group = _group_for(uow, actor, group_id)
        if group.leader_id == actor.person_id:
            raise InvalidInput(
                "group", "you lead this group: there is nothing to share with yourself"
            )
        uow.relations.save(
            Link(
                actor.person_id, group.leader_id, RelationKind.GROUP_LEADER, True, share, group.id
            ),
            now,
        )
        uow.commit()


def leave(
    uow: SocialUnitOfWork,
    actor: Actor,
    subject_id: int,
    group_id: int,
    member_id: int | None = None,
) -> None:
    """Leave a group (or, for the leader, remove a member). The leader's view ends at once."""
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        group = _group_for(uow, actor, group_id)
        who = member_id if member_id is not None else actor.person_id
        if who != actor.person_id and group.leader_id != actor.person_id:
            raise InvalidInput("group", "only the group's leader can remove someone")
        if who == group.leader_id:  # a leader leaving closes the group
            for member in uow.social.members(group_id):
                uow.relations.remove(member, group.leader_id, RelationKind.GROUP_LEADER, group_id)
            uow.social.delete_group(group_id)
        elif who not in uow.social.members(group_id):
            raise _no_group()
        uow.social.remove_member(group_id, who)
        uow.relations.remove(who, group.leader_id, RelationKind.GROUP_LEADER, group_id)
        uow.commit()


def meetings(schedules: GroupSchedules, group: GroupRow, start: date, end: date) -> list[datetime]:
    return schedules.occurrences(
        group.rrule, group.first_start, group.tz, group.minutes, start, end
    )


def _meets_on(schedules: GroupSchedules, group: GroupRow, day: date) -> datetime:
    found = meetings(schedules, group, day, day)
    if not found:
        raise InvalidInput("date", f"the group does not meet on {day:%a %d %b}")
    return found[0]


def rsvp(
    uow: SocialUnitOfWork, actor: Actor,
    subject_id: int, schedules: GroupSchedules, group_id: int, day: date,
    answer: str, today: date, now: datetime,
) -> None:  # fmt: skip
    if answer not in ANSWERS:
        raise InvalidInput("answer", f"'{answer[:20]}' is not an answer", ANSWERS)
    if not today <= day <= today + timedelta(days=AHEAD_DAYS):
        raise InvalidInput(
            "date", "answer for a walk from today on", f"up to {AHEAD_DAYS} days ahead"
        )
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        group = _group_for(uow, actor, group_id)
        _meets_on(schedules, group, day)
        uow.social.set_rsvp(group_id, actor.person_id, day, answer, now)
        uow.commit()


def confirm_attendance(
    uow: SocialUnitOfWork, actor: Actor,
    subject_id: int, schedules: GroupSchedules, group_id: int, day: date,
    today: date, library: Library, now: datetime,
) -> Credit:  # fmt: skip
    """The member says they walked with the group: that day's aerobic session is logged as done,
    at the member's own planned dose. Only the member can do this for themself."""
    if day > today:
        raise InvalidInput("date", "confirm a walk once it has happened")
    if (today - day).days > CONFIRM_DAYS:
        raise InvalidInput("date", f"walks can be confirmed up to {CONFIRM_DAYS} days later")
    with uow:
        check(uow, actor, subject_id, Action.LOG_SESSION)  # only the member, for themself
        group = _group_for(uow, actor, group_id)
        _meets_on(schedules, group, day)
        existing = uow.sessions.get(actor.person_id, day)
    plan, _, _ = planning.current_plan(uow, actor, actor.person_id, day, library, now)
    plan_day = plan.day(day)
    aerobic = [i for i in (plan_day.items if plan_day else ()) if i.category == "aerobic"]
    with uow:
        uow.social.add_attendance(group_id, actor.person_id, day, now)
        uow.commit()
    if not aerobic:
        return Credit(
            False,
            "Thanks for walking with the group. Your plan had no walk that day, so it was not counted as a session.",
        )
    entry: dict[str, Any] = dict(existing or {})
    items = [i for i in entry.get("items") or [] if i.get("id") != aerobic[0].id]
    items.append({"id": aerobic[0].id, "status": "done"})  # no minutes: the planned dose
    entry.update({"date": day.isoformat(), "items": items})
    log_service.log_session(uow, actor, actor.person_id, entry, today, library, now)
    minutes = aerobic[0].dose.get("minutes")
    return Credit(
        True, f"Counted as your walk on {day:%a %d %b}: {minutes} minutes, your own planned dose."
    )


def my_groups(uow: SocialUnitOfWork, actor: Actor, subject_id: int) -> list[GroupRow]:
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        return list(uow.social.groups_of(actor.person_id))


def group_view(
    uow: SocialUnitOfWork,
    actor: Actor,
    subject_id: int,
    schedules: GroupSchedules,
    group_id: int,
    today: date,
) -> dict[str, Any]:
    """What a member or the leader sees: the group, the next walks, who is coming, who went."""
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        group = _group_for(uow, actor, group_id)
        members = list(uow.social.members(group_id))
        names = {m: _name_of(uow, m, "A member") for m in members}
        leader = _name_of(uow, group.leader_id, "The leader")
        upcoming = meetings(
            schedules, group, today - timedelta(days=CONFIRM_DAYS), today + timedelta(days=28)
        )
        walks = []
        for start in upcoming:
            day = start.date()
            answers = uow.social.rsvps(group_id, day)
            went = set(uow.social.attended(group_id, day))
            walks.append({
                "date": day.isoformat(), "start": start.isoformat(),
                "when": f"{start:%a %d %b at %H:%M}".replace(" 0", " "),
                "end": (start + timedelta(minutes=group.minutes)).isoformat(),
                "coming": [names.get(p, "A member") for p, a in answers.items() if a == "yes"],
                "maybe": [names.get(p, "A member") for p, a in answers.items() if a == "maybe"],
                "my_answer": answers.get(actor.person_id), "i_went": actor.person_id in went,
                "attended": len(went), "past": day <= today,
            })  # fmt: skip
        links = {
            link.subject_id: link.scopes
            for link in uow.relations.links_of(actor.person_id)
            if link.kind is RelationKind.GROUP_LEADER and link.group_id == group_id
        }
    return {
        "id": group.id,
        "name": group.name,
        "place": group.place,
        "leader": leader,
        "i_lead": group.leader_id == actor.person_id,
        "schedule": group.rrule,
        "minutes": group.minutes,
        "tz": group.tz,
        "members": [{"id": m, "name": names[m]} for m in members],
        "walks": walks,
        "i_share": sorted(s.value for s in links.get(actor.person_id, frozenset())),
    }
