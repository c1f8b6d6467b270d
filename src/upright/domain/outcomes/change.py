"""Is a change big enough to matter? The minimal important change (MIC) per measure.

- Pain NRS: 2 points or 30% of the starting score, whichever is reached first (Ostelo et al.,
  Spine 2008;33:90-94; reference.md §6 [V]).
- PEG: no formal MIC in the paper; about 30% is used in practice (reference.md §6 [U]). We use
  30% of the starting score, and at least 1 point so a change from a low start is not noise.
- PSFS: 2 points on the mean (the minimal detectable change at 90% confidence; MCID about 2,
  Stratford 1995; reference.md §6 [V]/[U]).

Lower is better for the pain scores and PEG; higher is better for PSFS. The 30% share is an
improvement rule: a worsening counts from the fixed points (2 on a pain score), so going from
1 to 2 out of 10 is not called a real worsening.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from upright.domain.outcomes.measures import Answers

NRS_MIC_POINTS: Final = 2.0
NRS_MIC_SHARE: Final = 0.30
PEG_MIC_SHARE: Final = 0.30
PEG_MIC_FLOOR: Final = 1.0
PSFS_MIC_POINTS: Final = 2.0

SOURCES: Final[dict[str, str]] = {
    "nrs": "Ostelo et al., Spine 2008;33:90-94 (2 points or 30%)",
    "peg": "Krebs et al., J Gen Intern Med 2009;24:733-38; about 30% used in practice (unverified)",
    "psfs": "Stratford et al., Physiother Can 1995;47:258-63 (2 points on the mean)",
}

#: measure -> (words, which MIC applies, lower is better)
MEASURES: Final[dict[str, tuple[str, str, bool]]] = {
    "back_pain_now": ("Back pain now", "nrs", True),
    "back_pain_week": ("Back pain, past week on average", "nrs", True),
    "leg_pain_now": ("Leg pain now", "nrs", True),
    "leg_pain_week": ("Leg pain, past week on average", "nrs", True),
    "peg": ("PEG (pain, enjoyment, activity)", "peg", True),
    "psfs": ("Activities you named (PSFS)", "psfs", False),
}


def mic(kind: str, start: float) -> float:
    """The smallest change that counts, for a measure of this kind starting at ``start``."""
    if kind == "nrs":
        # "2 points or 30%": whichever is smaller is reached first
        return min(NRS_MIC_POINTS, NRS_MIC_SHARE * start) if start > 0 else NRS_MIC_POINTS
    if kind == "peg":
        return max(PEG_MIC_FLOOR, PEG_MIC_SHARE * start)
    return PSFS_MIC_POINTS


@dataclass(frozen=True)
class Change:
    measure: str
    words: str
    start: float
    latest: float
    threshold: float
    verdict: str  # "better" | "worse" | "same"
    source: str

    @property
    def difference(self) -> float:
        return round(self.latest - self.start, 2)

    def describe(self) -> str:
        change = {
            "better": "a real improvement",
            "worse": "a real worsening",
            "same": "no change big enough to matter yet",
        }[self.verdict]
        return (
            f"{self.words}: {_fmt(self.start)} at the start, {_fmt(self.latest)} now: {change} "
            f"(a change of {_fmt(self.threshold)} or more counts)."
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "measure": self.measure,
            "words": self.words,
            "start": self.start,
            "latest": self.latest,
            "difference": self.difference,
            "threshold": round(self.threshold, 2),
            "verdict": self.verdict,
            "source": self.source,
            "text": self.describe(),
        }


def _fmt(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def judge(measure: str, start: float, latest: float) -> Change:
    words, kind, lower_better = MEASURES[measure]
    threshold = mic(kind, start)
    worse_at = NRS_MIC_POINTS if kind == "nrs" else threshold
    gain = (start - latest) if lower_better else (latest - start)
    # a small tolerance: 30% of a score can be a fraction that rounding must not miss
    if gain >= threshold - 1e-9:
        verdict = "better"
    elif -gain >= worse_at - 1e-9:
        threshold = worse_at
        verdict = "worse"
    else:
        verdict = "same"
    return Change(measure, words, start, latest, threshold, verdict, SOURCES[kind])


def compare(start: Answers, latest: Answers) -> list[Change]:
    """Each measure at the latest answers against the start, judged by its MIC."""
    before, after = start.scores(), latest.scores()
    out: list[Change] = []
    for measure in MEASURES:
        a, b = before[measure], after[measure]
        if a is None or b is None:
            continue
        out.append(judge(measure, float(a), float(b)))
    return out
