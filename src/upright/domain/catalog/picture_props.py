"""The floor, the mat and the props around the figure (pure SVG text, model coordinates, y up).

Each prop is placed from the figure's own joints in the first keyframe (the chair under the
hip, the step under the heel, the wall at the hands), so a new exercise needs no coordinates.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from upright.domain.catalog.figure import HAND_RADIUS, HEAD_RADIUS, REACH, Point
from upright.domain.catalog.poses import LevelPose
from upright.domain.catalog.staging import FLOOR, Staged, stage

Animate = Callable[[str, list[str]], str] | None
PROP = 'fill="#c8d2dc" stroke="#8a97aa" stroke-width="0.8"'
MAT_DEPTH = 2.5
IN_FRONT = ("water", "strap", "band")


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class Box:
    left: float
    right: float
    bottom: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom


def _rect(x0: float, y0: float, x1: float, y1: float, extra: str = PROP, r: float = 0.8) -> str:
    x, y = min(x0, x1), min(y0, y1)
    return (
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(abs(x1 - x0))}" height="{_n(abs(y1 - y0))}" '
        f'rx="{_n(r)}" {extra}/>'
    )


def _figure_box(staged: tuple[Staged, ...]) -> Box:
    xs = [x + s * REACH[j] for st in staged for j, (x, _) in st.joints.items() for s in (-1, 1)]
    ys = [y + REACH[j] for st in staged for j, (_, y) in st.joints.items()]
    return Box(min(xs), max(xs), FLOOR, max(ys))


def _wall_x(staged: tuple[Staged, ...]) -> float:
    hands = ("near_wrist", "far_wrist", "near_elbow", "far_elbow")
    return max(st.joints[j][0] + REACH[j] for st in staged for j in hands)


def _counter(first: Staged) -> tuple[float, float]:
    x, y = first.joints["near_wrist"]
    return x - 4, y - HAND_RADIUS


def _bike(first: Staged) -> tuple[Point, Point, float]:
    near, far = first.joints["near_ankle"], first.joints["far_ankle"]
    crank = ((near[0] + far[0]) / 2, (near[1] + far[1]) / 2)
    return crank, first.joints["near_wrist"], math.dist(near, far) / 2


def scene_box(pose: LevelPose, staged: tuple[Staged, ...]) -> Box:
    """Everything drawn, in model coordinates: the figure in every frame and its props."""
    box = _figure_box(staged)
    left, right, top = box.left - 4, box.right + 4, box.top + 2
    first = staged[0]
    if "wall" in pose.props:
        right = max(right, _wall_x(staged) + 6)
    if "counter" in pose.props:
        right = max(right, _counter(first)[0] + 26)
    if "band" in pose.props:
        right = max(right, max(st.joints["near_wrist"][0] for st in staged) + 30)
    if "chair" in pose.props:
        left = min(left, first.hip[0] - 14)
    if "bike" in pose.props or "elliptical" in pose.props:
        crank, bar, _ = _bike(first)
        right = max(right, bar[0] + 12)
        left = min(left, first.hip[0] - 14)
    return Box(left, right, FLOOR - MAT_DEPTH - 3, max(top, 30.0))


def _line(a: list[Point], b: list[Point], animate: Animate, style: str) -> str:
    attrs = {"x1": [p[0] for p in a], "y1": [p[1] for p in a]}
    attrs.update({"x2": [p[0] for p in b], "y2": [p[1] for p in b]})
    head = " ".join(f'{k}="{_n(v[0])}"' for k, v in attrs.items())
    moves = "".join(animate(k, [_n(x) for x in v]) for k, v in attrs.items()) if animate else ""
    return f"<line {head} {style}>{moves}</line>" if moves else f"<line {head} {style}/>"


def props_behind(pose: LevelPose, box: Box, staged: tuple[Staged, ...], animate: Animate) -> str:
    """The floor, the mat and every prop the figure stands, sits or leans on.

    Props stand where the keyframes put them; ``staged`` are the frames being drawn.
    """
    keys = stage(pose)
    first = keys[0]
    floor = FLOOR - (MAT_DEPTH if "mat" in pose.props else 0)
    out = [
        f'<line class="pose-floor" x1="{_n(box.left)}" y1="{_n(floor)}" x2="{_n(box.right)}" '
        f'y2="{_n(floor)}" stroke="#8a97aa" stroke-width="1.2"/>'
    ]
    body = _figure_box(keys)
    if "mat" in pose.props:
        out.append(
            _rect(
                body.left - 2, floor, body.right + 2, FLOOR, 'class="pose-mat" fill="#b9cfe0"', 1.2
            )
        )
    if "pillow" in pose.props:
        x, _ = first.joints["waist"]
        out.append(f'<ellipse cx="{_n(x)}" cy="3" rx="11" ry="3.6" {PROP}/>')
    if "chair" in pose.props:
        hx, hy = first.hip
        seat = hy - REACH["hip"]
        out.append(_rect(hx - 10, seat - 2.5, hx + 10, seat))
        out.append(_rect(hx - 10, FLOOR, hx - 8, seat - 2.5, PROP, 0.4))
        out.append(_rect(hx + 8, FLOOR, hx + 10, seat - 2.5, PROP, 0.4))
        out.append(_rect(hx - 12, seat - 2.5, hx - 10, seat + 26, PROP, 0.8))
    if "wall" in pose.props:
        x = _wall_x(keys)
        out.append(_rect(x, FLOOR, x + 4, box.top, 'class="pose-wall" fill="#d7dee6"', 0))
    if "counter" in pose.props:
        x, y = _counter(first)
        out.append(
            _rect(x, FLOOR, x + 24, y - 3, 'fill="#d7dee6" stroke="#8a97aa" stroke-width="0.8"')
        )
        out.append(_rect(x - 1, y - 3, x + 25, y))
    if "step" in pose.props:
        x, y = first.joints["near_ankle"]
        out.append(_rect(x - 8, FLOOR, x + 12, y - REACH["near_ankle"]))
    if "doorway" in pose.props:
        hold = next(s for s in keys if s.name == "hold")
        x = hold.joints["near_ankle"][0] + REACH["near_ankle"]
        out.append(
            _rect(
                x,
                FLOOR,
                x + 4,
                box.top - 2,
                'fill="#d7dee6" stroke="#8a97aa" stroke-width="0.8"',
                0,
            )
        )
    if "bike" in pose.props:
        crank, bar, radius = _bike(first)
        hx, hy = first.hip
        seat = hy - REACH["hip"]
        style = 'stroke="#8a97aa" stroke-width="2.6" stroke-linecap="round"'
        out.append(_rect(hx - 12, FLOOR, bar[0] + 10, FLOOR + 3))
        out.append(_line([(hx - 2, seat - 2)], [(crank[0], FLOOR + 3)], None, style))
        out.append(_line([(crank[0], FLOOR + 3)], [(bar[0] + 2, bar[1] - 1)], None, style))
        out.append(_rect(hx - 7, seat - 2.5, hx + 6, seat, PROP, 1.2))
        out.append(f'<circle cx="{_n(bar[0] + 4)}" cy="{_n(FLOOR + 12)}" r="9" {PROP}/>')
        out.append(
            f'<circle cx="{_n(crank[0])}" cy="{_n(crank[1])}" r="{_n(radius)}" fill="none" '
            'stroke="#8a97aa" stroke-width="0.8" stroke-dasharray="2 2"/>'
        )
    if "elliptical" in pose.props:
        _, bar, _ = _bike(first)
        xs = [st.joints[f"{s}_ankle"][0] for st in keys for s in ("near", "far")]
        style = 'stroke="#8a97aa" stroke-width="2.6" stroke-linecap="round"'
        out.append(_rect(min(xs) - 10, FLOOR, bar[0] + 10, FLOOR + 3))
        out.append(_line([(bar[0] + 6, FLOOR + 3)], [(bar[0] + 1, bar[1])], None, style))
        out.append(_rect(min(xs) - 8, pose.lift - 2.5, max(xs) + 12, pose.lift - 0.5, PROP, 0.8))
    return "".join(out)


def props_in_front(pose: LevelPose, box: Box, staged: tuple[Staged, ...], animate: Animate) -> str:
    """What lies over the figure: the water line, a strap or band in the hands."""
    out = []
    if "strap" in pose.props:
        toes = [st.joints["near_toe"] for st in staged]
        hands = [st.joints["near_wrist"] for st in staged]
        out.append(_line(toes, hands, animate, 'stroke="#c0702a" stroke-width="1.4"'))
    if "band" in pose.props:
        hands = [st.joints["near_wrist"] for st in staged]
        keys = stage(pose)
        far = max(k.joints["near_wrist"][0] for k in keys) + 28
        anchor = [(far, keys[0].joints["near_wrist"][1])] * len(staged)
        out.append(_line(hands, anchor, animate, 'stroke="#c0702a" stroke-width="1.4"'))
        out.append(f'<circle cx="{_n(far)}" cy="{_n(anchor[0][1])}" r="1.6" fill="#8a97aa"/>')
    if "stick" in pose.props:
        tops, bottoms = [], []
        for st in staged:
            (hx, hy), (ex, ey) = st.hip, st.joints["head"]
            ang = math.atan2(ey - hy, ex - hx)
            bx, by = math.cos(ang + math.pi / 2), math.sin(ang + math.pi / 2)
            off = HEAD_RADIUS + 1.2
            bottoms.append((hx + bx * off - math.cos(ang) * 6, hy + by * off - math.sin(ang) * 6))
            tops.append((ex + bx * off + math.cos(ang) * 5, ey + by * off + math.sin(ang) * 5))
        out.append(
            _line(
                bottoms, tops, animate, 'stroke="#a8774a" stroke-width="1.8" stroke-linecap="round"'
            )
        )
    if "water" in pose.props:
        level = stage(pose)[0].joints["waist"][1] + 6
        out.append(
            _rect(box.left, FLOOR, box.right, level, 'fill="#6fb7e0" fill-opacity="0.35"', 0)
        )
    return "".join(out)
