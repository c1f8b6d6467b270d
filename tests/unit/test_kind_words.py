"""The named word lists are the one place their words live: every verdict a week can get and
every kind an activity can have comes from them (issue 16: no unused constants)."""

from __future__ import annotations

import pytest

from upright.domain.progression.pain import VERDICTS, PainVerdict
from upright.domain.tracking.activity import ACTIVITY_KINDS
from upright.domain.tracking.brisk import SPIKE_KMH
from upright.domain.tracking.credit import KINDS_FOR_MODALITY
from upright.domain.tracking.dedupe import FAMILY
from upright.domain.tracking.sports import _KEYWORDS, STRAVA_TYPES


def test_a_verdict_outside_the_list_is_refused() -> None:
    for verdict in VERDICTS:
        assert PainVerdict(verdict, False, ()).verdict == verdict
    with pytest.raises(ValueError, match="verdict must be one of step_up, hold, step_back"):
        PainVerdict("step_sideways", False, ())


def test_every_kind_the_importers_and_the_plan_use_is_an_activity_kind() -> None:
    used = set(STRAVA_TYPES.values()) | set(SPIKE_KMH)
    used |= {kind for _, kind in _KEYWORDS if kind not in ("skip", "unknown")}
    used |= {kind for kinds in KINDS_FOR_MODALITY.values() for kind in kinds}
    assert used <= set(ACTIVITY_KINDS)
    # two devices disagreeing about a kind: every kind has its family
    assert set(FAMILY) == set(ACTIVITY_KINDS)
