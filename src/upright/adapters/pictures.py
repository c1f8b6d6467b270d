"""The exercise pictures, drawn once from the bundled poses (cached: the data never changes).

Pages, the printable sheet and the PDF all take their pictures from here, so every level of
every exercise looks the same wherever it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from upright.adapters.data_files import load_catalog, load_poses
from upright.domain.catalog import picture as render


@dataclass(frozen=True)
class ExercisePicture:
    exercise: str
    level: int
    title: str  # "Side bridge, level 2: Side bridge from the feet"
    says: str  # the movement in words: the picture's text alternative
    animated: str  # SVG text: one figure moving from the start to the hold and back
    still: str  # SVG text: the start and the hold side by side


@cache
def picture(exercise_id: str, level: int, ident: str = "pic") -> ExercisePicture | None:
    """One level's picture; ``ident`` keeps its element ids unique on a page."""
    pose = load_poses().get(exercise_id, level)
    if pose is None:
        return None
    key = f"{ident}-{exercise_id}-{level}"
    return ExercisePicture(
        exercise=exercise_id,
        level=level,
        title=pose.title,
        says=pose.says,
        animated=render.animated(pose, f"{key}-a"),
        still=render.still(pose, f"{key}-s"),
    )


def drawn() -> frozenset[str]:
    """The exercise ids that have pictures."""
    return frozenset(exercise for exercise, _ in load_poses().poses)


def level_named(exercise_id: str, level_name: str | None) -> int:
    """The level number a level's name stands for (level 1 when it is not found)."""
    exercise = load_catalog().get(exercise_id)
    if exercise is None or not level_name:
        return 1
    return next((lv.level for lv in exercise.levels if lv.name == level_name), 1)


def still_for(exercise_id: str, level_name: str | None = None) -> str | None:
    """The start/hold pair for print (the sheet and the PDF), at the named level."""
    found = picture(exercise_id, level_named(exercise_id, level_name), "print")
    return found.still if found else None
