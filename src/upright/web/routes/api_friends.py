"""JSON API: buddies, encouragement, shared goals. Every call acts for the signed-in person."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path as PathParam
from fastapi import Response
from pydantic import BaseModel, Field

from upright.domain.social.buddies import ENCOURAGEMENTS, NEVER_SHARED_WORDS, SHARE_WORDS
from upright.services import buddies, buddy_views, encouragement
from upright.web import social
from upright.web.deps import Ctx, Me
from upright.web.routes.api_common import api_router

router = api_router("buddies")

Code = Annotated[
    str, PathParam(max_length=40, description="The invitation code (any case, dashes optional).")
]
BuddyId = Annotated[int, PathParam(ge=1, le=2**31 - 1)]


class ShareIn(BaseModel):
    share: list[Annotated[str, Field(max_length=40)]] = Field(
        default_factory=list,
        max_length=10,
        description="Items the buddy may see: " + ", ".join(SHARE_WORDS),
    )


class GoalIn(BaseModel):
    walks: int = Field(
        ge=1, le=7, description="Walks each of you does in a week, from your own plans."
    )


class EncourageIn(BaseModel):
    message: Annotated[str, Field(max_length=40)] | None = Field(
        default=None, description="One of: " + ", ".join(ENCOURAGEMENTS)
    )
    text: Annotated[str, Field(max_length=2000)] | None = Field(
        default=None, description="A short message of your own (accepted buddies only)."
    )


class MuteIn(BaseModel):
    muted: bool = True


def _buddy(b: buddies.Buddy) -> dict[str, Any]:
    return {
        "id": b.person_id,
        "name": b.name,
        "i_share": social.scope_list(b.i_share),
        "they_share": social.scope_list(b.they_share),
        "goal": social.goal_json(b.goal),
        "muted": b.muted,
    }


@router.post("/buddies/invites", status_code=201)
def create_invite(ctx: Ctx, me: Me) -> dict[str, Any]:
    """A single-use code (and link) for a friend; it expires after a week."""
    made = buddies.create_invite(social.uow(ctx), me, me.person_id, social.now(ctx))
    return {
        "code": made.code,
        "link": f"/friends/join/{made.code}",
        "expires_at": made.expires_at.isoformat(),
    }


@router.delete("/buddies/invites", status_code=204)
def cancel_invites(ctx: Ctx, me: Me) -> Response:
    """Cancel every buddy invitation you sent that nobody used yet."""
    buddies.cancel_invites(social.uow(ctx), me, me.person_id, social.now(ctx))
    return Response(status_code=204)


@router.get("/buddies/invites/{code}")
def preview_invite(ctx: Ctx, me: Me, code: Code) -> dict[str, Any]:
    """Who sent this invitation (their chosen name), before you accept or decline."""
    return {
        "from": buddies.preview_invite(social.uow(ctx), me, me.person_id, code, social.now(ctx))
    }


@router.post("/buddies/invites/{code}/accept", status_code=201)
def accept_invite(ctx: Ctx, me: Me, code: Code) -> dict[str, Any]:
    """Become buddies. Both start sharing nothing."""
    other = buddies.accept_invite(social.uow(ctx), me, me.person_id, code, social.now(ctx))
    found = [
        b for b in buddies.list_buddies(social.uow(ctx), me, me.person_id) if b.person_id == other
    ]
    return {"buddy": _buddy(found[0])} if found else {"buddy": None}


@router.post("/buddies/invites/{code}/decline", status_code=204)
def decline_invite(ctx: Ctx, me: Me, code: Code) -> Response:
    buddies.decline_invite(social.uow(ctx), me, me.person_id, code, social.now(ctx))
    return Response(status_code=204)


@router.get("/buddies")
def list_buddies(ctx: Ctx, me: Me) -> dict[str, Any]:
    found = buddies.list_buddies(social.uow(ctx), me, me.person_id)
    return {
        "buddies": [_buddy(b) for b in found],
        "items": SHARE_WORDS,
        "never_shared": NEVER_SHARED_WORDS,
    }


@router.get("/buddies/{buddy_id}")
def buddy(ctx: Ctx, me: Me, buddy_id: BuddyId) -> dict[str, Any]:
    """What this buddy shares with you (only that), and your shared goal."""
    today = ctx.services.clock.today()
    shared = buddy_views.shared_items(social.uow(ctx), me, buddy_id, today, ctx.services.library)
    goal = buddy_views.goal_view(
        social.uow(ctx), me, me.person_id, buddy_id, today, ctx.services.library
    )
    return {"shared": shared, "goal": goal}


@router.put("/buddies/{buddy_id}/sharing")
def set_sharing(ctx: Ctx, me: Me, buddy_id: BuddyId, body: ShareIn) -> dict[str, Any]:
    """Choose, item by item, what this buddy sees of yours. Anything not listed stays private."""
    scopes = buddies.parse_scopes(body.share)
    buddies.set_sharing(social.uow(ctx), me, me.person_id, buddy_id, scopes, social.now(ctx))
    return {"i_share": social.scope_list(scopes)}


@router.delete("/buddies/{buddy_id}", status_code=204)
def remove(ctx: Ctx, me: Me, buddy_id: BuddyId) -> Response:
    """Stop being buddies: from now on neither sees anything of the other."""
    buddies.remove_buddy(social.uow(ctx), me, me.person_id, buddy_id)
    return Response(status_code=204)


@router.post("/buddies/{buddy_id}/block", status_code=204)
def block(ctx: Ctx, me: Me, buddy_id: BuddyId) -> Response:
    """Remove and block: no link, no messages, no new invitation between you works."""
    buddies.block(social.uow(ctx), me, me.person_id, buddy_id, social.now(ctx))
    return Response(status_code=204)


@router.post("/buddies/{buddy_id}/goal", status_code=201)
def propose_goal(ctx: Ctx, me: Me, buddy_id: BuddyId, body: GoalIn) -> dict[str, Any]:
    """Suggest a shared weekly goal. It never changes anyone's plan."""
    goal = buddies.propose_goal(
        social.uow(ctx), me, me.person_id, buddy_id, body.walks, social.now(ctx)
    )
    return {"goal": social.goal_json(goal)}


