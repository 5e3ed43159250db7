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
        self._by_folder: dict[Path, str] = {}

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
        """The database of a station whose data folder is ``data_dir``.

        PostgreSQL: a fresh database, or (a data folder seen before) another handle on the one made
        for that folder, as a restarted station finds its server's database again. SQLite: None when
        no folder is given (the caller's default: the data folder's file), else the folder's file."""
        from app.storage.database import Database

        if not self.is_postgresql:
            return None if data_dir is None else Database.for_data_dir(data_dir, mountinfo_text="", **kwargs)
        assert self.server is not None
        key = Path(data_dir).resolve() if data_dir is not None else None
        if key is not None and key in self._by_folder:
            name = self._by_folder[key]
        else:
            name = self.server.fresh_database() if migrated else self.server.empty_database()
            if key is not None:
                self._by_folder[key] = name
        db = Database.open(self.server.url(name), **kwargs)
        self._made.append((name, db))
        return db

    def database_name(self, db: Database) -> str:
        return db.engine.url.database or ""

    def cleanup(self) -> None:
        made, self._made = self._made, []
        self._by_folder.clear()
        for name in dict.fromkeys(name for name, _ in made):
            for other, db in made:
                if other == name and db is not None:
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


def database_for(data_dir: Path, *, migrated: bool = True) -> Database | None:
    """The running test's database for a station's data folder: None on SQLite (the folder's own
    file), the folder's PostgreSQL database otherwise (the same one on every call; ``migrated=False``:
    an empty one the first time)."""
    chosen = CURRENT
    if chosen is None or not chosen.is_postgresql:
        return None
    return chosen.database(data_dir, migrated=migrated)


def copy_station(source: Path, target: Path) -> None:
    """A copy of a station as it stands: its data folder, and on PostgreSQL its database (a new
    database cloned from the folder's; nothing may be connected to it while it is copied)."""
    import shutil

    shutil.copytree(source, target)
    chosen = CURRENT
    if chosen is None or not chosen.is_postgresql:
        return
    assert chosen.server is not None
    original = chosen._by_folder.get(Path(source).resolve())
    if original is None:
        return
    name = f"c_{original[2:]}_{len(chosen._made)}"
    chosen.server.terminate_connections(original)
    chosen.server.admin_sql(f"CREATE DATABASE {name} TEMPLATE {original} OWNER consent")
    chosen._made.append((name, None))
    chosen._by_folder[Path(target).resolve()] = name


def url_of(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


class hold_write_lock:
    """Another station holding the database's write lock and not letting go (a context manager)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._conn = None
        self._raw = None

    def __enter__(self) -> hold_write_lock:
        if self.db.dialect_name == "sqlite":
            import sqlite3

            self._raw = sqlite3.connect(self.db.engine.url.database, isolation_level=None)
            self._raw.execute("BEGIN IMMEDIATE")
        else:
            import psycopg

            from app.storage.dialect import WRITE_LOCK_KEY

            url = self.db.engine.url
            self._raw = psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                                        dbname=url.database)
            self._raw.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._raw is not None
        if self.db.dialect_name == "sqlite":
            self._raw.execute("ROLLBACK")
        else:
            self._raw.rollback()
        self._raw.close()


def cli_args(data_dir: Path) -> list[str]:
    """``--data-dir DIR`` and, on PostgreSQL runs, ``--database URL`` of the folder's database."""
    args = ["--data-dir", str(data_dir)]
    chosen = CURRENT
    if chosen is not None and chosen.is_postgresql:
        key = Path(data_dir).resolve()
        name = chosen._by_folder.get(key)
        if name is None:
            db = chosen.database(data_dir)
            assert db is not None
            db.close()
            name = chosen._by_folder[key]
        assert chosen.server is not None
        args += ["--database", chosen.server.url(name)]
    return args
