"""The figure behind the exercise pictures: a side-view skeleton and its forward kinematics.

Pure. Angles are degrees in the picture, counter-clockwise, 0 pointing right and 90 up (y up).
Each segment's angle is absolute (the direction it points in the picture); the figure's front is
90° clockwise from its trunk, so a standing figure faces right, lying on the back has the head to
the left and lying face down has the head to the right.

Proportions follow Drillis & Contini's segment lengths as fractions of body height (as tabled in
Winter, *Biomechanics and Motor Control of Human Movement*), with the height 100 units.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

SIDES: Final = ("near", "far")
#: keys a keyframe may set; a limb key without a side sets both sides
TRUNK_KEYS: Final = ("trunk", "spine", "head")
LIMB_KEYS: Final = ("upper_arm", "forearm", "thigh", "shin", "foot")


@dataclass(frozen=True)
class Segment:
    name: str
    parent: str | None  # the segment whose far end this one starts from (None: the hip)
    length: float
    r0: float  # half thickness at the start
    r1: float  # half thickness at the end
    layer: str  # "far", "body" or "near": drawing order, far side first


def _limbs(side: str) -> tuple[Segment, ...]:
    return (
        Segment(f"{side}_upper_arm", "chest", 18.6, 3.3, 2.7, side),
        Segment(f"{side}_forearm", f"{side}_upper_arm", 16.0, 2.6, 2.0, side),
        Segment(f"{side}_thigh", None, 24.5, 5.2, 3.8, side),
        Segment(f"{side}_shin", f"{side}_thigh", 24.6, 3.7, 2.4, side),
        Segment(f"{side}_foot", f"{side}_shin", 11.0, 2.3, 1.6, side),
    )


#: the skeleton, parents before children. The trunk is two halves so the spine can bend.
SEGMENTS: Final[tuple[Segment, ...]] = (
    Segment("pelvis", None, 14.0, 6.6, 6.0, "body"),
    Segment("chest", "pelvis", 14.5, 6.4, 6.8, "body"),
    Segment("neck", "chest", 10.5, 2.6, 2.6, "body"),
    *_limbs("far"),
    *_limbs("near"),
)
BY_NAME: Final = {s.name: s for s in SEGMENTS}
HEAD_RADIUS: Final = 6.4
HAND_RADIUS: Final = 2.4
#: joint name -> the segment whose far end it is
JOINTS: Final = {
    "waist": "pelvis",
    "shoulder": "chest",
    "head": "neck",
    **{f"{s}_{j}": f"{s}_{seg}" for s in SIDES for j, seg in (
        ("elbow", "upper_arm"), ("wrist", "forearm"), ("knee", "thigh"), ("ankle", "shin"),
        ("toe", "foot"),
    )},
}  # fmt: skip
#: segment name -> the joint at its far end
END_JOINT: Final = {segment: joint for joint, segment in JOINTS.items()}
#: how far each joint's outline reaches beyond its centre (for the floor test and grounding)
REACH: Final = {
    "hip": 6.6,
    "waist": 6.4,
    "shoulder": 6.8,
    "head": HEAD_RADIUS,
    **{f"{s}_{j}": r for s in SIDES for j, r in (
        ("elbow", 2.7), ("wrist", HAND_RADIUS), ("knee", 3.8), ("ankle", 2.4), ("toe", 1.6),
    )},
}  # fmt: skip

Angles = dict[str, float]  # segment name -> absolute angle
Point = tuple[float, float]


def segment_angles(keys: dict[str, float]) -> Angles:
    """Absolute angle of every segment from a full keyframe (trunk, spine, head, sided limbs)."""
    trunk, spine = keys["trunk"], keys["spine"]
    # spine > 0 bends forward (flexion): the chest turns towards the front, i.e. clockwise
    out = {"pelvis": trunk + spine / 2, "chest": trunk - spine / 2, "neck": keys["head"]}
    for side in SIDES:
        for limb in LIMB_KEYS:
            out[f"{side}_{limb}"] = keys[f"{side}_{limb}"]
    return out


def relative_angles(angles: Angles) -> Angles:
    """Each segment's angle relative to its parent (the hip's children: to the picture)."""
    out: Angles = {}
    for seg in SEGMENTS:
        base = angles[seg.parent] if seg.parent else 0.0
        out[seg.name] = wrap(angles[seg.name] - base)
    return out


def wrap(degrees: float) -> float:
    """The same angle in (-180, 180]."""
    d = math.fmod(degrees, 360.0)
    if d > 180:
        d -= 360
    elif d <= -180:
        d += 360
    return d


def joint_positions(angles: Angles, hip: Point = (0.0, 0.0)) -> dict[str, Point]:
    """Forward kinematics: every joint's position from the segment angles, hip at ``hip``."""
    ends: dict[str, Point] = {}
    for seg in SEGMENTS:
        x0, y0 = ends[seg.parent] if seg.parent else hip
        a = math.radians(angles[seg.name])
        ends[seg.name] = (x0 + seg.length * math.cos(a), y0 + seg.length * math.sin(a))
    out = {"hip": hip}
    out.update({joint: ends[seg] for joint, seg in JOINTS.items()})
    return out


