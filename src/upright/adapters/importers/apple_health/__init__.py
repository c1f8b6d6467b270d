"""Apple Health exports: ``export.zip`` (with route GPX files) or a bare ``export.xml``."""

from __future__ import annotations

import posixpath
import zipfile
from array import array
from bisect import bisect_left
from typing import IO

import numpy as np

from upright.adapters.importers import safexml
from upright.adapters.importers.apple_health import (
    archive,
    dates,
    proof,
    records,
    reference,
    routes,
    scan,
    workouts,
)
from upright.adapters.importers.apple_health import (
    store as columns,
)
from upright.adapters.importers.base import ParsedFile, Progress, stream_size
from upright.domain.tracking.activity import Skipped
from upright.domain.tracking.resume import cutoff
from upright.domain.tracking.samples import Track
from upright.domain.tracking.stepwalks import (
    MIN_WALK_S,
    WALKING_SPM,
    StepInterval,
    StepWalk,
    find_walks,
    steps_between,
)
from upright.domain.tracking.summarise import ActivityDraft, summarise


class AppleHealthImporter:
    key = "apple_health"
    label = "Apple Health export"

    def __init__(self, general: bool = False) -> None:
        #: read with the general (lxml) reader only: the reference the tests compare with
        self.general = general

    def read(
        self, stream: IO[bytes], name: str, progress: Progress | None, since: float | None = None
    ) -> ParsedFile:
        """Read the export; with ``since`` (epoch s) only activities starting from then on."""
        head = stream.read(4)
        stream.seek(0)
        if head.startswith(b"PK"):
            export = archive.open_export(stream, name)
            with export.archive.open(export.member) as xml:
                return self._read_xml(xml, name, progress, export, export.member.file_size, since)
        return self._read_xml(stream, name, progress, None, stream_size(stream), since)

    def _read_xml(
        self,
        xml: IO[bytes],
        name: str,
        progress: Progress | None,
        export: archive.Export | None,
        total: int,
        since: float | None = None,
    ) -> ParsedFile:
        # the same prolog check as GPX and TCX (issue 15): entity declarations are refused
        head = safexml.prolog(xml, name)
        safexml.refuse_entities(head, name)
        xml.seek(0)
        parsed = ParsedFile(self.key)
        found: list[workouts.WorkoutFacts] = []

        def on_workout(block: bytes, offset: int) -> None:
            found.append(workouts.parse_block(block, name, offset))

        def report(done: int) -> None:
            if progress is not None:
                progress(done, total)

        store: columns.Store | None = None
        if not self.general:
            expected = _own_crc(xml)
            try:
                store = scan.scan(xml, name, on_workout, report, since, len(head))
            except records.Unexpected:
                found.clear()  # read again, whole, by the reader that reads any XML
                _own_crc(xml, expected)
                xml.seek(0)
            except proof.NoProof:
                parsed.before = proof.NONE  # the earlier days differ: to be read whole
                return parsed
            if store is not None and expected is not None and store.ledger.crc != expected:
                raise zipfile.BadZipFile(f"Bad CRC-32 for file {name!r}")
        if store is None:
            store = reference.scan(xml, name, on_workout, report, since, len(head))
        columns.sort_store(store)
        if store.bad_records:
            parsed.skipped.append(
                Skipped(f"{store.bad_records} samples", "unreadable date or value; ignored")
            )
        start = since if since is not None else float("-inf")
        for facts in found:
            if facts.start >= start:
                route = self._route(facts, export, name)
                parsed.activities.append(summarise(workouts.draft(facts, store, route)))
        for draft in self._step_walks(store):
            if draft.start.timestamp() >= start:
                parsed.activities.append(summarise(draft))
        ledger: proof.Ledger | None = store.ledger
        if store.until > float("-inf"):
            parsed.data_until = store.until
            next_day = columns.skip_day(cutoff(store.until))
            parsed.settled = ledger.proof_for(next_day) if ledger else proof.UNPROVEN
        if since is not None:
            try:
                parsed.before = ledger.proof_from() if ledger else proof.NONE
            except proof.NoProof:
                parsed.before = proof.NONE
            parsed.skipped.append(
                Skipped(
                    f"records before {columns.skip_day(since).decode()}",
                    "already imported from an earlier export of the same data",
                )
            )
        return parsed

    @staticmethod
    def _route(
        facts: workouts.WorkoutFacts, export: archive.Export | None, name: str
    ) -> Track | None:
        track = facts.route
        if track is None and facts.route_file:
            info = export.routes.get(posixpath.basename(facts.route_file)) if export else None
            if info is None or export is None:
                facts.notes.append("route file not in this import (import export.zip to use it)")
                return None
            with export.archive.open(info) as fh:
                tracks = routes.read_route(fh, f"{name}:{info.filename}", info.file_size)
            t: array[float] = array("d")
            dist: array[float] = array("d")
            for trk in tracks:
                base = (dist[-1] if dist else 0.0) - (trk.dist[0] if trk.dist else 0.0)
                t.extend(trk.t)
                dist.extend(d + base for d in trk.dist)
            track = Track(t=t, dist_m=dist) if len(t) > 1 else None
        if track is None:
            return None
        clipped = workouts.clip(track, facts.start, facts.end)
        if clipped is None:
            facts.notes.append("route times do not match the workout: route ignored")
        return clipped

    @staticmethod
    def _step_walks(store: columns.Store) -> list[ActivityDraft]:
        """Walks seen only in step counts (no workout started), one source at a time."""
        drafts: list[ActivityDraft] = []
        for source, iv in store.steps.items():
            for walk in _walks(iv):
                at = bisect_left(iv.start, walk.start)
                offset = iv.offset[at] if at < len(iv) else 0
                dist_iv = store.distance.get(source)
                distance = None
                if dist_iv is not None:
                    window = workouts.window(dist_iv, walk.start, walk.end)
                    distance = steps_between(window, walk.start, walk.end) or None
                drafts.append(
                    ActivityDraft(
                        source="apple_health_steps",
                        start=dates.at(walk.start, offset),
                        elapsed_s=walk.seconds,
                        kind="walk",
                        distance_m=distance,
                        steps=walk.steps,
                        device=source,
                        brisk_s=walk.brisk_s,
                        notes=("found in step counts (no workout was recorded)",),
                    )
                )
        return drafts


