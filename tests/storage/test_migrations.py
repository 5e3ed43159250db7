"""Every migration path keeps the schema, the data and the immutability triggers."""
from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from app.domain.errors import StorageFailure
from app.storage import dialect
from app.storage.audit import AuditLog
from app.storage.database import Database
from app.storage.models import Base
from app.storage.repositories import records
from tests.storage.factories import PDF, seed_rev_0001
from tests.storage.test_immutability import assert_all_protected, populate


def triggers(db: Database) -> set[str]:
    with db.engine.connect() as conn:
        return dialect.installed_triggers(conn)


def expected_triggers(db: Database) -> set[str]:
    """The triggers of every protected table that exists at the database's revision."""
    with db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    return {t for t in dialect.expected_trigger_names(db.dialect_name)
            if t[len("trg_"):].rsplit("_no_", 1)[0] in tables}


def test_revisions_are_linear(empty_database: Database) -> None:
    revs = empty_database.revisions()
    assert revs[0] == "0001"
    assert revs[-1] == empty_database.head_revision()
    assert len(set(revs)) == len(revs)


def test_upgrade_from_empty_through_every_migration(empty_database: Database) -> None:
    db = empty_database
    assert db.schema_revision() is None
    for rev in db.revisions():
        db.upgrade(rev)
        assert db.schema_revision() == rev
        assert triggers(db) == expected_triggers(db), rev
    assert expected_triggers(db) == dialect.expected_trigger_names(db.dialect_name)
    assert not db.needs_upgrade()
    populate(db)
    assert_all_protected(db)


def test_upgrade_in_one_step_from_empty(empty_database: Database) -> None:
    empty_database.upgrade()
    assert empty_database.schema_revision() == empty_database.head_revision()
    populate(empty_database)
    assert_all_protected(empty_database)


def _earlier_revisions() -> list[str]:
    from pathlib import Path

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from app.storage.database import MIGRATIONS_DIR

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    script = ScriptDirectory.from_config(cfg)
    revs = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert Path(MIGRATIONS_DIR).is_dir()
    return revs[:-1]


@pytest.mark.parametrize("start", _earlier_revisions())
def test_upgrade_with_data_from_every_earlier_revision(empty_database: Database, start: str) -> None:
    db = empty_database
    db.upgrade(start)
    with db.engine.begin() as conn:
        seeded = seed_rev_0001(conn)
    db.upgrade()
    assert db.schema_revision() == db.head_revision()
    assert triggers(db) == dialect.expected_trigger_names(db.dialect_name)
    with db.transaction(read_only=True) as s:
        record = records.get(s, seeded["record_id"])
        assert record.record_json == seeded["record_json"]
        assert records.get_pdf(s, seeded["record_id"]) == PDF
        assert record.signed_at.tzinfo is not None
        report = AuditLog.verify(s, expected_head=seeded["audit_head"])
        assert report.ok, report
    assert_all_protected(db)
    # Constraints survive the batch rebuild: kind CHECK, record_sha256 UNIQUE, hash-length CHECK.
    copy = (
        "INSERT INTO records SELECT {id}, {kind}, NULL, patient_id, form_version_id, record_json, {sha}, "
        "pdf, pdf_sha256, is_demo, created_by, signed_at, created_at FROM records"
    )
    cases = [
        (copy.format(id="'R-X'", kind="'bogus'", sha="'" + "a" * 64 + "'"), "constraint_violation"),
        (copy.format(id="'R-Y'", kind="kind", sha="record_sha256"), "duplicate"),
        (copy.format(id="'R-Z'", kind="kind", sha="'short'"), "constraint_violation"),
    ]
    for sql, code in cases:
        with pytest.raises(StorageFailure) as info:
            with db.transaction() as s:
                s.execute(text(sql))
        assert info.value.code == code, sql


@pytest.mark.sqlite_only
def test_foreign_keys_back_on_after_migration(empty_database: Database) -> None:
    empty_database.upgrade()
    with empty_database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_models_match_migrated_schema(database: Database) -> None:
    with database.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_downgrade_to_base_and_up_again(database: Database) -> None:
    database.downgrade("base")
    assert database.schema_revision() is None
    assert triggers(database) == set()
    database.upgrade()
    assert triggers(database) == dialect.expected_trigger_names(database.dialect_name)


def test_database_from_a_newer_program_is_refused(database: Database) -> None:
    with database.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StorageFailure) as info:
        database.upgrade()
    assert info.value.code == "schema_too_new"


@pytest.mark.sqlite_only
def test_triggers_lost_by_a_batch_rebuild_would_be_noticed(database: Database, tmp_path) -> None:
    """Sanity check of the test itself: without the re-install, a rebuilt table has no triggers."""
    path = tmp_path / "data" / "consent.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t2 AS SELECT * FROM records")
    con.execute("DROP TABLE records")
    con.execute("ALTER TABLE t2 RENAME TO records")
    con.commit()
    con.close()
    assert not any(name.startswith("trg_records_") for name in triggers(database))


def test_a_failing_upgrade_leaves_nothing_behind(empty_database: Database, monkeypatch) -> None:
    """All steps run in one transaction: a failure in the last step undoes the first ones too."""
    calls = []
    real = dialect.install_immutability_triggers

    def failing(op_or_conn, dialect_name=None):
        calls.append(1)
        if len(calls) == len(empty_database.revisions()):
            raise RuntimeError("injected failure in the last migration")
        return real(op_or_conn, dialect_name)

    monkeypatch.setattr(dialect, "install_immutability_triggers", failing)
    with pytest.raises(RuntimeError, match="injected"):
        empty_database.upgrade()
    assert empty_database.schema_revision() is None
    with empty_database.engine.connect() as conn:
        assert inspect(conn).get_table_names() == []
        if empty_database.dialect_name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        else:  # nor the trigger function
            assert conn.exec_driver_sql("SELECT count(*) FROM pg_proc WHERE proname = 'consent_refuse_change'"
                                        ).scalar() == 0
    monkeypatch.undo()
    empty_database.upgrade()
    assert empty_database.schema_revision() == empty_database.head_revision()
