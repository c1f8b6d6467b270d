"""Password reset by e-mail (server mode): a single-use link that expires, sent to the address.

Asking for a reset gives the same answer whether or not an account has that address, and does
the same database work either way (the throttle counters are written in the one transaction
that also stores the link when there is an account); the e-mail is sent after the answer.
Only a hash of the link's token is stored (``codes.code_hash``). Setting the new password uses
the link up, checks strength as sign-up does, and ends every sign-in session of the person.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from enum import Enum
from typing import Protocol

from upright.domain.errors import DeliveryFailed, InvalidInput, UprightError
from upright.services.accounts import (
    LoginPolicy,
    SlottedHasher,
    UowFactory,
    check_password,
    count_attempt,
    throttle_key,
)
from upright.services.codes import code_hash
from upright.services.reminder_ports import Channel, Outgoing

#: how long a reset link works
RESET_MINUTES = 30
#: what anyone asking for a reset is told, whether or not the address has an account
REQUESTED = (
    "If an account uses that e-mail address, we have sent it a link to choose a new password. "
    f"The link works once, for {RESET_MINUTES} minutes. Nothing arrived after a few minutes? "
    "Check the spam folder and the address, then ask again."
)

#: opens the e-mail channel for one message (None: this server has no e-mail set up)
MailOpener = Callable[[], AbstractContextManager[Channel]]

log = logging.getLogger(__name__)


class LinkState(Enum):
    OK = "ok"
    USED = "used"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


LINK_PROBLEMS = {
    LinkState.USED: "This link was already used, so it cannot be used again. "
    "If you still need a new password, ask for a new link.",
    LinkState.EXPIRED: f"This link has expired: links work for {RESET_MINUTES} minutes. "
    "Ask for a new one.",
    LinkState.UNKNOWN: "This link does not work. Copy the whole link from the e-mail, "
    "or ask for a new one.",
}


class ResetUnavailable(UprightError):
    """This server cannot send e-mail, so a forgotten password cannot be reset here."""

    def __init__(self) -> None:
        super().__init__(
            "This server is not set up to send e-mail, so a forgotten password cannot be "
            "reset here. Please ask the person who runs this server: they can give you a "
            "reset link."
        )


class LinkUnusable(InvalidInput):
    """The reset link is used, expired or unknown."""

    def __init__(self, state: LinkState) -> None:
        super().__init__("token", LINK_PROBLEMS[state])
        self.message = LINK_PROBLEMS[state]
        self.state = state


class ResetStore(Protocol):
    def add(
        self, token_hash: str, person_id: int, created_at: datetime, expires: datetime
    ) -> None: ...

    def find(self, token_hash: str) -> tuple[int, datetime, datetime | None] | None: ...

    def take(self, token_hash: str, now: datetime) -> int | None: ...

    def delete_person(self, person_id: int, keep: str = "") -> None: ...

    def prune(self, before: datetime) -> None: ...


def link_maker(base_url: str) -> Callable[[str], str]:
    """The address of the page a reset link opens (``/account/reset/<token>``)."""
    return lambda token: f"{base_url.rstrip('/')}/account/reset/{token}"


def link_state(expires_at: datetime, used_at: datetime | None, now: datetime) -> LinkState:
    """A link works until its expiry (not at it), and only while it was never used."""
    if used_at is not None:
        return LinkState.USED
    if now >= expires_at:
        return LinkState.EXPIRED
    return LinkState.OK


def request_reset(
    uow: UowFactory,
    email: str,
    client: str,
    now: datetime,
    link_for: Callable[[str], str],
    mail_available: bool,
    policy: LoginPolicy | None = None,
) -> Outgoing | None:
    """Store a reset link for the address's account; the e-mail to send, if any.

    The caller answers ``REQUESTED`` either way and sends the returned message after
    answering, so the answer and its timing say nothing about whether the account exists.
    Throttled per address and per client, counted whether or not the account exists.
    """
    if not mail_available:
        raise ResetUnavailable()
    policy = policy or LoginPolicy()
    address = email.strip().lower()
    if len(address) > 320 or "@" not in address:
        raise InvalidInput("email", "is not an email address", "name@example.org")
    count_attempt(
        uow,
        [
            (throttle_key("reset-address", address), policy.reset_per_address),
            (throttle_key("reset-client", client), policy.reset_per_client),
        ],
        now,
        what="requests for a new password",
    )
    token = secrets.token_urlsafe(32)
    with uow() as work:
        found = work.accounts.by_email(address)
        work.password_resets.prune(now - timedelta(days=1))
        if found is not None:
            work.password_resets.add(
                code_hash(token), found[0], now, now + timedelta(minutes=RESET_MINUTES)
            )
        work.commit()
    if found is None:
        return None
    return reset_message(address, link_for(token))


def reset_message(address: str, link: str) -> Outgoing:
    body = (
        "Someone, hopefully you, asked for a new password for your Upright account.\n\n"
        f"To choose a new password, open this link within {RESET_MINUTES} minutes. "
        f"It works once:\n{link}\n\n"
        "Did not ask? You can ignore this e-mail: your password stays as it is."
    )
    return Outgoing(
        key=f"password-reset-{secrets.token_hex(8)}",
        subject="Choose a new Upright password",
        body=body,
        email=address,
    )


def send(open_mail: MailOpener, message: Outgoing) -> bool:
    """Send one reset e-mail; a failure is logged for the operator (the person was already
    answered, and is told to ask again if nothing arrives)."""
    try:
        with open_mail() as channel:
            channel.send(message)
    except DeliveryFailed as failure:
        log.warning("a password-reset e-mail was not sent: %s", failure.message)
        return False
    return True


def check_link(uow: UowFactory, token: str, now: datetime) -> LinkState:
    """Whether a reset link can still be used (it is not used up by looking)."""
    with uow() as work:
        found = work.password_resets.find(code_hash(token))
    if found is None:
        return LinkState.UNKNOWN
    return link_state(found[1], found[2], now)


def reset_password(
    uow: UowFactory, token: str, new_password: str, now: datetime, hasher: SlottedHasher
) -> int:
    """Set a new password with a reset link; the person's id (the caller signs them in).

    The link is checked before the password (a weak password does not use the link up), then
    taken in the same transaction that stores the new password and ends every sign-in
    session and every other reset link of the person.
    """
    hashed = code_hash(token)
    state = check_link(uow, token, now)
    if state is not LinkState.OK:
        raise LinkUnusable(state)
    with uow() as work:
        found = work.password_resets.find(hashed)
        account = work.accounts.get(found[0]) if found is not None else None
    if account is None:
        raise LinkUnusable(LinkState.UNKNOWN)
    address = str(account.get("email") or "")
    personal = [address, address.split("@")[0], str(account.get("display_name") or "")]
    check_password(new_password, personal, field="new_password")
    with hasher.slot():
        new_hash = hasher.hash(new_password)
    with uow() as work:
        person_id = work.password_resets.take(hashed, now)
        if person_id is None:  # used or expired while the password was being hashed
            found = work.password_resets.find(hashed)
            raise LinkUnusable(
                link_state(found[1], found[2], now) if found is not None else LinkState.UNKNOWN
            )
        work.accounts.set_password_hash(person_id, new_hash)
        work.web_sessions.delete_person(person_id)
        work.password_resets.delete_person(person_id, keep=hashed)  # this one says "used"
        work.commit()
    return person_id


def issue_link(uow: UowFactory, email: str, now: datetime, link_for: Callable[[str], str]) -> str:
    """A reset link for an account, made by the person who runs the server (no e-mail needed):
    they pass it on to the account's owner themselves."""
    address = email.strip().lower()
    token = secrets.token_urlsafe(32)
    with uow() as work:
        found = work.accounts.by_email(address)
        if found is None:
            raise InvalidInput("email", "has no account on this server")
        work.password_resets.add(
            code_hash(token), found[0], now, now + timedelta(minutes=RESET_MINUTES)
        )
        work.commit()
    return link_for(token)
