"""The database handle: engine, transactions, migrations.

One :class:`Database` per process (per data folder or URL), created by the start-up code and passed
to the services explicitly. Usage::

    db = Database.for_data_dir(data_dir)      # or Database.open("postgresql+psycopg://...")
    db.upgrade()                              # migrate to the newest schema
    with db.transaction() as session:        # one transaction, holding the write lock
        ...
    db.close()

Errors: inside :meth:`Database.transaction`, database errors are rolled back and re-raised as
``StorageFailure`` with a stable code (see :func:`translate_error`); the message never carries
statement parameters (which may hold patient data). ``ConsentError`` raised by the caller passes
through unchanged after the rollback.
"""
from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import create_engine, exc as sa_exc
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from app.domain.errors import ConsentError, StorageFailure
from app.storage import dialect
from app.storage.location import refuse_network_share

log = logging.getLogger(__name__)

DB_FILENAME = "consent.db"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

_BUSY_SQLSTATES = {"40001", "40P01", "55P03", "57014"}  # serialization, deadlock, lock n/a, timeout
# The server went away or cannot be reached: connection exceptions (class 08), shutdowns (57P0x),
# an idle-in-transaction timeout that ended the session (25P03).
_UNREACHABLE_SQLSTATES = {"57P01", "57P02", "57P03", "25P03"}
_UNREACHABLE_WORDS = ("connection failed", "could not connect", "server closed the connection", "connection refused",
                      "connection is lost", "connection is closed", "terminating connection", "timeout expired",
                      "no route to host", "network is unreachable", "could not translate host name",
                      "consuming input failed", "sending query failed", "the connection is lost",
                      "ssl syscall error", "eof detected")
_TLS_WORDS = ("certificate verify failed", "root certificate file", "server certificate", "sslmode",
              "ssl error", "does not match host name", "ssl is not enabled", "server does not support ssl")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def translate_error(exc: sa_exc.DBAPIError) -> StorageFailure:
    """A ``StorageFailure`` for a database error; codes:

    * ``immutable_row`` (``table``): a trigger refused to change an append-only / keep-forever row;
    * ``duplicate``: a unique constraint (``problem`` names the constraint or columns);
    * ``constraint_violation``: another integrity constraint (foreign key, check, not null);
    * ``disk_full``: SQLite's "database or disk is full" (also ``PRAGMA max_page_count``), PostgreSQL 53100;
    * ``database_read_only``: the file or its folder cannot be written;
    * ``database_busy``: the write lock was not obtained in time (SQLite busy timeout, PostgreSQL
      lock/serialisation failures) — the action may simply be retried;
    * ``database_unreachable``: the PostgreSQL server cannot be reached or the connection was lost
      (nothing of the transaction was committed; the action may be retried once it is back);
    * ``database_login_failed``: the server refused the role's name or password;
    * ``database_missing``: the server has no database of that name;
    * ``database_tls_failed``: the encrypted connection could not be set up or the server's
      certificate is not the one the hospital's CA signed for that host name;
    * ``storage_failure``: anything else (corrupt file...).

    Only the first line of the driver's message is kept: PostgreSQL puts row values in DETAIL lines.
    """
    orig = exc.orig if exc.orig is not None else exc
    problem = _first_line(orig)
    lowered = problem.lower()
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    reachability = _reachability_failure(exc, sqlstate, lowered, problem)
    if reachability is not None:
        return reachability
    if isinstance(exc, sa_exc.IntegrityError):
        if dialect.IMMUTABLE_MARKER in lowered:
            table = problem.split(dialect.IMMUTABLE_MARKER + ":", 1)[-1].strip()
            return StorageFailure(
                "immutable_row", f"the database refused to change an immutable row in {table}", table=table
            )
        if "unique" in lowered or sqlstate == "23505":
            return StorageFailure("duplicate", f"duplicate value: {problem}", problem=problem)
        return StorageFailure("constraint_violation", f"constraint violated: {problem}", problem=problem)
    if "disk is full" in lowered or "disk full" in lowered or sqlstate == "53100":
        return StorageFailure("disk_full", "the disk holding the database is full; free space and try again",
                              problem=problem)
    if "readonly database" in lowered or "read-only" in lowered or sqlstate == "25006":
        return StorageFailure("database_read_only", "the database cannot be written (read-only data folder)",
                              problem=problem)
    if ("locked" in lowered or "busy" in lowered) or sqlstate in _BUSY_SQLSTATES:
        return StorageFailure("database_busy", "the database is busy; try again", problem=problem)
    return StorageFailure("storage_failure", f"database error: {problem}", problem=problem)


