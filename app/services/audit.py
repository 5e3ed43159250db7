"""The audit trail: checking it whole (``AuditService``: chain, signed checkpoints, records against their
sealed events, accounts; see :mod:`app.services.integrity`), and the audit log viewer (``AuditViewer``): filtered pages of events, and the
"verify chain" action.

The viewer is for administrators only. Viewing and verifying are themselves audited (filters used
and counts; the values typed into the filters are not stored, they may name a person).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.domain.clock import utc_iso
from app.domain.errors import InvalidInput
from app.domain.roles import Actor, require
from app.domain.text import clean_text
from app.storage.models import AuditEvent

from .archive import local_day_bounds, parse_range


class AuditService:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def verify_chain(self, sources=None, *, demo: bool = False):
        """The whole integrity check (:mod:`app.services.integrity`): protection, chain, checkpoints (in
        the database and in ``sources``, else the configured folder; trusted through the trust file, the
        demonstration seal's only with ``demo``), records against their sealed events, accounts against
        their audited history."""
        from .integrity import IntegrityCheck

        return IntegrityCheck(self.ctx).run(sources, demo=demo)


MAX_LIMIT = 1000


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: str
    actor: str
    action: str
    subject: str | None
    details: Any


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    more: bool


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class AuditViewer:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def query(self, actor: Actor, *, who: str | None = None, action: str | None = None, subject: str | None = None,
              date_from: str | dt.date | None = None, date_to: str | dt.date | None = None,
              limit: int = 200, offset: int = 0, newest_first: bool = True) -> AuditPage:
        """``who``: exact actor username; ``action``: exact, or a prefix ending in "." (e.g. "record.");
        ``subject``: exact (a record id, "user:3"...); dates: local days, inclusive."""
        require(actor, "audit.view")
        if not 1 <= limit <= MAX_LIMIT or offset < 0:
            raise InvalidInput("limit_invalid", f"limit: 1 to {MAX_LIMIT}; offset: not negative")
        start, end = parse_range(date_from, date_to)
        lo, hi = local_day_bounds(start, end, self.ctx.settings().time_zone)
        stmt = select(AuditEvent)
        used = []
        if who:
            stmt = stmt.where(AuditEvent.actor == clean_text(who, "actor", max_len=64))
            used.append("actor")
        if action:
            action = clean_text(action, "action", max_len=64)
            stmt = stmt.where(AuditEvent.action.like(_escape_like(action) + "%", escape="\\")
                              if action.endswith(".") else AuditEvent.action == action)
            used.append("action")
        if subject:
            stmt = stmt.where(AuditEvent.subject == clean_text(subject, "subject", max_len=128))
            used.append("subject")
        if lo is not None:
            stmt = stmt.where(AuditEvent.at >= lo)
            used.append("from")
        if hi is not None:
            stmt = stmt.where(AuditEvent.at < hi)
            used.append("to")
        order = AuditEvent.seq.desc() if newest_first else AuditEvent.seq.asc()
        stmt = stmt.order_by(order).limit(limit + 1).offset(offset)
        with self.ctx.db.transaction() as s:
            found = list(s.execute(stmt).scalars())
            rows = tuple(AuditRow(e.seq, utc_iso(e.at), e.actor, e.action, e.subject, e.details)
                         for e in found[:limit])
            self.ctx.audit.append(s, actor.username, "audit.viewed",
                                  details={"filters": sorted(used), "results": len(rows)})
        return AuditPage(rows, len(found) > limit)

    def verify_chain(self, actor: Actor):
        """Walk the hash chain (and the head carried by the newest record); audited with the outcome."""
        require(actor, "audit.view")
        report = AuditService(self.ctx).verify_chain()
        with self.ctx.db.transaction() as s:
            self.ctx.audit.append(s, actor.username, "audit.verified",
                                  details={"ok": report.ok, "events": report.events, "problem": report.problem})
        return report
