"""Plain-language labels for the profile vocabulary, as the questions show them.

The web's questions and pages and the command line's menus read the same words here; the stored
words stay the contract's (``vocab``). Every word a person chooses from has its own label (a
test checks); other words fall back to the word itself, capitalised.
"""

from __future__ import annotations

from typing import Final

#: plain-language labels for the profile vocabulary (the stored words stay the contract's)
LABELS: Final = {
    "nonspecific_acute": "Back pain for less than 6 weeks, no specific cause found",
    "nonspecific_chronic": "Back pain for longer, no specific cause found",
    "disc_herniation": "Herniated (slipped) disc",
    "sciatica": "Sciatica (pain down the leg)",
    "isthmic_spondylolisthesis": "Isthmic spondylolisthesis",
    "degenerative_spondylolisthesis": "Degenerative spondylolisthesis",
    "spinal_stenosis": "Spinal stenosis",
    "facet_joint_pain": "Facet joint pain",
    "si_joint_pain": "Sacroiliac (SI) joint pain",
    "osteoporosis": "Osteoporosis (thin bones)",
    "vertebral_fracture": "A fracture of a vertebra",
    "pregnancy": "Pregnancy",
    "postpartum": "After giving birth (postpartum)",
    "after_discectomy": "After a discectomy (disc operation)",
    "after_fusion": "After a spinal fusion",
    "axial_spondyloarthritis": "Axial spondyloarthritis",
    "unknown": "Not diagnosed",
    "cleared": "Yes, cleared to exercise",
    "cleared_with_restrictions": "Yes, with some restrictions",
    "not_yet": "Not yet",
    "advised_against": "A doctor advised against exercise for now",
    "no_extension": "No bending backwards",
    "no_flexion": "No bending forwards",
    "no_rotation": "No twisting",
    "no_impact": "No impact (running, jumping)",
    "no_supine": "No lying on the back",
    "no_prone": "No lying on the front",
    "mat": "A mat",
    "band": "A resistance band",
    "strap": "A strap or towel",
    "exercise_bike": "An exercise bike",
    "elliptical": "An elliptical trainer",
    "pool": "A pool",
    "walking": "Walking",
    "water": "Water (pool) exercise",
    "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
    "fri": "Friday", "sat": "Saturday", "sun": "Sunday",
    "core": "Core", "stretch": "Stretch", "aerobic": "Aerobic", "mobility": "Mobility",
}  # fmt: skip


def label(word: str) -> str:
    return LABELS.get(word, word.replace("_", " ").capitalize())
