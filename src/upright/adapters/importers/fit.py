"""FIT activity files (Garmin, Wahoo, COROS, Sigma, Zwift, Strava ...) via fitdecode.

fitdecode runs with ``processor=None``: its default processor turns every field into Python
objects (datetimes, enums) for all message types, which is a fifth of its run time; we only
convert the few fields we read. Chained files (several FIT headers) and multisport files (several
sessions) give one activity per session. Any decoding error fails the whole file.
"""

from __future__ import annotations

import warnings
from array import array
from bisect import bisect_left, bisect_right
from datetime import UTC, datetime, timedelta, timezone
from typing import IO, Any

import fitdecode

from upright.adapters.importers import limits
from upright.adapters.importers.base import CountingReader, ParsedFile, Progress
from upright.domain.errors import CorruptFile
from upright.domain.tracking.activity import Skipped
from upright.domain.tracking.samples import NAN, Track
from upright.domain.tracking.sports import sport_kind
from upright.domain.tracking.summarise import ActivityDraft, summarise

#: FIT times count seconds from 1989-12-31T00:00:00Z.
FIT_EPOCH = 631065600
#: FIT date_time values below this are seconds since the device powered on, not dates.
FIT_RELATIVE_LIMIT = 0x10000000
#: A local-time offset beyond +-14 h is a broken clock (Zwift writes 1989 as local time).
MAX_OFFSET_S = 14 * 3600

_NOT_ACTIVITY = {
    "monitoring_a": "a daily monitoring file (steps through the day), not an activity",
    "monitoring_b": "a daily monitoring file (steps through the day), not an activity",
    "monitoring_daily": "a daily monitoring file (steps through the day), not an activity",
    "settings": "a device settings file, not an activity",
    "device": "a device description file, not an activity",
    "sport": "a sport settings file, not an activity",
    "workout": "a planned workout, not a recorded activity",
    "course": "a course (a planned route), not a recorded activity",
    "totals": "a totals file, not an activity",
    "goals": "a goals file, not an activity",
}

_EXPECTED = {
    "FitEOFError": "more data: the file is cut short",
    "FitCRCError": "a matching checksum: the file is damaged",
    "FitHeaderError": "a FIT file header",
    "FitParseError": "a valid FIT message",
}


class _Columns:
    def __init__(self) -> None:
        self.t: array[float] = array("d")
        self.dist: array[float] = array("d")
        self.cad: array[float] = array("d")
        self.hr: array[float] = array("d")
        self.relative = False


def _time(value: Any) -> tuple[float, bool] | None:
    """(epoch seconds, is_relative) of a raw FIT date_time."""
    if isinstance(value, datetime):
        return value.timestamp(), False
    if isinstance(value, int):
        if value >= FIT_RELATIVE_LIMIT:
            return float(value + FIT_EPOCH), False
        return float(value), True
    return None


def decode(stream: IO[bytes], name: str, progress: Progress | None) -> dict[str, Any]:
    """One pass over the file, keeping records as columns and the few summary messages."""
    cols = _Columns()
    sessions: list[dict[str, Any]] = []
    out: dict[str, Any] = {"sessions": sessions, "cols": cols, "types": [], "sport": {}}
    reader = CountingReader(stream, progress)
    last_dist = 0.0
    last_t: float | None = None
    try:
        with warnings.catch_warnings():
            # fitdecode warns on odd field sizes (COROS) and other harmless quirks
            warnings.simplefilter("ignore")
            with fitdecode.FitReader(
                reader,
                processor=None,
                check_crc=fitdecode.CrcCheck.RAISE,
                # WARN (suppressed above) lets COROS's odd field sizes through; real damage
                # (undefined messages, bad CRC, early end) still raises
                error_handling=fitdecode.ErrorHandling.WARN,
            ) as fit:
                for frame in fit:
                    if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                        continue
                    num = frame.global_mesg_num
                    if num == 20:  # record
                        values = {f.name: f.value for f in frame.fields}
                        stamp = _time(values.get("timestamp"))
                        if stamp is None:
                            continue
                        t, rel = stamp
                        cols.relative = cols.relative or rel
                        dist = values.get("distance")
                        if dist is None:
                            speed = values.get("enhanced_speed") or values.get("speed")
                            if speed is not None and last_t is not None and t > last_t:
                                dist = last_dist + float(speed) * (t - last_t)
                        if isinstance(dist, (int, float)):
                            last_dist = float(dist)
                            cols.dist.append(last_dist)
                        else:
                            cols.dist.append(NAN)
                        cad = values.get("cadence")
                        frac = values.get("fractional_cadence") or 0.0
                        cols.cad.append(float(cad) + float(frac) if cad is not None else NAN)
                        hr = values.get("heart_rate")
                        cols.hr.append(float(hr) if hr is not None else NAN)
                        cols.t.append(t)
                        limits.check(len(cols.t), limits.MAX_POINTS, "track points", name)
                        last_t = t
                    elif num == 18:  # session
                        sessions.append({f.name: f.value for f in frame.fields})
                    elif num == 0:  # file_id
                        out["types"].append({f.name: f.value for f in frame.fields})
                    elif num == 34:  # activity
                        out["activity"] = {f.name: f.value for f in frame.fields}
                    elif num == 12:  # sport
                        out["sport"] = {f.name: f.value for f in frame.fields}
    except fitdecode.FitError as exc:
        kind = type(exc).__name__
        expected = _EXPECTED.get(kind, "a valid FIT file")
        raise CorruptFile(
            name, f"FIT decoding stopped near byte {reader.offset}: {exc} (expected {expected})"
        ) from None
    return out


