"""Drafts: autosaved consent/verification sessions. ``state`` is any JSON-serialisable value the
service owns; it is stored as JSON text. Only open drafts can be saved, sealed or discarded."""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import InvalidInput, InvalidState
from app.storage.models import DRAFT_KINDS, Draft
from app.storage.repositories._common import now_or, require


def _dump(state: Any) -> str:
    return json.dumps(state, ensure_ascii=False, allow_nan=False, sort_keys=True)


def create(
    session: Session,
    *,
    kind: str,
    created_by: int,
    state: Any,
    patient_id: int | None = None,
    consent_record_id: str | None = None,
    at: datetime | None = None,
) -> Draft:
    if kind not in DRAFT_KINDS:
        raise InvalidInput("invalid_draft_kind", f"unknown draft kind: {kind}", kind=kind)
    now = now_or(at)
    draft = Draft(
        kind=kind,
        patient_id=patient_id,
        consent_record_id=consent_record_id,
        state_json=_dump(state),
        status="open",
        created_by=created_by,
        created_at=now,
        updated_at=now,
    )
    session.add(draft)
    session.flush()
    return draft


def get(session: Session, draft_id: str) -> Draft | None:
    return session.get(Draft, draft_id)


def _open_draft(session: Session, draft_id: str) -> Draft:
    draft = require(session, Draft, draft_id, "draft")
    if draft.status != "open":
        raise InvalidState("draft_closed", f"draft is {draft.status}", draft_id=draft_id, status=draft.status)
    return draft


def save_state(
    session: Session,
    draft_id: str,
    state: Any,
    *,
    patient_id: int | None = None,
    at: datetime | None = None,
) -> Draft:
    """Autosave: replace the state (and set the patient when given); ``updated_at`` moves."""
    draft = _open_draft(session, draft_id)
    draft.state_json = _dump(state)
    if patient_id is not None:
        draft.patient_id = patient_id
    draft.updated_at = now_or(at)
    session.flush()
    return draft


def list_open(session: Session, *, kind: str | None = None, created_by: int | None = None) -> list[Draft]:
    stmt = select(Draft).where(Draft.status == "open").order_by(Draft.updated_at.desc())
    if kind is not None:
        stmt = stmt.where(Draft.kind == kind)
    if created_by is not None:
        stmt = stmt.where(Draft.created_by == created_by)
    return list(session.execute(stmt).scalars())


def mark_sealed(session: Session, draft_id: str, *, at: datetime | None = None) -> Draft:
    """Close the draft after its record was stored (same transaction as records.add)."""
    draft = _open_draft(session, draft_id)
    draft.status = "sealed"
    draft.updated_at = now_or(at)
    session.flush()
    return draft


def discard(session: Session, draft_id: str, *, at: datetime | None = None) -> Draft:
    draft = _open_draft(session, draft_id)
    draft.status = "discarded"
    draft.updated_at = now_or(at)
    session.flush()
    return draft
