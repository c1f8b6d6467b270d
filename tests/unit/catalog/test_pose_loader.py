"""The pose loader refuses a broken file with a message naming the exercise, level and field."""

from __future__ import annotations

import math

import pytest
from defusedxml import ElementTree
from hypothesis import given, settings
from hypothesis import strategies as st

from upright.adapters.data_files import load_catalog
from upright.domain.catalog import picture
from upright.domain.catalog.figure import END_JOINT, SEGMENTS, joint_positions, segment_angles
from upright.domain.catalog.poses import ALL_KEYS, BASES, parse_poses
from upright.domain.errors import CatalogError

CATALOG = load_catalog()
GOOD = """
[[pose]]
exercise = "pelvic_tilt"
base = "lying_back"
props = ["mat"]
says = "Lying on your back with your knees bent, you tip your pelvis to flatten your back."
start = { thigh = 45, shin = -61, foot = -4 }
hold = { trunk = 188, spine = 16 }

[[pose.level]]
level = 1

[[pose.level]]
level = 2

[[pose.level]]
level = 3
hold = { trunk = 190, spine = 20 }
"""


def _load(text: str) -> None:
    parse_poses({"mobility.toml": text}, CATALOG)


def test_a_good_file_gives_every_level_its_frames() -> None:
    book = parse_poses({"mobility.toml": GOOD}, CATALOG)
    one, three = book.get("pelvic_tilt", 1), book.get("pelvic_tilt", 3)
    assert one is not None and three is not None
    assert one.frame("start").keys["near_thigh"] == 45  # "thigh" set both sides
    assert one.frame("hold").keys["near_thigh"] == 45  # the hold starts from the start
    assert one.frame("hold").keys["spine"] == 16
    assert three.frame("hold").keys["spine"] == 20  # a level changes only what it names
    assert three.hold_seconds == 3.0 and one.hold_seconds == 0.4  # from the dose
    assert set(one.frame("start").keys) == set(ALL_KEYS)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("hold = { trunk = 190, spine = 20 }", "hold = { thigh_near = 20 }"),
         "mobility.toml: pelvic_tilt level 3 frame 'hold': unknown joint 'thigh_near'"),
        (("hold = { trunk = 190, spine = 20 }", 'hold = { trunk = "up" }'),
         "pelvic_tilt level 3 frame 'hold': 'trunk' must be an angle in degrees"),
        (("hold = { trunk = 190, spine = 20 }", "hold = { trunk = 400 }"),
         "'trunk' = 400 is not between -360 and 360 degrees"),
        (('base = "lying_back"', 'base = "hanging"'),
         "pelvic_tilt: 'base' = 'hanging' is unknown (allowed: standing, sitting"),
        (('props = ["mat"]', 'props = ["trampoline"]'),
         "pelvic_tilt: 'props' must list some of: mat, chair"),
        (('exercise = "pelvic_tilt"', 'exercise = "handstand"'),
         "mobility.toml: pose for unknown exercise 'handstand'"),
        (("[[pose.level]]\nlevel = 3\n", "[[pose.level]]\nlevel = 4\n"),
         "pelvic_tilt: needs one [[pose.level]] for each level, in order: [1, 2, 3]"),
        (('says = "Lying', 'sequence = ["start", "dip"]\nsays = "Lying'),
         "'sequence' must list frame names, starting with 'start', with 'hold'"),
        (("hold = { trunk = 190, spine = 20 }", "dip = { spine = -10 }"),
         "pelvic_tilt level 3: unknown key 'dip' (a frame must be named in 'sequence')"),
        (('says = "Lying on your back with your knees bent, you tip your pelvis to flatten your back."', 'says = " "'),
         "pelvic_tilt: 'says' must describe the movement in words"),
        (("[[pose]]", "[[pose]\n"), "mobility.toml: not valid TOML"),
    ],
)  # fmt: skip
def test_a_broken_file_is_refused_naming_where(change: tuple[str, str], message: str) -> None:
    old, new = change
    assert old in GOOD
    with pytest.raises(CatalogError) as caught:
        _load(GOOD.replace(old, new, 1))
    assert message in str(caught.value)


def test_a_level_twice_and_a_stray_table_are_refused() -> None:
    with pytest.raises(CatalogError, match="only \\[\\[pose\\]\\] tables belong here"):
        _load(GOOD + "\n[extra]\nx = 1\n")
    with pytest.raises(CatalogError, match="pelvic_tilt has poses twice"):
        parse_poses({"mobility.toml": GOOD, "core.toml": GOOD}, CATALOG)


ANGLE = st.floats(min_value=-360, max_value=360, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(BASES)), st.dictionaries(st.sampled_from(ALL_KEYS), ANGLE))
def test_forward_kinematics_keeps_every_limb_length(base: str, changes: dict[str, float]) -> None:
    angles = segment_angles({**BASES[base], **changes})
    joints = joint_positions(angles, (3.0, 40.0))
    for seg in SEGMENTS:
        start = joints["hip"] if seg.parent is None else joints[END_JOINT[seg.parent]]
        assert math.dist(start, joints[END_JOINT[seg.name]]) == pytest.approx(seg.length)


@settings(max_examples=25, deadline=None)
@given(st.dictionaries(st.sampled_from(ALL_KEYS), ANGLE, min_size=1))
def test_any_pose_renders_as_well_formed_svg(changes: dict[str, float]) -> None:
    """Whatever angles a file gives, the renderer writes SVG a browser can read."""
    inline = " ".join(f"{k} = {v!r}," for k, v in changes.items()).rstrip(",")
    text = GOOD.replace("hold = { trunk = 188, spine = 16 }", f"hold = {{ {inline} }}", 1)
    pose = parse_poses({"mobility.toml": text}, CATALOG).get("pelvic_tilt", 1)
    assert pose is not None
    for svg in (picture.animated(pose), picture.still(pose)):
        assert ElementTree.fromstring(svg).get("role") == "img"
