"""Dialect specifics that can be checked without a PostgreSQL server."""
from __future__ import annotations

import threading

import pytest

from app.storage import dialect
from app.storage.audit import AuditLog
from app.storage.database import Database


def test_postgresql_trigger_ddl_shape() -> None:
    ddl = dialect.immutability_ddl("postgresql", dialect.protected_tables())
    assert ddl[0].startswith("CREATE OR REPLACE FUNCTION consent_refuse_change() RETURNS trigger LANGUAGE plpgsql")
    assert "RAISE EXCEPTION" in ddl[0] and "integrity_constraint_violation" in ddl[0]
    assert all("%" not in sql for sql in ddl)  # safe with every driver paramstyle
    joined = "\n".join(ddl)
    for table in dialect.APPEND_ONLY_TABLES:
        assert f"CREATE TRIGGER trg_{table}_no_change BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW" in joined
        assert f"CREATE TRIGGER trg_{table}_no_truncate BEFORE TRUNCATE ON {table}" in joined
    assert "BEFORE UPDATE OF fingerprint_sha256, cert_pem" in joined
    assert dialect.WRITE_LOCK_KEY < 2**63


def test_trigger_ddl_is_idempotent(database: Database) -> None:
    with database.engine.begin() as conn:
        assert set(dialect.install_immutability_triggers(conn)) == set(dialect.protected_tables())
        dialect.install_immutability_triggers(conn)
        assert dialect.installed_triggers(conn) == dialect.expected_trigger_names(database.dialect_name)


def test_audit_append_refused_in_read_only_transaction(database: Database) -> None:
    with pytest.raises(RuntimeError, match="read-write"):
        with database.transaction(read_only=True) as s:
            AuditLog().append(s, "system", "x")


def test_one_database_shared_by_threads(database: Database) -> None:
    """The UI thread and a worker thread may use the same Database (separate sessions)."""
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(20):
                with database.transaction() as s:
                    AuditLog().append(s, "system", "tick")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    with database.transaction(read_only=True) as s:
        report = AuditLog.verify(s)
    assert report.ok and report.events == 40


def test_json_fields_read_by_the_database(database: Database) -> None:
    """The archive's row fields come out of the sealed JSON in the database, one row per record, the
    same on both engines (a lateral that did not follow its row once returned every record's fields
    for each row: a PostgreSQL page of 2 rows came back as 4); nested and top-level members, missing
    ones as null."""
    import json

    from sqlalchemy import literal, select, true, union_all

    docs = [{"patient": {"mrn": "M1", "name_ar": "فاطمة عبدالله"}, "form": {"procedure": "kyphoplasty"},
             "kind": "consent", "signatures": [{"strokes": [[[0.1, 0.5, 0, 0.5]]]}]},
            {"patient": {"mrn": "M2", "name_ar": "محمد صالح", "national_id": "1012345678"}, "form": {}}]
    rows = union_all(*(select(literal(i).label("n"), literal(json.dumps(d, ensure_ascii=False)).label("doc"))
                       for i, d in enumerate(docs))).subquery("docs")
    shown, parsed = dialect.json_fields(database.dialect_name, rows.c.doc,
                                        ("$.patient.mrn", "$.patient.name_ar", "$.patient.national_id",
                                         "$.form.procedure", "$.kind"))
    stmt = select(rows.c.n, shown.label("fields")).select_from(rows)
    if parsed is not None:
        stmt = stmt.join(parsed, true())
    with database.transaction(read_only=True) as s:
        got = [(n, json.loads(fields)) for n, fields in s.execute(stmt.order_by(rows.c.n))]
    assert got == [(0, ["M1", "فاطمة عبدالله", None, "kyphoplasty", "consent"]),
                   (1, ["M2", "محمد صالح", "1012345678", None, None])]
