"""The rules of a password-reset link: it works until its expiry (not at it), and once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from upright.services.password_reset import (
    LINK_PROBLEMS,
    RESET_MINUTES,
    LinkState,
    link_maker,
    link_state,
    reset_message,
)

ASKED = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
EXPIRES = ASKED + timedelta(minutes=RESET_MINUTES)
TICK = timedelta(microseconds=1)


def test_a_link_lasts_thirty_minutes() -> None:
    assert RESET_MINUTES == 30


def test_a_link_works_until_the_moment_it_expires() -> None:
    assert link_state(EXPIRES, None, ASKED) is LinkState.OK
    assert link_state(EXPIRES, None, EXPIRES - TICK) is LinkState.OK
    assert link_state(EXPIRES, None, EXPIRES) is LinkState.EXPIRED
    assert link_state(EXPIRES, None, EXPIRES + TICK) is LinkState.EXPIRED


def test_a_used_link_is_used_whatever_the_time() -> None:
    used = ASKED + timedelta(minutes=1)
    assert link_state(EXPIRES, used, used) is LinkState.USED
    assert link_state(EXPIRES, used, EXPIRES - TICK) is LinkState.USED
    assert link_state(EXPIRES, used, EXPIRES + timedelta(days=1)) is LinkState.USED


@given(
    st.timedeltas(min_value=timedelta(days=-2), max_value=timedelta(days=2)),
    st.none() | st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=1)),
)
def test_a_link_works_only_unused_and_before_expiry(
    offset: timedelta, used_after: timedelta | None
) -> None:
    now = ASKED + offset
    used = None if used_after is None else ASKED + used_after
    works = link_state(EXPIRES, used, now) is LinkState.OK
    assert works == (used is None and now < EXPIRES)


def test_every_problem_is_said_in_words() -> None:
    assert set(LINK_PROBLEMS) == {LinkState.USED, LinkState.EXPIRED, LinkState.UNKNOWN}
    for text in LINK_PROBLEMS.values():
        assert text[0].isupper() and text.endswith(".")
        assert "token" not in text and "None" not in text
    assert "30 minutes" in LINK_PROBLEMS[LinkState.EXPIRED]


def test_the_email_holds_the_link_and_says_it_works_once() -> None:
    link = link_maker("https://upright.example.org/")("abc")
    assert link == "https://upright.example.org/account/reset/abc"
    message = reset_message("sam@example.org", link)
    assert message.email == "sam@example.org"
    assert link in message.body and "works once" in message.body and "30 minutes" in message.body
    assert message.unsubscribe_url is None  # a reset e-mail is not a newsletter
