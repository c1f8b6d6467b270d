"""A large Apple Health export through the server: memory stays under 300 MB."""

from __future__ import annotations

import http.client
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.integration.importers import synthetic
from tests.integration.security.conftest import Database, StartServer

#: step samples in the export (two sources, one a minute): ~18 MB of XML
SAMPLES = 60_000


def _write_export(path: Path) -> None:
    start = datetime(2023, 1, 1, tzinfo=timezone(timedelta(hours=1)))
    with path.open("w", encoding="utf-8") as out:
        out.write(
            synthetic.HEADER
            + '<HealthData locale="en_NL">\n<ExportDate value="2024-04-01 08:10:05 +0200"/>\n<Me/>\n'
        )
        for i in range(SAMPLES // 2):
            moment = start + timedelta(minutes=i)
            steps = 112 if i % 90 < 25 else 20
            out.write(synthetic.step(synthetic.WATCH, moment, 60, steps))
            out.write(synthetic.step(synthetic.PHONE, moment, 60, steps))
        out.write("</HealthData>\n")


def test_a_large_apple_health_export_stays_under_300_mb(
    start_server: StartServer, tmp_path: Path
) -> None:
    # SQLite only: the importer's memory does not depend on the database
    database = Database("sqlite", f"sqlite:///{tmp_path}/upright.db")
    export = tmp_path / "export.xml"
    _write_export(export)
    server = start_server(database)
    client = server.client()
    assert client.signup("health@example.org").status == 201
    csrf = client.fetch_csrf()
    head = (
        b'--x\r\nContent-Disposition: form-data; name="files"; filename="export.xml"\r\n'
        b"Content-Type: application/xml\r\n\r\n"
    )
    tail = b"\r\n--x--\r\n"

    def body():  # type: ignore[no-untyped-def]
        yield head
        with export.open("rb") as fh:
            while block := fh.read(1 << 20):
                yield block
        yield tail

    length = len(head) + export.stat().st_size + len(tail)
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)
    cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
    conn.request(
        "POST", "/api/imports", body=body(),
        headers={"Content-Type": "multipart/form-data; boundary=x", "X-CSRF-Token": csrf,
                 "Cookie": cookie, "Content-Length": str(length)},
    )  # fmt: skip
    response = conn.getresponse()
    text = response.read()
    conn.close()
    assert response.status == 200, text[:500]
    peak = server.peak_mb()
    assert peak < 300, peak