def _reachability_failure(exc: sa_exc.DBAPIError, sqlstate: str | None, lowered: str,
                          problem: str) -> StorageFailure | None:
    """The connection-level failures of a database server (None for SQLite and for SQL errors)."""
    if sqlstate == "28P01" or sqlstate == "28000" or "password authentication failed" in lowered:
        return StorageFailure("database_login_failed",
                              "the database server refused the sign-in (role name or password)", problem=problem)
    if sqlstate == "3D000" or ("database" in lowered and "does not exist" in lowered):
        return StorageFailure("database_missing", "the database server has no database of that name", problem=problem)
    if not isinstance(exc, (sa_exc.OperationalError, sa_exc.InterfaceError)) and not exc.connection_invalidated:
        return None
    if any(word in lowered for word in _TLS_WORDS):
        return StorageFailure("database_tls_failed",
                              "the encrypted connection to the database server failed (certificate or TLS settings)",
                              problem=problem)
    if (exc.connection_invalidated or (sqlstate or "").startswith("08") or sqlstate in _UNREACHABLE_SQLSTATES
            or any(word in lowered for word in _UNREACHABLE_WORDS)):
        return StorageFailure("database_unreachable",
                              "the database server cannot be reached; nothing was saved by this action, "
                              "try again when the connection is back", problem=problem)
    return None


@contextmanager
def translated_errors() -> Iterator[None]:
    """Database errors raised outside :meth:`Database.transaction` (connecting, migrating) as
    ``StorageFailure``."""
    try:
        yield
    except sa_exc.DBAPIError as exc:
        raise translate_error(exc) from exc


def _secure_file(path: Path) -> None:
    """Create ``path`` with mode 0600 if missing; tighten it to 0600 if it exists (POSIX)."""
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    if os.name == "posix":
        os.chmod(path, 0o600)


