"""Use cases for accounts in server mode: register, sign in (rate limited), sessions, delete.

Passwords are hashed through the ``Hasher`` port (argon2id: ``upright.adapters.passwords``).
Sign-in sessions are random tokens; only their SHA-256 is stored, so a copy of the database
cannot be used to sign in. Failed sign-ins are counted per account and per client, and the
policy deciding when to refuse is a pure function (``retry_after``) so it can be tested alone.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from upright.domain.errors import AuthError, InvalidInput

#: shortest password we accept; length beats composition rules (NIST SP 800-63B §5.1.1.2)
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
#: an address with one @, something on both sides and a dot in the domain; the mail sent later
#: is the real check, this only catches typing slips
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
SESSION_DAYS = 30


class NotSignedIn(AuthError):
    """The request needs a signed-in person (server mode)."""

    def __init__(self) -> None:
        super().__init__("please sign in first")


class BadCredentials(AuthError):
    """The email or password is wrong (we never say which)."""

    def __init__(self) -> None:
        super().__init__("the email or password is not right")
        self.field = "password"


class TooManyAttempts(AuthError):
    """Too many failed sign-ins; try again after ``retry_after_seconds``."""

    def __init__(self, retry_after: timedelta) -> None:
        self.retry_after_seconds = max(1, int(retry_after.total_seconds()))
        minutes = max(1, round(self.retry_after_seconds / 60))
        super().__init__(
            f"too many failed sign-ins; please wait about {minutes} minute(s) and try again"
        )


@dataclass(frozen=True)
class LoginPolicy:
    """How many failures are allowed in a sliding window, per account and per client."""

    per_account: int = 5
    per_client: int = 30
    window: timedelta = timedelta(minutes=15)


def retry_after(
    failures: Sequence[datetime], now: datetime, limit: int, window: timedelta
) -> timedelta | None:
    """How long to wait before another try, or None when a try is allowed now.

    ``failures`` are the failed attempts inside the window. At ``limit`` failures, the next try
    is allowed once the oldest of the last ``limit`` failures leaves the window.
    """
    recent = sorted(f for f in failures if f > now - window)
    if len(recent) < limit:
        return None
    return recent[-limit] + window - now


class Hasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...

    def needs_rehash(self, password_hash: str) -> bool: ...

    def burn(self, password: str) -> None:
        """Spend the time of one verification (an unknown email answers as slowly)."""
        ...


class AccountStore(Protocol):
    def create(
        self, email: str, password_hash: str, display_name: str | None, now: datetime
    ) -> int | None: ...

    def by_email(self, email: str) -> tuple[int, str] | None: ...

    def get(self, person_id: int) -> dict[str, Any] | None: ...

    def set_password_hash(self, person_id: int, password_hash: str) -> None: ...

    def delete(self, person_id: int) -> None: ...


class SessionStore(Protocol):
    def add(
        self, token_hash: str, person_id: int, created_at: datetime, expires: datetime
    ) -> None: ...

    def person_for(self, token_hash: str, now: datetime) -> int | None: ...

    def delete(self, token_hash: str) -> None: ...

    def delete_expired(self, now: datetime) -> None: ...


class AttemptStore(Protocol):
    def add(self, key: str, at: datetime) -> None: ...

    def since(self, key: str, since: datetime) -> list[datetime]: ...

    def clear(self, key: str) -> None: ...

    def prune(self, before: datetime) -> None: ...


class AccountsUnitOfWork(Protocol):
    @property
    def accounts(self) -> AccountStore: ...

    @property
    def web_sessions(self) -> SessionStore: ...

    @property
    def login_attempts(self) -> AttemptStore: ...

    def __enter__(self) -> AccountsUnitOfWork: ...

    def __exit__(self, *args: object) -> None: ...

    def commit(self) -> None: ...


UowFactory = Callable[[], AccountsUnitOfWork]


def normalise_email(raw: str) -> str:
    email = raw.strip().lower()
    if len(email) > 320 or not _EMAIL.match(email):
        raise InvalidInput("email", "is not an email address", "name@example.org")
    return email


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("password", f"is too short: use at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise InvalidInput("password", f"is too long: at most {MAX_PASSWORD} characters")


def _key(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def register(
    uow: UowFactory,
    email: str,
    password: str,
    display_name: str | None,
    now: datetime,
    hasher: Hasher,
) -> int:
    """Create an account; the email must be new. Returns the person's id."""
    address = normalise_email(email)
    check_password(password)
    name = (display_name or "").strip()[:120] or None
    password_hash = hasher.hash(password)
    with uow() as work:
        person_id = work.accounts.create(address, password_hash, name, now)
        if person_id is None:
            raise InvalidInput("email", "already has an account; sign in instead")
        work.commit()
    return person_id


def sign_in(
    uow: UowFactory,
    email: str,
    password: str,
    client: str,
    now: datetime,
    hasher: Hasher,
    policy: LoginPolicy | None = None,
) -> int:
    """The person's id when email and password match; rate limited per account and client."""
    policy = policy or LoginPolicy()
    address = email.strip().lower()
    account_key, client_key = _key("email", address), _key("client", client)
    with uow() as work:
        since = now - policy.window
        for key, limit in ((account_key, policy.per_account), (client_key, policy.per_client)):
            wait = retry_after(work.login_attempts.since(key, since), now, limit, policy.window)
            if wait is not None:
                raise TooManyAttempts(wait)
        found = work.accounts.by_email(address)
    if found is None:
        hasher.burn(password)
        ok = False
    else:
        ok = hasher.verify(found[1], password)
    with uow() as work:
        if not ok or found is None:
            work.login_attempts.add(account_key, now)
            work.login_attempts.add(client_key, now)
            work.login_attempts.prune(now - policy.window * 4)
            work.commit()
            raise BadCredentials()
        person_id = found[0]
        work.login_attempts.clear(account_key)
        if hasher.needs_rehash(found[1]):
            work.accounts.set_password_hash(person_id, hasher.hash(password))
        work.commit()
    return person_id


def open_session(uow: UowFactory, person_id: int, now: datetime) -> str:
    """A new sign-in session; the returned token goes in the cookie and nowhere else."""
    token = secrets.token_urlsafe(32)
    with uow() as work:
        work.web_sessions.delete_expired(now)
        work.web_sessions.add(token_hash(token), person_id, now, now + timedelta(days=SESSION_DAYS))
        work.commit()
    return token


def session_person(uow: UowFactory, token: str, now: datetime) -> int | None:
    with uow() as work:
        return work.web_sessions.person_for(token_hash(token), now)


def close_session(uow: UowFactory, token: str) -> None:
    with uow() as work:
        work.web_sessions.delete(token_hash(token))
        work.commit()


def account(uow: UowFactory, person_id: int) -> dict[str, Any]:
    with uow() as work:
        found = work.accounts.get(person_id)
    if found is None:
        raise NotSignedIn()
    return found


def delete_account(uow: UowFactory, person_id: int) -> None:
    """Delete a person and everything stored for them (every table cascades from people)."""
    with uow() as work:
        work.accounts.delete(person_id)
        work.commit()