def start_of(segment: str, joints: dict[str, Point]) -> Point:
    parent = BY_NAME[segment].parent
    if parent is None:
        return joints["hip"]
    return joints[next(j for j, s in JOINTS.items() if s == parent)]


def end_of(segment: str, joints: dict[str, Point]) -> Point:
    return joints[next(j for j, s in JOINTS.items() if s == segment)]


@dataclass(frozen=True)
class Ranges:
    """Joint angles a person can reach, degrees (positive = flexion, negative = extension)."""

    name: str
    low: float
    high: float


#: Limits used by the pose checks. Normal active ranges from the AAOS values (Greene & Heckman
#: 1994, as listed in Norkin & White, *Measurement of Joint Motion*): hip flexion 120, extension
#: 30; knee flexion 135 (160 passive, a deep squat or a knee hugged to the chest); elbow flexion
#: 150; shoulder flexion 180, extension 60; ankle dorsiflexion 20, plantarflexion 50; neck flexion
#: 45, extension 45; thoraco-lumbar flexion 80, extension 25. Straight joints may hyperextend a
#: few degrees (5); the spine gets 35 of extension because the two-part trunk lumps the hip's
#: last few degrees of a press-up into it; the hip gets 130 of flexion for a knee hugged in.
RANGES: Final = {
    "hip": Ranges("hip", -30, 130),
    "knee": Ranges("knee", -5, 160),
    "ankle": Ranges("ankle", -50, 25),
    "shoulder": Ranges("shoulder", -60, 180),
    "elbow": Ranges("elbow", -5, 150),
    "neck": Ranges("neck", -45, 50),
    "spine": Ranges("spine", -35, 80),
}


def joint_flexion(angles: Angles) -> dict[str, float]:
    """Anatomical joint angles (flexion positive) of a posed figure, for the range checks.

    In the picture the front is clockwise from the trunk, so hip and shoulder flexion turn the
    limb counter-clockwise from hanging along the trunk, knee flexion turns the shin clockwise
    from the thigh, elbow flexion turns the forearm counter-clockwise from the upper arm.
    """
    pelvis, chest = angles["pelvis"], angles["chest"]
    out = {"spine": wrap(pelvis - chest), "neck": wrap(chest - angles["neck"])}
    for side in SIDES:
        thigh, shin = angles[f"{side}_thigh"], angles[f"{side}_shin"]
        upper, fore = angles[f"{side}_upper_arm"], angles[f"{side}_forearm"]
        out[f"{side}_hip"] = wrap(thigh - (pelvis + 180))
        out[f"{side}_knee"] = wrap(thigh - shin)
        out[f"{side}_ankle"] = wrap(angles[f"{side}_foot"] - (shin + 90))
        shoulder = wrap(upper - (chest + 180))
        # an arm raised overhead is flexion past 180, never extension
        out[f"{side}_shoulder"] = shoulder + 360 if shoulder < -120 else shoulder
        out[f"{side}_elbow"] = wrap(fore - upper)
    return out


def range_of(joint: str) -> Ranges:
    return RANGES[joint.split("_", 1)[1] if joint.startswith(SIDES) else joint]
