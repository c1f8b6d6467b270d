"""One renderer for every exercise picture: pose data in, SVG text out (pure, no I/O).

``animated`` draws one figure that moves from the start to the hold and back at the
exercise's pace, with SMIL ``<animateTransform>`` on nested groups (forward kinematics: turning
the thigh carries the shin and foot). ``still`` draws the start and the hold side by side, for
print and for people who ask for reduced motion. Limbs are filled, tapered capsules; the far
side is drawn first in a lighter tone. The page's stylesheet chooses which of the two shows.
"""

from __future__ import annotations

from html import escape

from upright.domain.catalog.figure import (
    END_JOINT,
    HAND_RADIUS,
    HEAD_RADIUS,
    SEGMENTS,
    Segment,
)
from upright.domain.catalog.picture_props import Box, props_behind, props_in_front, scene_box
from upright.domain.catalog.poses import LevelPose
from upright.domain.catalog.staging import Staged, motion, stage

NS = "http://www.w3.org/2000/svg"
TONE = {"near": "#1f5f8b", "body": "#1f5f8b", "far": "#8fb4d0"}
LAYERS = ("far", "body", "near")
PAD = 6.0


def _n(value: float) -> str:
    """A short, stable number for SVG text."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _capsule(seg: Segment) -> str:
    """A tapered, rounded limb from the joint (0, 0) along +x to (length, 0)."""
    length, r0, r1 = seg.length, seg.r0, seg.r1
    return (
        f'<path d="M0 {_n(-r0)}L{_n(length)} {_n(-r1)}A{_n(r1)} {_n(r1)} 0 0 1 {_n(length)} '
        f'{_n(r1)}L0 {_n(r0)}A{_n(r0)} {_n(r0)} 0 0 1 0 {_n(-r0)}Z"/>'
    )


def _extras(seg: Segment, view: str) -> str:
    """The head on the neck, a hand at the end of a forearm (drawn at the segment's end)."""
    if seg.name == "neck":
        nose = (
            "" if view == "front" else f'<circle cx="1.2" cy="{_n(-HEAD_RADIUS + 0.6)}" r="1.7"/>'
        )
        return f'<circle cx="0" cy="0" r="{_n(HEAD_RADIUS)}"/>{nose}'
    if seg.name.endswith("forearm"):
        return f'<circle cx="0" cy="0" r="{_n(HAND_RADIUS)}"/>'
    return ""


def _children(name: str | None) -> list[Segment]:
    return [s for s in SEGMENTS if s.parent == name]


def _in_layer(seg: Segment, layer: str) -> bool:
    if seg.layer == layer:
        return True
    return any(_in_layer(c, layer) for c in _children(seg.name))


class _Clock:
    """The shared key times of one animation."""

    def __init__(self, times: list[float]) -> None:
        self.duration = times[-1]
        self.key_times = ";".join(_n(t / self.duration) for t in times)

    def _timing(self) -> str:
        return f'keyTimes="{self.key_times}" dur="{_n(self.duration)}s" repeatCount="indefinite"'

    def animate(self, kind: str, values: list[str]) -> str:
        if len(set(values)) == 1:
            return ""
        return (
            f'<animateTransform attributeName="transform" type="{kind}" '
            f'values="{";".join(values)}" {self._timing()}/>'
        )

    def animate_attr(self, attr: str, values: list[str]) -> str:
        if len(set(values)) == 1:
            return ""
        return f'<animate attributeName="{attr}" values="{";".join(values)}" {self._timing()}/>'


def _chain(seg: Segment, layer: str, staged: tuple[Staged, ...], clock: _Clock, view: str) -> str:
    turns = [_n(s.relative[seg.name]) for s in staged]
    inner = ""
    if seg.layer == layer:
        inner += _capsule(seg)
    kids = [c for c in _children(seg.name) if _in_layer(c, layer)]
    end = "".join(_chain(c, layer, staged, clock, view) for c in kids)
    if seg.layer == layer:
        end += _extras(seg, view)
    if end:
        inner += f'<g transform="translate({_n(seg.length)} 0)">{end}</g>'
    return f'<g transform="rotate({turns[0]})">{clock.animate("rotate", turns)}{inner}</g>'


def _figure_animated(staged: tuple[Staged, ...], clock: _Clock, view: str) -> str:
    moves = [f"{_n(s.hip[0])} {_n(s.hip[1])}" for s in staged]
    out = []
    for layer in LAYERS:
        roots = [s for s in SEGMENTS if s.parent is None and _in_layer(s, layer)]
        body = "".join(_chain(s, layer, staged, clock, view) for s in roots)
        out.append(
            f'<g class="pose-{layer}" fill="{TONE[layer]}" transform="translate({moves[0]})">'
            f"{clock.animate('translate', moves)}{body}</g>"
        )
    return "".join(out)


def _figure_still(s: Staged, view: str) -> str:
    out = []
    for layer in LAYERS:
        parts = []
        for seg in SEGMENTS:
            if seg.layer != layer:
                continue
            x, y = s.hip if seg.parent is None else s.joints[END_JOINT[seg.parent]]
            parts.append(
                f'<g transform="translate({_n(x)} {_n(y)}) rotate({_n(s.angles[seg.name])})">'
                f'{_capsule(seg)}<g transform="translate({_n(seg.length)} 0)">'
                f"{_extras(seg, view)}</g></g>"
            )
        out.append(f'<g class="pose-{layer}" fill="{TONE[layer]}">{"".join(parts)}</g>')
    return "".join(out)


def _svg_start(
    width: float, height: float, title: str, says: str, css_class: str, ident: str
) -> str:
    return (
        f'<svg xmlns="{NS}" class="{css_class}" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'role="img" aria-labelledby="{ident}-t {ident}-d">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(says)}</desc>'
    )


