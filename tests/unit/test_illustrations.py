"""Exercise illustrations: one small, self-contained, accessible SVG per catalog exercise."""

from __future__ import annotations

from pathlib import Path

import pytest
from defusedxml import ElementTree

from upright.adapters.data_files import load_catalog

ILLUSTRATIONS = Path(__file__).resolve().parents[2] / "src/upright/web/static/illustrations"
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
MAX_BYTES = 6 * 1024

EXERCISE_IDS = sorted(e.id for e in load_catalog().exercises)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def test_catalog_has_exercises() -> None:
    assert len(EXERCISE_IDS) >= 30


def test_no_orphan_illustrations() -> None:
    names = {p.stem for p in ILLUSTRATIONS.glob("*.svg")}
    assert names - set(EXERCISE_IDS) == set()


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_illustration_is_a_safe_accessible_svg(exercise_id: str) -> None:
    path = ILLUSTRATIONS / f"{exercise_id}.svg"
    assert path.is_file(), f"missing illustration for {exercise_id}"
    data = path.read_bytes()
    assert len(data) < MAX_BYTES

    root = ElementTree.fromstring(data)
    assert root.tag == f"{SVG}svg"
    assert len(root.get("viewBox", "").split()) == 4
    assert root.get("role") == "img"
    # responsive: sized by the page, not by the file
    assert root.get("width") is None and root.get("height") is None

    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and (title.text or "").strip()
    assert desc is not None and (desc.text or "").strip()

    for el in root.iter():
        name = _local(el.tag)
        assert name not in {"script", "image", "foreignObject", "iframe", "use"}, name
        for attr, value in el.attrib.items():
            assert not _local(attr).lower().startswith("on"), (name, attr)
            if attr in ("href", XLINK_HREF):
                assert value.startswith("#"), (name, value)
            assert "url(" not in value or "url(#" in value, (name, attr, value)
        if el.get("font-size") is not None:
            assert float(el.get("font-size", "0")) >= 11, name
    text = data.decode("utf-8")
    assert "http://" not in text.replace("http://www.w3.org/", "")
    assert "https://" not in text
    assert "@import" not in text
