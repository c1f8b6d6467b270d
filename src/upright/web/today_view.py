"""The ring at the top of the today page: how much of today's plan is done, in an arc and words.

Done counts whole, partly done counts half, skipped counts nothing: the same reading as the
day marks on the week (``services.daylog``), drawn as a share of a circle.
"""

from __future__ import annotations

import math
from typing import Any

#: the ring's radius in the SVG's own units (its view box is 100 x 100)
RING_RADIUS = 42
RING_LENGTH = round(2 * math.pi * RING_RADIUS, 1)
_SCORE = {"done": 1.0, "partly": 0.5, "skipped": 0.0}


def ring_view(planned: int, logged: dict[str, Any] | None) -> dict[str, Any]:
    """The ring for a day with ``planned`` items and its stored session (or none yet)."""
    items = list((logged or {}).get("items") or [])
    total = max(planned, len(items))
    statuses = [str(i.get("status", "done")) for i in items]
    score = sum(_SCORE.get(s, 0.0) for s in statuses)
    share = score / total if total else 0.0
    done = statuses.count("done")
    partly = statuses.count("partly")
    if not total:
        words = "Rest day"
    elif not items:
        words = "Not logged yet"
    else:
        words = f"{done} of {total} done" + (f", {partly} partly" if partly else "")
    return {
        "share": share,
        "percent": round(share * 100),
        "dash": f"{share * RING_LENGTH:.1f} {RING_LENGTH:.1f}",
        "length": RING_LENGTH,
        "radius": RING_RADIUS,
        "words": words,
        "total": total,
        "logged": bool(items),
    }
