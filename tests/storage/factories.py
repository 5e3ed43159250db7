"""Test data for storage tests. Synthetic only: no real patient data anywhere in the tests.

The seeding used by the upgrade tests is raw SQL against the columns of revision 0001, so that it
keeps working at that revision whatever the models look like later.
"""
from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timezone

from sqlalchemy import text
from sqlalchemy.engine import Connection

from app.storage.audit import GENESIS_HASH, event_hash
from app.storage.types import format_utc

T0 = datetime(2024, 5, 1, 8, 30, tzinfo=timezone.utc)
TS = format_utc(T0)


def record_json(record_id: str, audit_head: str = GENESIS_HASH) -> str:
    body = {"record_id": record_id, "kind": "consent", "audit_head": audit_head, "patient": {"mrn": "TEST-1"}}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


PDF = b"%PDF-1.7 synthetic test bytes"


def seed_rev_0001(conn: Connection) -> dict[str, object]:
    """One user, form version, patient, record, record event and audit event, as of revision 0001."""
    conn.execute(text(
        "INSERT INTO users (id, username, role, name_ar, name_latin, password_hash, active, failed_logins,"
        " locked_until, is_demo, created_at) VALUES (1, 'nurse1', 'nurse', 'ممرضة', 'Nurse', 'x', TRUE, 0, NULL, TRUE, :ts)"
    ), {"ts": TS})
    form_sha = sha("form content")
    conn.execute(text(
        "INSERT INTO form_versions (id, procedure, language, version_label, content_sha256, source_text,"
        " approved_by_user_id, approved_at, retired_at, created_at)"
        " VALUES (1, 'vertebroplasty', 'ar', 'v1', :sha, 'نص', NULL, NULL, NULL, :ts)"
    ), {"sha": form_sha, "ts": TS})
    conn.execute(text(
        "INSERT INTO patients (id, mrn, national_id, name_ar, name_latin, birth_date, sex, search_key,"
        " created_at, updated_at) VALUES (1, 'TEST-1', NULL, 'مريض تجريبي', 'Test Patient', '1950-01-02', 'F',"
        " ' مريض تجريبي', :ts, :ts)"
    ), {"ts": TS})
    rj = record_json("R-0001")
    conn.execute(text(
        "INSERT INTO records (record_id, kind, refers_to, patient_id, form_version_id, record_json,"
        " record_sha256, pdf, pdf_sha256, is_demo, created_by, signed_at, created_at)"
        " VALUES ('R-0001', 'consent', NULL, 1, 1, :rj, :rsha, :pdf, :psha, TRUE, 1, :ts, :ts)"
    ), {"rj": rj, "rsha": sha(rj), "pdf": PDF, "psha": sha(PDF), "ts": TS})
    conn.execute(text(
        "INSERT INTO record_events (id, record_id, kind, at, by_user_id, details_json)"
        " VALUES (1, 'R-0001', 'printed', :ts, 1, NULL)"
    ), {"ts": TS})
    h = event_hash(seq=1, at=TS, actor="nurse1", action="record.sealed", subject="R-0001", details=None,
                   prev_hash=GENESIS_HASH)
    conn.execute(text(
        "INSERT INTO audit_events (seq, at, actor, action, subject, details_json, prev_hash, hash)"
        " VALUES (1, :ts, 'nurse1', 'record.sealed', 'R-0001', NULL, :prev, :h)"
    ), {"ts": TS, "prev": GENESIS_HASH, "h": h})
    return {"record_id": "R-0001", "record_json": rj, "audit_head": h, "birth_date": date(1950, 1, 2)}


def seed_basics(session) -> dict[str, int]:
    """A nurse, a physician, an approved form version and a patient, through the repositories."""
    from app.storage.repositories import form_versions, patients, users

    nurse = users.add(session, username="nurse1", role="nurse", name_ar="ممرضة", password_hash="h", is_demo=True)
    doc = users.add(session, username="doc1", role="physician", name_ar="طبيب", password_hash="h", is_demo=True)
    form = form_versions.add_if_missing(session, "vertebroplasty", "ar", "v1", sha("form"), "نص النموذج")
    form_versions.approve(session, form.content_sha256, doc.id, at=T0)
    patient = patients.upsert(
        session, mrn="TEST-1", name_ar="مريض تجريبي", name_latin="Test Patient", birth_date=date(1950, 1, 2),
        sex="F", search_words=["مريض", "تجريبي", "test", "patient"],
    )
    return {"nurse": nurse.id, "physician": doc.id, "form": form.id, "patient": patient.id}


def add_record(session, ids: dict[str, int], record_id: str, *, audit_head: str = GENESIS_HASH,
               is_demo: bool = True, kind: str = "consent", refers_to: str | None = None,
               signed_at: datetime = T0, at: datetime | None = None):
    from app.storage.repositories import records

    rj = record_json(record_id, audit_head)
    return records.add(
        session, record_id=record_id, kind=kind, refers_to=refers_to, patient_id=ids["patient"],
        form_version_id=ids["form"], record_json=rj, record_sha256=sha(rj), pdf=PDF + record_id.encode(),
        is_demo=is_demo, created_by=ids["nurse"], signed_at=signed_at, at=at,
    )
