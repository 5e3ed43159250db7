from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.storage.database import DB_FILENAME, Database


def open_data_dir(path: Path, **kwargs) -> Database:
    # mountinfo_text="": these fixtures test the database, not the host's mounts (the network-share
    # refusal has its own tests), so a CI whose temp folder is on 9p or NFS still runs them.
    return Database.for_data_dir(path, mountinfo_text="", **kwargs)


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[Database]:
    """A database file with no schema at all."""
    db = open_data_dir(tmp_path / "data")
    yield db
    db.close()


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file migrated once per session; ``database`` copies it (migrating is the slow part).

    The migrations themselves are tested from an empty database in test_migrations.py.
    """
    folder = tmp_path_factory.mktemp("template")
    db = open_data_dir(folder)
    db.upgrade()
    db.close()  # the last connection closing checkpoints the WAL into the main file
    return folder / DB_FILENAME


@pytest.fixture
def database(tmp_path: Path, migrated_template: Path) -> Iterator[Database]:
    """A Database in tmp_path, migrated to the newest revision."""
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o700)
    shutil.copyfile(migrated_template, data_dir / DB_FILENAME)
    db = open_data_dir(data_dir)
    db.upgrade()  # a no-op at head; fails loudly if the template was not migrated
    yield db
    db.close()
