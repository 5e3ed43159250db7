"""Sealed rows never change; the audit chain walks clean after a flow and catches a cut-off tail."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.domain.errors import StorageFailure
from app.services.audit import AuditService
from app.storage.dialect import drop_immutability_triggers, install_immutability_triggers
from app.storage.models import AuditEvent, Record

from .conftest import make_env, seal_consent


@pytest.fixture(scope="module")
def flowed(module_env):
    _, consent = seal_consent(module_env)
    return consent


def delete_events(env, where_sql: str) -> None:
    """Tamper as an attacker with file access would: drop the triggers on a raw connection, delete,
    and put the triggers back."""
    with env.ctx.db.engine.begin() as conn:
        drop_immutability_triggers(conn)
        conn.exec_driver_sql(f"DELETE FROM audit_events WHERE {where_sql}")
        install_immutability_triggers(conn)


def last_seq(env) -> int:
    with env.ctx.db.transaction(read_only=True) as s:
        return s.execute(select(func.max(AuditEvent.seq))).scalar_one()


def test_record_row_cannot_be_updated_through_sqlalchemy(module_env, flowed):
    env = module_env
    with pytest.raises(StorageFailure) as err:
        with env.ctx.db.transaction() as s:
            s.get(Record, flowed.record_id).record_json = "{}"
    assert err.value.code == "immutable_row"
    with pytest.raises(StorageFailure) as err:
        with env.ctx.db.transaction() as s:
            s.get(Record, flowed.record_id).is_demo = False
    assert err.value.code == "immutable_row"
    with pytest.raises(StorageFailure) as err:
        with env.ctx.db.transaction() as s:
            s.delete(s.get(Record, flowed.record_id))
    assert err.value.code == "immutable_row"
    with env.ctx.db.transaction(read_only=True) as s:
        row = s.get(Record, flowed.record_id)
        assert row.record_sha256 == flowed.record_sha256 and row.is_demo is True


def test_audit_event_cannot_be_updated(module_env, flowed):
    env = module_env
    with pytest.raises(StorageFailure) as err:
        with env.ctx.db.transaction() as s:
            s.execute(select(AuditEvent).limit(1)).scalar_one().actor = "someone-else"
    assert err.value.code == "immutable_row"


def test_chain_is_intact_after_the_flow(module_env, flowed):
    report = AuditService(module_env.ctx).verify_chain()
    assert report.ok, report
    assert report.events == last_seq(module_env) and report.events > 20


def test_deleted_last_event_is_detected(tmp_path):
    env = make_env(tmp_path / "data")
    try:
        _, consent = seal_consent(env)
        assert AuditService(env.ctx).verify_chain().ok
        delete_events(env, f"seq = {last_seq(env)}")  # the record's own record.sealed event
        report = AuditService(env.ctx).verify_chain()
        assert not report.ok and report.problem == "sealed_event_missing"
        assert [f.subject for f in report.findings] == [consent.record_id]
    finally:
        env.ctx.close()


def test_deleted_tail_reaching_the_records_head_is_detected(tmp_path):
    env = make_env(tmp_path / "data")
    try:
        seal_consent(env)
        end = last_seq(env)
        delete_events(env, f"seq > {end - 3}")
        report = AuditService(env.ctx).verify_chain()
        # The record's sealed PDF carries the head of the event before its own, now gone: the record
        # has no sealed event. (A tail after the newest record is caught by the off-desk checkpoints.)
        assert not report.ok and report.problem == "sealed_event_missing"
        assert report.events == end - 3
    finally:
        env.ctx.close()


def test_deleted_middle_event_is_detected(tmp_path):
    env = make_env(tmp_path / "data")
    try:
        seal_consent(env)
        delete_events(env, "seq = 5")
        report = AuditService(env.ctx).verify_chain()
        assert not report.ok and report.problem == "event_missing" and report.first_bad_seq == 5
    finally:
        env.ctx.close()
