"""The outcome questions on the web: the form, a refused answer shown again, nothing stored."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.integration.web.conftest import form_tokens, onboard

FORM = {
    "back_pain_now": "5", "back_pain_week": "6", "leg_pain_now": "0", "leg_pain_week": "1",
    "peg_pain": "6", "peg_enjoyment": "4", "peg_activity": "5",
    "psfs_name_1": "putting on socks", "psfs_score_1": "4", "psfs_name_2": "", "psfs_score_2": "",
}  # fmt: skip


def _post(client: TestClient, **changes: str) -> object:
    tokens = form_tokens(client.get("/outcomes").text)
    return client.post("/outcomes", data={**FORM, **changes, **tokens}, follow_redirects=False)


def test_the_form_saves_and_then_says_what_comes_next(client: TestClient) -> None:
    onboard(client)
    page = client.get("/outcomes").text
    assert "The start questions" in page and "How bad is your back pain right now?" in page
    response = _post(client)
    assert response.status_code == 303  # type: ignore[attr-defined]
    after = client.get("/outcomes?saved=1").text
    assert "Saved." in after and "The 2 weeks questions open on" in after
    assert "putting on socks" in after or "5" in after


def test_a_half_finished_peg_is_shown_again_with_the_message(client: TestClient) -> None:
    onboard(client)
    response = _post(client, peg_activity="")
    assert response.status_code == 422  # type: ignore[attr-defined]
    body = response.text  # type: ignore[attr-defined]
    assert "The PEG needs all three questions answered" in body
    assert 'value="putting on socks"' in body  # what was typed stays
    assert "The start questions" in client.get("/outcomes").text  # still due: nothing stored


def test_out_of_range_is_refused(client: TestClient) -> None:
    onboard(client)
    response = _post(client, psfs_score_1="12")
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "out of range" in response.text  # type: ignore[attr-defined]
