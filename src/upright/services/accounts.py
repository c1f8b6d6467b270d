"""Use cases for accounts in server mode: register, sign in (rate limited), sessions, delete.

Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106 "low memory" profile), a
few at a time (``GatedHasher``). New passwords are checked against zxcvbn's strength estimate
and its list of common passwords. Sign-in sessions are random tokens; only their SHA-256 is
stored, so a copy of the database cannot be used to sign in. Attempts are counted before the
password is checked, per account and client and per client, and the policy deciding when to
refuse is a pure function (``wait_before``) so it can be tested alone.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from upright.domain.errors import AuthError, InvalidInput, UprightError
from upright.services.access import Actor, Role

if TYPE_CHECKING:
    from upright.services.password_reset import ResetStore
    from upright.services.ports import RelationRepository

#: shortest password we accept; length beats composition rules (NIST SP 800-63B §5.1.1.2)
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
#: zxcvbn's score (0-4) a new password needs: 3 is "safely unguessable" against online guessing
#: and slow offline attacks (Wheeler, "zxcvbn: low-budget password strength estimation", 2016)
MIN_STRENGTH = 3
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

    def __init__(self, retry_after: timedelta, what: str = "failed sign-ins") -> None:
        self.retry_after_seconds = max(1, int(retry_after.total_seconds()))
        minutes = max(1, round(self.retry_after_seconds / 60))
        super().__init__(f"too many {what}; please wait about {minutes} minute(s) and try again")


class TooBusy(UprightError):
    """Every password-hashing slot is taken; the person should try again in a moment."""

    def __init__(self, retry_after_seconds: int = 2) -> None:
        self.retry_after_seconds = retry_after_seconds
        super().__init__("many people are signing in right now; please try again in a moment")


@dataclass(frozen=True)
class Throttle:
    """``free`` attempts, then each one waits twice as long as the last (``base`` up to ``cap``).

    A counter left alone for ``forget`` starts again from zero. Growing delays instead of a
    hard lockout: a stranger can slow down guesses on an account, never lock its owner out.
    """

    free: int
    base: timedelta
    cap: timedelta
    forget: timedelta


@dataclass(frozen=True)
class LoginPolicy:
    """Sign-in is limited per account and client together (someone else guessing on my
    account does not touch my own limit) and per client over all accounts; sign-up per client.
    """

    per_account_client: Throttle = Throttle(
        5, timedelta(seconds=30), timedelta(minutes=15), timedelta(hours=24)
    )
    per_client: Throttle = Throttle(
        30, timedelta(seconds=60), timedelta(minutes=15), timedelta(minutes=15)
    )
    signup_per_client: Throttle = Throttle(
        5, timedelta(seconds=60), timedelta(hours=1), timedelta(hours=1)
    )
    #: password-reset e-mails: per address (nobody's inbox gets flooded) and per client
    reset_per_address: Throttle = Throttle(
        3, timedelta(minutes=5), timedelta(hours=1), timedelta(hours=1)
    )
    reset_per_client: Throttle = Throttle(
        10, timedelta(seconds=60), timedelta(hours=1), timedelta(hours=1)
    )


def wait_before(
    count: int, last_at: datetime | None, now: datetime, rule: Throttle
) -> tuple[int, timedelta | None]:
    """The attempts that still count, and how long to wait before the next (None: go now)."""
    if last_at is None or now - last_at >= rule.forget:
        return 0, None
    if count < rule.free:
        return count, None
    delay = min(rule.cap, rule.base * 2 ** min(count - rule.free, 30))
    ready = last_at + delay
    return count, (None if now >= ready else ready - now)


class Hasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...

    def needs_rehash(self, password_hash: str) -> bool: ...

    def burn(self, password: str) -> None:
        """Spend the time of one verification (an unknown email answers as slowly)."""
        ...


class SlottedHasher(Hasher, Protocol):
    def slot(self) -> AbstractContextManager[None]:
        """Hold one of the few hashing slots (``TooBusy`` when none frees up in time)."""
        ...


class GatedHasher:
    """A hasher that runs at most ``slots`` hashes at once (each argon2id hash takes 64 MiB
    and a core); a caller that waits longer than ``wait_seconds`` for a slot gets ``TooBusy``.
    Callers hold ``slot()`` around their hashing."""

    def __init__(self, inner: Hasher, slots: int, wait_seconds: float = 2.0) -> None:
        self.inner = inner
        self.wait_seconds = wait_seconds
        self._gate = threading.BoundedSemaphore(slots)

    @contextmanager
    def slot(self) -> Iterator[None]:
        if not self._gate.acquire(timeout=self.wait_seconds):
            raise TooBusy(max(1, round(self.wait_seconds)))
        try:
            yield
        finally:
            self._gate.release()

    def hash(self, password: str) -> str:
        return self.inner.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        return self.inner.verify(password_hash, password)

    def needs_rehash(self, password_hash: str) -> bool:
        return self.inner.needs_rehash(password_hash)

    def burn(self, password: str) -> None:
        self.inner.burn(password)


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

    def delete_person(self, person_id: int) -> None: ...


class AttemptStore(Protocol):
    def hold(self, key: str) -> tuple[int, datetime | None]:
        """The counter of ``key``, locked until the transaction ends (so counting is atomic)."""
        ...

    def put(self, key: str, count: int, at: datetime | None) -> None: ...

    def prune(self, before: datetime) -> None: ...


class AccountsUnitOfWork(Protocol):
    @property
    def accounts(self) -> AccountStore: ...

    @property
    def web_sessions(self) -> SessionStore: ...

    @property
    def login_attempts(self) -> AttemptStore: ...

    @property
    def password_resets(self) -> ResetStore: ...

    @property
    def relations(self) -> RelationRepository: ...

    def __enter__(self) -> AccountsUnitOfWork: ...

    def __exit__(self, *args: object) -> None: ...

    def commit(self) -> None: ...


UowFactory = Callable[[], AccountsUnitOfWork]


def normalise_email(raw: str) -> str:
    email = raw.strip().lower()
    if len(email) > 320 or not _EMAIL.match(email):
        raise InvalidInput("email", "is not an email address", "name@example.org")
    return email


def check_password(password: str, personal: Sequence[str] = (), field: str = "password") -> None:
    """Long enough, not a common password, and not easy to guess (zxcvbn, score 3 of 4)."""
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(field, f"is too short: use at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise InvalidInput(field, f"is too long: at most {MAX_PASSWORD} characters")
    if password.lower() in _common_passwords():
        raise InvalidInput(field, "is one of the most common passwords; please choose another")
    # zxcvbn looks at the first 72 characters (its limit); a longer password is long enough
    estimate = zxcvbn(password[:72], user_inputs=[p for p in personal if p])
    if estimate["score"] < MIN_STRENGTH:
        hint = estimate["feedback"].get("warning") or "it is easy to guess"
        raise InvalidInput(
            field,
            f"is too easy to guess ({hint.rstrip('.')}); a few unrelated words together work well",
        )


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    # the 30,000 most common passwords of leaked lists, shipped with zxcvbn
    return frozenset(FREQUENCY_LISTS["passwords"])


def throttle_key(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def count_attempt(
    uow: UowFactory,
    checks: list[tuple[str, Throttle]],
    now: datetime,
    what: str = "failed sign-ins",
) -> None:
    """Count one attempt under every key, or refuse (and count nothing) while one must wait.

    The counters are locked first (in key order, so two requests cannot deadlock) and
    written in the same transaction: parallel guesses are counted one after another.
    """
    with uow() as work:
        waits: list[timedelta] = []
        counts: list[tuple[str, int]] = []
        for key, rule in sorted(checks, key=lambda check: check[0]):
            count, last_at = work.login_attempts.hold(key)
            count, wait = wait_before(count, last_at, now, rule)
            if wait is not None:
                waits.append(wait)
            counts.append((key, count + 1))
        if waits:
            raise TooManyAttempts(max(waits), what)
        for key, count in counts:
            work.login_attempts.put(key, count, now)
        work.login_attempts.prune(now - timedelta(days=2))
        work.commit()


def register(
    uow: UowFactory,
    email: str,
    password: str,
    display_name: str | None,
    now: datetime,
    hasher: SlottedHasher,
    client: str = "unknown",
    policy: LoginPolicy | None = None,
) -> int:
    """Create an account; the email must be new. Returns the person's id. Throttled per client."""
    policy = policy or LoginPolicy()
    address = normalise_email(email)
    name = (display_name or "").strip()[:120] or None
    check_password(password, [address, address.split("@")[0], name or ""])
    count_attempt(uow, [(throttle_key("signup", client), policy.signup_per_client)], now)
    with hasher.slot():
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
    hasher: SlottedHasher,
    policy: LoginPolicy | None = None,
) -> int:
    """The person's id when email and password match.

    The attempt is counted before the password is checked (per account and client, and per
    client), so parallel guesses cannot slip past the limit; a success clears the account and
    client counter, so the owner is never held up by their own earlier typos.
    """
    policy = policy or LoginPolicy()
    address = email.strip().lower()[:320]
    pair_key = throttle_key("pair", f"{address}\x00{client}")
    with hasher.slot():  # a busy server refuses before counting: a 503 costs no attempt
        client_key = throttle_key("client", client)
        count_attempt(
            uow, [(pair_key, policy.per_account_client), (client_key, policy.per_client)], now
        )
        with uow() as work:
            found = work.accounts.by_email(address)
        if found is None:
            hasher.burn(password)
            raise BadCredentials()
        if not hasher.verify(found[1], password):
            raise BadCredentials()
        person_id = found[0]
        with uow() as work:
            work.login_attempts.put(pair_key, 0, None)
            if hasher.needs_rehash(found[1]):
                work.accounts.set_password_hash(person_id, hasher.hash(password))
            work.commit()
    return person_id


