"""Keeping records verifiable for decades: ``archive timestamp --renew``.

For every real record (demonstration records are left as they are) whose seal verifies:

* a record sealed while the timestamp server was down (queued, B-B) gets its first trusted time;
* a record below B-LTA gets its validation data (DSS: certificates, OCSP responses, CRLs, fetched
  now) and an archive timestamp over the whole file;
* a B-LTA record whose newest timestamp's certificate ends within ``within_days`` (or whose digest is
  weaker than SHA-256) gets fresh validation data and a new archive timestamp over the old ones.

Each addition is ONE incremental revision stored in ``record_extensions`` (the sealed bytes never
change), checked by the full verification before it is kept, and audited (``record.timestamped``).
Run it from the scheduler of the records office (nightly or weekly), signed in as an administrator
(``--user``, the password on standard input); it needs the TSA and, for the validation data, the
CA's OCSP/CRL addresses.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from app.domain.errors import ConsentError, InvalidInput
from app.domain.roles import Actor, require
from app.storage import repositories as repo
from app.storage.models import Record

log = logging.getLogger(__name__)


@dataclass
class RenewReport:
    stamped: int = 0
    current: int = 0
    failed: int = 0
    lines: list[tuple[str, str]] = field(default_factory=list)  # (record_id, STAMPED|CURRENT|FAILED reason)


class LongTermService:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def renew(self, actor: Actor, *, within_days: int = 365) -> RenewReport:
        """Bring every real record up to date (see the module docstring); an administrator's act, like
        the seal's other settings: it adds to every record, and each addition is audited under their name."""
        require(actor, "certificates.manage")
        return self._renew(actor.username, within_days)

    def _renew(self, actor_name: str, within_days: int) -> RenewReport:
        from sqlalchemy import select

        from app.documents.ltv import extend, last_timestamp_expiry
        from app.documents.pdf_verify import UnreadablePdf, verify_pdf

        url = self.ctx.settings().timestamp_url
        if not url:
            raise InvalidInput("timestamp_unavailable", "no timestamp server is set (Administration, Institution)")
        trust = self.ctx.seal.trust()
        if not trust:
            raise InvalidInput("no_trust_file", "no trust file is installed: timestamps cannot be checked")
        with self.ctx.db.transaction(read_only=True) as s:
            ids = list(s.execute(select(Record.record_id).where(Record.is_demo.is_(False))
                                 .order_by(Record.signed_at, Record.record_id)).scalars())
            queued = set(repo.records.queued_for_timestamp(s))
        report = RenewReport()
        horizon = self.ctx.clock.now() + dt.timedelta(days=within_days)
        for record_id in ids:
            with self.ctx.db.transaction(read_only=True) as s:
                pdf = repo.records.get_pdf(s, record_id)
                stored_sha = repo.records.get(s, record_id).record_sha256
            try:
                before = verify_pdf(pdf, trust, stored_sha)
            except UnreadablePdf:
                before = None
            if before is None or not before.valid:
                report.failed += 1
                report.lines.append((record_id, f"FAILED {before.reason if before else 'pdf_unreadable'}"))
                continue
            expiry = last_timestamp_expiry(pdf)
            due = (record_id in queued or before.level != "B-LTA" or expiry is None or expiry <= horizon)
            if not due:
                report.current += 1
                report.lines.append((record_id, "CURRENT"))
                continue
            try:
                after_pdf = extend(pdf, url, trust)
                after = verify_pdf(after_pdf, trust, stored_sha)
            except ConsentError as exc:
                report.failed += 1
                report.lines.append((record_id, f"FAILED {exc.code}"))
                continue
            if not after.valid:
                report.failed += 1
                report.lines.append((record_id, f"FAILED {after.reason}"))
                continue
            with self.ctx.db.transaction() as s:
                repo.records.add_extension(s, record_id, pdf, after_pdf, "timestamp", at=self.ctx.clock.now())
                repo.records.unqueue_timestamp(s, record_id)
                self.ctx.audit.append(s, actor_name, "record.timestamped", subject=record_id,
                                      details={"level": after.level, "was": before.level})
            report.stamped += 1
            report.lines.append((record_id, f"STAMPED {after.level}"))
        return report
