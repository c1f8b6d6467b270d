"""The progress report, cached like today's plan: keyed by the person's data version.

Any write to the profile, the sessions or the imports changes the data version, so a cached
report is never shown after the data it was made from changed (in this worker or another).
The day is in the key too: the report's weeks and words depend on today.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TypeVar

from upright.services.access import Actor
from upright.web.context import WebContext

T = TypeVar("T")


def cached_progress(ctx: WebContext, me: Actor, weeks: int, compute: Callable[[], T]) -> T:
    """The report ``compute`` makes, from the cache when the person's data has not changed.

    Callers get their own copy (a page may add to what it was given)."""
    version = ctx.versions.of(me.person_id)
    key = ("progress", me.person_id, weeks, ctx.services.clock.today(), version)
    found: T | None = ctx.cache.get(key)
    if found is None:
        found = compute()
        ctx.cache.put(key, found)
    return copy.deepcopy(found)
