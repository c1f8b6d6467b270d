"""The screenshot comparison itself (no browser): its threshold and its edges."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.browser import screens

Image = pytest.importorskip("PIL.Image")


def _image(
    path: Path, size: tuple[int, int] = (100, 100), colour: tuple[int, int, int] = (240, 244, 243)
) -> Path:
    Image.new("RGB", size, colour).save(path)
    return path


def _paint(path: Path, pixels: int, colour: tuple[int, int, int] = (20, 30, 30)) -> None:
    with Image.open(path) as image:
        copy = image.convert("RGB")
    for n in range(pixels):
        copy.putpixel((n % copy.width, n // copy.width), colour)
    copy.save(path)


def test_the_same_image_differs_nowhere(tmp_path: Path) -> None:
    a, b = _image(tmp_path / "a.png"), _image(tmp_path / "b.png")
    assert screens.different_share(a, b) == 0.0


def test_font_smoothing_within_the_tolerance_is_not_a_difference(tmp_path: Path) -> None:
    a = _image(tmp_path / "a.png")
    shade = 240 - screens.CHANNEL_TOLERANCE
    b = _image(tmp_path / "b.png", colour=(shade, 244, 243))
    assert screens.different_share(a, b) == 0.0
    c = _image(tmp_path / "c.png", colour=(shade - 1, 244, 243))
    assert screens.different_share(a, c) == 1.0


def test_the_threshold_is_one_percent_of_the_pixels(tmp_path: Path) -> None:
    reference = _image(tmp_path / "ref.png")
    at = _image(tmp_path / "at.png")
    _paint(at, 100)  # 100 of 10,000 pixels: exactly 1%
    over = _image(tmp_path / "over.png")
    _paint(over, 101)
    assert screens.different_share(at, reference) == pytest.approx(0.01)
    assert screens.Comparison("at", screens.different_share(at, reference)).ok
    assert not screens.Comparison("over", screens.different_share(over, reference)).ok


def test_a_taller_page_counts_the_extra_rows_as_different(tmp_path: Path) -> None:
    reference = _image(tmp_path / "ref.png", (100, 100))
    taller = _image(tmp_path / "taller.png", (100, 110))
    assert screens.different_share(taller, reference) == pytest.approx(1000 / 11000)


def test_the_differences_are_marked_in_red(tmp_path: Path) -> None:
    reference = _image(tmp_path / "ref.png")
    changed = _image(tmp_path / "changed.png")
    _paint(changed, 5)
    marks = tmp_path / "marks.png"
    screens.different_share(changed, reference, marks)
    with Image.open(marks) as image:
        assert image.getpixel((0, 0)) == (230, 0, 0) and image.getpixel((50, 50)) != (230, 0, 0)


def test_a_missing_reference_fails_with_how_to_make_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screens, "REFERENCES", tmp_path / "none")
    monkeypatch.delenv("UPRIGHT_UPDATE_SCREENSHOTS", raising=False)
    result = screens.compare(_image(tmp_path / "shot.png"), "nowhere")
    assert not result.ok and "no reference image yet" in result.note
