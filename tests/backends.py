"""The two database engines the storage, service, hardening and archive tests run against.

A test (or an autouse fixture of its folder) that asks for the ``backend`` fixture runs twice:
``[sqlite]`` (a data folder, as on one desk) and ``[postgresql]`` (a fresh database on the session's
PostgreSQL server, tests/pg.py). ``tests/conftest.py`` parametrises it; a test marked
``sqlite_only`` (pragmas, files, mounts: what PostgreSQL does not have) runs once.

``CURRENT`` is the backend of the running test, so that helpers building an application context
(``tests.services.conftest.make_env``) need no extra argument: on PostgreSQL they get a fresh
database, on SQLite the data folder's own file.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.storage.database import Database
    from tests.pg import PgServer

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
NAMES = (SQLITE, POSTGRESQL)


class Backend:
    def __init__(self, name: str, server: PgServer | None = None) -> None:
        self.name = name
        self.server = server
        self._made: list[tuple[str, Database | None]] = []

    @property
    def is_postgresql(self) -> bool:
        return self.name == POSTGRESQL

    def new_url(self, *, migrated: bool = True) -> str:
        """A URL of a new database of its own (PostgreSQL only), dropped when the backend is done."""
        assert self.server is not None, "SQLite databases live in a data folder"
        name = self.server.fresh_database() if migrated else self.server.empty_database()
        self._made.append((name, None))
        return self.server.url(name)

    def database(self, data_dir: Path | None = None, *, migrated: bool = True, **kwargs) -> Database | None:
        """A new database: on PostgreSQL a fresh one (``Database``); on SQLite the data folder's
        (``Database`` when ``data_dir`` is given, else None: the caller's default)."""
        from app.storage.database import Database

        if not self.is_postgresql:
            return None if data_dir is None else Database.for_data_dir(data_dir, mountinfo_text="", **kwargs)
        assert self.server is not None
        name = self.server.fresh_database() if migrated else self.server.empty_database()
        db = Database.open(self.server.url(name), **kwargs)
        self._made.append((name, db))
        return db

    def database_name(self, db: Database) -> str:
        return db.engine.url.database or ""

    def cleanup(self) -> None:
        made, self._made = self._made, []
        for name, db in made:
            if db is not None:
                db.close()
            if self.server is not None:
                try:
                    self.server.drop_database(name)
                except Exception:  # noqa: BLE001 - the server may already be gone at the end of the run
                    pass

    def __repr__(self) -> str:
        return f"Backend({self.name})"


# The backend of the running test (set and cleared by the ``backend`` fixture).
CURRENT: Backend | None = None


def current() -> Backend | None:
    return CURRENT


def reopen(db: Database, **kwargs) -> Database:
    """A second handle on the same database (its own engine and connections, as another process
    or station would have)."""
    from app.storage.database import Database

    return Database.open(db.engine.url.render_as_string(hide_password=False), **kwargs)
