"""The SVG charts: valid, accessible, honest about missing data."""

from __future__ import annotations

from defusedxml import ElementTree

from upright.adapters.reports import charts

SVG = "{http://www.w3.org/2000/svg}"


def _parse(text: str) -> ElementTree:
    return ElementTree.fromstring(text)


def test_bar_chart_is_valid_accessible_svg_with_the_goal() -> None:
    text = charts.bar_chart(
        "w", "Walking <minutes>", ["1 Nov", "8 Nov", "15 Nov"], [30, None, 95.5], goal=120
    )
    root = _parse(text)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Walking <minutes>"
    desc = root.find(f"{SVG}desc").text
    assert "8 Nov: no data" in desc and "95.5 minutes" in desc and "Goal: 120" in desc
    assert len(root.findall(f"{SVG}rect")) == 2  # no bar is invented for the missing week
    assert "style=" not in text  # a strict CSP forbids inline styles


def test_line_chart_breaks_at_missing_values() -> None:
    root = _parse(charts.line_chart("p", "Pain", ["a", "b", "c", "d"], [3, 4, None, 2]))
    assert len(root.findall(f"{SVG}polyline")) == 1 and len(root.findall(f"{SVG}circle")) == 3


def test_paired_and_level_charts() -> None:
    root = _parse(charts.paired_bar_chart("a", "Days", ["w1", "w2"], [3, 3], [2, 0]))
    assert "w2: 0 of 3 days" in root.find(f"{SVG}desc").text
    levels = _parse(charts.level_chart("l", "Levels", [("Side bridge", 2, 4)]))
    assert "Side bridge: level 2 of 4" in levels.find(f"{SVG}desc").text
    assert _parse(charts.bar_chart("e", "Empty", [], []))