@router.post("/buddies/{buddy_id}/goal/agree")
def agree_goal(ctx: Ctx, me: Me, buddy_id: BuddyId) -> dict[str, Any]:
    goal = buddies.agree_goal(social.uow(ctx), me, me.person_id, buddy_id, social.now(ctx))
    return {"goal": social.goal_json(goal)}


@router.delete("/buddies/{buddy_id}/goal", status_code=204)
def drop_goal(ctx: Ctx, me: Me, buddy_id: BuddyId) -> Response:
    buddies.drop_goal(social.uow(ctx), me, me.person_id, buddy_id)
    return Response(status_code=204)


@router.post("/buddies/{buddy_id}/encourage", status_code=201)
def encourage(ctx: Ctx, me: Me, buddy_id: BuddyId, body: EncourageIn) -> dict[str, Any]:
    """One kind message a day (from the fixed set, or your own words to an accepted buddy)."""
    encouragement.send(
        social.uow(ctx),
        me,
        buddy_id,
        ctx.services.clock.today(),
        social.now(ctx),
        body.message,
        body.text,
    )
    return {"sent": True}


@router.put("/buddies/{buddy_id}/mute")
def mute(ctx: Ctx, me: Me, buddy_id: BuddyId, body: MuteIn) -> dict[str, Any]:
    encouragement.mute(social.uow(ctx), me, me.person_id, buddy_id, social.now(ctx), body.muted)
    return {"muted": body.muted}


@router.get("/encouragement")
def inbox(ctx: Ctx, me: Me) -> dict[str, Any]:
    """Kind messages you received in the last two weeks, and the ones you can send."""
    got = encouragement.inbox(social.uow(ctx), me, me.person_id, ctx.services.clock.today())
    return {
        "received": [
            {"from": r.sender, "from_id": r.sender_id, "date": r.day.isoformat(), "text": r.text}
            for r in got
        ],
        "messages": ENCOURAGEMENTS,
    }
