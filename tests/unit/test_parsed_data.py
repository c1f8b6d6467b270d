"""The parsed catalog and rule book kept between command-line runs: the same objects as parsing,
and parsing again on any problem."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from upright.adapters import data_files, parsed_data

PARSED = (data_files.load_catalog(), data_files.load_rulebook())


def _saved(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{parsed_data.PREFIX}*.pickle"))


def test_the_first_run_saves_and_the_next_reads_the_same_objects(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    assert parsed_data.load(folder) == PARSED
    [file] = _saved(folder)
    assert folder.stat().st_mode & 0o077 == 0
    stamp = file.stat().st_mtime_ns
    again = parsed_data.load(folder)
    assert again == PARSED and again[0] is not PARSED[0]  # read from the file, not parsed
    assert file.stat().st_mtime_ns == stamp  # not rewritten
    assert parsed_data.key() == parsed_data.key()


def test_a_damaged_or_foreign_file_is_parsed_again_and_replaced(tmp_path: Path) -> None:
    parsed_data.load(tmp_path)
    [file] = _saved(tmp_path)
    for content in (b"not a pickle", pickle.dumps({"catalog": 1}), pickle.dumps(("a", "b")), b""):
        file.write_bytes(content)
        assert parsed_data.load(tmp_path) == PARSED
        with file.open("rb") as handle:
            assert pickle.load(handle) == PARSED


def test_a_file_under_another_key_is_never_read(tmp_path: Path) -> None:
    other = tmp_path / f"{parsed_data.PREFIX}{'0' * 32}.pickle"
    other.write_bytes(pickle.dumps(("a", "b")))
    assert parsed_data.load(tmp_path) == PARSED
    assert len(_saved(tmp_path)) == 2  # another version's file, written today: kept
    week_old = other.stat().st_mtime - parsed_data.STALE_SECONDS - 60
    os.utime(other, (week_old, week_old))
    for file in _saved(tmp_path):
        if file != other:
            file.unlink()
    parsed_data.load(tmp_path)
    assert other not in _saved(tmp_path) and len(_saved(tmp_path)) == 1


def test_a_folder_that_cannot_be_made_means_parsing(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("x")
    assert parsed_data.load(blocked / "cache") == PARSED
    assert blocked.read_text() == "x"
