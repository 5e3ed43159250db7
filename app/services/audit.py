"""Walking the audit chain, with the head carried by the newest record to catch a cut-off tail."""
from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from app.storage import repositories as repo
from app.storage.audit import AuditLog
from app.storage.models import AuditEvent, Record


class AuditService:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def verify_chain(self):
        with self.ctx.db.transaction(read_only=True) as s:
            expected = repo.records.latest_audit_head_in_records(s)
            report = AuditLog.verify(s, expected_head=expected)
            if not report.ok:
                return report
            # Every sealed record has its own "record.sealed" event; a record without one means the
            # tail after it was cut off (its audit_head is the event *before* its own).
            sealed = set(s.execute(select(AuditEvent.subject).where(AuditEvent.action == "record.sealed")).scalars())
            missing = [rid for rid in s.execute(select(Record.record_id)).scalars() if rid not in sealed]
        if missing:
            return replace(report, ok=False, problem="tail_missing", first_bad_seq=report.events + 1)
        return report
