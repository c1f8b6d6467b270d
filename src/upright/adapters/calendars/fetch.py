"""Fetching a calendar or feed by URL, carefully.

A URL comes from a person, so it is treated as hostile: http(s) only, a time limit for the whole
download, a size limit counted on the decoded bytes (a compressed bomb stops at the limit too),
and no visit to a private, loopback or link-local address except the one the person typed when
``allow_private`` is on (a laptop reading its own network). A redirect may not lead to a private
address. The address actually connected to is checked again, so a name that changes its answer
between the check and the connection is caught.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from upright.domain.errors import ImportFailed

#: a class calendar is a few hundred kilobytes at most; far larger is a mistake or an attack
MAX_BYTES = 10 * 1024 * 1024
TIMEOUT_SECONDS = 15.0
MAX_REDIRECTS = 5


def _is_private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global


def _resolves_private(host: str, port: int) -> bool:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return False  # the connection attempt reports the unknown name
    return any(_is_private(str(info[4][0])) for info in infos)


@dataclass
class Fetcher:
    timeout: float = TIMEOUT_SECONDS
    max_bytes: int = MAX_BYTES
    allow_private: bool = False

    def get(self, url: str) -> bytes:
        """The body at ``url``; ``ImportFailed`` with a plain message for every way it can fail."""
        first_host = urlsplit(url).hostname
        deadline = time.monotonic() + self.timeout
        current = url
        with httpx.Client(
            timeout=httpx.Timeout(self.timeout), follow_redirects=False, trust_env=False
        ) as client:
            for _ in range(MAX_REDIRECTS + 1):
                may_be_private = self.allow_private and urlsplit(current).hostname == first_host
                self._check_url(url, current, may_be_private)
                try:
                    with client.stream(
                        "GET", current, headers={"Accept": "text/calendar, application/json, */*"}
                    ) as response:
                        self._check_peer(url, response, may_be_private)
                        if response.is_redirect:
                            location = response.headers.get("location", "")
                            current = urljoin(current, location)
                            continue
                        if response.status_code != 200:
                            raise ImportFailed(
                                url,
                                f"the server answered {response.status_code} instead of the calendar",
                            )
                        return self._read(url, response, deadline)
                except httpx.TimeoutException:
                    raise ImportFailed(
                        url, f"the server did not answer within {self.timeout:g} seconds"
                    ) from None
                except httpx.HTTPError as error:
                    raise ImportFailed(
                        url, f"could not reach the server ({_plain(error)})"
                    ) from None
        raise ImportFailed(url, f"more than {MAX_REDIRECTS} redirects; giving up")

    def _check_url(self, url: str, current: str, may_be_private: bool) -> None:
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ImportFailed(url, "only http:// and https:// addresses can be fetched")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        if not may_be_private and _resolves_private(parts.hostname, port):
            raise ImportFailed(url, _private_message(url, current))

    def _check_peer(self, url: str, response: httpx.Response, may_be_private: bool) -> None:
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if peer and not may_be_private and _is_private(str(peer[0])):
            raise ImportFailed(url, _private_message(url, str(response.url)))

    def _read(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise ImportFailed(url, _too_big(self.max_bytes))
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise ImportFailed(url, _too_big(self.max_bytes))
            if time.monotonic() > deadline:
                raise ImportFailed(url, f"the download took longer than {self.timeout:g} seconds")
            chunks.append(chunk)
        return b"".join(chunks)


def _too_big(limit: int) -> str:
    return f"the calendar is larger than {limit // (1024 * 1024)} MB, so it was not read"


def _private_message(url: str, current: str) -> str:
    if current == url:
        return "that address is on a private network, which this server does not fetch from"
    return "it redirects to an address on a private network, which is not followed"


def _plain(error: httpx.HTTPError) -> str:
    text = str(error) or type(error).__name__
    if "Connection refused" in text or "Errno 111" in text:
        return "the connection was refused"
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "the name was not found"
    return text
