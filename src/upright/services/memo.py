"""Remembered results of the planner's pure steps, keyed by everything they are computed from.

Screening the catalog and building a plan are pure functions of their inputs (the profile, the
bundled data, the sessions read, the snapshot resumed from, the day), so a result computed once
can be handed out again for the same inputs: a session logged again, a retried request, the
today page after a write that did not touch the plan's inputs. The key holds the inputs
themselves (as JSON text), never a version number that could go stale.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Memo(Generic[T]):
    """A small least-recently-used map, safe across the web server's threads."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._data: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        value = compute()  # outside the lock: two threads may compute the same value once each
        with self._lock:
            self._data[key] = value
            while len(self._data) > self._size:
                self._data.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._data)


def text(value: Any) -> str:
    """Inputs as canonical JSON text (a key part that compares by value)."""
    return json.dumps(value, sort_keys=True, default=str, separators=(",", ":"))
