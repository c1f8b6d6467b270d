"""The start-up schema check: Alembic runs only when the stored revision is not the head read
from the migration files (every CLI command and web worker checks, so the check is quick);
and migration 0017 giving old stored answers the onset of their pain episode."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, insert, inspect, select

from upright.adapters.storage import database
from upright.adapters.storage import tables as t
from upright.domain.profile import parse_profile

PROBE = """
import sys
from upright.adapters.storage import database
engine = database.make_engine(sys.argv[1])
database.upgrade(engine)
print("alembic" in sys.modules)
"""


def _alembic_heads(engine: Engine) -> set[str]:
    cfg = database.alembic_config(engine.url.render_as_string(hide_password=False))
    return set(ScriptDirectory.from_config(cfg).get_heads())


def test_the_head_read_as_text_is_alembics_head(engine: Engine) -> None:
    heads = database.head_revisions()
    assert heads and heads == _alembic_heads(engine)


def test_a_database_behind_the_head_is_migrated(engine: Engine) -> None:
    assert database.at_head(engine)
    (head,) = database.head_revisions()
    cfg = database.alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "-1")
    assert not database.at_head(engine)
    database.upgrade(engine)
    assert database.at_head(engine)
    with engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars()
        assert list(stored) == [head]


def test_a_current_database_is_checked_without_loading_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/upright.db"
    first = subprocess.run(
        [sys.executable, "-c", PROBE, url], capture_output=True, text=True, check=True
    )
    assert first.stdout.strip() == "True"  # a new database: Alembic creates the tables
    again = subprocess.run(
        [sys.executable, "-c", PROBE, url], capture_output=True, text=True, check=True
    )
    assert again.stdout.strip() == "False"  # at the head: one SELECT, no Alembic
    engine = database.make_engine(url)
    assert "password_resets" in inspect(engine).get_table_names()
    engine.dispose()


def test_an_empty_or_unreachable_database_is_not_at_head(tmp_path: Path) -> None:
    empty = database.make_engine(f"sqlite:///{tmp_path}/empty.db")
    assert not database.at_head(empty)  # no alembic_version table yet
    empty.dispose()


def test_old_answers_get_the_onset_they_imply_and_lose_it_going_back(engine: Engine) -> None:
    """Profiles stored before pain_onset existed: the day they were given minus pain_weeks."""
    cfg = database.alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0012")
    person = database.ensure_local_person(engine)
    old = {"age": 50, "pain_weeks": 13, "clearance": "cleared"}
    with engine.begin() as connection:
        connection.execute(
            insert(t.profile_versions).values(
                person_id=person, version=1, data=old,
                created_at=datetime(2026, 11, 2, 18, 0, tzinfo=UTC),
            )
        )  # fmt: skip
    database.upgrade(engine)
    with engine.connect() as connection:
        data = connection.execute(select(t.profile_versions.c.data)).scalar_one()
    assert data == {**old, "pain_onset": "2026-08-03"}
    assert parse_profile(data).as_of(date(2026, 11, 30)).pain_weeks == 17
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0012")
    with engine.connect() as connection:
        assert connection.execute(select(t.profile_versions.c.data)).scalar_one() == old
