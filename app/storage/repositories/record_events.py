"""Events on sealed records (copy given/declined, printed, performed, cancelled, expired...).
Append-only (database triggers). ``details`` must not contain patient data."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import InvalidInput
from app.storage.models import Record, RecordEvent
from app.storage.repositories._common import now_or, require
from app.storage.types import canonical_json


def add(
    session: Session,
    *,
    record_id: str,
    kind: str,
    by_user_id: int | None = None,
    details: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> RecordEvent:
    if not kind:
        raise InvalidInput("invalid_event_kind", "an event needs a kind")
    require(session, Record, record_id, "record")
    event = RecordEvent(
        record_id=record_id,
        kind=kind,
        at=now_or(at),
        by_user_id=by_user_id,
        details_json=None if details is None else canonical_json(details),
    )
    session.add(event)
    session.flush()
    return event


def list_for_record(session: Session, record_id: str, *, kind: str | None = None) -> list[RecordEvent]:
    stmt = select(RecordEvent).where(RecordEvent.record_id == record_id)
    if kind is not None:
        stmt = stmt.where(RecordEvent.kind == kind)
    return list(session.execute(stmt.order_by(RecordEvent.at, RecordEvent.id)).scalars())