def _world(box: Box, dx: float = 0.0) -> str:
    """Model coordinates (y up, floor at 0) into the picture (y down)."""
    return f'<g transform="translate({_n(PAD - box.left + dx)} {_n(box.top + PAD)}) scale(1 -1)">'


def animated(pose: LevelPose, ident: str = "pose") -> str:
    """The looping picture of one level, as SVG text."""
    times, staged = motion(pose)
    clock = _Clock(times)
    box = scene_box(pose, staged)
    height = box.height + 2 * PAD
    # never narrower than 4:3, so a standing figure does not tower over the page
    width = max(box.width + 2 * PAD, height * 4 / 3)
    return (
        _svg_start(width, height, pose.title, pose.says, "pose-anim", ident)
        + _world(box, (width - box.width - 2 * PAD) / 2)
        + props_behind(pose, box, staged, clock.animate_attr)
        + _figure_animated(staged, clock, pose.view)
        + props_in_front(pose, box, staged, clock.animate_attr)
        + "</g></svg>"
    )


def still(pose: LevelPose, ident: str = "pose-still") -> str:
    """The start and the hold side by side, labelled, as SVG text (for print, reduced motion)."""
    staged = stage(pose)
    first, hold = staged[0], next(s for s in staged if s.name == "hold")
    pair = (first, hold)
    box = scene_box(pose, staged)
    height = box.height + 2 * PAD
    # a tall figure gets a wider panel, so the pair and its labels keep a readable size
    panel = max(box.width + 2 * PAD, height * 0.9)
    centre = (panel - box.width - 2 * PAD) / 2
    gap = 14.0
    font = max(7.0, height * 0.085)
    label_y = height + font
    out = [
        _svg_start(panel * 2 + gap, height + font * 1.4, pose.title, pose.says, "pose-still", ident)
    ]
    for i, s in enumerate(pair):
        out.append(_world(box, i * (panel + gap) + centre))
        out.append(props_behind(pose, box, (s,), None))
        out.append(_figure_still(s, pose.view))
        out.append(props_in_front(pose, box, (s,), None))
        out.append("</g>")
    mid = panel + gap / 2
    arrow_y = height / 2
    out.append(
        f'<path d="M{_n(mid - 5)} {_n(arrow_y)}h9m-4 -4 4 4 -4 4" fill="none" stroke="#5b6b80" '
        'stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/>'
    )
    out.append(
        f'<g fill="#33414f" font-family="system-ui, sans-serif" font-size="{_n(font)}" '
        'text-anchor="middle">'
        f'<text x="{_n(panel / 2)}" y="{_n(label_y)}">Start</text>'
        f'<text x="{_n(panel * 1.5 + gap)}" y="{_n(label_y)}">Hold</text></g></svg>'
    )
    return "".join(out)
