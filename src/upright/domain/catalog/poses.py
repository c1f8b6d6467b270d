"""Poses as data: the keyframes of every level's picture, loaded and checked (pure).

The files live in ``catalog/data/poses/`` beside the catalog. Each ``[[pose]]`` names an
exercise, its base position, props and keyframes; each ``[[pose.level]]`` lists only what
changes from the level before (level 1: from the exercise's own frames). A keyframe sets
segment angles (see ``figure``) on top of the base position; every other frame starts from
the level's ``start``. The caller reads the files; any problem raises CatalogError naming the
file, the exercise, the level and the field.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from upright.domain.catalog.figure import LIMB_KEYS, REACH, SIDES, TRUNK_KEYS
from upright.domain.catalog.model import Catalog, Exercise, Level
from upright.domain.errors import CatalogError

POSE_FOLDER: Final = "poses"
POSE_FILES: Final = (
    "core.toml", "stretch.toml", "mobility.toml", "aerobic.toml", "balance.toml", "strength.toml",
)  # fmt: skip
ALL_KEYS: Final = (*TRUNK_KEYS, *(f"{s}_{k}" for s in SIDES for k in LIMB_KEYS))
PROPS: Final = (
    "mat", "chair", "wall", "step", "strap", "counter", "doorway", "band", "pillow", "stick",
    "bike", "elliptical", "water",
)  # fmt: skip
#: how a base position is drawn: the same figure seen from the side, or from the front for
#: lying on the side (so hips lifting off the floor read as a side bridge)
VIEWS: Final = ("side", "front")


def _both(**limbs: float) -> dict[str, float]:
    return {f"{s}_{k}": v for k, v in limbs.items() for s in SIDES}


#: the base positions: every segment angle, before a keyframe changes some
BASES: Final[dict[str, dict[str, float]]] = {
    "standing": {
        "trunk": 90, "spine": 0, "head": 90,
        **_both(thigh=-90, shin=-90, foot=0),
        # the far arm hangs a little behind, so both tones show
        "near_upper_arm": -88, "near_forearm": -80, "far_upper_arm": -98, "far_forearm": -92,
    },
    "sitting": {
        "trunk": 92, "spine": 0, "head": 90,
        **_both(thigh=0, shin=-92, foot=-2),
        "near_upper_arm": -78, "near_forearm": -10, "far_upper_arm": -88, "far_forearm": -22,
    },
    "lying_back": {
        "trunk": 180, "spine": 0, "head": 180,
        **_both(upper_arm=2, forearm=2, thigh=0, shin=0, foot=80),
    },
    "lying_front": {
        "trunk": 0, "spine": 0, "head": 0,
        **_both(upper_arm=178, forearm=178, thigh=180, shin=180, foot=-130),
    },
    "lying_side": {
        "trunk": 180, "spine": 0, "head": 180,
        **_both(upper_arm=0, forearm=0, thigh=0, shin=0, foot=-90),
    },
    "all_fours": {
        "trunk": 17, "spine": 0, "head": 10,
        **_both(upper_arm=-90, forearm=-90, thigh=-90, shin=170, foot=-130),
    },
    "kneeling": {
        "trunk": 90, "spine": 0, "head": 90,
        **_both(upper_arm=-92, forearm=-84, thigh=-90, shin=170, foot=-130),
    },
}  # fmt: skip
_POSE_KEYS: Final = {
    "exercise", "base", "props", "anchor", "says", "sequence", "move_seconds", "lift", "level",
}  # fmt: skip
_LEVEL_KEYS: Final = {
    "level",
    "base",
    "props",
    "anchor",
    "says",
    "sequence",
    "move_seconds",
    "lift",
}
DEFAULT_MOVE: Final = 1.5
#: a hold is shown for its dose's seconds, but never so long that the loop looks frozen
LONGEST_HOLD: Final = 6.0
SHORTEST_PAUSE: Final = 0.4


@dataclass(frozen=True)
class Frame:
    name: str
    keys: Mapping[str, float]  # every key of ALL_KEYS


@dataclass(frozen=True)
class LevelPose:
    """Everything the renderer needs to draw one level."""

    exercise: str
    level: int
    title: str  # "Side bridge, level 2: Side bridge from the feet"
    says: str  # the movement in words (the picture's text alternative)
    base: str
    view: str
    props: tuple[str, ...]
    anchor: str  # the joint that stays put from frame to frame
    frames: tuple[Frame, ...]  # in the order they are played; the loop returns to the first
    move_seconds: float
    hold_seconds: float  # the pause at "hold" (from the dose, at most LONGEST_HOLD)
    lift: float  # the figure's lowest point above the floor (on a bike: the pedals)

    def frame(self, name: str) -> Frame:
        return next(f for f in self.frames if f.name == name)


@dataclass(frozen=True)
class PoseBook:
    poses: Mapping[tuple[str, int], LevelPose]

    def get(self, exercise_id: str, level: int) -> LevelPose | None:
        return self.poses.get((exercise_id, level))


@dataclass(frozen=True)
class _Spec:
    base: str
    props: tuple[str, ...]
    anchor: str
    says: str
    sequence: tuple[str, ...]
    move_seconds: float
    lift: float
    frames: dict[str, dict[str, float]]  # resolved: every key


def _fail(where: str, message: str) -> CatalogError:
    return CatalogError(f"{where}: {message}")


def _angles(where: str, raw: Any) -> dict[str, float]:
    if not isinstance(raw, dict):
        raise _fail(where, "must be a table of angles, like { trunk = 90 }")
    out: dict[str, float] = {}
    for key, value in raw.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _fail(where, f"'{key}' must be an angle in degrees")
        if not -360 <= value <= 360:
            raise _fail(where, f"'{key}' = {value} is not between -360 and 360 degrees")
        if key in LIMB_KEYS:  # no side: both sides
            for side in SIDES:
                out[f"{side}_{key}"] = float(value)
        elif key in ALL_KEYS:
            out[key] = float(value)
        else:
            allowed = ", ".join((*TRUNK_KEYS, *LIMB_KEYS))
            raise _fail(where, f"unknown joint '{key}' (allowed: {allowed}, near_/far_ + a limb)")
    return out


def _words(where: str, raw: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> Any:
    value = raw[key]
    if key == "props":
        if not isinstance(value, list) or any(v not in allowed for v in value):
            raise _fail(where, f"'props' must list some of: {', '.join(allowed)}")
        return tuple(value)
    if value not in allowed:
        raise _fail(where, f"'{key}' = {value!r} is unknown (allowed: {', '.join(allowed)})")
    return value


def _seconds(where: str, raw: Mapping[str, Any], key: str, low: float, high: float) -> float:
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise _fail(where, f"'{key}' must be a number from {low:g} to {high:g}")
    return float(value)


def _sequence(where: str, raw: Any) -> tuple[str, ...]:
    if (
        not isinstance(raw, list)
        or not all(isinstance(n, str) and n.isidentifier() for n in raw)
        or len(set(raw)) != len(raw)
        or raw[:1] != ["start"]
        or "hold" not in raw
        or set(raw) & _POSE_KEYS
    ):
        raise _fail(where, "'sequence' must list frame names, starting with 'start', with 'hold'")
    return tuple(raw)


def _spec(where: str, raw: Mapping[str, Any], before: _Spec | None, keys: set[str]) -> _Spec:
    """One exercise or level entry, resolved on top of what comes before it."""
    sequence = _sequence(where, raw["sequence"]) if "sequence" in raw else None
    if sequence is None:
        sequence = before.sequence if before else ("start", "hold")
    frame_names = set(sequence)
    extra = set(raw) - keys - frame_names
    if extra:
        name = sorted(extra)[0]
        raise _fail(where, f"unknown key '{name}' (a frame must be named in 'sequence')")
    base = _words(where, raw, "base", tuple(BASES)) if "base" in raw else None
    if base is None and before is None:
        raise _fail(where, f"'base' is missing (one of: {', '.join(BASES)})")
    new_base = base is not None and (before is None or base != before.base)
    base = base or (before.base if before else "standing")
    start = dict(BASES[base]) if new_base or before is None else dict(before.frames["start"])
    start.update(_angles(f"{where} frame 'start'", raw.get("start", {})))
    frames = {"start": start}
    for name in sequence[1:]:
        frame = dict(start)
        if before is not None and not new_base and name in before.frames:
            changed = {
                k: v for k, v in before.frames[name].items() if v != before.frames["start"][k]
            }
            frame.update(changed)
        frame.update(_angles(f"{where} frame '{name}'", raw.get(name, {})))
        frames[name] = frame
    says = raw.get("says", before.says if before else None)
    if not isinstance(says, str) or not says.strip():
        raise _fail(where, "'says' must describe the movement in words")
    anchor = _words(where, raw, "anchor", tuple(REACH)) if "anchor" in raw else None
    return _Spec(
        base=base,
        props=_words(where, raw, "props", PROPS) if "props" in raw else (
            before.props if before else ()),
        anchor=anchor or (before.anchor if before else "hip"),
        says=" ".join(says.split()),
        sequence=sequence,
        move_seconds=_seconds(where, raw, "move_seconds", 0.2, 6) if "move_seconds" in raw else (
            before.move_seconds if before else DEFAULT_MOVE),
        lift=_seconds(where, raw, "lift", 0, 40) if "lift" in raw else (
            before.lift if before else 0.0),
        frames=frames,
    )  # fmt: skip


def _hold_seconds(level: Level) -> float:
    hold = level.dose.get("hold_seconds", 0)
    seconds = float(hold) if isinstance(hold, (int, float)) else 0.0
    return min(max(seconds, SHORTEST_PAUSE), LONGEST_HOLD)


def _level_pose(exercise: Exercise, level: Level, spec: _Spec) -> LevelPose:
    title = exercise.name if exercise.top_level == 1 else (
        f"{exercise.name}, level {level.level}: {level.name}")  # fmt: skip
    return LevelPose(
        exercise=exercise.id,
        level=level.level,
        title=title,
        says=spec.says,
        base=spec.base,
        view="front" if spec.base == "lying_side" else "side",
        props=spec.props,
        anchor=spec.anchor,
        frames=tuple(Frame(n, spec.frames[n]) for n in spec.sequence),
        move_seconds=spec.move_seconds,
        hold_seconds=_hold_seconds(level) if "hold_seconds" in level.dose else 0.0,
        lift=spec.lift,
    )


def _entry(file: str, raw: Any, catalog: Catalog) -> list[LevelPose]:
    if not isinstance(raw, dict):
        raise _fail(file, "each [[pose]] must be a table")
    exercise_id = raw.get("exercise")
    exercise = catalog.get(exercise_id) if isinstance(exercise_id, str) else None
    if exercise is None:
        raise _fail(file, f"pose for unknown exercise {exercise_id!r}")
    where = f"{file}: {exercise.id}"
    top = {k: v for k, v in raw.items() if k != "level"}
    spec = _spec(where, top, None, _POSE_KEYS)
    levels = raw.get("level", [])
    if not isinstance(levels, list) or not all(isinstance(lv, dict) for lv in levels):
        raise _fail(where, "levels must be [[pose.level]] tables")
    numbers = [lv.get("level") for lv in levels]
    expected = [lv.level for lv in exercise.levels]
    if numbers != expected:
        raise _fail(
            where,
            f"needs one [[pose.level]] for each level, in order: {expected} (found {numbers})",
        )
    out = []
    for raw_level, level in zip(levels, exercise.levels, strict=True):
        spec = _spec(f"{where} level {level.level}", raw_level, spec, _LEVEL_KEYS)
        out.append(_level_pose(exercise, level, spec))
    return out


def parse_poses(files: Mapping[str, str], catalog: Catalog) -> PoseBook:
    """Every level's pose from file name -> TOML text, checked against the catalog."""
    poses: dict[tuple[str, int], LevelPose] = {}
    for name, text in files.items():
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise CatalogError(f"{name}: not valid TOML ({exc})") from None
        if set(data) - {"pose"}:
            raise CatalogError(f"{name}: only [[pose]] tables belong here")
        for raw in data.get("pose", []):
            for pose in _entry(name, raw, catalog):
                key = (pose.exercise, pose.level)
                if key in poses:
                    raise CatalogError(f"{name}: {pose.exercise} has poses twice")
                poses[key] = pose
    return PoseBook(poses=poses)
