"""Write a realistic Apple Health ``export.zip`` of about SIZE MB (uncompressed XML + routes).

Like a person with an iPhone and an Apple Watch, day after day for as many years as the size
needs (from 2019-01-01):

- the watch and the phone both write step counts and walking distance all day: small counts
  every few minutes while pottering about (watch: 1-3 min samples, phone: 5-10 min chunks), so
  the two devices overlap everywhere, as in real exports;
- two to four bursts of walking a day (5-45 min, 85-125 steps/min), recorded by both devices;
- heart rate from the watch every 5 minutes, every 10 seconds during workouts;
- active and basal energy, stand time, flights, sleep (records Upright skips);
- a workout about every other day (walking, running, cycling) with WorkoutStatistics, events
  and a route GPX file in ``workout-routes/`` (one point per 2 s); during walking workouts the
  phone also counts steps (the double counting case);
- the two ``sourceName`` values carry typographic apostrophes, records carry the long HKDevice
  strings and MetadataEntry children real exports have, and a DTD comes first.

Usage: python bench/gen_apple_health.py OUT.zip SIZE_MB [--days N] [--start YYYY-MM-DD]
``--days`` fixes the number of days instead (then SIZE_MB is ignored). The same seed and start
always give the same days, so a longer export is a superset of a shorter one (a newer export).
"""

from __future__ import annotations

import argparse
import math
import random
import tempfile
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from io import StringIO
from pathlib import Path

WATCH = "Anna’s Apple Watch"
PHONE = "Anna’s iPhone"
WATCH_DEV = (
    "&lt;&lt;HKDevice: 0x3012772a0&gt;, name:Apple Watch, manufacturer:Apple Inc., "
    "model:Watch, hardware:Watch6,7, software:10.2&gt;"
)
PHONE_DEV = (
    "&lt;&lt;HKDevice: 0x30125d1d0&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, "
    "hardware:iPhone14,2, software:17.2.1&gt;"
)
DTD = (
    "<!DOCTYPE HealthData [\n"
    + "".join(f"<!ATTLIST Element{i} attr CDATA #IMPLIED>\n" for i in range(150))
    + "]>\n"
)
TZ = timezone(timedelta(hours=1))
Q = "HKQuantityTypeIdentifier"
HR_META = '<MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n'


def fmt(m: datetime) -> str:
    return m.strftime("%Y-%m-%d %H:%M:%S %z")


class Day:
    """Records of one day, written in the order the devices would produce them."""

    def __init__(self, d0: datetime, rng: random.Random) -> None:
        self.d0 = d0
        self.rng = rng
        self.out = StringIO()
        self.records = 0
        self._stamps: dict[int, str] = {}

    def at(self, seconds: float) -> str:
        key = int(seconds)
        text = self._stamps.get(key)
        if text is None:
            text = fmt(self.d0 + timedelta(seconds=key))
            self._stamps[key] = text
        return text

    def rec(
        self,
        kind: str,
        phone: bool,
        unit: str,
        start: float,
        secs: float,
        value: str,
        meta: str = "",
    ) -> None:
        src, dev = (PHONE, PHONE_DEV) if phone else (WATCH, WATCH_DEV)
        s, e = self.at(start), self.at(start + secs)
        head = (
            f'<Record type="{kind}" sourceName="{src}" sourceVersion="17.2.1" device="{dev}" '
            f'unit="{unit}" creationDate="{e}" startDate="{s}" endDate="{e}" value="{value}"'
        )
        self.out.write(f"{head}>\n{meta}</Record>\n" if meta else head + "/>\n")
        self.records += 1


def steps(day: Day, phone: bool, start: float, end: float, spm: float, jitter: float) -> None:
    """Step and distance samples covering [start, end) at about ``spm`` steps a minute."""
    rng = day.rng
    t = start
    while t < end:
        span = min(rng.uniform(300, 600) if phone else rng.uniform(60, 180), end - t)
        count = max(spm * span / 60 * rng.uniform(1 - jitter, 1 + jitter), 1)
        day.rec(Q + "StepCount", phone, "count", t, span, f"{count:.0f}")
        day.rec(Q + "DistanceWalkingRunning", phone, "km", t, span, f"{count * 0.00072:.5f}")
        t += span


