"""Every HTML form, posted with random values (and a valid CSRF token): never a server error."""

from __future__ import annotations

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.integration.web.conftest import form_tokens, onboard

FORMS = {
    "/start": ["age", "conditions", "pain_now", "pain_weeks", "pregnancy_week", "red_flags",
               "clearance", "restrictions", "max_walk_minutes", "walk_minutes", "equipment",
               "prefers", "days", "minutes_per_day", "weeks_since_surgery"],
    "/profile/clearance": ["clearance", "restrictions", "max_walk_minutes"],
    "/today": ["date", "item", "pain_before", "pain_after", "effort", "note",
               "status.walking", "minutes.walking", "times.walking"],
    "/morning": ["date", "pain"],
    "/data/delete": ["confirm"],
}  # fmt: skip

VALUES = st.one_of(
    st.sampled_from(["", "0", "-1", "11", "1e9", "2026-11-24", "2026-13-40", "walking",
                     "cleared_with_restrictions", "pregnancy", "done", "null", "\x00", "ünï"]),
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
)  # fmt: skip


def _fuzz(client: TestClient, tokens: dict[str, str], action: str, fields: list[str]) -> None:
    @given(st.dictionaries(st.sampled_from(fields), st.lists(VALUES, max_size=3), max_size=6))
    @settings(max_examples=25, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    def post(data: dict[str, list[str]]) -> None:
        if action == "/data/delete":  # keep the data: the other posts need a profile
            data = {k: v for k, v in data.items() if "delete" not in "".join(v).lower()}
        response = client.post(action, data={**tokens, **data}, follow_redirects=False)
        assert response.status_code < 500, (action, data, response.text[-500:])

    post()


def test_random_form_posts_never_cause_a_server_error(client: TestClient) -> None:
    onboard(client)
    tokens = form_tokens(client.get("/today").text)
    for action, fields in FORMS.items():
        _fuzz(client, tokens, action, fields)
