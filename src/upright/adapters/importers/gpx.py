"""GPX 1.0 and 1.1 tracks (Garmin, Strava, OsmAnd, GPSBabel, Apple Health routes), streamed.

Only ``trkpt`` and a track's ``type`` are looked at; each point is cleared as soon as it is read,
so memory holds the columns of numbers and nothing of the XML tree.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import IO, Any

from upright.adapters.importers import limits, safexml
from upright.adapters.importers.base import ParsedFile, Progress
from upright.domain.errors import CorruptFile
from upright.domain.tracking.activity import Skipped
from upright.domain.tracking.samples import NAN, Track, haversine_m
from upright.domain.tracking.sports import sport_kind
from upright.domain.tracking.summarise import ActivityDraft, summarise

#: Tracks further apart than this are separate outings (a multi-day hike's days); closer ones
#: are pieces of one outing split by the logger (GPSBabel writes "ACTIVE LOG", "#2", ...).
SESSION_GAP_S = 3600.0
#: Times before this are a device clock that was never set (GPSBabel's 1901 dates).
EARLIEST_PLAUSIBLE = datetime(1990, 1, 1, tzinfo=UTC).timestamp()

_HR = {"hr", "heartrate"}
_CAD = {"cad", "cadence", "runcadence"}


@dataclass
class Segmented:
    """All timed points of one ``<trk>`` as columns; ``kind`` from its ``<type>``."""

    kind: str | None = None
    type_text: str | None = None
    t: array[float] = field(default_factory=lambda: array("d"))
    dist: array[float] = field(default_factory=lambda: array("d"))
    cad: array[float] = field(default_factory=lambda: array("d"))
    hr: array[float] = field(default_factory=lambda: array("d"))
    untimed: int = 0
    bogus: int = 0
    tz: tzinfo | None = None


#: tag (with its namespace) -> lower-case local name; a file uses a handful of tags, so the
#: string work is done once per tag, not once per element (a million points, 7 children each)
_LOCAL: dict[Any, str] = {}


def _local(tag: Any) -> str:
    name = _LOCAL.get(tag)
    if name is None:
        text = str(tag)
        name = text[text.rfind("}") + 1 :].lower()
        if len(_LOCAL) < 10_000:
            _LOCAL[tag] = name
    return name


def _number(elem: Any, attr: str, path: str) -> float:
    raw = elem.get(attr)
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise CorruptFile(
            path, f"line {elem.sourceline}: <trkpt {attr}={raw!r}> is not a number"
        ) from None
    if math.isnan(value) or abs(value) > 180:
        raise CorruptFile(path, f"line {elem.sourceline}: <trkpt {attr}={raw!r}> out of range")
    return value


def read_tracks(stream: IO[bytes], path: str, progress: Progress | None = None) -> list[Segmented]:
    """Every ``<trk>`` of a GPX stream as columns of timed samples."""
    reader, head = safexml.open_counted(stream, progress, path)
    tracks: list[Segmented] = []
    cur = Segmented()
    prev: tuple[float, float] | None = None
    total = 0.0
    points = 0
    tags = ("{*}trkpt", "{*}type", "{*}trk", "{*}trkseg")
    for _event, elem in safexml.iterparse(reader, tags, path):
        name = _local(elem.tag)
        if name == "trkpt":
            try:
                lat = float(elem.get("lat"))
                lon = float(elem.get("lon"))
            except (TypeError, ValueError):
                lat = _number(elem, "lat", path)  # raises, naming the bad value
                lon = _number(elem, "lon", path)
            when: str | None = None
            hr = cad = NAN
            for child in elem.iterchildren():
                cname = _local(child.tag)
                if cname == "time":
                    when = child.text
                elif cname == "extensions":
                    for ext in child.iter():
                        ename = _local(ext.tag)
                        if ename in _HR:
                            hr = _float(ext.text)
                        elif ename in _CAD:
                            cad = _float(ext.text)
            if prev is not None:
                total += haversine_m(prev[0], prev[1], lat, lon)
            prev = (lat, lon)
            _add_point(cur, when.strip() if when else None, total, cad, hr, elem, path)
            points += 1
            limits.check(points, limits.MAX_POINTS, "track points", path)
            elem.clear()
            parent = elem.getparent()
            while elem.getprevious() is not None and parent is not None:
                del parent[0]
        elif name == "trkseg":
            prev = None  # no distance across a gap between segments
            elem.clear()
        elif name == "type":
            parent = elem.getparent()
            if parent is not None and _local(parent.tag) == "trk":
                cur.type_text = (elem.text or "").strip()
                cur.kind = sport_kind(cur.type_text)
        elif name == "trk":
            tracks.append(cur)
            limits.check(len(tracks), limits.MAX_ACTIVITIES, "tracks", path)
            cur = Segmented()
            prev = None
            elem.clear()
    return tracks


def _float(text: str | None) -> float:
    try:
        return float(text) if text else NAN
    except ValueError:
        return NAN


def _add_point(
    cur: Segmented, when: str | None, total: float, cad: float, hr: float, elem: Any, path: str
) -> None:
    if not when:
        cur.untimed += 1
        return
    try:
        moment = datetime.fromisoformat(when)
    except ValueError:
        raise CorruptFile(
            path, f"line {elem.sourceline}: <time>{when}</time> is not an ISO-8601 time"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    stamp = moment.timestamp()
    if stamp < EARLIEST_PLAUSIBLE:
        cur.bogus += 1
        return
    if cur.tz is None:
        cur.tz = moment.tzinfo
    cur.t.append(stamp)
    cur.dist.append(total)
    cur.cad.append(cad)
    cur.hr.append(hr)


def drafts_from_tracks(
    tracks: list[Segmented], source: str, parsed: ParsedFile, device: str | None = None
) -> list[ActivityDraft]:
    """Group tracks into outings (see ``SESSION_GAP_S``) and make one draft per outing."""
    drafts: list[ActivityDraft] = []
    groups: list[list[Segmented]] = []
    for trk in tracks:
        if trk.untimed and not trk.t:
            parsed.skipped.append(Skipped(f"track of {trk.untimed} points", "points have no time"))
            continue
        if trk.bogus and not trk.t:
            parsed.skipped.append(
                Skipped(f"track of {trk.bogus} points", "times are not real (clock never set)")
            )
            continue
        if len(trk.t) < 2:
            if trk.t:
                parsed.skipped.append(Skipped("track of 1 point", "a single point has no duration"))
            continue
        last = groups[-1][-1] if groups else None
        if last is not None and trk.t[0] - last.t[-1] <= SESSION_GAP_S and trk.kind == last.kind:
            groups[-1].append(trk)
        else:
            groups.append([trk])
    for group in groups:
        drafts.append(_merge(group, source, device))
    return drafts


def _merge(group: list[Segmented], source: str, device: str | None) -> ActivityDraft:
    t: array[float] = array("d")
    dist: array[float] = array("d")
    cad: array[float] = array("d")
    hr: array[float] = array("d")
    offset = 0.0
    notes: list[str] = []
    for trk in group:
        # each track's distance restarts where the previous one ended
        base = offset - trk.dist[0]
        t.extend(trk.t)
        dist.extend(d + base for d in trk.dist)
        cad.extend(trk.cad)
        hr.extend(trk.hr)
        offset = dist[-1]
        if trk.untimed:
            notes.append(f"{trk.untimed} points without a time ignored")
        if trk.bogus:
            notes.append(f"{trk.bogus} points with impossible times ignored")
    order_ok = all(t[i] <= t[i + 1] for i in range(len(t) - 1))
    if not order_ok:
        notes.append("points out of time order were sorted")
        idx = sorted(range(len(t)), key=t.__getitem__)
        t, dist, cad, hr = (array("d", (col[i] for i in idx)) for col in (t, dist, cad, hr))
    tz = group[0].tz or UTC
    start = datetime.fromtimestamp(t[0], tz=UTC).astimezone(tz)
    has_cad = any(c > 0 for c in cad)
    has_hr = any(h > 0 for h in hr)
    track = Track(t=t, dist_m=dist, cadence=cad if has_cad else (), hr=hr if has_hr else ())
    return ActivityDraft(
        source=source,
        start=start,
        elapsed_s=t[-1] - t[0],
        kind=group[0].kind,
        track=track,
        device=device,
        notes=tuple(dict.fromkeys(notes)),
    )


class GpxImporter:
    key = "gpx"
    label = "GPX track"

    def read(self, stream: IO[bytes], name: str, progress: Progress | None) -> ParsedFile:
        parsed = ParsedFile(self.key)
        tracks = read_tracks(stream, name, progress)
        if not tracks:
            parsed.skipped.append(Skipped(name, "no track in the file (waypoints or routes only)"))
        for draft in drafts_from_tracks(tracks, self.key, parsed):
            if draft.elapsed_s <= 0:
                parsed.skipped.append(Skipped(draft.start.isoformat(), "the track has no duration"))
                continue
            parsed.activities.append(summarise(draft))
        return parsed


__all__ = ["GpxImporter", "drafts_from_tracks", "read_tracks"]
