"""Where each keyframe's figure stands: on the floor, its anchor joint kept in place (pure).

The renderer and the pose checks share this, so what the tests measure is what is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from upright.domain.catalog.figure import (
    REACH,
    SEGMENTS,
    Angles,
    Point,
    joint_positions,
    relative_angles,
    segment_angles,
)
from upright.domain.catalog.poses import LevelPose

#: the floor line: the figure's lowest outline rests on it (y = 0, y up)
FLOOR = 0.0
#: samples per move between keyframes; each is set on the floor, so feet stay planted
STEPS = 6
#: the short pause at a keyframe that is not the hold, seconds
PAUSE = 0.4


@dataclass(frozen=True)
class Staged:
    name: str
    angles: Angles  # absolute segment angles
    relative: Angles  # each segment against its parent, unwrapped frame to frame
    hip: Point  # where the hip is drawn
    joints: dict[str, Point]  # every joint where it is drawn


def lowest(joints: dict[str, Point]) -> float:
    """The lowest point of the figure's outline."""
    return min(y - REACH[j] for j, (_, y) in joints.items())


def _placed(name: str, angles: Angles, relative: Angles, pose: LevelPose, anchor: Point) -> Staged:
    """The figure set down: its anchor at ``anchor[0]``, its lowest point on the floor.

    On equipment (``lift`` above the floor: a bike, an elliptical) the hip keeps the height
    ``anchor[1]`` instead, so the rider sits still while the legs go round.
    """
    loose = joint_positions(angles)
    if pose.lift > 0:
        dy = anchor[1]
    else:
        dy = FLOOR - lowest(loose)
    hip = (anchor[0] - loose[pose.anchor][0], dy)
    return Staged(name, angles, relative, hip, joint_positions(angles, hip))


def _anchor(pose: LevelPose) -> Point:
    """Where the first keyframe puts the anchor's x and the hip's height."""
    loose = joint_positions(segment_angles(dict(pose.frames[0].keys)))
    return loose[pose.anchor][0], FLOOR + pose.lift - lowest(loose)


def _absolute(relative: Angles) -> Angles:
    out: Angles = {}
    for seg in SEGMENTS:
        out[seg.name] = relative[seg.name] + (out[seg.parent] if seg.parent else 0.0)
    return out


def stage(pose: LevelPose) -> tuple[Staged, ...]:
    """Every keyframe placed: resting on the floor (or ``lift`` above it), anchor held still."""
    out: list[Staged] = []
    anchor = _anchor(pose)
    previous: Angles | None = None
    for frame in pose.frames:
        angles = segment_angles(dict(frame.keys))
        relative = relative_angles(angles)
        if previous is not None:
            # the shortest turn from the frame before, so nothing spins the long way round
            relative = {k: previous[k] + _nearest(v - previous[k]) for k, v in relative.items()}
        previous = relative
        out.append(_placed(frame.name, angles, relative, pose, anchor))
    return tuple(out)


def _nearest(delta: float) -> float:
    while delta > 180:
        delta -= 360
    while delta < -180:
        delta += 360
    return delta


def _ease(p: float) -> float:
    return p * p * (3 - 2 * p)


def motion(pose: LevelPose) -> tuple[list[float], tuple[Staged, ...]]:
    """The whole loop as timed samples: each keyframe's pause, then STEPS steps to the next.

    Every sample is placed on the floor with its anchor still, so between keyframes the
    feet stay planted and nothing dips through the floor (the joints' turns stay straight
    interpolations of the keyframes, eased in and out).
    """
    keys = stage(pose)
    anchor = _anchor(pose)
    cycle = pose.hold_seconds == 0  # walking, cycling: one smooth cycle, no pauses
    times: list[float] = []
    samples: list[Staged] = []
    t = 0.0
    for i, key in enumerate(keys):
        pause = 0.0 if cycle else pose.hold_seconds if key.name == "hold" else PAUSE
        times.append(t)
        samples.append(key)
        if pause:
            t += pause
            times.append(t)
            samples.append(key)
        after = keys[(i + 1) % len(keys)]
        target = {k: v + _nearest(after.relative[k] - v) for k, v in key.relative.items()}
        for step in range(1, STEPS):
            p = _ease(step / STEPS)
            relative = {k: v + (target[k] - v) * p for k, v in key.relative.items()}
            samples.append(_placed(key.name, _absolute(relative), relative, pose, anchor))
            times.append(t + pose.move_seconds * step / STEPS)
        t += pose.move_seconds
    times.append(t)
    samples.append(keys[0])
    return times, tuple(samples)
