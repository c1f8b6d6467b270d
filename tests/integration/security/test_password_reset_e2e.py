"""Password reset end to end: the real `upright serve` process, a real SMTP server (aiosmtpd)
and plain HTTP, on SQLite and PostgreSQL; and `upright reset-link` for a server without e-mail."""

from __future__ import annotations

import re
import subprocess
import time
from urllib.parse import urlencode, urlsplit

from tests.e2e.conftest import UPRIGHT
from tests.integration.reminders.mailserver import MailServer
from tests.integration.security.conftest import PASSWORD, Client, Database, StartServer

NEW = "violet tram under seventeen lanterns"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _post_form(client: Client, path: str, **fields: str) -> tuple[int, str, str]:
    page = client.request("GET", "/account/reset").body.decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    csrf = token.group(1) if token else client.fetch_csrf()
    answer = client.request(
        "POST", path, body=urlencode({**fields, "csrf_token": csrf}).encode(), headers=FORM
    )
    return answer.status, answer.headers.get("location", ""), answer.body.decode()


def test_the_whole_reset_flow_over_http(database: Database, start_server: StartServer) -> None:
    with MailServer() as mail:
        server = start_server(database, smtp_url=mail.url, base_url="https://upright.example.org")
        owner = server.client()
        assert owner.signup("sam@example.org").status == 201
        laptop = server.client()
        assert laptop.signin("sam@example.org").status == 200

        stranger = server.client()
        status, _, text = _post_form(stranger, "/account/reset", email="sam@example.org")
        assert status == 200 and "If an account uses that e-mail address" in text
        unknown = _post_form(stranger, "/account/reset", email="nobody@example.org")
        assert unknown[0] == 200 and "If an account uses that e-mail address" in unknown[2]

        for _ in range(100):  # the e-mail goes out just after the answer
            if mail.inbox.to("sam@example.org"):
                break
            time.sleep(0.05)
        (message,) = mail.inbox.to("sam@example.org")
        body = message.get_body(("plain",))
        assert body is not None
        link = re.search(r"https://upright\.example\.org/account/reset/\S+", body.get_content())
        assert link, body.get_content()
        path = urlsplit(link.group(0)).path

        person = server.client()
        assert person.request("GET", path).status == 200
        status, location, _ = _post_form(person, path, new_password=NEW)
        assert (status, location) == (303, "/account/password?changed=1")
        assert person.request("GET", "/api/profile").status != 401  # signed in here
        assert owner.request("GET", "/api/profile").status == 401  # every other session ended
        assert laptop.request("GET", "/api/profile").status == 401
        assert server.client().signin("sam@example.org").status == 401
        assert server.client().signin("sam@example.org", NEW).status == 200
        used = person.request("GET", path)
        assert used.status == 410 and b"already used" in used.body
    assert mail.inbox.to("nobody@example.org") == []


def test_without_email_the_operator_makes_a_link(
    database: Database, start_server: StartServer
) -> None:
    server = start_server(database)
    client = server.client()
    assert client.signup("sam@example.org").status == 201
    page = client.request("GET", "/account/reset").body.decode()
    assert "ask the person who runs this server" in page
    made = subprocess.run(
        [UPRIGHT, "reset-link", "sam@example.org"], env=server.env, capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "works once, for 30 minutes" in made.stderr
    path = urlsplit(made.stdout.strip()).path
    other = server.client()
    status, location, _ = _post_form(other, path, new_password=NEW)
    assert (status, location) == (303, "/account/password?changed=1")
    assert client.request("GET", "/api/profile").status == 401
    assert server.client().signin("sam@example.org", PASSWORD).status == 401
    nobody = subprocess.run(
        [UPRIGHT, "reset-link", "nobody@example.org"], env=server.env, capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    assert nobody.returncode == 2 and "has no account" in nobody.stderr
    assert "Traceback" not in nobody.stderr
