"""The abuse suite runs the real server (``upright serve``) as a subprocess, as an attacker
meets it: real sockets, real argon2 costs, real SQLite files and PostgreSQL databases.

Each test gets a fresh database. Peak memory is read from ``/proc/<pid>/status`` (VmHWM).
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.e2e.conftest import UPRIGHT

SECRET = "abuse-suite-k3y-0123456789-abcdefghijklmnopqrstuvwxyz"
PASSWORD = "correct horse battery staple 7"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Client:
    """A tiny HTTP client with its own cookie jar (http.client: no pooling surprises)."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: str = ""

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        json_body: Any = None,
        timeout: float = 60,
    ) -> Answer:
        sent = dict(headers or {})
        if json_body is not None:
            body = json.dumps(json_body).encode()
            sent.setdefault("Content-Type", "application/json")
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            data = response.read()
            headers_out = {k.lower(): v for k, v in response.getheaders()}
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    pair = value.split(";", 1)[0]
                    key, _, val = pair.partition("=")
                    if "Max-Age=0" in value or "expires=Thu, 01 Jan 1970" in value:
                        self.cookies.pop(key, None)
                    else:
                        self.cookies[key] = val.strip('"')
            return Answer(response.status, headers_out, data)
        finally:
            conn.close()

    def fetch_csrf(self) -> str:
        self.csrf = self.request("GET", "/api/me").json()["csrf_token"]
        return self.csrf

    def signup(self, email: str, password: str = PASSWORD) -> Answer:
        return self.request(
            "POST", "/api/auth/signup", json_body={"email": email, "password": password}
        )

    def signin(self, email: str, password: str = PASSWORD, **headers: str) -> Answer:
        return self.request(
            "POST", "/api/auth/signin", json_body={"email": email, "password": password},
            headers=headers,
        )  # fmt: skip


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log: Path
    env: dict[str, str]

    @property
    def pid(self) -> int:
        return self.process.pid

    def client(self) -> Client:
        return Client(self.port)

    def peak_mb(self) -> float:
        """Peak resident memory of the server process so far (VmHWM), in MB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise AssertionError("no VmHWM")

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_until_up(server: Server, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=1):
                pass
            if server.client().request("GET", "/api/me", timeout=10).status == 200:
                return
        except OSError:
            pass
        if server.process.poll() is not None:
            raise AssertionError("the server exited:\n" + server.output()[-4000:])
        if time.monotonic() > deadline:
            raise AssertionError("the server did not answer:\n" + server.output()[-4000:])
        time.sleep(0.2)


@dataclass
class Database:
    kind: str
    url: str


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh, empty database for one server: an SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield Database("sqlite", f"sqlite:///{tmp_path}/upright.db")
        return
    yield from _postgres_database()


@pytest.fixture
def postgres_database() -> Iterator[Database]:
    yield from _postgres_database()


def _postgres_database() -> Iterator[Database]:
    admin_url = os.environ.get("UPRIGHT_TEST_POSTGRES_URL")
    if not admin_url:
        pytest.skip("no PostgreSQL server (UPRIGHT_TEST_POSTGRES_URL unset)")
    name = "abuse_" + uuid.uuid4().hex[:12]
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield Database("postgres", admin_url.rsplit("/", 1)[0] + "/" + name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


StartServer = Callable[..., Server]


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[StartServer]:
    """Start ``upright serve`` in server mode; every server started is stopped afterwards."""
    started: list[Server] = []

    def _start(db: Database, *args: str, wait: bool = True, **settings: str) -> Server:
        env = {k: v for k, v in os.environ.items() if not k.startswith("UPRIGHT_")}
        env.update(
            UPRIGHT_MODE="server", UPRIGHT_SECRET_KEY=SECRET, UPRIGHT_DATABASE_URL=db.url,
            UPRIGHT_DATA_DIR=str(tmp_path / "data"), UPRIGHT_TODAY="2026-11-25",
        )  # fmt: skip
        env.update({f"UPRIGHT_{k.upper()}": v for k, v in settings.items()})
        port = free_port()
        log = tmp_path / f"server-{len(started)}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [UPRIGHT, "serve", "--port", str(port), *args], env=env, stdout=out,
                stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        server = Server(port, process, log, env)
        started.append(server)
        if wait:
            wait_until_up(server)
        return server

    yield _start
    for server in started:
        if server.process.poll() is None:
            os.killpg(server.process.pid, signal.SIGTERM)
            try:
                server.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.process.pid, signal.SIGKILL)
                server.process.wait(timeout=20)


def quote(value: str) -> str:
    return urllib.parse.quote(value, safe="")
