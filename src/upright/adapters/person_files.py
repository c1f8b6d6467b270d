"""Files kept about one person outside the database, in the data folder.

A program that saves something personal beside the database (the command line keeps the last
answer of `upright today`) puts it in the person's folder here, so forgetting the person (from
the web or the command line) removes it with the rows. Standard library only: the quick
`upright today` reads its answer from here.
"""

from __future__ import annotations

from pathlib import Path


def folder(data_dir: Path, person_id: int) -> Path:
    """The person's folder of saved files (made by whoever saves there, mode 0700)."""
    return data_dir / "cache" / f"person-{person_id}"


class PersonFolders:
    """Removes a person's saved files (the ``PersonFiles`` port)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def remove(self, person_id: int) -> None:
        import shutil  # only when forgetting: the saved `today` reads this module

        shutil.rmtree(folder(self.data_dir, person_id), ignore_errors=True)
