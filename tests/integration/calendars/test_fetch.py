"""Fetching a calendar by URL from a real local server: limits, time-outs, private addresses."""

from __future__ import annotations

import socket

import pytest

from tests.integration.calendars.conftest import REAL, Server
from upright.adapters.calendars import CalendarFiles, Fetcher
from upright.domain.errors import ImportFailed

GOOGLE = (REAL / "ics" / "icalevents__google_2024.ics").read_bytes()


def test_a_calendar_is_read_from_a_url(server: Server) -> None:
    doc = CalendarFiles(Fetcher(allow_private=True)).read(server.body("/cal.ics", GOOGLE))
    assert doc.format == "ics" and doc.name == "test" and doc.events == 3


def test_a_private_address_is_refused_unless_allowed(server: Server) -> None:
    url = server.body("/cal.ics", GOOGLE)
    with pytest.raises(ImportFailed, match="private network"):
        Fetcher().get(url)
    assert server.hits == []  # refused before any request


def test_a_redirect_to_another_private_host_is_refused(server: Server) -> None:
    port = server.base.rsplit(":", 1)[1]
    server.body("/cal.ics", GOOGLE)
    url = server.redirect("/moved", f"http://localhost:{port}/cal.ics")
    with pytest.raises(ImportFailed, match="redirects to an address on a private network"):
        Fetcher(allow_private=True).get(url)
    assert server.hits == ["/moved"]


def test_a_redirect_on_the_same_host_is_followed(server: Server) -> None:
    server.body("/cal.ics", GOOGLE)
    assert Fetcher(allow_private=True).get(server.redirect("/moved", "/cal.ics")) == GOOGLE


def test_redirect_loops_stop(server: Server) -> None:
    url = server.redirect("/loop", "/loop")
    with pytest.raises(ImportFailed, match="redirects"):
        Fetcher(allow_private=True).get(url)


def test_a_server_that_does_not_answer_times_out(server: Server) -> None:
    with pytest.raises(ImportFailed, match="did not answer within 0.5 seconds"):
        Fetcher(timeout=0.5, allow_private=True).get(server.slow("/slow", 3))


def test_a_port_with_nothing_listening() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ImportFailed, match="could not reach the server"):
        Fetcher(allow_private=True).get(f"http://127.0.0.1:{port}/cal.ics")


def test_errors_are_named(server: Server) -> None:
    with pytest.raises(ImportFailed, match="answered 404"):
        Fetcher(allow_private=True).get(server.base + "/missing.ics")
    with pytest.raises(ImportFailed, match="answered 500"):
        Fetcher(allow_private=True).get(server.status("/err", 500))
    with pytest.raises(ImportFailed, match="only http:// and https://"):
        Fetcher().get("ftp://example.org/cal.ics")
    with pytest.raises(ImportFailed, match="only http:// and https://"):
        Fetcher().get("file:///etc/passwd")


def test_a_50_megabyte_calendar_is_refused_by_its_declared_size(server: Server) -> None:
    url = server.declares("/huge.ics", 50 * 1024 * 1024)
    with pytest.raises(ImportFailed, match="larger than 10 MB"):
        Fetcher(allow_private=True).get(url)


def test_the_size_limit_counts_the_bytes_actually_sent(server: Server) -> None:
    url = server.body("/cal.ics", GOOGLE)
    assert Fetcher(allow_private=True, max_bytes=len(GOOGLE)).get(url) == GOOGLE
    with pytest.raises(ImportFailed, match="larger than"):
        Fetcher(allow_private=True, max_bytes=len(GOOGLE) - 1).get(url)


def test_a_large_file_on_disk_is_refused(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "big.ics"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024 + 1)  # sparse: no real 50 MB written
    with pytest.raises(ImportFailed, match="larger than 10 MB"):
        CalendarFiles().read(str(path))
