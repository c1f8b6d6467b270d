"""Screenshots compared with committed references: a layout break fails a test.

A screenshot and its reference differ at a pixel when any colour channel differs by more than
``CHANNEL_TOLERANCE`` (font smoothing moves a few levels); the test fails when more than
``MAX_DIFFERENT`` of the pixels differ. Every screenshot is also kept in ``tests/artifacts/
screens`` with, on a failure, an image marking the differing pixels in red.

To refresh the references after an intended change of the look, run (then look at them and
commit them):

    UPRIGHT_UPDATE_SCREENSHOTS=1 UPRIGHT_TEST_CHROMIUM=$(command -v chromium) \\
        .venv/bin/pytest -p no:cacheprovider tests/e2e/browser/test_screenshots.py
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tests.e2e.browser.conftest import ARTIFACTS

REFERENCES = Path(__file__).resolve().parent / "screenshots"
SCREENS = ARTIFACTS / "screens"
#: a pixel "differs" when a channel moves by more than this (0-255)
CHANNEL_TOLERANCE = 40
#: the share of differing pixels above which the screenshot counts as a changed layout
MAX_DIFFERENT = 0.01


@dataclass(frozen=True)
class Comparison:
    name: str
    different: float  # share of pixels that differ, 0-1
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.different <= MAX_DIFFERENT and not self.note


def updating() -> bool:
    return os.environ.get("UPRIGHT_UPDATE_SCREENSHOTS") == "1"


def different_share(shot: Path, reference: Path, marks: Path | None = None) -> float:
    """The share of pixels that differ between two images (a size change counts every pixel
    outside the overlap as different). Optionally writes ``marks``: the differences in red."""
    from PIL import Image, ImageChops

    with Image.open(shot) as a_raw, Image.open(reference) as b_raw:
        a, b = a_raw.convert("RGB"), b_raw.convert("RGB")
    width, height = max(a.width, b.width), max(a.height, b.height)
    canvas_a = Image.new("RGB", (width, height), (255, 0, 255))
    canvas_b = Image.new("RGB", (width, height), (0, 255, 0))
    canvas_a.paste(a, (0, 0))
    canvas_b.paste(b, (0, 0))
    diff = ImageChops.difference(canvas_a, canvas_b)
    # the largest channel difference per pixel, then a yes/no mask at the tolerance
    channels = diff.split()
    largest = ImageChops.lighter(ImageChops.lighter(channels[0], channels[1]), channels[2])
    mask = largest.point(lambda v: 255 if v > CHANNEL_TOLERANCE else 0)
    histogram = mask.histogram()
    changed = histogram[255]
    if marks is not None and changed:
        marked = canvas_a.copy()
        marked.paste((230, 0, 0), mask=mask)
        marked.save(marks)
    return changed / float(width * height)


def compare(shot: Path, name: str) -> Comparison:
    """Compare a screenshot with its reference (or, when refreshing, make it the reference)."""
    reference = REFERENCES / f"{name}.png"
    if updating():
        from PIL import Image

        REFERENCES.mkdir(parents=True, exist_ok=True)
        with Image.open(shot) as image:
            image.save(reference, optimize=True)
        return Comparison(name, 0.0)
    if not reference.is_file():
        return Comparison(name, 1.0, "no reference image yet (see tests/e2e/browser/screens.py)")
    marks = SCREENS / f"{name}.diff.png"
    return Comparison(name, different_share(shot, reference, marks))