class Database:
    """Engine + transactions + migrations for one database. Not a singleton: pass it around."""

    def __init__(self, engine: Engine, *, busy_timeout_ms: int = dialect.DEFAULT_BUSY_TIMEOUT_MS,
                 read_only_file: bool = False) -> None:
        """Wrap a fresh engine (installs the dialect's connection settings; one Database per engine)."""
        dialect.configure_engine(engine, busy_timeout_ms=busy_timeout_ms,  # refuses other dialects
                                 read_only_file=read_only_file)
        self._engine = engine
        self._read_engine = dialect.read_only_engine(engine)

    # ------------------------------------------------------------------ construction

    @classmethod
    def open(cls, url: str, *, busy_timeout_ms: int = dialect.DEFAULT_BUSY_TIMEOUT_MS, echo: bool = False,
             connect_args: dict | None = None, read_only_file: bool = False) -> Database:
        """Open a database by SQLAlchemy URL (``sqlite:///path`` or ``postgresql+psycopg://...``).

        ``connect_args``: extra libpq parameters (e.g. ``passfile``). Does not migrate: call
        :meth:`upgrade`.
        """
        try:
            parsed = make_url(url)
        except sa_exc.ArgumentError as exc:
            raise StorageFailure("invalid_database_url", "the database URL is not valid") from exc
        backend = parsed.get_backend_name()
        if backend not in dialect.SUPPORTED:
            raise StorageFailure("unsupported_database", f"unsupported database: {backend}", backend=backend)
        kwargs: dict = {"hide_parameters": True, "echo": echo}
        if backend == dialect.POSTGRESQL:
            kwargs["pool_pre_ping"] = True
            # The URL's own parameters win (sslmode, sslrootcert, connect_timeout...).
            kwargs["connect_args"] = {**{k: v for k, v in dialect.PG_CONNECT_DEFAULTS.items() if k not in parsed.query},
                                      **(connect_args or {})}
        try:
            engine = create_engine(parsed, **kwargs)
        except ImportError as exc:  # psycopg not installed, or (name None) no libpq for psycopg to load
            what = exc.name or "libpq, the PostgreSQL client library (Debian: libpq5)"
            raise StorageFailure(
                "database_driver_missing", f"the database driver is not installed: {what}", driver=str(what)
            ) from exc
        return cls(engine, busy_timeout_ms=busy_timeout_ms, read_only_file=read_only_file)

    @classmethod
    def for_data_dir(
        cls,
        data_dir: Path,
        *,
        busy_timeout_ms: int = dialect.DEFAULT_BUSY_TIMEOUT_MS,
        mountinfo_text: str | None = None,
    ) -> Database:
        """The embedded SQLite database ``consent.db`` in ``data_dir``.

        Refuses a folder on a network share (``InvalidInput(code="data_dir_network_share")``).
        Creates the folder with mode 0700 (an existing folder is left as it is) and the database
        file with mode 0600; SQLite gives the -wal and -shm files the same mode as the database.
        """
        data_dir = Path(data_dir).expanduser().resolve()
        refuse_network_share(data_dir, mountinfo_text=mountinfo_text)
        db_path = data_dir / DB_FILENAME
        try:
            if not data_dir.exists():
                data_dir.mkdir(parents=True, mode=0o700)
                if os.name == "posix":
                    os.chmod(data_dir, 0o700)  # mkdir's mode is filtered by the umask
            elif os.name == "posix" and data_dir.stat().st_mode & 0o077:
                log.warning("data folder is readable by other users; consider chmod 700")
            _secure_file(db_path)
        except OSError as exc:  # read-only or full disk, no permission: one clear, typed error
            raise StorageFailure("data_dir_unusable",
                                 f"the data folder {data_dir} cannot be used ({exc.strerror or type(exc).__name__})",
                                 path=str(data_dir)) from None
        return cls.open(f"sqlite:///{db_path.as_posix()}", busy_timeout_ms=busy_timeout_ms)

    @classmethod
    def for_data_dir_read_only(cls, data_dir: Path) -> Database:
        """The data folder's SQLite database opened so that nothing can be written to it (the
        source of ``migrate --to``: the folder stays exactly as it was). Only read transactions."""
        db_path = Path(data_dir).expanduser().resolve() / DB_FILENAME
        if not db_path.is_file():
            raise StorageFailure("database_missing", f"{db_path}: no database in this data folder", path=str(db_path))
        return cls.open_file_read_only(db_path)

    @classmethod
    def open_file_read_only(cls, db_path: Path) -> Database:
        """A SQLite file read without writing anything beside it: ``immutable`` when no desk has it
        open (no -wal file), else a read-only connection (which needs the desk's -shm index)."""
        wal = db_path.with_name(db_path.name + "-wal")
        busy = wal.exists() and wal.stat().st_size > 0
        mode = "mode=ro" if busy else "mode=ro&immutable=1"
        return cls.open(f"sqlite:///file:{db_path.as_posix()}?{mode}&uri=true", read_only_file=True)

    # ------------------------------------------------------------------ basics

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def dialect_name(self) -> str:
        return self._engine.dialect.name

    @property
    def shared(self) -> bool:
        """True for a database server that several stations share (PostgreSQL)."""
        return self.dialect_name == dialect.POSTGRESQL

    def describe(self) -> str:
        """Where the database is, for people and logs: never the password."""
        url = self._engine.url
        if self.dialect_name == dialect.SQLITE:
            return f"SQLite {url.database}"
        where = f"{url.host or 'local socket'}{f':{url.port}' if url.port else ''}"
        return f"PostgreSQL {url.database} on {where} as {url.username or '(default role)'}"

    def check_connection(self) -> str:
        """Connect once and return the server's version text (``StorageFailure`` with a code when
        the server cannot be used: unreachable, login, missing database, TLS)."""
        with translated_errors(), self._read_engine.connect() as conn:
            if self.dialect_name == dialect.POSTGRESQL:
                return str(conn.exec_driver_sql("SHOW server_version").scalar())
            return "SQLite " + str(conn.exec_driver_sql("SELECT sqlite_version()").scalar())

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Database({self._engine.url.render_as_string(hide_password=True)!r})"

    # ------------------------------------------------------------------ transactions

    @contextmanager
    def transaction(self, *, read_only: bool = False) -> Iterator[Session]:
        """A ``Session`` inside one database transaction: commit on success, rollback on exception.

        A read-write transaction holds the database-wide write lock from the start (SQLite:
        ``BEGIN IMMEDIATE``; PostgreSQL: the advisory lock, so every station queues the same way;
        another writer waits up to the busy timeout, then gets ``StorageFailure("database_busy")``).
        :meth:`lock_writes` states where the order of writes matters (re-entrant, a no-op here).

        ``read_only=True`` opens a transaction that does not block writers (searches, exports):
        SQLite ``BEGIN DEFERRED``, PostgreSQL ``READ ONLY`` without the write lock; do not write in it.

        Objects stay usable after the commit (``expire_on_commit=False``) but are detached: pass ids,
        not ORM objects, into the next transaction.
        """
        engine = self._read_engine if read_only else self._engine
        session = Session(bind=engine, expire_on_commit=False)
        try:
            with session.begin():
                session.connection()  # begin now, so the write lock is held from here on
                yield session
        except ConsentError:
            raise
        except sa_exc.DBAPIError as exc:
            failure = translate_error(exc)
            log.warning("transaction rolled back: %s", failure.code)
            raise failure from exc
        finally:
            session.close()

    def lock_writes(self, session: Session) -> None:
        """Hold the write lock until ``session``'s transaction ends (no-op on SQLite: already held)."""
        dialect.acquire_write_lock(session)

    # ------------------------------------------------------------------ migrations

    def _alembic_config(self) -> Config:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.set_main_option("path_separator", "os")
        if getattr(sys, "frozen", False):
            # A bundle may ship only compiled migration files.
            cfg.set_main_option("sourceless", "true")
        return cfg

    def revisions(self) -> list[str]:
        """The migration revisions known to this program, oldest first."""
        script = ScriptDirectory.from_config(self._alembic_config())
        return [rev.revision for rev in reversed(list(script.walk_revisions()))]

    def head_revision(self) -> str:
        script = ScriptDirectory.from_config(self._alembic_config())
        head = script.get_current_head()
        assert head is not None
        return head

    def schema_revision(self) -> str | None:
        """The database's current revision (None for an empty database)."""
        with translated_errors(), self._read_engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def needs_upgrade(self) -> bool:
        return self.schema_revision() != self.head_revision()

    def upgrade(self, revision: str = "head") -> None:
        """Migrate to ``revision`` (default: newest), all steps in one transaction (atomic).

        Refuses a database written by a newer program (``StorageFailure("schema_too_new")``).
        On SQLite, foreign keys are off during the migration (batch migrations rebuild tables)
        and checked with ``PRAGMA foreign_key_check`` before the commit.
        """
        self._migrate(revision, downgrade=False)

    def downgrade(self, revision: str) -> None:
        """Migrate down (development and tests only: downgrades may drop data)."""
        self._migrate(revision, downgrade=True)

    def _migrate(self, revision: str, *, downgrade: bool) -> None:
        current = self.schema_revision()
        known = set(self.revisions())
        if current is not None and current not in known:
            raise StorageFailure(
                "schema_too_new",
                f"the database schema ({current}) is newer than this program understands; update the program",
                revision=current,
            )
        cfg = self._alembic_config()
        try:
            with self._engine.connect() as conn:
                dialect.set_sqlite_foreign_keys(conn, False)
                try:
                    with conn.begin():
                        dialect.acquire_write_lock(conn)  # one migrating desk at a time
                        cfg.attributes["connection"] = conn
                        if downgrade:
                            command.downgrade(cfg, revision)
                        else:
                            command.upgrade(cfg, revision)
                        problems = dialect.sqlite_foreign_key_problems(conn)
                        if problems:
                            raise StorageFailure(
                                "migration_failed",
                                f"foreign key check failed after migration ({len(problems)} rows)",
                                rows=len(problems),
                            )
                finally:
                    if not conn.invalidated:
                        dialect.set_sqlite_foreign_keys(conn, True)
        except CommandError as exc:
            raise StorageFailure("migration_failed", f"migration failed: {_first_line(exc)}") from exc
        except sa_exc.DBAPIError as exc:
            raise translate_error(exc) from exc
        log.info("schema migrated from %s to %s", current, self.schema_revision())
