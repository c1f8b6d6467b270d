"""Importing device files from the browser and the API: stored once, names kept, failures shown."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.integration.web.conftest import form_tokens, onboard

pytest.importorskip("upright.services.imports", reason="imports are another issue's work")

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "real"
WALK = FIXTURES / "fit" / "fitparse__garmin-fenix-5-walk.fit"


def test_upload_through_the_page_then_again_through_the_api(client: TestClient) -> None:
    onboard(client)
    page = client.get("/import").text
    assert 'enctype="multipart/form-data"' in page
    # the CSRF token is in the form's address too: it is checked before the body is read
    action = html.unescape(re.findall(r'action="(/import[^"]*)"', page)[0])
    assert "csrf_token=" in action
    response = client.post(
        action,
        data=form_tokens(page),
        files=[("files", ("my walk.fit", WALK.read_bytes(), "application/octet-stream"))],
    )
    assert response.status_code == 200, response.text
    assert "my walk.fit" in response.text and "imported" in response.text
    assert "/tmp/" not in response.text and "upright-upload-" not in response.text
    again = client.post("/api/imports", files=[("files", ("walk.fit", WALK.read_bytes()))],
                        headers={"X-CSRF-Token": form_tokens(page)["csrf_token"]})  # fmt: skip
    assert again.status_code == 200
    assert again.json()["files"][0]["status"] == "already_imported"
    assert client.get("/api/export").json()["activities"]


def test_a_broken_file_is_reported_not_a_500(client: TestClient) -> None:
    onboard(client)
    token = form_tokens(client.get("/import").text)["csrf_token"]
    response = client.post(
        "/api/imports", files=[("files", ("junk.gpx", b"<gpx><not-closed"))],
        headers={"X-CSRF-Token": token},
    )  # fmt: skip
    assert response.status_code == 200
    report = response.json()["files"][0]
    assert report["status"] == "failed" and report["path"] == "junk.gpx"
    assert "junk.gpx" in report["error"]


def test_imports_without_a_csrf_header_are_refused(client: TestClient) -> None:
    onboard(client)
    response = client.post("/api/imports", files=[("files", ("walk.fit", WALK.read_bytes()))])
    assert response.status_code == 403