def change_password(
    uow: UowFactory,
    person_id: int,
    current: str,
    new: str,
    client: str,
    now: datetime,
    hasher: SlottedHasher,
    policy: LoginPolicy | None = None,
) -> None:
    """Change a signed-in person's password; every other sign-in session ends.

    The current password is asked (and counted like a sign-in), so a borrowed session cannot
    take the account over.
    """
    policy = policy or LoginPolicy()
    me = account(uow, person_id)
    address = str(me["email"] or "")
    with uow() as work:
        found = work.accounts.by_email(address)
    if found is None or found[0] != person_id:
        raise NotSignedIn()
    pair_key = throttle_key("pair", f"{address}\x00{client}")
    personal = [address, address.split("@")[0], str(me.get("display_name") or "")]
    check_password(new, personal, field="new_password")
    with hasher.slot():
        count_attempt(uow, [(pair_key, policy.per_account_client)], now)
        if not hasher.verify(found[1], current):
            raise InvalidInput("current_password", "is not right")
        new_hash = hasher.hash(new)
    with uow() as work:
        work.accounts.set_password_hash(person_id, new_hash)
        work.web_sessions.delete_person(person_id)
        work.login_attempts.put(pair_key, 0, None)
        work.commit()


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


def session_actor(uow: UowFactory, token: str, now: datetime) -> Actor | None:
    """The person signed in with this session token, with their role (None: not signed in).

    One transaction for both: every request in server mode asks this.
    """
    with uow() as work:
        person_id = work.web_sessions.person_for(token_hash(token), now)
        role = work.relations.role_of(person_id) if person_id is not None else None
    return Actor(person_id, role or Role.PERSON) if person_id is not None else None


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
