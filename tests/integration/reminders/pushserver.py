"""A real push service in this process: takes Web Push requests and decrypts them (http-ece)
with the subscriber's private key, as a browser would."""

from __future__ import annotations

import base64
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from upright.services.reminder_ports import PushTarget


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class Subscriber:
    """A browser's side: its key pair and auth secret."""

    def __init__(self, endpoint: str) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)
        public = self.key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        self.target = PushTarget(endpoint, b64url(public), b64url(self.auth))


class PushServer:
    def __init__(self) -> None:
        self.subscribers: dict[str, Subscriber] = {}
        self.received: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.answer: dict[str, int] = {}  # path -> status to answer (e.g. 410)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status = server.answer.get(self.path, 201)
                if status == 201:
                    sub = server.subscribers[self.path]
                    plain = http_ece.decrypt(
                        body, private_key=sub.key, auth_secret=sub.auth, version="aes128gcm"
                    )
                    server.received.append(json.loads(plain))
                    server.headers.append({k.lower(): v for k, v in self.headers.items()})
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.http.serve_forever, daemon=True)

    def subscribe(self, name: str) -> PushTarget:
        path = f"/push/{name}"
        sub = Subscriber(f"http://127.0.0.1:{self.http.server_port}{path}")
        self.subscribers[path] = sub
        return sub.target

    def __enter__(self) -> PushServer:
        self.thread.start()
        return self

    def __exit__(self, *args: object) -> None:
        self.http.shutdown()
        self.http.server_close()
