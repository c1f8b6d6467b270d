"""Start-up with many workers migrates once; a database outage answers 503, never a bare 500."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import make_url

from tests.integration.security.conftest import Database, StartServer
from upright.adapters.storage import database as storage


def test_workers_starting_together_migrate_once(postgres_database: Database) -> None:
    """The issue's race, without the web server around it: six start-ups at the same moment."""
    barrier = threading.Barrier(6)
    failures: list[BaseException] = []

    def start() -> None:
        engine = storage.make_engine(postgres_database.url)
        try:
            barrier.wait()
            storage.upgrade(engine)
            storage.ensure_local_person(engine)
        except BaseException as exc:  # collected and asserted below
            failures.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=start) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []


def test_serve_with_four_workers_on_a_fresh_postgresql(
    postgres_database: Database, start_server: StartServer
) -> None:
    server = start_server(postgres_database, "--workers", "4")
    client = server.client()
    assert client.request("GET", "/api/me").status == 200
    deadline = time.monotonic() + 90  # the other workers wait for the first one's migration
    while server.output().count("Application startup complete") < 4:
        assert time.monotonic() < deadline, server.output()[-3000:]
        assert "Traceback" not in server.output(), server.output()[-3000:]
        time.sleep(0.2)
    output = server.output()
    assert "UniqueViolation" not in output and "Traceback" not in output


class Proxy:
    """A TCP relay between the server and PostgreSQL that the test can cut, like an outage."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up = True
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                inbound, _ = self.listener.accept()
            except OSError:
                return
            if not self.up:
                inbound.close()
                continue
            outbound = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [inbound, outbound]
            for a, b in ((inbound, outbound), (outbound, inbound)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self) -> None:
        self.up = False
        with self.lock:
            for s in self.sockets:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            self.sockets.clear()

    def restore(self) -> None:
        self.up = True

    def close(self) -> None:
        self.cut()
        self.listener.close()


@pytest.fixture
def proxied(postgres_database: Database) -> Iterator[tuple[Database, Proxy]]:
    url = make_url(postgres_database.url)
    proxy = Proxy((url.host or "127.0.0.1", url.port or 5432))
    try:
        yield Database("postgres", url.set(port=proxy.port).render_as_string(False)), proxy
    finally:
        proxy.close()


def test_a_database_outage_answers_503_json_and_a_page(
    proxied: tuple[Database, Proxy], start_server: StartServer
) -> None:
    db, proxy = proxied
    server = start_server(db)
    client = server.client()
    assert client.signup("outage@example.org").status == 201
    proxy.cut()
    for _ in range(2):  # the first call finds the pooled connection dead, the second no server
        api = client.request("GET", "/api/today")
        assert api.status == 503, api.body[:300]
        assert api.headers["content-type"].startswith("application/json")
        assert api.json()["error"] == "storage_error"
        assert "try again" in api.json()["message"] and int(api.headers["retry-after"]) > 0
    html = client.request("GET", "/", headers={"Accept": "text/html"})
    assert html.status == 503 and html.headers["content-type"].startswith("text/html")
    assert b"try again" in html.body and b"Traceback" not in html.body
    proxy.restore()
    assert client.request("GET", "/api/me").status == 200  # back without a restart
