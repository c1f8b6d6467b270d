"""The shared vocabularies of the contracts (see docs/contracts.md).

These words appear in profile files, plan JSON and data files. Other tools depend on them:
add words, never rename them.
"""

from __future__ import annotations

from typing import Final

CONDITIONS: Final = (
    "nonspecific_acute",
    "nonspecific_chronic",
    "disc_herniation",
    "sciatica",
    "isthmic_spondylolisthesis",
    "degenerative_spondylolisthesis",
    "spinal_stenosis",
    "facet_joint_pain",
    "si_joint_pain",
    "osteoporosis",
    "vertebral_fracture",
    "pregnancy",
    "postpartum",
    "after_discectomy",
    "after_fusion",
    "axial_spondyloarthritis",
    "unknown",
)

MOVEMENTS: Final = (
    "spinal_extension",
    "spinal_flexion",
    "loaded_flexion",
    "rotation",
    "axial_load",
    "impact",
    "supine",
    "prone",
    "single_leg",
    "neutral_spine",
    # issue 9: what an exercise asks of the body, for the limits a person states
    "kneeling",
    "floor",
    "weight_bearing",
    "standing_long",
)

#: clinician restriction -> the movement tags it rules out
RESTRICTIONS: Final[dict[str, tuple[str, ...]]] = {
    "no_extension": ("spinal_extension",),
    "no_flexion": ("spinal_flexion", "loaded_flexion"),
    "no_rotation": ("rotation",),
    "no_impact": ("impact",),
    "no_supine": ("supine",),
    "no_prone": ("prone",),
}

#: red-flag answer -> urgency level
RED_FLAGS: Final[dict[str, str]] = {
    "saddle_numbness": "emergency",
    "bladder_bowel_change": "emergency",
    "weakness_both_legs": "emergency",
    "new_sexual_dysfunction": "emergency",
    "pain_both_legs": "emergency",
    "worsening_weakness_one_leg": "same_day",
    "fever_or_unwell": "same_day",
    "recent_trauma": "same_day",
    "spreading_numbness": "same_day",
    "iv_drug_use": "same_day",
    "immunosuppressed": "same_day",
    "recent_infection": "same_day",
    "fall_with_fragile_bones": "same_day",
    "cancer_history": "soon",
    "unexplained_weight_loss": "soon",
    "night_pain": "soon",
    "inflammatory_pattern": "soon",
    "long_term_steroids": "soon",
    "pain_many_sites": "soon",
    "spinal_deformity": "soon",
}

URGENCY_LEVELS: Final = ("emergency", "same_day", "soon")

#: how the legs are today, answered in one tap when logging (history ``leg_symptoms``)
LEG_SYMPTOMS: Final = ("none", "better", "same", "spreading", "new_numbness_or_weakness")

#: what kind of day each plan day is (plan JSON ``days[].mode``)
DAY_MODES: Final = ("normal", "flare", "paused", "starter", "stopped")

CLEARANCE: Final = ("cleared", "cleared_with_restrictions", "not_yet", "advised_against")
CLEARED: Final = frozenset({"cleared", "cleared_with_restrictions"})

EQUIPMENT: Final = ("mat", "strap", "exercise_bike", "elliptical", "pool", "band")

PREFERS: Final = ("walking", "exercise_bike", "elliptical", "water")

DAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

CATEGORIES: Final = ("core", "stretch", "aerobic", "mobility", "balance", "strength")

#: body groups for core work (the source advice: abdomen, back, pelvis)
GROUPS: Final = (
    "abdomen", "back", "pelvis", "hamstrings", "hips", "spine", "whole_body", "legs", "arms",
)  # fmt: skip

MODALITIES: Final = (
    "walking",
    "exercise_bike",
    "elliptical",
    "water_walking",
    "water_exercise",
    "running",
    "chair_exercise",
)

SURGERY_CONDITIONS: Final = frozenset({"after_discectomy", "after_fusion"})

#: said wherever a person reads a plan or starts (CLI, web pages, plan JSON): one wording
DISCLAIMER: Final = (
    "General exercise education, not medical advice. "
    "Stop and ask a clinician if something feels wrong."
)

# ---------------------------------------------------------------- issue 9: fits the person

#: a limit the person states -> the movement tags it rules out
LIMITS: Final[dict[str, tuple[str, ...]]] = {
    "cannot_kneel": ("kneeling",),
    "cannot_get_to_floor": ("floor", "kneeling"),
    "cannot_stand_long": ("standing_long",),
    "wheelchair_user": ("weight_bearing", "standing_long", "kneeling", "floor"),
}

#: how the baby was born (the postnatal timeline depends on it)
DELIVERY: Final = ("vaginal", "caesarean")
