"""Sealed records. Insert-only: the database refuses UPDATE and DELETE (triggers).

``record_json`` is the canonical record text exactly as hashed; ``record_sha256`` must be the
SHA-256 of its UTF-8 bytes (checked here), and ``pdf_sha256`` is computed here from the PDF bytes.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from app.domain.errors import InvalidInput, NotFound
from app.storage.models import RECORD_KINDS, Record
from app.storage.repositories._common import now_or

REFERRING_KINDS = ("withdrawal", "correction")  # must point at the record they change


def add(
    session: Session,
    *,
    record_id: str,
    kind: str,
    patient_id: int,
    form_version_id: int,
    record_json: str,
    record_sha256: str,
    pdf: bytes,
    is_demo: bool,
    created_by: int,
    signed_at: datetime,
    refers_to: str | None = None,
    at: datetime | None = None,
) -> Record:
    """Store a sealed record and flush. A duplicate id or hash raises ``IntegrityError`` at the flush,
    which ``Database.transaction()`` turns into ``StorageFailure("duplicate")``."""
    if kind not in RECORD_KINDS:
        raise InvalidInput("invalid_record_kind", f"unknown record kind: {kind}", kind=kind)
    if kind in REFERRING_KINDS and not refers_to:
        raise InvalidInput("refers_to_required", f"a {kind} must refer to a record", kind=kind)
    actual = hashlib.sha256(record_json.encode("utf-8")).hexdigest()
    if actual != record_sha256.lower():
        raise InvalidInput("record_hash_mismatch", "record_sha256 is not the hash of record_json", record_id=record_id)
    if not pdf:
        raise InvalidInput("pdf_missing", "a sealed record needs its PDF", record_id=record_id)
    record = Record(
        record_id=record_id,
        kind=kind,
        refers_to=refers_to,
        patient_id=patient_id,
        form_version_id=form_version_id,
        record_json=record_json,
        record_sha256=actual,
        pdf=bytes(pdf),
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        is_demo=is_demo,
        created_by=created_by,
        signed_at=signed_at,
        created_at=now_or(at),
    )
    session.add(record)
    session.flush()
    return record


def get(session: Session, record_id: str) -> Record | None:
    return session.get(Record, record_id)


def get_by_hash(session: Session, record_sha256: str) -> Record | None:
    stmt = select(Record).where(Record.record_sha256 == record_sha256.lower())
    return session.execute(stmt).scalar_one_or_none()


def get_pdf(session: Session, record_id: str) -> bytes:
    """The record's PDF as it stands: the sealed bytes followed by every later extension (validation
    data, document timestamps), each an incremental revision appended to the one before."""
    pdf = session.execute(select(Record.pdf).where(Record.record_id == record_id)).scalar_one_or_none()
    if pdf is None:
        raise NotFound("not_found", f"record {record_id} not found", what="record", key=record_id)
    return bytes(pdf) + b"".join(extensions(session, [record_id]).get(record_id, ()))


def extensions(session: Session, record_ids: list[str]) -> dict[str, list[bytes]]:
    """The bytes appended after the seal, per record, in order (records without any are absent)."""
    from app.storage.models import RecordExtension

    found: dict[str, list[bytes]] = {}
    if not record_ids:
        return found
    stmt = (select(RecordExtension.record_id, RecordExtension.data)
            .where(RecordExtension.record_id.in_(record_ids))
            .order_by(RecordExtension.record_id, RecordExtension.seq))
    for rid, data in session.execute(stmt):
        found.setdefault(rid, []).append(bytes(data))
    return found


def add_extension(session: Session, record_id: str, before: bytes, after: bytes, kind: str,
                  at: datetime | None = None) -> None:
    """Store ``after`` (the whole PDF with one more revision) as the bytes it appends to ``before``."""
    import hashlib

    from app.storage.models import RecordExtension

    if not after.startswith(before) or len(after) == len(before):
        raise ValueError("an extension only appends to the PDF")
    seq = session.execute(select(func.count()).select_from(RecordExtension)
                          .where(RecordExtension.record_id == record_id)).scalar_one()
    session.add(RecordExtension(record_id=record_id, seq=seq, kind=kind, data=after[len(before):],
                                pdf_sha256=hashlib.sha256(after).hexdigest(), at=now_or(at)))
    session.flush()


def queue_timestamp(session: Session, record_id: str, at: datetime | None = None) -> None:
    from app.storage.models import TimestampQueue

    if session.get(TimestampQueue, record_id) is None:
        session.add(TimestampQueue(record_id=record_id, queued_at=now_or(at)))
        session.flush()


def queued_for_timestamp(session: Session) -> list[str]:
    from app.storage.models import TimestampQueue

    return list(session.execute(select(TimestampQueue.record_id).order_by(TimestampQueue.queued_at)).scalars())


def unqueue_timestamp(session: Session, record_id: str) -> None:
    from app.storage.models import TimestampQueue

    row = session.get(TimestampQueue, record_id)
    if row is not None:
        session.delete(row)
        session.flush()


def list_for_patient(session: Session, patient_id: int) -> list[Record]:
    stmt = select(Record).where(Record.patient_id == patient_id).order_by(Record.signed_at, Record.record_id)
    return list(session.execute(stmt).scalars())


def list_referring(session: Session, record_id: str) -> list[Record]:
    """Records pointing at ``record_id`` (withdrawals, corrections, verifications)."""
    stmt = select(Record).where(Record.refers_to == record_id).order_by(Record.signed_at, Record.record_id)
    return list(session.execute(stmt).scalars())


def list_signed_between(
    session: Session, start: datetime, end: datetime, *, kinds: tuple[str, ...] | None = None
) -> list[Record]:
    """Records with ``start <= signed_at < end`` (aware datetimes), oldest first."""
    stmt = select(Record).where(Record.signed_at >= start, Record.signed_at < end)
    if kinds:
        stmt = stmt.where(Record.kind.in_(kinds))
    return list(session.execute(stmt.order_by(Record.signed_at, Record.record_id)).scalars())


def has_real_records(session: Session) -> bool:
    """Any non-demo record? (``demo`` refuses such a data folder.)"""
    return bool(session.execute(select(exists().where(Record.is_demo.is_(False)))).scalar())


def latest_audit_head_in_records(session: Session) -> str | None:
    """The ``audit_head`` carried by the newest sealed record (by ``created_at``), or None.

    Pass it to ``AuditLog.verify(expected_head=...)`` to detect a cut-off audit tail.
    """
    row = session.execute(
        select(Record.record_json).order_by(Record.created_at.desc(), Record.signed_at.desc()).limit(1)
    ).first()
    if row is None:
        return None
    try:
        head = json.loads(row.record_json).get("audit_head")
    except (ValueError, AttributeError):
        return None
    return head if isinstance(head, str) else None