def one_day(day: Day, workout_at: tuple[float, float, str] | None) -> None:
    rng = day.rng
    # pottering about: a few steps every few minutes from both devices, all waking hours
    walks = sorted(
        (rng.uniform(7 * 3600, 21 * 3600), rng.uniform(5, 45) * 60)
        for _ in range(rng.randint(2, 4))
    )
    busy = [(s, s + length) for s, length in walks]
    if workout_at is not None:
        busy.append((workout_at[0], workout_at[1]))
    t = 7 * 3600.0
    for s, e in sorted(busy) + [(22 * 3600.0, 22 * 3600.0)]:
        if s > t:
            for phone in (False, True):
                steps(day, phone, t, s, rng.uniform(5, 25), 0.5)
        t = max(t, e)
    for s, length in walks:
        spm = rng.choice((85, 95, 105, 115, 125))
        for phone in (False, True):
            lag = rng.uniform(-60, 60)
            steps(day, phone, s + lag, s + length + lag, spm, 0.08)
    if workout_at is not None and workout_at[2] == "Walking":
        steps(day, True, workout_at[0], workout_at[1], 110, 0.08)  # phone in the pocket
    for minute in range(0, 1440, 5):
        t = minute * 60.0
        day.rec(Q + "HeartRate", False, "count/min", t, 0, str(rng.randint(55, 95)), HR_META)
    if workout_at is not None:
        for t in range(int(workout_at[0]), int(workout_at[1]), 10):
            day.rec(Q + "HeartRate", False, "count/min", t, 0, str(rng.randint(100, 150)))
    for minute in range(0, 1440, 4):
        t = minute * 60.0
        day.rec(Q + "ActiveEnergyBurned", False, "Cal", t, 240, f"{rng.random():.3f}")
        if minute % 12 == 0:
            day.rec(Q + "BasalEnergyBurned", False, "Cal", t, 720, f"{rng.uniform(15, 24):.3f}")
    for hour in range(8, 22):
        day.rec(Q + "AppleStandTime", False, "min", hour * 3600.0, 300, "2")
        day.rec(Q + "FlightsClimbed", True, "count", hour * 3600.0, 600, "1")
    day.rec(
        "HKCategoryTypeIdentifierSleepAnalysis",
        False,
        "",
        -3600.0,
        7 * 3600,
        "HKCategoryValueSleepAnalysisAsleepCore",
        '<MetadataEntry key="HKTimeZone" value="Europe/Amsterdam"/>\n',
    )


def workout_xml(day: Day, start: float, end: float, kind: str, route: str) -> str:
    s, e = day.at(start), day.at(end)
    mins = (end - start) / 60
    km = mins * {"Walking": 0.09, "Running": 0.17, "Cycling": 0.3}[kind]
    return (
        f'<Workout workoutActivityType="HKWorkoutActivityType{kind}" duration="{mins:.4f}" '
        f'durationUnit="min" sourceName="{WATCH}" sourceVersion="10.2" device="{WATCH_DEV}" '
        f'creationDate="{e}" startDate="{s}" endDate="{e}">\n'
        '  <MetadataEntry key="HKIndoorWorkout" value="0"/>\n'
        f'  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="{s}" duration="10" '
        'durationUnit="min"/>\n'
        f'  <WorkoutStatistics type="{Q}ActiveEnergyBurned" '
        f'startDate="{s}" endDate="{e}" sum="{mins * 5:.1f}" unit="Cal"/>\n'
        f'  <WorkoutStatistics type="{Q}DistanceWalkingRunning" '
        f'startDate="{s}" endDate="{e}" sum="{km:.3f}" unit="km"/>\n'
        f'  <WorkoutStatistics type="{Q}HeartRate" startDate="{s}" '
        f'endDate="{e}" average="{day.rng.randint(95, 140)}" minimum="80" maximum="150" '
        'unit="count/min"/>\n'
        f'  <WorkoutRoute sourceName="{WATCH}" sourceVersion="10.2" creationDate="{e}" '
        f'startDate="{s}" endDate="{e}">\n'
        f'   <FileReference path="/workout-routes/{route}"/>\n'
        "  </WorkoutRoute>\n</Workout>\n"
    )


