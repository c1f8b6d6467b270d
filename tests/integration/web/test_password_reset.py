"""Password reset by e-mail, through the app and a real SMTP server (aiosmtpd), on SQLite and
PostgreSQL: the link arrives, works once and for 30 minutes, ends every other session, and
nobody learns from the answer whether an account exists."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from tests.integration.reminders.mailserver import MailServer
from tests.integration.web.conftest import FAST_HASHER, form_tokens, sign_up
from upright.adapters.storage.accounts import WebUnitOfWork
from upright.domain.errors import UprightError
from upright.services import accounts, password_reset
from upright.services.accounts import GatedHasher
from upright.services.password_reset import LinkState, LinkUnusable

OLD = "a long password 1"
NEW = "violet tram under seventeen lanterns"
MakeApp = Callable[..., FastAPI]


def _link(server: MailServer, address: str) -> str:
    mails = server.inbox.to(address)
    assert len(mails) == 1, [m["Subject"] for m in mails]
    body = mails[0].get_body(("plain",))
    assert body is not None
    found = re.search(r"http\S+/account/reset/\S+", body.get_content())
    assert found, body.get_content()
    return urlsplit(found.group(0)).path


def _bare(html: str) -> str:
    """A page without its per-request tokens (CSRF, form token, script nonce)."""
    return re.sub(r'(value|nonce)="[A-Za-z0-9_\-]{16,}"', "", html)


def test_a_forgotten_password_is_reset_with_the_emailed_link(make_app: MakeApp) -> None:
    with MailServer() as mail:
        app = make_app("server", smtp_url=mail.url)
        with TestClient(app) as owner, TestClient(app) as phone, TestClient(app) as anon:
            sign_up(owner, "sam@example.org", OLD)
            assert phone.post(
                "/api/auth/signin", json={"email": "sam@example.org", "password": OLD}
            ).status_code == 200  # fmt: skip
            assert 'href="/account/reset"' in anon.get("/signin").text
            tokens = form_tokens(anon.get("/account/reset").text)
            asked = anon.post("/account/reset", data={"email": " Sam@Example.org ", **tokens})
            assert asked.status_code == 200
            assert "If an account uses that e-mail address" in asked.text
            path = _link(mail, "sam@example.org")
            mail_text = mail.inbox.to("sam@example.org")[0]
            assert mail_text["Subject"] == "Choose a new Upright password"
            assert "List-Unsubscribe" not in mail_text

            form = anon.get(path)
            assert form.status_code == 200 and 'name="new_password"' in form.text
            tokens = form_tokens(form.text)
            weak = anon.post(path, data={"new_password": "password12", **tokens})
            assert weak.status_code == 422 and "common" in weak.text
            assert anon.get(path).status_code == 200  # a refused password does not use the link

            done = anon.post(path, data={"new_password": NEW, **tokens}, follow_redirects=False)
            assert done.status_code == 303
            assert done.headers["location"] == "/account/password?changed=1"
            assert "Your password is changed" in anon.get(done.headers["location"]).text
            # every other session ended; the person who reset is signed in
            assert owner.get("/api/profile").status_code == 401
            assert phone.get("/api/profile").status_code == 401
            assert anon.get("/api/me").json()["person"]["email"] == "sam@example.org"
            old = owner.post("/api/auth/signin", json={"email": "sam@example.org", "password": OLD})
            assert old.status_code == 401
            new = owner.post("/api/auth/signin", json={"email": "sam@example.org", "password": NEW})
            assert new.status_code == 200

            again = anon.get(path)
            assert again.status_code == 410 and "already used" in again.text
            assert 'name="new_password"' not in again.text
            tokens = form_tokens(anon.get("/account/reset").text)  # signed in now: a new token
            refused = anon.post(path, data={"new_password": "another quiet harbour 42", **tokens})
            assert refused.status_code == 422 and "already used" in refused.text


def test_the_answer_is_the_same_with_or_without_an_account(make_app: MakeApp) -> None:
    with MailServer() as mail:
        app = make_app("server", smtp_url=mail.url)
        with TestClient(app) as client:
            sign_up(client, "sam@example.org", OLD)
            client.post("/api/auth/signout")
            pages = []
            for address in ("sam@example.org", "nobody@example.org"):
                tokens = form_tokens(client.get("/account/reset").text)
                answer = client.post("/account/reset", data={"email": address, **tokens})
                pages.append((answer.status_code, _bare(answer.text)))
            assert pages[0] == pages[1]
            api = [
                client.post("/api/auth/reset", json={"email": address})
                for address in ("sam@example.org", "nobody@example.org")
            ]
            assert [a.status_code for a in api] == [202, 202]
            assert api[0].json() == api[1].json() == {
                "status": "requested", "message": password_reset.REQUESTED,
            }  # fmt: skip
        assert len(mail.inbox.to("sam@example.org")) == 2
        assert mail.inbox.to("nobody@example.org") == []


def test_requests_are_throttled_per_address_and_per_client(make_app: MakeApp) -> None:
    with MailServer() as mail:
        app = make_app("server", smtp_url=mail.url)
        with TestClient(app) as client:
            same = [client.post("/api/auth/reset", json={"email": "x@example.org"}) for _ in "1234"]
            assert [a.status_code for a in same] == [202, 202, 202, 429]
            assert int(same[3].headers["retry-after"]) > 0
            assert "too many requests for a new password" in same[3].json()["message"]
            others = [
                client.post("/api/auth/reset", json={"email": f"p{n}@example.org"})
                for n in range(8)
            ]
            # 10 per client (the refused one counted nothing), whatever the addresses
            assert [a.status_code for a in others] == [202] * 7 + [429]


def test_without_email_the_page_says_to_ask_the_person_who_runs_the_server(
    make_app: MakeApp,
) -> None:
    app = make_app("server")
    with TestClient(app) as client:
        sign_up(client, "sam@example.org", OLD)
        page = client.get("/account/reset")
        assert "not set up to send e-mail" in page.text
        assert "ask the person who runs this server" in page.text
        assert 'name="email"' not in page.text
        token = client.get("/api/me").json()["csrf_token"]
        posted = client.post(
            "/account/reset", data={"email": "sam@example.org", "csrf_token": token}
        )
        assert posted.status_code == 409 and "not set up to send e-mail" in posted.text
        api = client.post("/api/auth/reset", json={"email": "sam@example.org"})
        assert api.status_code == 409 and api.json()["error"] == "reset_unavailable"
        # what the page promises: the person who runs the server makes a link (upright reset-link)
        ctx = app.state.ctx
        link = password_reset.issue_link(
            ctx.web_uow, "sam@example.org", ctx.services.clock.now(),
            password_reset.link_maker(ctx.settings.public_url),
        )  # fmt: skip
        form = client.get(urlsplit(link).path)
        assert form.status_code == 200 and 'name="new_password"' in form.text


def test_local_mode_has_no_reset_pages(make_app: MakeApp) -> None:
    with TestClient(make_app()) as client:
        assert client.get("/account/reset").status_code == 404
        assert client.post("/api/auth/reset", json={"email": "a@example.org"}).status_code == 404


# ------------------------------------------------------ the service on the real database

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
HASHER = GatedHasher(FAST_HASHER, 4)


@pytest.fixture
def uow(engine: Engine) -> Callable[[], WebUnitOfWork]:
    factory = sessionmaker(engine, expire_on_commit=False)
    accounts.register(lambda: WebUnitOfWork(factory), "sam@example.org", OLD, "Sam", T0, HASHER)
    return lambda: WebUnitOfWork(factory)


def _ask(uow: Callable[[], WebUnitOfWork], at: datetime = T0) -> str:
    message = password_reset.request_reset(
        uow, "sam@example.org", f"client-{at.isoformat()}", at,
        password_reset.link_maker("http://upright.test"), True,
    )  # fmt: skip
    assert message is not None
    found = re.search(r"/account/reset/(\S+)", message.body)
    assert found
    return found.group(1)


def test_a_link_expires_after_thirty_minutes_to_the_microsecond(
    uow: Callable[[], WebUnitOfWork],
) -> None:
    late = _ask(uow)
    expiry = T0 + timedelta(minutes=password_reset.RESET_MINUTES)
    assert password_reset.check_link(uow, late, expiry - timedelta(microseconds=1)) is LinkState.OK
    with pytest.raises(LinkUnusable) as refused:
        password_reset.reset_password(uow, late, NEW, expiry, HASHER)
    assert refused.value.state is LinkState.EXPIRED
    just_in_time = _ask(uow)
    person = password_reset.reset_password(
        uow, just_in_time, NEW, expiry - timedelta(microseconds=1), HASHER
    )
    assert accounts.sign_in(uow, "sam@example.org", NEW, "c", expiry, HASHER) == person


def test_a_link_works_once_even_when_two_use_it_at_the_same_moment(
    uow: Callable[[], WebUnitOfWork],
) -> None:
    token = _ask(uow)
    other = _ask(uow, T0 + timedelta(minutes=1))
    results: list[object] = []
    start = threading.Barrier(2)

    def use(password: str) -> None:
        start.wait()
        try:
            results.append(password_reset.reset_password(uow, token, password, T0, HASHER))
        except UprightError as error:
            results.append(error)

    threads = [
        threading.Thread(target=use, args=(p,))
        for p in ("first quiet harbour lantern", "second quiet harbour lantern")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(isinstance(r, int) for r in results) == 1, results
    assert [r.state for r in results if isinstance(r, LinkUnusable)] == [LinkState.USED]
    assert password_reset.check_link(uow, token, T0) is LinkState.USED
    # the person's other links ended with the reset
    assert password_reset.check_link(uow, other, T0) is LinkState.UNKNOWN
    assert password_reset.check_link(uow, "made-up", T0) is LinkState.UNKNOWN


def test_only_a_hash_of_the_link_is_stored(
    uow: Callable[[], WebUnitOfWork], engine: Engine
) -> None:
    token = _ask(uow)
    with engine.connect() as connection:
        stored = (
            connection.exec_driver_sql("SELECT token_hash FROM password_resets").scalars().all()
        )
    assert token not in stored and len(stored) == 1 and len(stored[0]) == 64
