"""Pragmas, BEGIN IMMEDIATE, transactions and error translation."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from app.domain.errors import InvalidInput, StorageFailure
from app.storage.database import Database
from app.storage.models import Setting
from app.storage.repositories import settings


def test_pragmas_are_in_force(database: Database) -> None:
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_pragmas_hold_inside_transaction_sessions(database: Database) -> None:
    with database.transaction() as s:
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2


def test_foreign_keys_are_enforced(database: Database) -> None:
    with pytest.raises(StorageFailure) as info:
        with database.transaction() as s:
            s.execute(text(
                "INSERT INTO record_events (record_id, kind, at) VALUES ('no-such-record', 'printed', 'x')"
            ))
    assert info.value.code == "constraint_violation"


def test_write_transactions_are_serialised(database: Database, tmp_path) -> None:
    """A read-write transaction holds the write lock from its start (BEGIN IMMEDIATE)."""
    other = Database.for_data_dir(tmp_path / "data", mountinfo_text="", busy_timeout_ms=50)
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
