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
def empty_database(tmp_path: Path, backend) -> Iterator[Database]:
    """A database with no schema at all (a file on SQLite, a new database on PostgreSQL)."""
    db = backend.database(migrated=False) if backend.is_postgresql else open_data_dir(tmp_path / "data")
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
def database(tmp_path: Path, backend, request) -> Iterator[Database]:
    """A Database migrated to the newest revision: a file in tmp_path (SQLite) or a fresh database
    on the session's server (PostgreSQL)."""
    if backend.is_postgresql:
        db = backend.database()
        yield db
        db.close()
        return
    migrated_template = request.getfixturevalue("migrated_template")
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o700)
    shutil.copyfile(migrated_template, data_dir / DB_FILENAME)
    db = open_data_dir(data_dir)
    db.upgrade()  # a no-op at head; fails loudly if the template was not migrated
    yield db
    db.close()
