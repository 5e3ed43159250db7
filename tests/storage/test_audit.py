"""The audit chain: appends, verification, tampering by someone with the file, concurrency."""
from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from app.storage.audit import GENESIS_HASH, AuditLog
from app.storage.database import Database
from tests.storage.conftest import open_data_dir
from tests.backends import reopen
from tests.tamper import edit_behind_the_program


def db_file(db: Database) -> Path:
    return Path(db.engine.url.database)


def append_many(db: Database, n: int, log: AuditLog | None = None) -> list[str]:
    log = log or AuditLog()
    hashes = []
    with db.transaction() as s:
        for i in range(n):
            ev = log.append(s, "nurse1", "record.viewed", subject=f"R-{i}", details={"i": i, "لغة": "ar"})
            hashes.append(ev.hash)
    return hashes


def tamper(db: Database, *statements: str) -> None:
    """What an attacker with write access to the file (or the role's password) could do: take the
    triggers out of the way, then edit."""
    edit_behind_the_program(db, ("audit_events",), *statements)


def verify(db: Database, expected_head: str | None = None):
    with db.transaction(read_only=True) as s:
        return AuditLog.verify(s, expected_head=expected_head)


def test_empty_log(database: Database) -> None:
    with database.transaction() as s:
        assert AuditLog.head(s) == GENESIS_HASH
        report = AuditLog.verify(s)
    assert report.ok and report.events == 0 and report.first_bad_seq is None and report.problem == ""


def test_append_many_and_verify(database: Database) -> None:
    hashes = append_many(database, 200)
    with database.transaction() as s:
        assert AuditLog.head(s) == hashes[-1]
        first = AuditLog.verify(s, expected_head=hashes[-1])
    assert first.ok, first
    assert first.events == 200 and first.head == hashes[-1]
    assert first.message() == "audit chain intact: 200 events"


def test_chain_links_and_genesis(database: Database) -> None:
    log = AuditLog()
    with database.transaction() as s:
        a = log.append(s, "system", "app.started")
        b = log.append(s, "cli", "forms.approved", subject="f" * 64, details={"label": "v1"})
    assert (a.seq, a.prev_hash) == (1, GENESIS_HASH)
    assert (b.seq, b.prev_hash) == (2, a.hash)
    assert b.details == {"label": "v1"}


def test_explicit_time_and_clock(database: Database) -> None:
    fixed = datetime(2030, 1, 1, 12, tzinfo=timezone(timedelta(hours=3)))
    log = AuditLog(clock=lambda: fixed)
    with database.transaction() as s:
        ev = log.append(s, "system", "tick")
    with database.transaction() as s:
        from app.storage.models import AuditEvent

        stored = s.get(AuditEvent, ev.seq).at
    assert stored == fixed and stored.tzinfo == timezone.utc and stored.hour == 9


def test_edited_event_detected(database: Database) -> None:
    append_many(database, 10)
    tamper(database, """UPDATE audit_events SET details_json = '{"i":99}' WHERE seq = 4""")
    report = verify(database)
    assert not report.ok
    assert (report.first_bad_seq, report.problem) == (4, "event_altered")
    assert "4" in report.message()


def test_edited_time_detected(database: Database) -> None:
    append_many(database, 5)
    tamper(database, "UPDATE audit_events SET at = '2020-01-01T00:00:00.000000+00:00' WHERE seq = 2")
    report = verify(database)
    assert (report.ok, report.first_bad_seq, report.problem) == (False, 2, "event_altered")


def test_edited_and_rehashed_event_breaks_the_next_link(database: Database) -> None:
    append_many(database, 5)
    tamper(database, f"UPDATE audit_events SET hash = '{'e' * 64}' WHERE seq = 3")
    report = verify(database)
    assert not report.ok and report.first_bad_seq == 3  # own hash no longer matches
    tamper(database, f"UPDATE audit_events SET prev_hash = '{'e' * 64}' WHERE seq = 4")
    report = verify(database)
    assert not report.ok and report.first_bad_seq == 3


def test_deleted_middle_event_detected(database: Database) -> None:
    append_many(database, 10)
    tamper(database, "DELETE FROM audit_events WHERE seq = 5")
    report = verify(database)
    assert (report.ok, report.first_bad_seq, report.problem) == (False, 5, "event_missing")
    assert report.events == 9


def test_deleted_first_event_detected(database: Database) -> None:
    append_many(database, 3)
    tamper(database, "DELETE FROM audit_events WHERE seq = 1")
    report = verify(database)
    assert (report.ok, report.first_bad_seq, report.problem) == (False, 1, "event_missing")


def test_renumbered_chain_after_delete_detected(database: Database) -> None:
    """Delete event 5 and renumber 6.. down by one: no gap, but the link at the old event 6 breaks."""
    append_many(database, 8)
    tamper(
        database,
        "DELETE FROM audit_events WHERE seq = 5",
        "UPDATE audit_events SET seq = seq - 1 WHERE seq > 5",
    )
    report = verify(database)
    assert not report.ok and report.first_bad_seq == 5 and report.problem in ("link_broken", "event_altered")


def test_truncated_tail_detected_with_expected_head(database: Database) -> None:
    hashes = append_many(database, 10)
    head_in_newest_record = hashes[7]
    assert verify(database, expected_head=head_in_newest_record).ok
    tamper(database, "DELETE FROM audit_events WHERE seq > 6")
    assert verify(database).ok  # without the anchor a clean cut is invisible...
    report = verify(database, expected_head=head_in_newest_record)  # ...with it, it is not
    assert (report.ok, report.first_bad_seq, report.problem) == (False, 7, "tail_missing")


def test_whole_log_deleted_detected_with_expected_head(database: Database) -> None:
    hashes = append_many(database, 3)
    tamper(database, "DELETE FROM audit_events")
    report = verify(database, expected_head=hashes[-1])
    assert (report.ok, report.first_bad_seq, report.problem) == (False, 1, "tail_missing")


def test_concurrent_appends_from_two_connections(database: Database, tmp_path) -> None:
    errors: list[BaseException] = []
    per_thread = 40

    def worker(name: str) -> None:
        db = reopen(database)  # its own engine, its own connections
        log = AuditLog()
        try:
            for i in range(per_thread):
                with db.transaction() as s:
                    log.append(s, name, "record.viewed", subject=f"{name}-{i}")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=worker, args=(f"user{i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    report = verify(database)
    assert report.ok, report
    assert report.events == 2 * per_thread


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    victim=st.integers(min_value=1, max_value=6),
    column=st.sampled_from(["actor", "action", "subject", "details_json"]),
)
def test_any_single_field_edit_is_detected(tmp_path_factory, victim: int, column: str) -> None:
    db = open_data_dir(tmp_path_factory.mktemp("audit"))
    try:
        db.upgrade()
        append_many(db, 6)
        value = "'{\"x\":1}'" if column == "details_json" else "'forged'"
        tamper(db, f"UPDATE audit_events SET {column} = {value} WHERE seq = {victim}")
        report = verify(db)
        assert (report.ok, report.first_bad_seq) == (False, victim)
    finally:
        db.close()


def test_actor_and_action_required(database: Database) -> None:
    with pytest.raises(ValueError):
        with database.transaction() as s:
            AuditLog().append(s, "", "x")
