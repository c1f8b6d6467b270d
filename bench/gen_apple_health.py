"""Write a realistic Apple Health export.xml of about SIZE MB (structure from the fixtures).

Per simulated day, like a watch + phone owner: active/basal energy every few minutes, heart
rate every ~5 min (more during workouts), step counts and walking distance from both the watch
(1 min samples) and the phone (5-10 min chunks), sleep, stand, exercise time, and about one
workout every other day with WorkoutStatistics, events and a route reference. Records carry
the long HKDevice strings and MetadataEntry children real exports have; a DTD comes first.
Usage: python bench/gen_apple_health.py OUT.xml SIZE_MB
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta, timezone

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


def fmt(m: datetime) -> str:
    return m.strftime("%Y-%m-%d %H:%M:%S %z")


def rec(
    kind: str, src: str, dev: str, unit: str, start: datetime, secs: int, value: str, meta: str = ""
) -> str:
    end = start + timedelta(seconds=secs)
    head = (
        f'<Record type="{kind}" sourceName="{src}" sourceVersion="10.2" device="{dev}" '
        f'unit="{unit}" creationDate="{fmt(end)}" startDate="{fmt(start)}" '
        f'endDate="{fmt(end)}" value="{value}"'
    )
    if meta:
        return f"{head}>\n{meta}</Record>\n"
    return head + "/>\n"


def day(out: list[str], d0: datetime, rng: random.Random) -> int:
    n = 0
    q = "HKQuantityTypeIdentifier"
    for minute in range(0, 1440, 3):
        t = d0 + timedelta(minutes=minute)
        out.append(
            rec(q + "ActiveEnergyBurned", WATCH, WATCH_DEV, "Cal", t, 180, f"{rng.random():.3f}")
        )
        n += 1
        if minute % 6 == 0:
            out.append(
                rec(
                    q + "BasalEnergyBurned",
                    WATCH,
                    WATCH_DEV,
                    "Cal",
                    t,
                    360,
                    f"{rng.uniform(5, 8):.3f}",
                )
            )
            n += 1
        if minute % 5 == 0:
            meta = '<MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n'
            out.append(
                rec(
                    q + "HeartRate",
                    WATCH,
                    WATCH_DEV,
                    "count/min",
                    t,
                    0,
                    str(rng.randint(55, 95)),
                    meta,
                )
            )
            n += 1
    walks = [
        (rng.randint(7 * 60, 9 * 60), rng.randint(8, 40)),
        (rng.randint(17 * 60, 19 * 60), rng.randint(5, 30)),
    ]
    for start_min, length in walks:
        spm = rng.choice([85, 95, 105, 115])
        for i in range(length):
            t = d0 + timedelta(minutes=start_min + i)
            out.append(rec(q + "StepCount", WATCH, WATCH_DEV, "count", t, 60, str(spm)))
            out.append(
                rec(
                    q + "DistanceWalkingRunning",
                    WATCH,
                    WATCH_DEV,
                    "km",
                    t,
                    60,
                    f"{spm * 0.00075:.4f}",
                )
            )
            n += 2
        for i in range(0, length, 7):
            t = d0 + timedelta(minutes=start_min + i)
            out.append(rec(q + "StepCount", PHONE, PHONE_DEV, "count", t, 420, str(spm * 7)))
            n += 1
    for hour in range(8, 22):
        t = d0 + timedelta(hours=hour)
        out.append(rec(q + "AppleStandTime", WATCH, WATCH_DEV, "min", t, 300, "2"))
        out.append(rec(q + "FlightsClimbed", PHONE, PHONE_DEV, "count", t, 600, "1"))
        n += 2
    sleep = d0 - timedelta(hours=1)
    meta = '<MetadataEntry key="HKTimeZone" value="Europe/Amsterdam"/>\n'
    out.append(
        rec(
            "HKCategoryTypeIdentifierSleepAnalysis",
            WATCH,
            WATCH_DEV,
            "",
            sleep,
            7 * 3600,
            "HKCategoryValueSleepAnalysisAsleepCore",
            meta,
        )
    )
    return n + 1


def workout(d0: datetime, rng: random.Random) -> str:
    start = d0 + timedelta(hours=12, minutes=rng.randint(0, 59))
    mins = rng.randint(20, 45)
    end = start + timedelta(minutes=mins)
    kind = rng.choice(["Walking", "Walking", "Cycling", "Running"])
    s, e = fmt(start), fmt(end)
    return (
        f'<Workout workoutActivityType="HKWorkoutActivityType{kind}" duration="{mins}" '
        f'durationUnit="min" sourceName="{WATCH}" sourceVersion="10.2" device="{WATCH_DEV}" '
        f'creationDate="{e}" startDate="{s}" endDate="{e}">\n'
        '  <MetadataEntry key="HKIndoorWorkout" value="0"/>\n'
        f'  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="{s}" duration="10" '
        'durationUnit="min"/>\n'
        f'  <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" '
        f'startDate="{s}" endDate="{e}" sum="{mins * 5}" unit="Cal"/>\n'
        f'  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" '
        f'startDate="{s}" endDate="{e}" sum="{mins * 0.09:.2f}" unit="km"/>\n'
        f'  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="{s}" '
        f'endDate="{e}" average="{rng.randint(95, 140)}" minimum="80" maximum="150" '
        'unit="count/min"/>\n'
        f'  <WorkoutRoute sourceName="{WATCH}" sourceVersion="10.2" creationDate="{e}" '
        f'startDate="{s}" endDate="{e}">\n'
        f'   <FileReference path="/workout-routes/route_{start:%Y-%m-%d_%H.%M}.gpx"/>\n'
        "  </WorkoutRoute>\n</Workout>\n"
    )


def main(out_path: str, size_mb: float) -> None:
    rng = random.Random(7)
    target = int(size_mb * 1e6)
    d0 = datetime(2019, 1, 1, tzinfo=TZ)
    records = 0
    workouts: list[str] = []
    with open(out_path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n' + DTD)
        fh.write('<HealthData locale="en_NL">\n <ExportDate value="2024-06-01 08:10:05 +0200"/>\n')
        fh.write(' <Me HKCharacteristicTypeIdentifierDateOfBirth="1970-05-20"/>\n')
        written = 0
        while written < target:
            chunk: list[str] = []
            records += day(chunk, d0, rng)
            if rng.random() < 0.5:
                workouts.append(workout(d0, rng))
            text = "".join(chunk)
            fh.write(text)
            written += len(text.encode())
            d0 += timedelta(days=1)
        fh.write("".join(workouts))
        fh.write("</HealthData>\n")
    print(f"{out_path}: {records} records, {len(workouts)} workouts")


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