def route_gpx(day: Day, start: float, end: float, kind: str) -> str:
    speed = {"Walking": 1.5, "Running": 2.8, "Cycling": 5.0}[kind] / 111_000  # degrees/s
    lat, lon = 52.37 + day.rng.uniform(-0.05, 0.05), 4.89 + day.rng.uniform(-0.05, 0.05)
    heading = day.rng.uniform(0, 2 * math.pi)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="Apple Health '
        'Export" xmlns="http://www.topografix.com/GPX/1/1">\n<metadata><time>'
        f"{day.at(start)}</time></metadata>\n<trk><name>Route {day.at(start)}</name><trkseg>\n"
    ]
    for t in range(int(start), int(end), 2):
        heading += day.rng.uniform(-0.2, 0.2)
        lat += math.cos(heading) * speed * 2
        lon += math.sin(heading) * speed * 2
        stamp = (day.d0 + timedelta(seconds=t)).astimezone(UTC)
        out.append(
            f'<trkpt lon="{lon:.6f}" lat="{lat:.6f}"><ele>{day.rng.uniform(0, 5):.2f}</ele>'
            f"<time>{stamp:%Y-%m-%dT%H:%M:%SZ}</time><extensions><speed>2.1</speed>"
            "<course>-1.0</course><hAcc>2.5</hAcc><vAcc>1.6</vAcc></extensions></trkpt>\n"
        )
    out.append("</trkseg></trk>\n</gpx>\n")
    return "".join(out)


def generate(
    out_path: str, size_mb: float, days: int | None = None, start: str = "2019-01-01"
) -> dict[str, int]:
    rng = random.Random(7)
    target = int(size_mb * 1e6)
    d0 = datetime.fromisoformat(start).replace(tzinfo=TZ)
    records = written = n_days = 0
    workouts: list[str] = []
    routes = Path(tempfile.mkdtemp(prefix="routes-", dir=Path(out_path).parent))
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("apple_health_export/export.xml", "w", force_zip64=True) as raw:
            head = (
                '<?xml version="1.0" encoding="UTF-8"?>\n' + DTD + '<HealthData locale="en_NL">\n'
                ' <ExportDate value="2024-06-01 08:10:05 +0200"/>\n'
                ' <Me HKCharacteristicTypeIdentifierDateOfBirth="1970-05-20"/>\n'
            ).encode()
            raw.write(head)
            written += len(head)
            while (days is None and written < target) or (days is not None and n_days < days):
                day = Day(d0, random.Random(rng.random()))
                workout = None
                if day.rng.random() < 0.5:
                    begin = day.rng.uniform(12 * 3600, 13 * 3600)
                    kind = day.rng.choice(["Walking", "Walking", "Cycling", "Running"])
                    workout = (begin, begin + day.rng.uniform(20, 45) * 60, kind)
                one_day(day, workout)
                if workout is not None:
                    name = f"route_{d0:%Y-%m-%d}_{int(workout[0]) // 3600}.gpx"
                    workouts.append(workout_xml(day, *workout, name))
                    gpx = route_gpx(day, *workout).encode()
                    (routes / name).write_bytes(gpx)
                    written += len(gpx)
                data = day.out.getvalue().encode()
                raw.write(data)
                written += len(data)
                records += day.records
                n_days += 1
                d0 += timedelta(days=1)
            tail = ("".join(workouts) + "</HealthData>\n").encode()
            raw.write(tail)
            written += len(tail)
        for path in sorted(routes.iterdir()):  # a zip takes one open member at a time
            zf.write(path, f"apple_health_export/workout-routes/{path.name}")
            path.unlink()
    routes.rmdir()
    return {"records": records, "workouts": len(workouts), "days": n_days, "bytes": written}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("size_mb", type=float)
    parser.add_argument("--days", type=int)
    parser.add_argument("--start", default="2019-01-01")
    args = parser.parse_args()
    facts = generate(args.out, args.size_mb, args.days, args.start)
    print(f"{args.out}: {facts}")  # noqa: T201


if __name__ == "__main__":
    main()
