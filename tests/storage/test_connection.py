"""Pragmas, BEGIN IMMEDIATE, transactions and error translation."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from app.domain.errors import InvalidInput, StorageFailure
from app.storage.database import Database
from app.storage.models import Setting
from app.storage.repositories import settings
from tests.backends import reopen


@pytest.mark.sqlite_only
def test_pragmas_are_in_force(database: Database) -> None:
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


@pytest.mark.sqlite_only
def test_pragmas_hold_inside_transaction_sessions(database: Database) -> None:
    with database.transaction() as s:
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2


@pytest.mark.postgresql_only
def test_postgresql_session_settings(database: Database) -> None:
    """The busy timeout is the lock timeout; a hung station's transaction ends after a minute;
    read-only transactions are READ ONLY; writers hold the advisory write lock; no parallel workers."""
    with database.transaction() as s:
        assert s.execute(text("SHOW lock_timeout")).scalar() == "5s"
        assert s.execute(text("SHOW max_parallel_workers_per_gather")).scalar() == "0"
        assert s.execute(text("SHOW idle_in_transaction_session_timeout")).scalar() == "1min"
        assert s.execute(text("SHOW transaction_read_only")).scalar() == "off"
        held = s.execute(text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                              "AND pid = pg_backend_pid() AND granted")).scalar()
        assert held == 1
    with database.transaction(read_only=True) as s:
        assert s.execute(text("SHOW transaction_read_only")).scalar() == "on"
        held = s.execute(text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                              "AND pid = pg_backend_pid()")).scalar()
        assert held == 0
    with database.engine.connect() as conn:  # the keepalive and connect timeout defaults reached libpq
        info = conn.connection.driver_connection.info.get_parameters()
        assert info.get("connect_timeout") == "5" and info.get("keepalives_idle") == "10"


def test_foreign_keys_are_enforced(database: Database) -> None:
    with pytest.raises(StorageFailure) as info:
        with database.transaction() as s:
            s.execute(text(
                "INSERT INTO record_events (record_id, kind, at) VALUES ('no-such-record', 'printed', 'x')"
            ))
    assert info.value.code == "constraint_violation"


def test_write_transactions_are_serialised(database: Database, tmp_path) -> None:
    """A read-write transaction holds the write lock from its start (BEGIN IMMEDIATE)."""
    other = reopen(database, busy_timeout_ms=50)
    try:
        with database.transaction():
            with pytest.raises(StorageFailure) as info:
                with other.transaction():
                    pass
            assert info.value.code == "database_busy"
            # A read-only transaction is not blocked by the writer (WAL readers never wait).
            with other.transaction(read_only=True) as s:
                assert s.execute(text("SELECT count(*) FROM users")).scalar() == 0
        with other.transaction() as s:  # free again
            settings.set_value(s, "k", 1)
    finally:
        other.close()


def test_commit_on_success_and_rollback_on_error(database: Database) -> None:
    with database.transaction() as s:
        settings.set_value(s, "kept", {"a": 1})
    with pytest.raises(RuntimeError):
        with database.transaction() as s:
            settings.set_value(s, "lost", [1, 2])
            raise RuntimeError("boom")
    with database.transaction(read_only=True) as s:
        assert settings.get_value(s, "kept") == {"a": 1}
        assert settings.get_value(s, "lost", "missing") == "missing"


def test_consent_errors_pass_through_after_rollback(database: Database) -> None:
    with pytest.raises(InvalidInput):
        with database.transaction() as s:
            settings.set_value(s, "lost", 1)
            raise InvalidInput("x_bad")
    with database.transaction() as s:
        assert s.get(Setting, "lost") is None


def test_error_messages_do_not_carry_parameters(database: Database) -> None:
    secret = "SECRET-PATIENT-NAME"
    with database.transaction() as s:
        settings.set_value(s, "k", 1)
    with pytest.raises(StorageFailure) as info:
        with database.transaction() as s:
            s.execute(text("INSERT INTO settings (key, value_json, updated_at) VALUES ('k', :v, 'x')"), {"v": secret})
    assert info.value.code == "duplicate"
    assert secret not in str(info.value)
    assert secret not in str(info.value.__cause__)


def test_unsupported_url_refused() -> None:
    with pytest.raises(StorageFailure) as info:
        Database.open("mysql://u@h/db")
    assert info.value.code == "unsupported_database"
    with pytest.raises(StorageFailure) as info:
        Database.open("not a url")
    assert info.value.code == "invalid_database_url"


def test_a_missing_libpq_is_named_on_the_command_line(tmp_path: Path) -> None:
    """psycopg without its binary wheel (the Linux bundle) and no libpq on the system: psycopg's loader
    fails with an ImportError that names no module; the answer names libpq and its Debian package."""
    probe = ("import ctypes.util, sys; ctypes.util.find_library = lambda name: None; "
             "from app.cli import main; "
             "sys.exit(main(['--data-dir', sys.argv[1], '--database', 'postgresql://u@127.0.0.1:9/db', 'station', 'test']))")
    done = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "data")], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2], env={**os.environ, "PSYCOPG_IMPL": "python"})
    assert done.returncode == 2, done.stderr
    assert "libpq" in done.stderr and "libpq5" in done.stderr and "None" not in done.stderr
