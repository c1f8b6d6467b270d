"""Uploads: refused before the body is read or written; nothing is left on disk."""

from __future__ import annotations

import os
import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.integration.security.conftest import Client, Database, Server, StartServer

GIB2 = 2 << 30


def _raw_post(
    server: Server, client: Client, path: str, headers: dict[str, str], body: list[bytes]
) -> bytes:
    """Send headers, then the body piece by piece while another thread reads the answer (the
    server answers and closes before the body is through; that is the point)."""
    lines = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{server.port}"]
    if client.cookies:
        lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in client.cookies.items()))
    lines += [f"{k}: {v}" for k, v in headers.items()]
    answer = bytearray()
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:

        def read() -> None:
            try:
                while chunk := sock.recv(65536):
                    answer.extend(chunk)
                    if b"\r\n\r\n" in answer:
                        return
            except OSError:
                return

        reader = threading.Thread(target=read)
        reader.start()
        try:
            sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
            for piece in body:
                if answer:
                    break
                sock.sendall(piece)
                time.sleep(0.01)
        except OSError:
            pass
        reader.join(timeout=30)
    return bytes(answer)


def _chunked(pieces: list[bytes]) -> list[bytes]:
    return [f"{len(p):x}\r\n".encode() + p + b"\r\n" for p in pieces] + [b"0\r\n\r\n"]


def _multipart_head(boundary: str) -> bytes:
    return (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.gpx"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()


def test_an_upload_without_signing_in_is_refused_before_reading(
    database: Database, start_server: StartServer
) -> None:
    server = start_server(database)
    stranger = server.client()
    answer = _raw_post(
        server, stranger, "/api/imports",
        {"Content-Type": "multipart/form-data; boundary=x", "Content-Length": str(GIB2)},
        [_multipart_head("x"), *([b"A" * (1 << 16)] * 16)],
    )  # fmt: skip
    assert answer.startswith(b"HTTP/1.1 401"), answer[:200]


def test_a_declared_body_over_the_limit_is_413_at_once(
    database: Database, start_server: StartServer
) -> None:
    server = start_server(database)
    client = server.client()
    assert client.signup("big@example.org").status == 201
    csrf = client.fetch_csrf()
    answer = _raw_post(
        server, client, "/api/imports",
        {"Content-Type": "multipart/form-data; boundary=x", "Content-Length": str(GIB2),
         "X-CSRF-Token": csrf},
        [_multipart_head("x"), *([b"A" * (1 << 16)] * 16)],
    )  # fmt: skip
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"application/json" in answer


def test_a_streamed_body_over_the_limit_is_413_and_leaves_nothing(
    database: Database, start_server: StartServer
) -> None:
    server = start_server(database, max_upload_mb="2")
    client = server.client()
    assert client.signup("chunked@example.org").status == 201
    csrf = client.fetch_csrf()
    pieces = [_multipart_head("x") + b"<gpx>", *([b"A" * (1 << 18)] * 16), b"\r\n--x--\r\n"]
    raw = _raw_post(
        server, client, "/api/imports",
        {"Content-Type": "multipart/form-data; boundary=x", "X-CSRF-Token": csrf,
         "Transfer-Encoding": "chunked"},
        _chunked(pieces),
    )  # fmt: skip
    assert raw.startswith(b"HTTP/1.1 413"), raw[:300]
    assert b"application/json" in raw


def test_an_upload_without_the_csrf_token_is_refused_before_reading(
    database: Database, start_server: StartServer
) -> None:
    server = start_server(database)
    client = server.client()
    assert client.signup("csrf@example.org").status == 201
    answer = _raw_post(
        server, client, "/api/imports",
        {"Content-Type": "multipart/form-data; boundary=x", "Content-Length": str(GIB2)},
        [_multipart_head("x"), *([b"A" * (1 << 16)] * 16)],
    )  # fmt: skip
    assert answer.startswith(b"HTTP/1.1 403"), answer[:200]


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_a_gpx_of_5000_short_tracks_is_read_without_all_pairs_work(
    start_server: StartServer, tmp_path: Path
) -> None:
    """Was 63 s of a worker (every track compared with every other); now a second or two."""
    t0 = datetime(2026, 1, 1, 8, tzinfo=UTC)
    parts = ['<?xml version="1.0"?><gpx version="1.1" creator="t" '
             'xmlns="http://www.topografix.com/GPX/1/1">']  # fmt: skip
    for t in range(5000):
        points = "".join(
            f'<trkpt lat="52.{p:04d}" lon="4.{t:05d}"><time>'
            f"{(t0 + timedelta(minutes=7 * t, seconds=20 * p)):%Y-%m-%dT%H:%M:%SZ}</time></trkpt>"
            for p in range(3)
        )
        parts.append(f"<trk><trkseg>{points}</trkseg></trk>")
    parts.append("</gpx>")
    body = "".join(parts).encode()
    server = start_server(Database("sqlite", f"sqlite:///{tmp_path}/upright.db"))
    client = server.client()
    assert client.signup("tracks@example.org").status == 201
    csrf = client.fetch_csrf()
    before = _cpu_seconds(server.pid)
    answer = client.request(
        "POST", "/api/imports",
        body=_multipart_head("x") + body + b"\r\n--x--\r\n",
        headers={"Content-Type": "multipart/form-data; boundary=x", "X-CSRF-Token": csrf},
        timeout=120,
    )  # fmt: skip
    assert answer.status == 200, answer.body[:300]
    assert answer.json()["files"][0]["status"] == "imported"
    assert _cpu_seconds(server.pid) - before < 30  # CPU seconds of the server, not wall time
