"""A real SMTP server in this process (aiosmtpd) that keeps what it receives."""

from __future__ import annotations

import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.lock = threading.Lock()
        self.refuse: set[str] = set()

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return "550 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        mail = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(mail)  # type: ignore[arg-type]
        return "250 Message accepted"

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [m for m in self.messages if m["To"] == address]


class MailServer:
    """``with MailServer() as server:`` - ``server.url`` goes into UPRIGHT_SMTP_URL."""

    def __init__(self, password: str | None = None) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self.password = password
        kwargs: dict[str, Any] = {}
        if password is not None:

            def check(
                server: Any, session: Any, envelope: Any, mechanism: str, data: Any
            ) -> AuthResult:
                ok = isinstance(data, LoginPassword) and data.password == password.encode()
                return AuthResult(success=ok, handled=False)

            kwargs = {"authenticator": check, "auth_require_tls": False, "auth_required": True}
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, **kwargs)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}?from=coach@upright.test"

    def __enter__(self) -> MailServer:
        self.controller.start()
        return self

    def __exit__(self, *args: object) -> None:
        self.controller.stop()
