"""Secrets, CSRF tokens, cookies and security headers for the web edge.

CSRF uses the signed double-submit pattern (OWASP): every form carries
HMAC(secret, binder), where the binder is the sign-in session token (server mode) or a random
per-browser cookie (local mode and the sign-in pages). Another site can neither read the cookie
nor compute the HMAC, so it cannot forge a form post.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import re
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.requests import Request, cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from upright.config import Settings
from upright.domain.errors import AuthError, InvalidInput

ANON_COOKIE = "upright_anon"
SESSION_COOKIE = "upright_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
MIN_SECRET = 32
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,128}$")
_WEAK = ("change", "secret", "password", "example", "upright", "default")

#: no inline script, nothing from other origins: the pages work on a closed network
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


class CsrfRejected(AuthError):
    """A form or API call without a valid CSRF token."""

    def __init__(self) -> None:
        super().__init__(
            "this form has expired or did not come from Upright; reload the page and try again"
        )


def check_server_secret(settings: Settings) -> None:
    """Server mode refuses to start without a long, random UPRIGHT_SECRET_KEY."""
    key = settings.secret_key
    weak = len(set(key)) < 10 or any(word in key.lower() for word in _WEAK)
    if len(key) < MIN_SECRET or weak:
        raise InvalidInput(
            "UPRIGHT_SECRET_KEY",
            f"server mode needs a random secret of at least {MIN_SECRET} characters; make one "
            "with: python3 -c 'import secrets; print(secrets.token_urlsafe(48))'",
        )


def web_secret(settings: Settings) -> bytes:
    """The key for CSRF tokens: the configured secret, or (local mode) one kept in data_dir."""
    if settings.secret_key:
        return settings.secret_key.encode()
    path = Path(settings.data_dir) / "web-secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: two processes starting at once must not overwrite each other's secret
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip().encode()


def binder(request: Request) -> str:
    """What a CSRF token is bound to: the session cookie when there is one, else the anon one."""
    session = request.cookies.get(SESSION_COOKIE)
    if session and _TOKEN.match(session):
        return "s:" + session
    return "a:" + str(request.scope.get("state", {}).get("anon", ""))


def csrf_token(secret: bytes, request: Request) -> str:
    return hmac.new(secret, ("csrf|" + binder(request)).encode(), hashlib.sha256).hexdigest()


def check_csrf(secret: bytes, request: Request, token: str | None) -> None:
    if not token or not hmac.compare_digest(csrf_token(secret, request), token):
        raise CsrfRejected()


@lru_cache(maxsize=8)
def _networks(trusted: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(
        ipaddress.ip_network(part.strip(), strict=False)
        for part in trusted.split(",")
        if part.strip()
    )


def _is_trusted(address: str, networks: tuple[Any, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


def client_address(request: Request, trusted: str) -> str:
    """Who is asking: the socket peer, unless the peer is a trusted proxy.

    Behind trusted proxies, X-Forwarded-For is read from the right (the entries our own
    proxies appended) and the first address that is not a trusted proxy is the client. A
    client can put anything at the left of that header, so that part is never believed.
    """
    peer = request.client.host if request.client else "unknown"
    networks = _networks(trusted)
    if not networks or not _is_trusted(peer, networks):
        return peer
    chain = [p.strip() for h in request.headers.getlist("x-forwarded-for") for p in h.split(",")]
    for hop in reversed([p for p in chain if p]):
        if not _is_trusted(hop, networks):
            return hop
    return peer


def is_https(request: Request) -> bool:
    return request.url.scheme == "https"


def cookie_options(request: Request) -> dict[str, Any]:
    # Secure whenever the page came over https (a server behind TLS); plain http only happens
    # on a person's own machine (127.0.0.1), where the browser would drop a Secure cookie.
    return {"httponly": True, "samesite": "lax", "secure": is_https(request), "path": "/"}


class EdgeMiddleware:
    """Pure ASGI (cheaper than BaseHTTPMiddleware): security headers and the anon cookie."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        _forwarded_scheme(scope)
        anon = _anon_from(scope)
        fresh = None
        if anon is None:
            anon = fresh = secrets.token_urlsafe(24)
        scope.setdefault("state", {})["anon"] = anon
        https = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    if name not in headers:
                        headers[name] = value
                if https:
                    headers["strict-transport-security"] = "max-age=31536000"
                if fresh is not None:
                    flags = "; Secure" if https else ""
                    headers.append(
                        "set-cookie",
                        f"{ANON_COOKIE}={fresh}; Path=/; Max-Age=31536000; HttpOnly; "
                        f"SameSite=Lax{flags}",
                    )
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _forwarded_scheme(scope: Scope) -> None:
    """Believe ``X-Forwarded-Proto`` from a TLS proxy on this machine or a trusted one.

    ``upright serve`` turns uvicorn's own proxy handling off (it would also believe
    X-Forwarded-For from 127.0.0.1, letting anyone on the machine pick their address), so the
    scheme is taken here: cookies are then marked Secure behind an HTTPS proxy.
    """
    client = scope.get("client")
    peer = client[0] if client else ""
    app = scope.get("app")
    ctx = getattr(getattr(app, "state", None), "ctx", None)
    trusted = _networks(ctx.settings.trusted_proxies) if ctx is not None else ()
    if not (peer in ("127.0.0.1", "::1") or _is_trusted(peer, trusted)):
        return
    for name, value in scope.get("headers", []):
        if name == b"x-forwarded-proto":
            proto = value.decode("latin-1").split(",")[-1].strip().lower()
            if proto in ("http", "https"):
                scope["scheme"] = proto
            return


def _anon_from(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            found = cookie_parser(value.decode("latin-1")).get(ANON_COOKIE)
            if found and _TOKEN.match(found):
                return found
    return None