def _walks(iv: columns.Intervals) -> list[StepWalk]:
    """``find_walks`` of one source's samples, given only the stretches that can hold a walk.

    A five-year export holds millions of step samples, nearly all of them pottering about. A
    sample below walking cadence (or of no length) ends any walk, so ``find_walks`` sees the
    same walks in each stretch of walking-cadence samples alone; stretches spanning less than
    the shortest walk are found (in numpy) and skipped.
    """
    start = np.frombuffer(iv.start, np.float64)
    end = np.frombuffer(iv.end, np.float64)
    steps = np.frombuffer(iv.value, np.float64)
    span = end - start
    with np.errstate(divide="ignore", invalid="ignore"):
        spm = steps / np.where(span > 0, span, 1.0) * 60
    # as find_walks tests it ("end <= start or spm < WALKING_SPM" ends a walk; NaN does not)
    walking = ~(end <= start) & ~(spm < WALKING_SPM)
    edges = np.diff(np.concatenate(([0], walking.view(np.int8), [0])))
    firsts = np.flatnonzero(edges == 1)
    if not len(firsts):
        return []
    lasts = np.flatnonzero(edges == -1)
    latest = np.maximum.reduceat(np.where(walking, end, -np.inf), firsts)
    found: list[StepWalk] = []
    for lo, hi in zip(
        firsts[latest - start[firsts] >= MIN_WALK_S].tolist(),
        lasts[latest - start[firsts] >= MIN_WALK_S].tolist(),
        strict=True,
    ):
        found += find_walks(
            StepInterval(iv.start[i], iv.end[i], iv.value[i]) for i in range(lo, hi)
        )
    return found


def _own_crc(xml: IO[bytes], expected: int | None = None) -> int | None:
    """The zip member's CRC-32, taken from zipfile (which would compute it again while
    inflating): the byte reader's own CRC32 of the whole file (``proof``) is checked against
    it instead. With ``expected``: given back, for a reader that does not compute it."""
    if not isinstance(xml, zipfile.ZipExtFile):
        return None
    if expected is not None:
        xml._expected_crc = expected  # type: ignore[attr-defined]
        return expected
    crc: int | None = getattr(xml, "_expected_crc", None)
    if crc is not None:
        xml._expected_crc = None  # type: ignore[attr-defined]
    return crc
