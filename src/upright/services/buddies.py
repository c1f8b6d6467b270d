"""Buddies: invite, accept or decline, choose what to share, remove or block, shared goals.

Every read of the other person's data goes through the access policy (``services.access``):
a buddy sees exactly the items the other chose to share, and nothing at all after a removal or
a block. Invitation codes are stored only as a hash, expire after a week and work once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from upright.domain.errors import InvalidInput
from upright.domain.social.buddies import (
    GOAL_MAX,
    GOAL_MIN,
    INVITE_DAYS,
    format_code,
    normalise_code,
)
from upright.services.access import (
    Action,
    Actor,
    Link,
    PersonNotFound,
    RelationKind,
    Scope,
    check,
)
from upright.services.codes import code_hash, new_code
from upright.services.social_ports import GoalRow, InviteRow, SocialUnitOfWork

BAD_CODE = (
    "this invitation code does not work: it may be mistyped, already used or expired. "
    "Ask your friend for a new one"
)


@dataclass(frozen=True)
class Invitation:
    code: str  # shown once, to the inviter; only its hash is kept
    expires_at: datetime


@dataclass(frozen=True)
class Buddy:
    person_id: int
    name: str
    i_share: frozenset[Scope]
    they_share: frozenset[Scope]
    goal: GoalRow | None
    muted: bool


def _name_of(uow: SocialUnitOfWork, person_id: int, fallback: str = "Your buddy") -> str:
    return uow.social.display_name(person_id) or fallback


def create_invite(
    uow: SocialUnitOfWork, actor: Actor, subject_id: int, now: datetime, group_id: int | None = None
) -> Invitation:
    """A fresh single-use code (or link) for a friend. Nothing about the inviter is in it."""
    code = new_code()
    expires = now + timedelta(days=INVITE_DAYS)
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        check(uow, actor, actor.person_id, Action.MANAGE_RELATIONS)
        uow.social.add_invite(actor.person_id, group_id, code_hash(code), now, expires)
        uow.commit()
    return Invitation(format_code(code), expires)


def _open_invite(uow: SocialUnitOfWork, actor: Actor, code: str, now: datetime) -> InviteRow:
    """The open, unexpired invite for this code, or the one refusal that tells nothing more.

    Called inside the caller's transaction."""
    canonical = normalise_code(code)
    invite = uow.social.invite_by_hash(code_hash(canonical)) if canonical else None
    if invite is None or invite.status != "open" or invite.expires_at <= now:
        raise InvalidInput("code", BAD_CODE)
    if invite.inviter_id == actor.person_id:
        raise InvalidInput("code", "this is your own invitation: send it to a friend instead")
    if uow.social.blocked_between(invite.inviter_id, actor.person_id):
        raise InvalidInput("code", BAD_CODE)  # the same words: a block is not announced
    return invite


def preview_invite(
    uow: SocialUnitOfWork, actor: Actor, subject_id: int, code: str, now: datetime
) -> str:
    """Who invited the actor (their chosen name), before they accept or decline."""
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        invite = _open_invite(uow, actor, code, now)
        return _name_of(uow, invite.inviter_id, "A friend")


def accept_invite(
    uow: SocialUnitOfWork, actor: Actor, subject_id: int, code: str, now: datetime
) -> int:
    """Become buddies. Both start sharing nothing: each chooses what the other sees."""
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        invite = _open_invite(uow, actor, code, now)
        if invite.group_id is not None:
            raise InvalidInput(
                "code", "this is an invitation to a group: join it on the groups page"
            )
        other = invite.inviter_id
        if any(r.accepted for r in uow.relations.between(actor.person_id, other)):
            raise InvalidInput("code", "you are already buddies")
        for subject, viewer in ((actor.person_id, other), (other, actor.person_id)):
            uow.relations.save(Link(subject, viewer, RelationKind.BUDDY, accepted=True), now)
        uow.social.answer_invite(invite.id, "accepted", actor.person_id, now)
        uow.commit()
    return other


def decline_invite(
    uow: SocialUnitOfWork, actor: Actor, subject_id: int, code: str, now: datetime
) -> None:
    """Say no: the code stops working and nobody is linked."""
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        invite = _open_invite(uow, actor, code, now)
        uow.social.answer_invite(invite.id, "declined", actor.person_id, now)
        uow.commit()


def cancel_invites(uow: SocialUnitOfWork, actor: Actor, subject_id: int, now: datetime) -> int:
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        invites = [i for i in uow.social.open_invites(actor.person_id) if i.group_id is None]
        for invite in invites:
            uow.social.answer_invite(invite.id, "cancelled", actor.person_id, now)
        uow.commit()
    return len(invites)


def _buddy_ids(uow: SocialUnitOfWork, actor: Actor) -> list[int]:
    """People with an accepted buddy link to the actor (inside the caller's transaction)."""
    ids = {
        link.subject_id
        for link in uow.relations.links_of(actor.person_id)
        if link.kind is RelationKind.BUDDY and link.accepted and link.actor_id == actor.person_id
    }
    return sorted(ids)


