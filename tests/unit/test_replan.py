"""Re-planning in batches: the ids split into jobs (the batch itself runs on a real database:
tests/integration/test_replan_jobs.py)."""

from __future__ import annotations

from upright.services.replan import batches


def test_batches_cover_every_id_once_in_order() -> None:
    assert list(batches(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(batches([], 3)) == []
