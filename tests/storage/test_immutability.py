"""The database itself refuses changes to sealed rows (triggers), whatever the Python code does."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import exc, text
from sqlalchemy.orm import Session

from app.domain.errors import StorageFailure
from app.storage.audit import AuditLog
from app.storage.database import Database
from app.storage.repositories import certificates, form_versions, record_events
from tests.storage.factories import T0, add_record, seed_basics, sha

FORBIDDEN = {
    "records": ("UPDATE records SET kind = 'refusal'", "DELETE FROM records"),
    "record_events": ("UPDATE record_events SET kind = 'cancelled'", "DELETE FROM record_events"),
    "audit_events": ("UPDATE audit_events SET actor = 'someone'", "DELETE FROM audit_events"),
}


def populate(db: Database) -> dict[str, int]:
    with db.transaction() as s:
        ids = seed_basics(s)
        add_record(s, ids, "R-1")
        record_events.add(s, record_id="R-1", kind="printed", by_user_id=ids["nurse"])
        AuditLog().append(s, "nurse1", "record.sealed", subject="R-1")
    return ids


def assert_refused(db: Database, sql: str) -> None:
    """Raw SQL in a plain Session: the database raises, nothing changes."""
    with Session(db.engine) as s:
        with pytest.raises((exc.IntegrityError, exc.OperationalError)) as info:
            with s.begin():
                s.execute(text(sql))
        assert "immutable row" in str(info.value.orig)


def assert_all_protected(db: Database) -> None:
    for table, statements in FORBIDDEN.items():
        with db.engine.connect() as conn:
            before = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()
        assert before > 0, table
        for sql in statements:
            assert_refused(db, sql)
        with db.engine.connect() as conn:
            assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == before


@pytest.mark.parametrize("table,sql", [(t, q) for t, qs in FORBIDDEN.items() for q in qs])
def test_update_and_delete_refused(database: Database, table: str, sql: str) -> None:
    populate(database)
    assert_refused(database, sql)


def test_refusal_surfaces_as_storage_failure(database: Database) -> None:
    populate(database)
    with pytest.raises(StorageFailure) as info:
        with database.transaction() as s:
            s.execute(text("DELETE FROM records"))
    assert info.value.code == "immutable_row"
    assert info.value.params["table"] == "records"


def test_orm_update_of_record_refused(database: Database) -> None:
    populate(database)
    from app.storage.models import Record

    with pytest.raises(StorageFailure) as info:
        with database.transaction() as s:
            s.get(Record, "R-1").is_demo = False
    assert info.value.code == "immutable_row"


def test_inserts_still_allowed(database: Database) -> None:
    ids = populate(database)
    with database.transaction() as s:
        add_record(s, ids, "R-2", kind="withdrawal", refers_to="R-1")
        record_events.add(s, record_id="R-2", kind="copy_given")
        AuditLog().append(s, "nurse1", "record.sealed", subject="R-2")


def test_certificates_are_kept_forever(database: Database) -> None:
    with database.transaction() as s:
        a = certificates.add(s, fingerprint_sha256=sha("a"), cert_pem="PEM-A", subject="CN=A",
                             not_before=T0, not_after=T0 + timedelta(days=365), make_current=True)
        certificates.add(s, fingerprint_sha256=sha("b"), cert_pem="PEM-B", subject="CN=B",
                         not_before=T0, not_after=T0 + timedelta(days=365), make_current=True)
        assert certificates.current(s).cert_pem == "PEM-B"
        assert sorted(certificates.all_pem(s)) == ["PEM-A", "PEM-B"]
        certificates.set_current(s, a.fingerprint_sha256)  # is_current may change
    assert_refused(database, "DELETE FROM certificates")
    assert_refused(database, "UPDATE certificates SET cert_pem = 'forged'")
    with database.transaction() as s:
        assert certificates.current(s).cert_pem == "PEM-A"


def test_only_one_current_certificate(database: Database) -> None:
    with database.transaction() as s:
        for name in ("a", "b"):
            certificates.add(s, fingerprint_sha256=sha(name), cert_pem=name, subject=name,
                             not_before=T0, not_after=T0)
    with pytest.raises(StorageFailure) as info:
        with database.transaction() as s:
            s.execute(text("UPDATE certificates SET is_current = TRUE"))
    assert info.value.code == "duplicate"


def test_form_text_is_frozen_but_approval_is_not(database: Database) -> None:
    with database.transaction() as s:
        ids = seed_basics(s)
        version = form_versions.add_if_missing(s, "kyphoplasty", "ar", "v2", sha("k"), "text")
        form_versions.retire(s, version.content_sha256)
        assert form_versions.get(s, ids["form"]).approved
    assert_refused(database, "UPDATE form_versions SET source_text = 'changed'")
    assert_refused(database, "DELETE FROM form_versions")


@pytest.mark.postgresql_only
def test_truncate_refused_on_postgresql(database: Database) -> None:
    """PostgreSQL's TRUNCATE skips row triggers: a statement trigger refuses it."""
    populate(database)
    for table in ("records", "record_events", "audit_events", "certificates", "form_versions"):
        with Session(database.engine) as s:
            with pytest.raises(exc.IntegrityError) as info:
                with s.begin():
                    s.execute(text(f"TRUNCATE {table} CASCADE"))
            assert "immutable row" in str(info.value.orig)
    with database.transaction(read_only=True) as s:
        assert s.execute(text("SELECT count(*) FROM records")).scalar() == 1
