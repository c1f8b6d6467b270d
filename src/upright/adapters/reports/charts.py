"""Charts as standalone SVG text: the same function draws for the web page and a printed report.

No plotting library: a few rectangles and lines are all these charts need, and plain SVG keeps
the page small, works without JavaScript and prints sharply. Every chart is an accessible image
(``role="img"``, a title and a description that states the numbers). Colours pass WCAG AA
contrast on white; presentation attributes are used instead of ``style`` so a strict Content
Security Policy allows them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from xml.sax.saxutils import escape

INK = "#1b1b1b"
GRID = "#d0d0d0"
BAR = "#1f5f8b"
DONE = "#2e6b30"
PLANNED = "#b8cfe0"
GOAL = "#a63c00"
LINE = "#7a1f5c"
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"

#: drawn for a phone (about 360 px wide) so the text stays readable there; it scales up
_W, _H = 400, 230
_LEFT, _RIGHT, _TOP, _BOTTOM = 40, 10, 52, 30
#: the widest slot per bar: a single week is a bar, not a wall
_MAX_SLOT = 56


def _fmt(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def _nice_top(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2, 2.5, 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def _open(chart_id: str, title: str, desc: str, width: int, height: int) -> list[str]:
    cid = escape(chart_id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="chart" '
        f'aria-labelledby="{cid}-t {cid}-d" font-family="{FONT}" font-size="13">',
        f'<title id="{cid}-t">{escape(title)}</title>',
        f'<desc id="{cid}-d">{escape(desc)}</desc>',
        f'<text x="4" y="18" font-size="15" font-weight="bold" class="c-ink" fill="{INK}">{escape(title)}</text>',
    ]


def _axes(top: float, unit: str, width: int, height: int) -> list[str]:
    out = []
    plot_h = height - _TOP - _BOTTOM
    for n in range(5):
        value = top * n / 4
        y = height - _BOTTOM - plot_h * n / 4
        out.append(
            f'<line x1="{_LEFT}" x2="{width - _RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'class="c-grid" stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="c-ink" fill="{INK}">'
            f"{_fmt(value)}</text>"
        )
    out.append(
        f'<text x="4" y="{_TOP - 8}" class="c-ink" fill="{INK}" font-size="11">{escape(unit)}</text>'
    )
    return out


def _slot(labels: Sequence[str], width: int) -> float:
    return min(_MAX_SLOT, (width - _LEFT - _RIGHT) / max(1, len(labels)))


def _x_labels(labels: Sequence[str], width: int, height: int) -> list[str]:
    slot = _slot(labels, width)
    every = max(1, math.ceil(len(labels) * 48 / (width - _LEFT - _RIGHT)))  # never overlapping
    return [
        f'<text x="{_LEFT + slot * (i + 0.5):.1f}" y="{height - _BOTTOM + 17}" '
        f'text-anchor="middle" class="c-ink" fill="{INK}" font-size="12">{escape(label)}</text>'
        for i, label in enumerate(labels)
        if i % every == 0 or i == len(labels) - 1
    ]


def _y(value: float, top: float, height: int) -> float:
    return height - _BOTTOM - (height - _TOP - _BOTTOM) * min(value, top) / top


def bar_chart(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    goal: float | None = None,
    unit: str = "minutes",
    width: int = _W,
    height: int = _H,
) -> str:
    """One bar per label (None: no data), with an optional dashed goal line."""
    known = [v for v in values if v is not None]
    top = _nice_top(max([*known, goal or 0, 1]))
    desc = ", ".join(
        f"{label}: {'no data' if v is None else _fmt(v) + ' ' + unit}"
        for label, v in zip(labels, values, strict=True)
    )
    if goal is not None:
        desc += f". Goal: {_fmt(goal)} {unit}."
    out = _open(chart_id, title, desc, width, height) + _axes(top, unit, width, height)
    slot = _slot(labels, width)
    for i, value in enumerate(values):
        if value is None:
            continue
        y = _y(value, top, height)
        x = _LEFT + slot * i + slot * 0.18
        out.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.64:.1f}" '
            f'height="{height - _BOTTOM - y:.1f}" class="c-bar" fill="{BAR}"><title>{escape(labels[i])}: '
            f"{_fmt(value)} {escape(unit)}</title></rect>"
        )
    if goal is not None:
        y = _y(goal, top, height)
        out.append(
            f'<line x1="{_LEFT}" x2="{width - _RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="c-goal" stroke="{GOAL}" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
        )
        out.append(
            f'<text x="{width - _RIGHT}" y="{y - 5:.1f}" text-anchor="end" class="c-goal" fill="{GOAL}" '
            f'font-weight="bold">goal {_fmt(goal)}</text>'
        )
    out += _x_labels(labels, width, height)
    out.append("</svg>")
    return "".join(out)


def paired_bar_chart(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    planned: Sequence[float],
    done: Sequence[float],
    *,
    unit: str = "days",
    width: int = _W,
    height: int = _H,
) -> str:
    """Planned (light) and done (dark) side by side for each label: adherence at a glance."""
    top = _nice_top(max([*planned, *done, 1]))
    desc = ", ".join(
        f"{label}: {_fmt(d)} of {_fmt(p)} {unit}"
        for label, p, d in zip(labels, planned, done, strict=True)
    )
    out = _open(chart_id, title, desc, width, height) + _axes(top, unit, width, height)
    slot = _slot(labels, width)
    for i, (p, d) in enumerate(zip(planned, done, strict=True)):
        for offset, value, colour, what in ((0.14, p, PLANNED, "planned"), (0.5, d, DONE, "done")):
            y = _y(value, top, height)
            out.append(
                f'<rect x="{_LEFT + slot * (i + offset):.1f}" y="{y:.1f}" '
                f'width="{slot * 0.34:.1f}" height="{height - _BOTTOM - y:.1f}" class="c-{what}" fill="{colour}" '
                f'stroke="{BAR}" stroke-width="{1 if what == "planned" else 0}">'
                f"<title>{escape(labels[i])}: {_fmt(value)} {unit} {what}</title></rect>"
            )
    out += _legend(width, [(PLANNED, "planned"), (DONE, "done")])
    out += _x_labels(labels, width, height)
    out.append("</svg>")
    return "".join(out)


def line_chart(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    top: float = 10,
    unit: str = "pain 0-10",
    width: int = _W,
    height: int = _H,
) -> str:
    """A line with dots; a missing value breaks the line instead of inventing a point."""
    desc = ", ".join(
        f"{label}: {'no data' if v is None else _fmt(v)}"
        for label, v in zip(labels, values, strict=True)
    )
    out = _open(chart_id, title, desc, width, height) + _axes(top, unit, width, height)
    slot = _slot(labels, width)
    runs: list[list[tuple[float, float]]] = [[]]
    for i, value in enumerate(values):
        if value is None:
            runs.append([])
            continue
        runs[-1].append((_LEFT + slot * (i + 0.5), _y(value, top, height)))
    for run in runs:
        if len(run) > 1:
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            out.append(
                f'<polyline points="{points}" fill="none" class="c-line" stroke="{LINE}" stroke-width="2.5"/>'
            )
        for x, y in run:
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" class="c-line" fill="{LINE}"/>')
    out += _x_labels(labels, width, height)
    out.append("</svg>")
    return "".join(out)


def level_chart(
    chart_id: str,
    title: str,
    rows: Sequence[tuple[str, int, int]],
    *,
    width: int = _W,
) -> str:
    """Each exercise family's level out of its top level: the name, then a bar."""
    row_h = 42
    height = 34 + row_h * max(1, len(rows))
    desc = ", ".join(f"{name}: level {level} of {top}" for name, level, top in rows) or "none yet"
    out = _open(chart_id, title, desc, width, height)
    span = width - 4 - _RIGHT - 56
    for i, (name, level, top) in enumerate(rows):
        y = 34 + row_h * i
        out.append(f'<text x="4" y="{y + 12}" class="c-ink" fill="{INK}">{escape(name)}</text>')
        out.append(
            f'<rect x="4" y="{y + 18}" width="{span}" height="14" fill="none" class="c-grid" stroke="{GRID}"/>'
        )
        out.append(
            f'<rect x="4" y="{y + 18}" width="{span * level / max(top, 1):.1f}" height="14" '
            f'class="c-done" fill="{DONE}"/>'
        )
        out.append(
            f'<text x="{span + 12}" y="{y + 30}" class="c-ink" fill="{INK}">{level} of {top}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _legend(width: int, entries: Sequence[tuple[str, str]]) -> list[str]:
    """On the unit's line, right-aligned: long titles keep the top line to themselves."""
    out = []
    x = width - _RIGHT - 84 * len(entries)
    for colour, text in entries:
        out.append(
            f'<rect x="{x}" y="{_TOP - 25}" width="12" height="12" class="c-{text}" '
            f'fill="{colour}" stroke="{BAR}"/>'
        )
        out.append(
            f'<text x="{x + 16}" y="{_TOP - 14}" class="c-ink" fill="{INK}">{escape(text)}</text>'
        )
        x += 84
    return out
