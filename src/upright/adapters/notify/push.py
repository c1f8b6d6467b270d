"""Web push: standard Web Push encryption (aes128gcm) signed with this server's VAPID key.

The key pair is made on first use and kept in the database (``server_keys``), so every web and
worker process signs with the same one. A push service answering 404 or 410 means the
subscription is gone for good: it is reported back and removed.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import requests
from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid
from pywebpush import WebPushException, webpush

from upright.domain.errors import DeliveryFailed
from upright.services.reminder_ports import Outgoing, ReminderUnitOfWork

KEY_NAME = "vapid_private_pem"
GONE = (404, 410)


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def server_vapid(uow: Callable[[], ReminderUnitOfWork]) -> Vapid:
    """This server's VAPID key, made and stored on first use (the first writer wins)."""
    with uow() as tx:
        pem = tx.reminders.server_key(KEY_NAME)
    if pem is None:
        fresh = Vapid()
        fresh.generate_keys()
        with uow() as tx:
            pem = tx.reminders.put_server_key(
                KEY_NAME, fresh.private_pem().decode(), datetime.now(UTC)
            )
            tx.commit()
    return Vapid.from_pem(pem.encode())


def public_key(vapid: Vapid) -> str:
    """The application server key a browser's ``pushManager.subscribe`` needs."""
    raw = vapid.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return _b64url(raw)


class PushChannel:
    name = "push"

    def __init__(self, vapid: Vapid, contact: str, timeout: float = 10.0) -> None:
        self.vapid = vapid
        self.contact = contact
        self.timeout = timeout

    def send(self, message: Outgoing) -> Sequence[str]:
        if not message.push:
            raise DeliveryFailed(
                "push", "no device has turned on notifications yet", temporary=False
            )
        payload = json.dumps({"title": message.subject, "body": message.body, "tag": message.key})
        gone: list[str] = []
        delivered = 0
        problem: str | None = None
        for target in message.push:
            info = {
                "endpoint": target.endpoint,
                "keys": {"p256dh": target.p256dh, "auth": target.auth},
            }
            try:
                webpush(
                    info,
                    data=payload,
                    vapid_private_key=self.vapid,
                    vapid_claims={"sub": self.contact},
                    timeout=self.timeout,
                    ttl=12 * 3600,
                )
                delivered += 1
            except WebPushException as error:
                status = error.response.status_code if error.response is not None else None
                if status in GONE:
                    gone.append(target.endpoint)
                else:
                    problem = f"the push service answered {status or 'with an error'}"
            except requests.RequestException as error:
                problem = f"the push service did not answer ({type(error).__name__})"
        if problem is not None and not delivered:
            raise DeliveryFailed("push", problem)
        # every device that said "gone" is removed by the service; nothing left to retry
        return gone
