"""The thin repositories the services use."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.errors import InvalidInput, InvalidState, NotFound, StorageFailure
from app.storage.audit import AuditLog
from app.storage.database import Database
from app.storage.repositories import drafts, form_versions, patients, record_events, records, settings, users
from tests.storage.factories import PDF, T0, add_record, record_json, seed_basics, sha


@pytest.fixture
def ids(database: Database) -> dict[str, int]:
    with database.transaction() as s:
        return seed_basics(s)


def test_users(database: Database, ids: dict[str, int]) -> None:
    with database.transaction() as s:
        with pytest.raises(InvalidInput) as info:
            users.add(s, username="nurse1", role="nurse", name_ar="x", password_hash="h")
        assert info.value.code == "username_taken"
        with pytest.raises(InvalidInput):
            users.add(s, username="x", role="surgeon", name_ar="x", password_hash="h")
        admin = users.add(s, username="admin", role="admin", name_ar="مدير", password_hash="h")
        assert users.count_active_admins(s) == 1
        assert users.get_by_username(s, "admin").id == admin.id
        assert [u.username for u in users.list_users(s)] == ["admin", "doc1", "nurse1"]
        assert users.register_failed_login(s, admin.id) == 1
        assert users.register_failed_login(s, admin.id, lock_until=T0) == 2
        assert users.get(s, admin.id).locked_until == T0
        users.clear_failed_logins(s, admin.id)
        assert (admin.failed_logins, admin.locked_until) == (0, None)
        users.set_password(s, admin.id, "h2")
        users.set_role(s, ids["nurse"], "physician")
        users.set_active(s, admin.id, False)
        assert users.count_active_admins(s) == 0
        assert [u.username for u in users.list_users(s, include_inactive=False)] == ["doc1", "nurse1"]
        with pytest.raises(NotFound):
            users.set_active(s, 999, True)


def test_settings(database: Database) -> None:
    with database.transaction() as s:
        settings.set_value(s, "institution", {"name_ar": "مستشفى", "valid_days": 30})
        settings.set_value(s, "flag", False)
    with database.transaction() as s:
        assert settings.get_value(s, "institution") == {"name_ar": "مستشفى", "valid_days": 30}
        assert settings.all_values(s) == {"flag": False, "institution": {"name_ar": "مستشفى", "valid_days": 30}}
        assert settings.get_value(s, "missing", 7) == 7


def test_form_versions(database: Database, ids: dict[str, int]) -> None:
    with database.transaction() as s:
        again = form_versions.add_if_missing(s, "vertebroplasty", "ar", "other label", sha("form"), "other text")
        assert again.id == ids["form"] and again.source_text == "نص النموذج"
        new = form_versions.add_if_missing(s, "vertebroplasty", "ar", "v2", sha("form2"), "نص 2")
        assert not new.approved
        assert form_versions.latest_approved(s, "vertebroplasty", "ar").id == ids["form"]
        form_versions.approve(s, new.content_sha256, ids["physician"], at=T0 + timedelta(days=1))
        assert form_versions.latest_approved(s, "vertebroplasty", "ar").id == new.id
        first = new.approved_at
        form_versions.approve(s, new.content_sha256, ids["nurse"])  # the first approval stands
        assert new.approved_at == first and new.approved_by_user_id == ids["physician"]
        form_versions.retire(s, new.content_sha256)
        assert form_versions.latest_approved(s, "vertebroplasty", "ar").id == ids["form"]
        assert len(form_versions.list_versions(s, procedure="vertebroplasty")) == 2
        assert len(form_versions.list_versions(s, include_retired=False)) == 1
        assert form_versions.get_by_hash(s, sha("form").upper()).id == ids["form"]
        unapproved = form_versions.add_if_missing(s, "kyphoplasty", "ar", "k1", sha("k"), "k")
        form_versions.retire(s, unapproved.content_sha256)
        with pytest.raises(InvalidState):
            form_versions.approve(s, unapproved.content_sha256, ids["physician"])
        with pytest.raises(NotFound):
            form_versions.approve(s, sha("nope"), ids["physician"])
        with pytest.raises(InvalidInput):
            form_versions.get_by_hash(s, "not-a-hash")


def test_patients_upsert_and_search(database: Database, ids: dict[str, int]) -> None:
    with database.transaction() as s:
        p2 = patients.upsert(s, mrn="TEST-2", name_ar="احمد علي", name_latin=None, birth_date=date(1960, 5, 5),
                             sex="M", search_words=["احمد", "علي"], national_id="1000000002", at=T0)
        created = p2.updated_at
        same = patients.upsert(s, mrn="TEST-2", name_ar="احمد علي", name_latin=None, birth_date=date(1960, 5, 5),
                               sex="M", search_words=["احمد", "علي"], national_id="1000000002")
        assert same.id == p2.id and same.updated_at == created  # nothing changed
        patients.upsert(s, mrn="TEST-2", name_ar="احمد علي حسن", name_latin=None, birth_date=date(1960, 5, 5),
                        sex="M", search_words=["احمد", "علي", "حسن"], national_id="1000000002")
        assert p2.updated_at > created and p2.search_key == " احمد علي حسن"
        with pytest.raises(InvalidInput):
            patients.upsert(s, mrn="TEST-3", name_ar="x", name_latin=None, birth_date=date(2000, 1, 1), sex="X",
                            search_words=["x"])
    with database.transaction(read_only=True) as s:
        assert [p.mrn for p in patients.search(s, ["عل"])] == ["TEST-2"]  # word prefix
        assert patients.search(s, ["لي"]) == []  # not the middle of a word
        assert [p.mrn for p in patients.search(s, ["احمد حسن"])] == ["TEST-2"]
        assert patients.search(s, ["احمد", "مريض"]) == []  # all words must match
        assert [p.mrn for p in patients.search(s, ["test"])] == ["TEST-1"]
        assert [p.mrn for p in patients.search(s, ["1000000002"])] == ["TEST-2"]  # exact id
        assert patients.search(s, ["%"]) == [] and patients.search(s, ["_"]) == []  # wildcards escaped
        assert patients.search(s, []) == []
        assert patients.get(s, ids["patient"]).birth_date == date(1950, 1, 2)


def test_drafts(database: Database, ids: dict[str, int]) -> None:
    with database.transaction() as s:
        d = drafts.create(s, kind="consent", created_by=ids["nurse"], state={"step": 1, "ملاحظة": "نعم"}, at=T0)
        assert len(d.id) == 32 and d.status == "open"
        drafts.save_state(s, d.id, {"step": 2}, patient_id=ids["patient"])
        assert d.state == {"step": 2} and d.updated_at > T0 and d.patient_id == ids["patient"]
        other = drafts.create(s, kind="verification", created_by=ids["physician"], state={})
        assert {x.id for x in drafts.list_open(s)} == {d.id, other.id}
        assert [x.id for x in drafts.list_open(s, kind="verification")] == [other.id]
        drafts.mark_sealed(s, d.id)
        drafts.discard(s, other.id)
        assert drafts.list_open(s) == []
        with pytest.raises(InvalidState):
            drafts.save_state(s, d.id, {})
        with pytest.raises(NotFound):
            drafts.discard(s, "0" * 32)
        with pytest.raises(InvalidInput):
            drafts.create(s, kind="other", created_by=ids["nurse"], state={})


def test_records_and_events(database: Database, ids: dict[str, int]) -> None:
    log = AuditLog()
    with database.transaction() as s:
        assert records.latest_audit_head_in_records(s) is None
        assert not records.has_real_records(s)
        head = log.append(s, "nurse1", "consent.started", subject="draft").hash
        add_record(s, ids, "R-1", audit_head=head, at=T0)
        log.append(s, "nurse1", "record.sealed", subject="R-1")
        head2 = AuditLog.head(s)
        add_record(s, ids, "R-2", audit_head=head2, kind="withdrawal", refers_to="R-1", is_demo=False,
                   signed_at=T0 + timedelta(days=2), at=T0 + timedelta(days=2))
        ev = record_events.add(s, record_id="R-1", kind="copy_given", by_user_id=ids["nurse"], details={"n": 1})
        record_events.add(s, record_id="R-1", kind="printed", at=T0 + timedelta(hours=1))
    with database.transaction(read_only=True) as s:
        assert records.has_real_records(s)
        assert records.latest_audit_head_in_records(s) == head2
        assert AuditLog.verify(s, expected_head=records.latest_audit_head_in_records(s)).ok
        assert records.get_pdf(s, "R-1") == PDF + b"R-1"
        r1 = records.get(s, "R-1")
        assert r1.pdf_sha256 == sha(PDF + b"R-1") and r1.signed_at == T0
        assert records.get_by_hash(s, r1.record_sha256).record_id == "R-1"
        assert [r.record_id for r in records.list_for_patient(s, ids["patient"])] == ["R-1", "R-2"]
        assert [r.record_id for r in records.list_referring(s, "R-1")] == ["R-2"]
        assert [r.record_id for r in records.list_signed_between(s, T0, T0 + timedelta(days=1))] == ["R-1"]
        assert [r.record_id for r in records.list_signed_between(
            s, T0, T0 + timedelta(days=3), kinds=("withdrawal",))] == ["R-2"]
        events = record_events.list_for_record(s, "R-1")
        assert [e.kind for e in events] == ["printed", "copy_given"]  # ordered by time
        assert record_events.list_for_record(s, "R-1", kind="copy_given")[0].details == {"n": 1}
        assert ev.at.tzinfo is not None
        with pytest.raises(NotFound):
            records.get_pdf(s, "nope")


def test_record_add_guards(database: Database, ids: dict[str, int]) -> None:
    rj = record_json("R-9")
    base = dict(record_id="R-9", kind="consent", patient_id=ids["patient"], form_version_id=ids["form"],
                record_json=rj, record_sha256=sha(rj), pdf=PDF, is_demo=True, created_by=ids["nurse"],
                signed_at=T0)
    with database.transaction() as s:
        with pytest.raises(InvalidInput, match="hash"):
            records.add(s, **{**base, "record_sha256": sha("other")})
        with pytest.raises(InvalidInput):
            records.add(s, **{**base, "kind": "correction"})  # needs refers_to
        with pytest.raises(InvalidInput):
            records.add(s, **{**base, "pdf": b""})
        with pytest.raises(NotFound):
            record_events.add(s, record_id="nope", kind="printed")
        records.add(s, **base)
    with pytest.raises(StorageFailure) as info:
        with database.transaction() as s:
            records.add(s, **{**base, "record_id": "R-10"})  # same record hash
    assert info.value.code == "duplicate"
