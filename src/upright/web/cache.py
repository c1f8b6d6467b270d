"""A small in-process cache of plans and rendered pages, keyed by the person's data version.

Building a plan replays the person's history and screens the whole catalog; most page views
ask for the same plan again. Every key holds the person's data version (a fingerprint of the
profile versions, logged sessions and imports: ``SqlDataVersions.of``) and the day, so any
write makes the old entries unreachable, in this worker and every other one. Entries are
only ever a copy of what would be computed again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

#: about 25 KB per page: a few MB at most
SIZE = 512


class Cache:
    def __init__(self, size: int = SIZE) -> None:
        self._size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self._size:
                self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)