def _offset(activity: dict[str, Any] | None) -> timezone:
    """The file's UTC offset, from the activity's local and UTC timestamps."""
    if not activity:
        return UTC
    utc = _time(activity.get("timestamp"))
    local = _time(activity.get("local_timestamp"))
    if utc is None or local is None or utc[1] or local[1]:
        return UTC
    delta = local[0] - utc[0]
    if abs(delta) > MAX_OFFSET_S:
        return UTC
    quarter = round(delta / 900) * 900  # offsets come in quarter hours
    return timezone(timedelta(seconds=quarter)) if quarter else UTC


def _anchor(activity: dict[str, Any] | None) -> float | None:
    """Seconds to add to relative times: the activity's local time anchors them."""
    if not activity:
        return None
    rel = _time(activity.get("timestamp"))
    local = _time(activity.get("local_timestamp"))
    if rel is None or local is None or local[1] or not rel[1]:
        return None
    return local[0] - rel[0]


def _device(types: list[dict[str, Any]]) -> str | None:
    if not types:
        return None
    first = types[0]
    maker = first.get("manufacturer")
    product = first.get("product_name") or first.get("garmin_product") or first.get("product")
    parts = [str(p) for p in (maker, product) if p is not None]
    return " ".join(parts) or None


class FitImporter:
    key = "fit"
    label = "FIT activity"

    def read(self, stream: IO[bytes], name: str, progress: Progress | None) -> ParsedFile:
        parsed = ParsedFile(self.key)
        data = decode(stream, name, progress)
        types = [str(t.get("type")) for t in data["types"]]
        if not types:
            raise CorruptFile(name, "no file_id message: expected a FIT file description")
        if "activity" not in types:
            why = _NOT_ACTIVITY.get(types[0], f"a FIT '{types[0]}' file, not an activity")
            parsed.skipped.append(Skipped(name, why))
            return parsed
        cols: _Columns = data["cols"]
        tz = _offset(data.get("activity"))
        shift = 0.0
        notes: list[str] = []
        if cols.relative:
            anchor = _anchor(data.get("activity"))
            if anchor is None:
                raise CorruptFile(name, "record times are relative and nothing anchors them")
            shift = anchor
            notes.append("device clock was not set: times from its local clock, zone unknown")
        sessions = data["sessions"] or [self._session_from_records(cols, data["sport"])]
        device = _device(data["types"])
        for session in sessions:
            draft = self._draft(session, cols, tz, shift, device, notes, parsed)
            if draft is not None:
                parsed.activities.append(summarise(draft))
        return parsed

    @staticmethod
    def _session_from_records(cols: _Columns, sport: dict[str, Any]) -> dict[str, Any]:
        if len(cols.t) < 2:
            return {}
        return {
            "start_time": cols.t[0],
            "total_elapsed_time": cols.t[-1] - cols.t[0],
            "sport": sport.get("sport"),
            "sub_sport": sport.get("sub_sport"),
        }

    @staticmethod
    def _draft(
        session: dict[str, Any],
        cols: _Columns,
        tz: timezone,
        shift: float,
        device: str | None,
        notes: list[str],
        parsed: ParsedFile,
    ) -> ActivityDraft | None:
        start_raw = session.get("start_time")
        stamp = (float(start_raw), True) if isinstance(start_raw, float) else _time(start_raw)
        elapsed = session.get("total_elapsed_time")
        if stamp is None or not elapsed:
            parsed.skipped.append(Skipped("session", "no start time or duration"))
            return None
        sport, sub = session.get("sport"), session.get("sub_sport")
        kind = sport_kind(str(sub) if sub else None, str(sport) if sport else None)
        begin = stamp[0]
        when = datetime.fromtimestamp(begin + (shift if stamp[1] else 0.0), tz=UTC)
        if kind == "skip":
            parsed.skipped.append(
                Skipped(f"{sport} at {when.isoformat()}", "multisport transition")
            )
            return None
        lo = bisect_left(cols.t, begin)
        hi = bisect_right(cols.t, begin + float(elapsed))
        has_cad = any(c > 0 for c in cols.cad[lo:hi])
        has_hr = any(h > 0 for h in cols.hr[lo:hi])
        track = Track(
            t=cols.t[lo:hi],
            dist_m=cols.dist[lo:hi],
            cadence=cols.cad[lo:hi] if has_cad and kind in (None, "walk", "run") else (),
            hr=cols.hr[lo:hi] if has_hr else (),
        )
        strides = session.get("total_strides") or (
            session.get("total_cycles") if kind in ("walk", "run") else None
        )
        distance = session.get("total_distance")
        timer = session.get("total_timer_time")
        return ActivityDraft(
            source="fit",
            start=when.astimezone(tz) if not stamp[1] else when,
            elapsed_s=float(elapsed),
            kind=kind,
            timer_s=float(timer) if timer else None,
            distance_m=float(distance) if distance else None,
            steps=int(strides) * 2 if strides and kind in ("walk", "run") else None,
            avg_hr=float(session["avg_heart_rate"]) if session.get("avg_heart_rate") else None,
            track=track,
            device=device,
            notes=tuple(notes),
        )
