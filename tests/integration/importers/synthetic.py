"""Small Apple Health exports written by the tests: workouts, statistics, two step sources."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'
#: The iOS 16 DTD bug: the VisionPrescription ATTLIST lacks its closing ">".
BROKEN_DTD = """<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
<!ATTLIST VisionPrescription
  type CDATA #REQUIRED
  dateIssued CDATA #REQUIRED
<!ELEMENT ExportDate EMPTY>
]>
"""

WATCH = "Anna’s Apple Watch"
PHONE = "Anna’s iPhone"


def fmt(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S %z")


def step(source: str, start: datetime, seconds: int, steps: int) -> str:
    end = start + timedelta(seconds=seconds)
    return (
        f'<Record type="HKQuantityTypeIdentifierStepCount" sourceName="{source}" '
        f'sourceVersion="10.2" unit="count" creationDate="{fmt(end)}" startDate="{fmt(start)}" '
        f'endDate="{fmt(end)}" value="{steps}"/>\n'
    )


def heart(start: datetime, bpm: int) -> str:
    return (
        f'<Record type="HKQuantityTypeIdentifierHeartRate" sourceName="{WATCH}" '
        f'unit="count/min" creationDate="{fmt(start)}" startDate="{fmt(start)}" '
        f'endDate="{fmt(start)}" value="{bpm}"/>\n'
    )


def energy(start: datetime) -> str:
    return (
        f'<Record type="HKQuantityTypeIdentifierActiveEnergyBurned" sourceName="{WATCH}" '
        f'unit="kcal" creationDate="{fmt(start)}" startDate="{fmt(start)}" '
        f'endDate="{fmt(start)}" value="0.5"/>\n'
    )


def workout(start: datetime, minutes: float, kind: str = "Walking", km: float = 2.7) -> str:
    end = start + timedelta(minutes=minutes)
    return f"""<Workout workoutActivityType="HKWorkoutActivityType{kind}" duration="{minutes}"
 durationUnit="min" sourceName="{WATCH}" sourceVersion="10.2" creationDate="{fmt(end)}"
 startDate="{fmt(start)}" endDate="{fmt(end)}">
  <MetadataEntry key="HKIndoorWorkout" value="0"/>
  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="{fmt(start)}" duration="10"
   durationUnit="min"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="{fmt(start)}"
   endDate="{fmt(end)}" sum="150" unit="Cal"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning"
   startDate="{fmt(start)}" endDate="{fmt(end)}" sum="{km}" unit="km"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="{fmt(start)}"
   endDate="{fmt(end)}" average="104" minimum="80" maximum="120" unit="count/min"/>
</Workout>
"""


def export(dtd: str = "", extra: str = "") -> bytes:
    """A 2024-style export: a 30 min walking workout (watch and phone steps overlapping) and,
    after the change to summer time, a 20 min walk seen only in step counts."""
    winter = timezone(timedelta(hours=1))
    summer = timezone(timedelta(hours=2))
    w_start = datetime(2024, 3, 30, 9, 0, tzinfo=winter)
    parts = [HEADER, dtd, '<HealthData locale="en_NL">\n']
    parts.append('<ExportDate value="2024-04-01 08:10:05 +0200"/>\n<Me/>\n')
    for i in range(30):  # the watch: one sample a minute, 112 steps/min
        parts.append(step(WATCH, w_start + timedelta(minutes=i), 60, 112))
        parts.append(heart(w_start + timedelta(minutes=i), 100))
        parts.append(energy(w_start + timedelta(minutes=i)))
    for i in range(6):  # the phone: 5 min chunks over the same walk
        parts.append(step(PHONE, w_start + timedelta(minutes=5 * i), 300, 540))
    s_start = datetime(2024, 3, 31, 18, 0, tzinfo=summer)
    for i in range(20):  # after the clock change: a walk nobody started a workout for
        parts.append(step(PHONE, s_start + timedelta(minutes=i), 60, 104))
    parts.append(extra)
    parts.append(workout(w_start, 30.0))
    parts.append("</HealthData>\n")
    return "".join(parts).encode()


def days_export(days: int, seed: int = 3, late: str = "") -> bytes:
    """``days`` days of a phone and a watch from 2024-01-01: pottering steps from both, two or
    three walks a day seen by both (the phone's offset by up to a minute), a walking workout
    every third day during which the phone counts steps too. The same seed gives the same days,
    so a longer export is a newer export of the same data; ``late`` adds records (a watch that
    synced an old walk late)."""
    rng = random.Random(seed)
    tz = timezone(timedelta(hours=1))
    parts = [HEADER, '<HealthData locale="en_NL">\n<ExportDate value="2024-06-01"/>\n<Me/>\n']
    workouts: list[str] = []
    for day in range(days):
        d0 = datetime(2024, 1, 1, tzinfo=tz) + timedelta(days=day)
        for i in range(0, 24 * 60, 10):  # pottering: below walking cadence
            parts.append(step(WATCH, d0 + timedelta(minutes=i), 240, rng.randint(5, 60)))
            parts.append(step(PHONE, d0 + timedelta(minutes=i + 2), 420, rng.randint(5, 90)))
            parts.append(heart(d0 + timedelta(minutes=i), rng.randint(60, 90)))
        for _ in range(rng.randint(2, 3)):
            start = d0 + timedelta(minutes=rng.randint(7 * 60, 20 * 60))
            length = rng.randint(4, 40)
            for i in range(length):
                parts.append(step(WATCH, start + timedelta(minutes=i), 60, rng.randint(95, 125)))
            lag = timedelta(seconds=rng.randint(-60, 60))
            for i in range(0, length, 5):
                parts.append(step(PHONE, start + lag + timedelta(minutes=i), 300, 540))
        if day % 3 == 0:
            start = d0 + timedelta(hours=12, minutes=rng.randint(0, 50))
            minutes = rng.randint(15, 45)
            for i in range(0, minutes, 5):
                parts.append(step(PHONE, start + timedelta(minutes=i), 300, 560))
            workouts.append(workout(start, float(minutes)))
    parts.append(late)
    parts.extend(workouts)
    parts.append("</HealthData>\n")
    return "".join(parts).encode()
