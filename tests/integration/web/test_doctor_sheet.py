"""The clearance sheet page and PDF, and entering the clinician's answers on the web."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.integration.web.conftest import form_tokens, onboard


def _week_ids(client: TestClient) -> set[str]:
    plan: dict[str, Any] = client.get("/api/plan").json()
    return {i["id"] for d in plan["days"] for i in d["items"]}


def test_the_sheet_page_shows_answers_program_pictures_and_boxes(client: TestClient) -> None:
    onboard(client, conditions=["isthmic_spondylolisthesis"], clearance="not_yet")
    page = client.get("/sheet")
    assert page.status_code == 200
    html = page.text
    assert "Isthmic spondylolisthesis" in html and "Bending backwards" in html
    assert "<svg" in html  # the exercise pictures are inside the page
    assert "Cleared with restrictions" in html and "Valid until" in html
    assert 'href="/doctor/print.css"' in html
    assert client.get("/doctor/print.css").headers["content-type"].startswith("text/css")


def test_the_sheet_pdf_downloads(client: TestClient) -> None:
    onboard(client)
    response = client.get("/sheet.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert "attachment" in response.headers["content-disposition"]


def _enter(client: TestClient, **fields: Any) -> Any:
    tokens = form_tokens(client.get("/doctor").text)
    return client.post("/clearance", data={**fields, **tokens}, follow_redirects=False)


def test_entering_restrictions_changes_the_plan_at_once_and_is_recorded(
    client: TestClient,
) -> None:
    onboard(client, conditions=["nonspecific_chronic"], clearance="not_yet")
    assert "bird_dog" not in _week_ids(client)
    response = _enter(
        client, clearance="cleared_with_restrictions", restrictions=["no_supine"],
        avoid_exercises=["side_bridge"], max_walk_minutes="10", by="Dr Rivera",
        valid_until="2027-06-30",
    )  # fmt: skip
    assert response.status_code == 303
    ids = _week_ids(client)
    assert "bird_dog" in ids and "side_bridge" not in ids and "glute_bridge" not in ids
    plan = client.get("/api/plan").json()
    walks = [i["dose"]["minutes"] for d in plan["days"] for i in d["items"] if i["id"] == "walking"]
    assert walks and max(walks) <= 10
    page = client.get("/doctor").text
    assert "Dr Rivera" in page and "No lying on the back" in page and "avoid Side bridge" in page


def test_a_valid_until_in_the_past_is_refused_and_nothing_changes(client: TestClient) -> None:
    onboard(client, clearance="not_yet")
    before = _week_ids(client)
    response = _enter(client, clearance="cleared", by="Dr Rivera", valid_until="2020-01-01")
    assert response.status_code == 422
    assert "is in the past" in response.text
    assert _week_ids(client) == before
    assert "Answers entered so far" not in client.get("/doctor").text


def test_the_report_page_and_pdf(client: TestClient) -> None:
    onboard(client)
    page = client.get("/report")
    assert page.status_code == 200 and "Progress report" in page.text
    assert "Prompts for review" in page.text and "own notes" not in page.text
    assert "own notes" in client.get("/report?notes=1").text
    pdf = client.get("/report.pdf?notes=1")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


def test_a_bad_report_date_is_refused_with_the_field(client: TestClient) -> None:
    onboard(client)
    response = client.get("/report?from=yesterday")
    assert response.status_code == 422 and "not a date" in response.text
