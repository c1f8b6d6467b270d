"""Exercise pictures on the pages: drawn from the poses, moving or still, with words for them."""

from __future__ import annotations

import re

from defusedxml import ElementTree
from fastapi.testclient import TestClient

from tests.integration.web.conftest import onboard, today_items

SVG = "{http://www.w3.org/2000/svg}"


def _figure(html: str) -> str:
    found = re.search(r'<figure class="pose".*?</figure>', html, re.S)
    assert found, "no picture on the page"
    return found.group(0)


def test_exercise_page_shows_the_moving_picture_and_the_still_pair(client: TestClient) -> None:
    html = client.get("/exercises/side_bridge").text
    assert '<link rel="stylesheet" href="/static/poses.css">' in html
    figure = _figure(html)
    assert 'data-level="1"' in figure
    assert figure.count("<svg") == 2
    assert 'class="pose-anim"' in figure and 'class="pose-still"' in figure
    assert "<animateTransform" in figure
    # the words say what the body does, not just the exercise's name
    assert "you lift your hips until your head, hips and knees make one straight line" in figure
    assert "/static/illustrations/" not in html
    # each level can be shown; the one shown is marked
    assert 'href="?level=2#picture"' in html and "(shown in the picture)" in html


def test_a_chosen_level_is_shown_and_an_unknown_level_falls_back(client: TestClient) -> None:
    figure = _figure(client.get("/exercises/side_bridge?level=2").text)
    assert 'data-level="2"' in figure and "Side bridge from the feet" in figure
    assert "head, hips and feet make one straight line" in figure
    # walking has one level: asking for level 3 shows that one
    assert 'data-level="1"' in _figure(client.get("/exercises/walking?level=3").text)
    assert client.get("/exercises/side_bridge?level=0").status_code == 422
    assert client.get("/exercises/side_bridge?level=two").status_code == 422


def test_the_planned_level_is_the_one_shown(client: TestClient) -> None:
    onboard(client)
    for item in today_items(client):
        page = client.get(f"/exercises/{item['id']}").text
        assert f'data-level="{item.get("level") or 1}"' in _figure(page)


def test_today_shows_a_picture_for_every_item_with_the_stylesheet_once(
    client: TestClient,
) -> None:
    onboard(client)
    html = client.get("/today").text
    items = today_items(client)
    assert items
    assert html.count('<figure class="pose"') == len(items)
    assert html.count("/static/poses.css") == 1
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "element ids repeat on the page"


def test_the_still_pair_is_served_as_an_svg_file(client: TestClient) -> None:
    api = client.get("/api/exercises/side_bridge").json()
    assert api["illustration"] == "/exercises/side_bridge/picture.svg?level=1"
    assert "picture" not in api
    response = client.get("/exercises/side_bridge/picture.svg?level=2")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    root = ElementTree.fromstring(response.content)
    assert [t.text for t in root.iter(f"{SVG}text")] == ["Start", "Hold"]
    assert client.get("/exercises/side_bridge/picture.svg?level=9").status_code == 404
    assert client.get("/exercises/no_such_thing/picture.svg").status_code == 404


def test_the_stylesheet_swaps_to_the_still_pair_for_reduced_motion_and_print(
    client: TestClient,
) -> None:
    css = client.get("/static/poses.css").text
    for query in ("@media (prefers-reduced-motion: reduce)", "@media print"):
        block = css.split(query, 1)[1].split("@media", 1)[0]
        assert ".pose-anim { display: none; }" in block
        assert ".pose-still { display: block; }" in block
