"""Exercise pictures: every level has poses that a human body can take, drawn as safe SVG.

The checks run on the staged keyframes (where the renderer draws each joint) and on the SVG
itself. Joint limits are in ``figure.RANGES`` (AAOS normal values, Norkin & White).
"""

from __future__ import annotations

import math

import pytest
from defusedxml import ElementTree

from upright.adapters.data_files import load_catalog, load_poses
from upright.domain.catalog import picture
from upright.domain.catalog.figure import (
    END_JOINT,
    REACH,
    SEGMENTS,
    joint_flexion,
    joint_positions,
    range_of,
)
from upright.domain.catalog.poses import LevelPose
from upright.domain.catalog.staging import FLOOR, Staged, motion, stage

CATALOG = load_catalog()
POSES = load_poses()
LEVELS = [(e.id, lv.level) for e in CATALOG.exercises for lv in e.levels]
SVG = "{http://www.w3.org/2000/svg}"
#: the most one drawing may weigh (the largest is about 9 KB)
MAX_BYTES = 16 * 1024
#: the smallest turn of one joint, degrees, that reads as a movement in a small picture
VISIBLE_TURN = 10.0
#: in a front view (lying on the side) limbs move across the picture: only the size is checked
FRONT_VIEW_SIGNLESS = ("hip", "knee", "ankle", "elbow", "shoulder")


def _pose(exercise_id: str, level: int) -> LevelPose:
    pose = POSES.get(exercise_id, level)
    assert pose is not None, f"{exercise_id} level {level} has no poses"
    return pose


def _joint_start(seg_name: str, staged: Staged) -> tuple[float, float]:
    parent = next(s.parent for s in SEGMENTS if s.name == seg_name)
    return staged.hip if parent is None else staged.joints[END_JOINT[parent]]


def test_every_level_of_every_exercise_has_poses() -> None:
    missing = [key for key in LEVELS if POSES.get(*key) is None]
    assert missing == []
    assert set(POSES.poses) == set(LEVELS)


@pytest.mark.parametrize(("exercise_id", "level"), LEVELS)
def test_keyframes_start_and_hold_with_a_described_movement(exercise_id: str, level: int) -> None:
    pose = _pose(exercise_id, level)
    names = [f.name for f in pose.frames]
    assert names[0] == "start" and "hold" in names
    assert len(pose.says) > 40 and pose.says.endswith(".")
    assert pose.title.startswith(CATALOG.get(exercise_id).name)  # type: ignore[union-attr]


@pytest.mark.parametrize(("exercise_id", "level"), LEVELS)
def test_limbs_keep_their_lengths_in_every_keyframe(exercise_id: str, level: int) -> None:
    for staged in stage(_pose(exercise_id, level)):
        for seg in SEGMENTS:
            start = _joint_start(seg.name, staged)
            end = staged.joints[END_JOINT[seg.name]]
            assert math.dist(start, end) == pytest.approx(seg.length, abs=1e-6), (
                staged.name,
                seg.name,
            )


@pytest.mark.parametrize(("exercise_id", "level"), LEVELS)
def test_joints_stay_within_human_ranges(exercise_id: str, level: int) -> None:
    pose = _pose(exercise_id, level)
    for staged in stage(pose):
        for joint, angle in joint_flexion(staged.angles).items():
            limits = range_of(joint)
            kind = joint.split("_", 1)[-1]
            if pose.view == "front" and kind in FRONT_VIEW_SIGNLESS:
                assert abs(angle) <= limits.high, (staged.name, joint, round(angle))
            else:
                assert limits.low <= angle <= limits.high, (staged.name, joint, round(angle))


def _between(a: Staged, b: Staged) -> dict[str, tuple[float, float]]:
    """The figure halfway from one sample to the next, as the animation draws it."""
    angles: dict[str, float] = {}
    for seg in SEGMENTS:
        turn = (a.relative[seg.name] + b.relative[seg.name]) / 2
        angles[seg.name] = turn + (angles[seg.parent] if seg.parent else 0.0)
    hip = ((a.hip[0] + b.hip[0]) / 2, (a.hip[1] + b.hip[1]) / 2)
    return joint_positions(angles, hip)


@pytest.mark.parametrize(("exercise_id", "level"), LEVELS)
def test_nothing_passes_through_the_floor(exercise_id: str, level: int) -> None:
    pose = _pose(exercise_id, level)
    _, samples = motion(pose)
    for s in samples:
        lowest = min(y - REACH[j] for j, (_, y) in s.joints.items())
        if pose.lift == 0:  # resting on the floor, not floating
            assert lowest == pytest.approx(FLOOR, abs=1e-6), s.name
        else:  # on a bike or an elliptical the feet ride the pedals, above the floor
            assert lowest > FLOOR, s.name
    # between two samples the animation turns joints straight: at most a sliver sinks
    for a, b in zip(samples, samples[1:], strict=False):
        for joint, (_, y) in _between(a, b).items():
            assert y - REACH[joint] >= FLOOR - 1.5, (a.name, b.name, joint)


@pytest.mark.parametrize(("exercise_id", "level"), LEVELS)
def test_start_and_hold_differ_visibly(exercise_id: str, level: int) -> None:
    staged = {s.name: s for s in stage(_pose(exercise_id, level))}
    start, hold = staged["start"].angles, staged["hold"].angles
    biggest = max(abs(start[k] - hold[k]) for k in start)
    assert biggest > VISIBLE_TURN


def _check_svg(text: str) -> ElementTree.Element:
    root = ElementTree.fromstring(text)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert len(root.get("viewBox", "").split()) == 4
    assert root.get("width") is None and root.get("height") is None  # sized by the page
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and (title.text or "").strip()
    assert desc is not None and (desc.text or "").strip()
    for el in root.iter():
        name = el.tag.rsplit("}", 1)[-1]
        assert name not in {"script", "image", "foreignObject", "iframe", "use", "style"}, name
        assert not any(a.lower().startswith("on") for a in el.attrib), name
    assert "http" not in text.replace("http://www.w3.org/2000/svg", "")
    return root


@pytest.mark.parametrize(("exercise_id", "level"), LEVELS)
def test_svg_is_well_formed_with_an_animation_and_a_still_pair(
    exercise_id: str, level: int
) -> None:
    pose = _pose(exercise_id, level)
    for svg in (picture.animated(pose), picture.still(pose)):
        assert len(svg.encode()) < MAX_BYTES  # a day of five items stays a light page
    moving = _check_svg(picture.animated(pose))
    assert "pose-anim" in (moving.get("class") or "")
    animations = moving.findall(f".//{SVG}animateTransform")
    assert animations, "nothing moves"
    assert all(a.get("repeatCount") == "indefinite" for a in animations)
    durations = {a.get("dur") for a in animations}
    assert len(durations) == 1  # every joint on one clock
    still = _check_svg(picture.still(pose))
    assert "pose-still" in (still.get("class") or "")
    assert not still.findall(f".//{SVG}animateTransform")
    assert [t.text for t in still.iter(f"{SVG}text")] == ["Start", "Hold"]


def test_the_loop_lasts_the_dose_hold_at_the_exercise_pace() -> None:
    side_bridge = _pose("side_bridge", 2)  # 10 s holds: shown for 6 s
    moving = ElementTree.fromstring(picture.animated(side_bridge))
    dur = float(next(moving.iter(f"{SVG}animateTransform")).get("dur", "0s")[:-1])
    assert dur == pytest.approx(0.4 + 1.5 + 6.0 + 1.5)
    bridge = _pose("glute_bridge", 1)  # 3 s holds
    assert bridge.hold_seconds == 3.0
