"""One-tap encouragement: a kind message from a fixed set, at most one per person per day.

Free text only between accepted buddies; a group leader may send the fixed messages to the
group's members. A person can mute someone's messages. Who may send is the access policy's
decision (``Action.ENCOURAGE`` and ``Action.MESSAGE``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from upright.domain.errors import InvalidInput
from upright.domain.social.buddies import ENCOURAGEMENTS, MAX_MESSAGE
from upright.services.access import Action, Actor, Forbidden, PersonNotFound, check
from upright.services.buddies import _name_of
from upright.services.social_ports import MessageRow, SocialUnitOfWork

#: the inbox shows two weeks of messages
INBOX_DAYS = 14


@dataclass(frozen=True)
class Received:
    sender_id: int
    sender: str
    day: date
    text: str
    kind: bool  # from the fixed set (True) or free text from a buddy (False)


def send(
    uow: SocialUnitOfWork,
    actor: Actor,
    subject_id: int,
    today: date,
    now: datetime,
    key: str | None = None,
    text: str | None = None,
) -> None:
    """Send one kind message (``key``) or, to an accepted buddy, a short text."""
    if (key is None) == (text is None):
        raise InvalidInput("message", "choose one of the kind messages, or write a short one")
    if key is not None and key not in ENCOURAGEMENTS:
        raise InvalidInput(
            "message", f"'{key[:40]}' is not one of the kind messages", sorted(ENCOURAGEMENTS)
        )
    body = " ".join((text or "").split()) or None
    if text is not None and not body:
        raise InvalidInput("text", "the message is empty")
    if body is not None and len(body) > MAX_MESSAGE:
        raise InvalidInput("text", f"longer than {MAX_MESSAGE} characters")
    if subject_id == actor.person_id:
        raise InvalidInput("to", "send encouragement to a buddy, not to yourself")
    with uow:
        check(uow, actor, subject_id, Action.MESSAGE if body is not None else Action.ENCOURAGE)
        stored = uow.social.add_message(
            MessageRow(actor.person_id, subject_id, today, key, body, now)
        )
        if not stored:
            raise InvalidInput(
                "message",
                f"you already sent {_name_of(uow, subject_id)} a message today; "
                "you can send another tomorrow",
            )
        uow.commit()


def inbox(uow: SocialUnitOfWork, actor: Actor, subject_id: int, today: date) -> list[Received]:
    """Messages of the last two weeks from people who may still send them, mutes left out."""
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        muted = uow.social.muted_by(actor.person_id)
        out = []
        for row in uow.social.messages_to(actor.person_id, today - timedelta(days=INBOX_DAYS)):
            if row.sender_id in muted:
                continue
            try:  # the sender may have been removed or blocked since
                check(uow, Actor(row.sender_id), actor.person_id, Action.ENCOURAGE)
            except (PersonNotFound, Forbidden):
                continue
            text = (
                row.body if row.body is not None else ENCOURAGEMENTS.get(row.message_key or "", "")
            )
            out.append(
                Received(
                    row.sender_id, _name_of(uow, row.sender_id), row.day, text, row.body is None
                )
            )
    return out


def mute(
    uow: SocialUnitOfWork,
    actor: Actor,
    subject_id: int,
    other_id: int,
    now: datetime,
    on: bool = True,
) -> None:
    with uow:
        check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        # only someone who may send you messages can be muted (a buddy or your group's leader)
        if not any(r.accepted for r in uow.relations.between(other_id, subject_id)):
            raise PersonNotFound()
        if on:
            uow.social.mute(actor.person_id, other_id, now)
        else:
            uow.social.unmute(actor.person_id, other_id)
        uow.commit()
