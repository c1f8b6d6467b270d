"""Write a GPX file of N short tracks (2 h apart, 10 minutes of walking at 1 Hz each).

Some apps export a whole history as one GPX: every outing a ``<trk>``. Each becomes an
activity, so this is what the duplicate search meets with thousands of them in one file.
Usage: python bench/gen_gpx_tracks.py OUT.gpx N
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta


def main(path: str, n: int) -> None:
    t0 = datetime(2020, 1, 1, 8, tzinfo=UTC)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="bench" ')
        fh.write('xmlns="http://www.topografix.com/GPX/1/1">\n')
        for k in range(n):
            start = t0 + timedelta(hours=2 * k)
            fh.write(f"<trk><name>walk {k}</name><type>walking</type><trkseg>\n")
            lat, lon = 52.0 + (k % 50) * 0.01, 4.0
            points = []
            for i in range(600):
                when = (start + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
                points.append(
                    f'<trkpt lat="{lat + i * 1.3e-5:.7f}" lon="{lon:.7f}"><time>{when}</time></trkpt>\n'
                )
            fh.write("".join(points))
            fh.write("</trkseg></trk>\n")
        fh.write("</gpx>\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
