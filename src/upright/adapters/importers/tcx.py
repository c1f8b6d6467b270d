"""Garmin Training Center (TCX) activities, streamed like GPX."""

from __future__ import annotations

from array import array
from datetime import UTC, datetime
from typing import IO, Any

from upright.adapters.importers import limits, safexml
from upright.adapters.importers.base import ParsedFile, Progress
from upright.domain.errors import CorruptFile
from upright.domain.tracking.activity import Skipped
from upright.domain.tracking.samples import NAN, Track, haversine_m
from upright.domain.tracking.sports import sport_kind
from upright.domain.tracking.summarise import ActivityDraft, summarise


def _local(tag: Any) -> str:
    text = str(tag)
    return text[text.rfind("}") + 1 :]


def _num(text: str | None) -> float:
    try:
        return float(text) if text else NAN
    except ValueError:
        return NAN


class _Acc:
    """Columns and lap totals of the activity being read."""

    def __init__(self) -> None:
        self.t: array[float] = array("d")
        self.dist: array[float] = array("d")
        self.cad: array[float] = array("d")
        self.hr: array[float] = array("d")
        self.timer = 0.0
        self.lap_dist = 0.0
        self.hr_weighted = 0.0
        self.hr_seconds = 0.0
        self.start: datetime | None = None
        self.prev: tuple[float, float] | None = None
        self.computed = 0.0


class TcxImporter:
    key = "tcx"
    label = "TCX activity"

    def read(self, stream: IO[bytes], name: str, progress: Progress | None) -> ParsedFile:
        parsed = ParsedFile(self.key)
        reader, _head = safexml.open_counted(stream, progress, name)
        acc = _Acc()
        points = 0
        tags = ("{*}Trackpoint", "{*}Lap", "{*}Activity")
        for _ev, elem in safexml.iterparse(reader, tags, name):
            tag = _local(elem.tag)
            if tag == "Trackpoint":
                self._point(elem, acc, name)
                points += 1
                limits.check(points, limits.MAX_POINTS, "track points", name)
                elem.clear()
                parent = elem.getparent()
                while elem.getprevious() is not None and parent is not None:
                    del parent[0]
            elif tag == "Lap":
                self._lap(elem, acc, name)
                elem.clear()
            elif tag == "Activity":
                draft = self._draft(elem.get("Sport"), acc)
                if draft is None:
                    parsed.skipped.append(Skipped("activity", "no timed track points"))
                else:
                    parsed.activities.append(summarise(draft))
                limits.check(len(parsed.activities), limits.MAX_ACTIVITIES, "activities", name)
                acc = _Acc()
                elem.clear()
        if not parsed.activities and not parsed.skipped:
            parsed.skipped.append(Skipped(name, "no activity in the file"))
        return parsed

    @staticmethod
    def _point(elem: Any, acc: _Acc, name: str) -> None:
        values: dict[str, str] = {}
        for child in elem.iter():
            tag = _local(child.tag)
            if tag == "Value":
                parent = child.getparent()
                if parent is not None and _local(parent.tag) == "HeartRateBpm":
                    values["hr"] = child.text or ""
            elif child.text and tag not in values:
                values[tag] = child.text.strip()
        when = values.get("Time")
        if not when:
            return
        try:
            moment = datetime.fromisoformat(when)
        except ValueError:
            raise CorruptFile(
                name, f"line {elem.sourceline}: <Time>{when}</Time> is not an ISO-8601 time"
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        if acc.start is None:
            acc.start = moment
        lat, lon = _num(values.get("LatitudeDegrees")), _num(values.get("LongitudeDegrees"))
        if lat == lat and lon == lon:  # not nan
            if acc.prev is not None:
                acc.computed += haversine_m(acc.prev[0], acc.prev[1], lat, lon)
            acc.prev = (lat, lon)
        dist = _num(values.get("DistanceMeters"))
        acc.t.append(moment.timestamp())
        acc.dist.append(dist if dist == dist else acc.computed)
        cad = _num(values.get("RunCadence") or values.get("Cadence"))
        acc.cad.append(cad)
        acc.hr.append(_num(values.get("hr")))

    @staticmethod
    def _lap(elem: Any, acc: _Acc, name: str) -> None:
        for child in elem:
            tag = _local(child.tag)
            if tag == "TotalTimeSeconds":
                acc.timer += max(_num(child.text), 0.0) if child.text else 0.0
            elif tag == "DistanceMeters" and child.text:
                acc.lap_dist += max(_num(child.text), 0.0)
        start = elem.get("StartTime")
        if start and acc.start is None:
            try:
                acc.start = datetime.fromisoformat(start)
            except ValueError:
                raise CorruptFile(
                    name, f"line {elem.sourceline}: <Lap StartTime={start!r}> is not a time"
                ) from None

    @staticmethod
    def _draft(sport: str | None, acc: _Acc) -> ActivityDraft | None:
        if acc.start is None:
            return None
        start = acc.start if acc.start.tzinfo else acc.start.replace(tzinfo=UTC)
        elapsed = (acc.t[-1] - start.timestamp()) if acc.t else acc.timer
        elapsed = max(elapsed, acc.timer if not acc.t else 0.0)
        if elapsed <= 0:
            return None
        kind = sport_kind(sport)
        has_cad = any(c > 0 for c in acc.cad)
        has_hr = any(h > 0 for h in acc.hr)
        return ActivityDraft(
            source="tcx",
            start=start,
            elapsed_s=elapsed,
            kind=kind,
            timer_s=acc.timer or None,
            distance_m=acc.lap_dist or None,
            track=Track(
                t=acc.t,
                dist_m=acc.dist,
                cadence=acc.cad if has_cad else (),
                hr=acc.hr if has_hr else (),
            ),
        )