def list_buddies(uow: SocialUnitOfWork, actor: Actor, subject_id: int) -> list[Buddy]:
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        links = [
            link for link in uow.relations.links_of(actor.person_id)
            if link.kind is RelationKind.BUDDY and link.accepted
        ]  # fmt: skip
        muted = uow.social.muted_by(actor.person_id)
        out = []
        for other in _buddy_ids(uow, actor):
            mine = next(
                (k for k in links if k.subject_id == actor.person_id and k.actor_id == other), None
            )
            theirs = next(
                (k for k in links if k.subject_id == other and k.actor_id == actor.person_id), None
            )
            out.append(
                Buddy(
                    person_id=other,
                    name=_name_of(uow, other),
                    i_share=mine.scopes if mine else frozenset(),
                    they_share=theirs.scopes if theirs else frozenset(),
                    goal=uow.social.goal(actor.person_id, other),
                    muted=other in muted,
                )
            )
    return out


def _require_buddy(uow: SocialUnitOfWork, actor: Actor, other: int) -> None:
    if other == actor.person_id or not any(
        r.accepted and r.kind is RelationKind.BUDDY
        for r in uow.relations.between(actor.person_id, other)
    ):
        raise PersonNotFound()


def parse_scopes(words: Iterable[str]) -> frozenset[Scope]:
    known = {s.value: s for s in Scope}
    out = set()
    for word in words:
        word = word.strip()
        if not word:
            continue
        if word not in known:
            raise InvalidInput(
                "share", f"'{word[:40]}' is not something that can be shared", sorted(known)
            )
        out.add(known[word])
    return frozenset(out)


def set_sharing(
    uow: SocialUnitOfWork,
    actor: Actor,
    subject_id: int,
    buddy_id: int,
    scopes: frozenset[Scope],
    now: datetime,
) -> None:
    """What this buddy may see of the actor's data, item by item (the rest stays private)."""
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        check(uow, actor, actor.person_id, Action.MANAGE_RELATIONS)
        _require_buddy(uow, actor, buddy_id)
        uow.relations.save(
            Link(actor.person_id, buddy_id, RelationKind.BUDDY, accepted=True, scopes=scopes), now
        )
        uow.commit()


def _unlink(uow: SocialUnitOfWork, a: int, b: int) -> None:
    uow.relations.remove(a, b, RelationKind.BUDDY)
    uow.relations.remove(b, a, RelationKind.BUDDY)
    uow.social.remove_goal(a, b)
    uow.social.delete_messages_between(a, b)


def remove_buddy(uow: SocialUnitOfWork, actor: Actor, subject_id: int, buddy_id: int) -> None:
    """End the link both ways at once: neither sees anything of the other after this."""
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        check(uow, actor, actor.person_id, Action.MANAGE_RELATIONS)
        _require_buddy(uow, actor, buddy_id)
        _unlink(uow, actor.person_id, buddy_id)
        uow.commit()


def block(
    uow: SocialUnitOfWork, actor: Actor, subject_id: int, other_id: int, now: datetime
) -> None:
    """Remove and block: no link, no messages, and no invitation between the two works again."""
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        check(uow, actor, actor.person_id, Action.MANAGE_RELATIONS)
        _require_buddy(uow, actor, other_id)
        _unlink(uow, actor.person_id, other_id)
        uow.social.block(actor.person_id, other_id, now)
        uow.commit()


def propose_goal(
    uow: SocialUnitOfWork, actor: Actor, subject_id: int, buddy_id: int, walks: int, now: datetime
) -> GoalRow:
    """Suggest a shared weekly goal; it counts once the buddy agrees. It never changes a plan."""
    if isinstance(walks, bool) or not GOAL_MIN <= walks <= GOAL_MAX:
        raise InvalidInput(
            "walks", f"{walks!r} is out of range", f"{GOAL_MIN}-{GOAL_MAX} walks a week"
        )
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        _require_buddy(uow, actor, buddy_id)
        goal = GoalRow(actor.person_id, buddy_id, walks, actor.person_id, accepted=False)
        uow.social.save_goal(goal, now)
        uow.commit()
    return goal


def agree_goal(
    uow: SocialUnitOfWork, actor: Actor, subject_id: int, buddy_id: int, now: datetime
) -> GoalRow:
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        _require_buddy(uow, actor, buddy_id)
        goal = uow.social.goal(actor.person_id, buddy_id)
        if goal is None or goal.accepted:
            raise InvalidInput("goal", "there is no suggested goal to agree to")
        if goal.proposed_by == actor.person_id:
            raise InvalidInput("goal", "your buddy agrees to the goal you suggested, not you")
        agreed = GoalRow(goal.person_a, goal.person_b, goal.walks_per_week, goal.proposed_by, True)
        uow.social.save_goal(agreed, now)
        uow.commit()
    return agreed


def drop_goal(uow: SocialUnitOfWork, actor: Actor, subject_id: int, buddy_id: int) -> None:
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        _require_buddy(uow, actor, buddy_id)
        uow.social.remove_goal(actor.person_id, buddy_id)
        uow.commit()


def week_of(day: date) -> tuple[date, date]:
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=6)
