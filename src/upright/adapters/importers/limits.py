"""How much one file may hold: caps that keep an import's memory bounded (issue 15).

Every importer keeps what it reads in columns of numbers; these caps bound those columns, so a
file that fits the upload limit cannot make the server (or the CLI) hold gigabytes. The figures
sit far above what a phone or watch writes: a year of a watch's 1-second track points is
about 1.5 million points over many files, and six years of an iPhone and a Watch that both
count steps all day are about 3.4 million step, distance and heart-rate samples.
"""

from __future__ import annotations

from upright.domain.errors import ImportFailed

#: activities (tracks, workouts, walks found in step counts) in one file; eight years of two
#: walks a day found in an iPhone's step counts is about 6,000
MAX_ACTIVITIES = 20_000
#: timed track points in one GPX, TCX or FIT file
MAX_POINTS = 2_000_000
#: step, distance and heart-rate samples kept from one Apple Health export: 26 bytes each, plus
#: the sort (issue 14: a 2 GB export of six years of a phone and a watch writing all day holds
#: 3.35 million; read in 216 MB at most). 3.5 million leaves room under the 300 MB goal
MAX_SAMPLES = 3_500_000


class TooMuchInOneFile(ImportFailed):
    """A file holds more than an import reads safely; nothing from it was stored."""


def check(count: int, cap: int, what: str, path: str) -> None:
    """Refuse the file once ``count`` passes ``cap``."""
    if count > cap:
        raise TooMuchInOneFile(
            path,
            f"holds more than {cap:,} {what}, more than Upright reads from one file; "
            "nothing from it was stored. Split it into smaller files (or export a shorter "
            "period) and import those.",
        )
