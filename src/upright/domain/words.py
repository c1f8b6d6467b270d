"""Plain words for what a person reads: condition names, no certainty codes, no file pointers.

Data files and the engine may carry pointers for clinicians ("reference.md §4.3 [V]"); these
helpers turn such text into words before a person sees it.
"""

from __future__ import annotations

import re
from typing import Final

#: condition -> the words people use for it
CONDITION_WORDS: Final = {
    "nonspecific_acute": "a new bout of back pain",
    "nonspecific_chronic": "long-lasting back pain",
    "disc_herniation": "a disc herniation (slipped disc)",
    "sciatica": "sciatica",
    "isthmic_spondylolisthesis": "a slipped vertebra from a stress fracture (isthmic spondylolisthesis)",
    "degenerative_spondylolisthesis": "a slipped vertebra from wear (degenerative spondylolisthesis)",
    "spinal_stenosis": "spinal stenosis (narrowing around the nerves)",
    "facet_joint_pain": "facet joint pain",
    "si_joint_pain": "sacroiliac joint pain",
    "osteoporosis": "osteoporosis (thin bones)",
    "vertebral_fracture": "a broken vertebra",
    "pregnancy": "pregnancy",
    "postpartum": "the months after giving birth",
    "after_discectomy": "recovery from disc surgery",
    "after_fusion": "recovery from a spinal fusion",
    "axial_spondyloarthritis": "axial spondyloarthritis",
    "unknown": "back pain without a diagnosis yet",
    "*": "everyone",
}

#: catalog category -> words
CATEGORY_WORDS: Final = {
    "core": "core exercises",
    "stretch": "stretches",
    "mobility": "mobility exercises",
    "aerobic": "aerobic exercise",
    "balance": "balance exercises",
    "strength": "strength exercises",
}

#: "(reference.md §4.3)", "(source: reference.md §2.2: ...)" and bare "reference.md §4.3: "
_FILE_PAREN = re.compile(
    r"\s*\((?:source:\s*)?[\w./-]+\.(?:md|toml|py)\b[^()]*(?:\([^()]*\)[^()]*)*\)"
)
_FILE_WORD = re.compile(
    r"[\w./-]+\.(?:md|toml|py)(?:\s*§\s*[\d.]+)?(?:\s*(?:and|,)\s*§\s*[\d.]+)*:?\s*"
)
_SECTION = re.compile(r"\s*§\s*[\d.]+")
_MARK = re.compile(r"\s*\[(V|P|U|V/U|V/P)(?:[^\]]*)\]")


def condition_words(condition: str) -> str:
    return CONDITION_WORDS.get(condition, condition.replace("_", " "))


def plain(text: str) -> str:
    """Text without file names, section pointers or certainty codes.

    The codes ([V], [P], [U]) grade the evidence for clinicians; a person reads the source in
    words ("Pocovi et al. Lancet 2024"), never a grade such as "(verified)".
    """
    out = _FILE_PAREN.sub("", text)
    out = _FILE_WORD.sub("", out)
    out = _SECTION.sub("", out)
    out = _MARK.sub("", out)
    return re.sub(r"\s{2,}", " ", out).strip()
