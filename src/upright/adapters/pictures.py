"""The exercise pictures, drawn once from the bundled poses (cached: the data never changes).

Pages, the printable sheet and the PDF all take their pictures from here, so every level of
every exercise looks the same wherever it is shown.
"""

from __future__ import annotations

import hashlib
import re
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


@dataclass(frozen=True)
class PictureFile:
    """One level's picture as files a page links to (cached by the browser), not inline SVG.

    ``tag`` changes whenever either drawing changes: it is the files' ETag and the ``v`` of
    their addresses, so an address can be kept for a year and a new drawing gets a new one.
    """

    exercise: str
    level: int
    alt: str  # the title and the movement in words
    says: str  # the movement alone (a page may put its own name before it)
    tag: str
    size: tuple[int, int]  # the animation's width and height (its view box), for the layout
    still_size: tuple[int, int]

    @property
    def src(self) -> str:
        return f"/pictures/{self.exercise}/{self.level}.svg?v={self.tag}"

    @property
    def still_src(self) -> str:
        return f"/pictures/{self.exercise}/{self.level}-still.svg?v={self.tag}"


_VIEW_BOX = re.compile(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')


def _size(svg: str) -> tuple[int, int]:
    found = _VIEW_BOX.search(svg)
    if found is None:
        return (300, 200)
    return (round(float(found.group(1)) * 2), round(float(found.group(2)) * 2))


@cache
def picture_file(exercise_id: str, level: int) -> PictureFile | None:
    """Where a page finds one level's picture (the drawings themselves: ``picture(..., "file")``)."""
    found = picture(exercise_id, level, "file")
    if found is None:
        return None
    tag = hashlib.sha256((found.animated + found.still).encode()).hexdigest()[:16]
    return PictureFile(
        exercise=exercise_id,
        level=level,
        alt=f"{found.title}. {found.says}",
        says=found.says,
        tag=tag,
        size=_size(found.animated),
        still_size=_size(found.still),
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
