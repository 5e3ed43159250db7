"""Stations (the computers using the database), tablet hand-offs and the patient's steps on a tablet.

Hand-off states: ``offered`` -> ``active`` -> (``returning``) -> ``closed`` (see ``models.Handoff``).
A draft has at most one hand-off that is not closed, a tablet at most one: :func:`open_for_draft`
and :func:`open_for_tablet` are checked under the write lock by the services before a new one.
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.errors import InvalidState, NotFound
from app.storage.models import Handoff, HandoffStep, Station
from app.storage.repositories._common import now_or

OPEN = ("offered", "active", "returning")


# --------------------------------------------------------------------------- stations

def get(session: Session, station_id: int) -> Station | None:
    return session.get(Station, station_id)


def by_name(session: Session, name: str) -> Station | None:
    return session.execute(select(Station).where(Station.name == name)).scalar_one_or_none()


def register(session: Session, *, name: str, kind: str, at: datetime | None = None) -> tuple[Station, bool]:
    """The station of this name, created or brought to ``kind``; True when it was created."""
    now = now_or(at)
    row = by_name(session, name)
    if row is None:
        row = Station(name=name, kind=kind, active=True, created_at=now, last_seen_at=now)
        session.add(row)
        session.flush()
        return row, True
    row.kind, row.active, row.last_seen_at = kind, True, now
    session.flush()
    return row, False


def seen(session: Session, station_id: int, *, at: datetime | None = None) -> None:
    row = session.get(Station, station_id)
    if row is None:
        raise NotFound("station_missing", "this station is not registered")
    row.last_seen_at = now_or(at)
    session.flush()


def all_stations(session: Session, kind: str | None = None) -> list[Station]:
    stmt = select(Station).where(Station.active.is_(True)).order_by(Station.name)
    if kind is not None:
        stmt = stmt.where(Station.kind == kind)
    return list(session.execute(stmt).scalars())


# --------------------------------------------------------------------------- hand-offs

def get_handoff(session: Session, handoff_id: str) -> Handoff:
    row = session.get(Handoff, handoff_id)
    if row is None:
        raise NotFound("handoff_missing", "no such hand-off")
    return row


def open_for_draft(session: Session, draft_id: str) -> Handoff | None:
    stmt = select(Handoff).where(Handoff.draft_id == draft_id, Handoff.status.in_(OPEN))
    return session.execute(stmt.order_by(Handoff.created_at.desc()).limit(1)).scalar_one_or_none()


def open_for_tablet(session: Session, tablet_id: int) -> list[Handoff]:
    stmt = (select(Handoff).where(Handoff.tablet_id == tablet_id, Handoff.status.in_(OPEN))
            .order_by(Handoff.created_at))
    return list(session.execute(stmt).scalars())


def busy_tablets(session: Session) -> set[int]:
    return set(session.execute(select(Handoff.tablet_id).where(Handoff.status.in_(OPEN))).scalars())


def latest_for_draft(session: Session, draft_id: str) -> Handoff | None:
    stmt = select(Handoff).where(Handoff.draft_id == draft_id).order_by(Handoff.created_at.desc(), Handoff.id)
    return session.execute(stmt.limit(1)).scalar_one_or_none()


def offer(session: Session, *, draft_id: str, tablet_id: int, desk_id: int | None, handed_by: int,
          at: datetime | None = None) -> Handoff:
    now = now_or(at)
    row = Handoff(draft_id=draft_id, tablet_id=tablet_id, desk_id=desk_id, handed_by=handed_by, status="offered",
                  created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    return row


TRANSITIONS = {
    "active": ("offered",),
    "returning": ("active",),
    "closed": OPEN,
}


def move(session: Session, handoff_id: str, status: str, *, reason: str | None = None,
         at: datetime | None = None) -> Handoff:
    """Change a hand-off's state (``InvalidState("handoff_moved")`` from a state it cannot leave so)."""
    row = get_handoff(session, handoff_id)
    if row.status not in TRANSITIONS[status]:
        raise InvalidState("handoff_moved", f"the hand-off is {row.status}", status=row.status)
    now = now_or(at)
    row.status, row.updated_at = status, now
    if status == "active":
        row.opened_at = now
    if status == "closed":
        row.closed_reason, row.closed_at = reason, now
    session.flush()
    return row


# --------------------------------------------------------------------------- the patient's steps

def step(session: Session, step_id: str) -> HandoffStep | None:
    return session.get(HandoffStep, step_id)


def add_step(session: Session, *, step_id: str, handoff_id: str, kind: str, outcome: str, taken_at: str,
             section: str | None = None, role: str | None = None, payload: Any = None,
             reason: str | None = None, at: datetime | None = None) -> HandoffStep:
    seq = (session.execute(select(func.max(HandoffStep.seq)).where(HandoffStep.handoff_id == handoff_id)).scalar()
           or 0) + 1
    row = HandoffStep(step_id=step_id, handoff_id=handoff_id, seq=seq, kind=kind, outcome=outcome,
                      section=section, role=role, reason=reason, taken_at=taken_at[:40], at=now_or(at),
                      payload_json=None if payload is None else json.dumps(payload, ensure_ascii=False,
                                                                           sort_keys=True))
    session.add(row)
    session.flush()
    return row


def steps_after(session: Session, handoff_id: str, after_seq: int = 0) -> list[HandoffStep]:
    stmt = (select(HandoffStep).where(HandoffStep.handoff_id == handoff_id, HandoffStep.seq > after_seq)
            .order_by(HandoffStep.seq))
    return list(session.execute(stmt).scalars())
