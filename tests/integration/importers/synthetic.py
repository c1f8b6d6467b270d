"""Small Apple Health exports written by the tests: workouts, statistics, two step sources."""

from __future__ import annotations

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
