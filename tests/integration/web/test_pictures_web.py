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


def _sources(figure: str) -> tuple[str, str]:
    """The moving picture's address and the still pair's (for reduced motion and print)."""
    moving = re.search(r'<img class="pose-img" src="([^"]+)"', figure)
    still = re.search(
        r'<source media="\(prefers-reduced-motion: reduce\), print" srcset="([^"]+)"', figure
    )
    assert moving and still, figure
    return moving.group(1), still.group(1)


def test_exercise_page_links_the_moving_picture_and_the_still_pair(client: TestClient) -> None:
    html = client.get("/exercises/side_bridge").text
    assert '<link rel="stylesheet" href="/static/poses.css">' in html
    figure = _figure(html)
    assert 'data-level="1"' in figure
    assert "<svg" not in figure  # a file the browser caches, not SVG inside the page
    moving, still = _sources(figure)
    assert moving.startswith("/pictures/side_bridge/1.svg?v=")
    assert still.startswith("/pictures/side_bridge/1-still.svg?v=")
    animated = client.get(moving)
    assert animated.headers["content-type"].startswith("image/svg+xml")
    assert 'class="pose-anim"' in animated.text and "<animateTransform" in animated.text
    assert 'class="pose-still"' in client.get(still).text
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


def test_today_links_a_picture_for_every_item_with_the_stylesheet_once(
    client: TestClient,
) -> None:
    onboard(client)
    html = client.get("/today").text
    items = today_items(client)
    assert items
    assert html.count('<figure class="pose"') == len(items)
    assert html.count("/static/poses.css") == 1
    assert "<animateTransform" not in html
    # the first picture loads at once; the ones further down when they come near
    assert html.count('loading="lazy"') == len(items) - 1
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "element ids repeat on the page"


def test_a_picture_file_is_cached_by_its_version_and_revalidated_by_etag(
    client: TestClient,
) -> None:
    moving, _ = _sources(_figure(client.get("/exercises/bird_dog?level=2").text))
    first = client.get(moving)
    assert first.status_code == 200
    tag = first.headers["etag"]
    assert moving.endswith("?v=" + tag.strip('"'))
    # the address carries the version, so a browser keeps it for a year without asking
    assert first.headers["cache-control"] == "public, max-age=31536000, immutable"
    # without the version (or an old one) it is kept a day, then asked again
    bare = client.get(moving.split("?")[0])
    assert bare.headers["cache-control"] == "public, max-age=86400"
    assert (
        client.get(moving.split("?")[0] + "?v=old").headers["cache-control"]
        == bare.headers["cache-control"]
    )
    again = client.get(moving, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    assert client.get(moving, headers={"If-None-Match": '"other"'}).status_code == 200
    # the still pair shares the version; every level of every exercise has its own
    assert _sources(_figure(client.get("/exercises/bird_dog?level=3").text))[0] != moving
    for bad in ("/pictures/bird_dog/9.svg", "/pictures/bird_dog/0.svg", "/pictures/nope/1.svg",
                "/pictures/bird_dog/1.png", "/pictures/bird_dog/1-moving.svg",
                "/pictures/bird_dog/..%2F1.svg"):  # fmt: skip
        assert client.get(bad).status_code == 404, bad


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


def test_the_stylesheet_turns_the_picture_with_the_dark_look_and_not_on_paper(
    client: TestClient,
) -> None:
    css = client.get("/static/poses.css").text
    dark = css.split("@media (prefers-color-scheme: dark)", 1)[1].split("@media", 1)[0]
    assert ':root:not([data-theme="light"]) .pose img { filter: invert(' in dark
    assert ':root[data-theme="dark"] .pose img { filter: invert(' in css
    paper = css.split("@media print", 1)[1]
    assert "filter: none" in paper
