"""Write a GPX 1.1 track of N points (Garmin style: ele, time, gpxtpx hr and cad), 1 Hz.

Usage: python bench/gen_gpx.py OUT.gpx N
"""

from __future__ import annotations

import math
import sys
from datetime import UTC, datetime, timedelta

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1"
 xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
 <metadata><time>2024-01-01T08:00:00Z</time></metadata>
 <trk><name>Long walk</name><type>walking</type><trkseg>
"""


def main(path: str, n: int) -> None:
    t0 = datetime(2024, 1, 1, 8, tzinfo=UTC)
    lat, lon = 45.0, 14.0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(HEAD)
        buf: list[str] = []
        for i in range(n):
            # 1.5 m/s along a slow curve
            heading = i / 5000.0
            lat += 1.5 * math.cos(heading) / 111_195
            lon += 1.5 * math.sin(heading) / (111_195 * math.cos(math.radians(lat)))
            when = (t0 + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
            buf.append(
                f'  <trkpt lat="{lat:.7f}" lon="{lon:.7f}"><ele>{300 + math.sin(i / 900) * 20:.1f}'
                f"</ele><time>{when}</time><extensions><gpxtpx:TrackPointExtension>"
                f"<gpxtpx:hr>{100 + i % 20}</gpxtpx:hr><gpxtpx:cad>{54 + i % 4}</gpxtpx:cad>"
                "</gpxtpx:TrackPointExtension></extensions></trkpt>\n"
            )
            if len(buf) >= 10000:
                fh.write("".join(buf))
                buf.clear()
        fh.write("".join(buf))
        fh.write(" </trkseg></trk>\n</gpx>\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
