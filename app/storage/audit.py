"""The hash-chained, append-only audit log.

Each event stores ``hash = sha256(canonical JSON of {seq, at, actor, action, subject, details,
prev_hash})`` where ``prev_hash`` is the previous event's hash (64 zeros for the first event) and
``at`` is the canonical UTC text (:func:`app.storage.types.format_utc`). Appends are serialised by
the database write lock (SQLite ``BEGIN IMMEDIATE``; PostgreSQL advisory lock), and the table refuses
UPDATE and DELETE by trigger.

What :meth:`AuditLog.verify` detects: an edited event (its hash no longer matches), a deleted event
(a gap in ``seq`` or a broken ``prev_hash`` link), a chain that does not start at genesis, and, given
``expected_head`` (the ``audit_head`` that the newest sealed record carries), a cut-off tail.

PRIVACY: ``subject`` and ``details`` must never contain patient names or other patient data; use
record ids, user ids, form hashes and counts. The service layer is responsible for this; the audit
log is read by administrators and exported.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, event as sa_event, func, select, type_coerce
from sqlalchemy.orm import Session

from app.storage import dialect
from app.storage.models import AuditEvent
from app.storage.types import canonical_json, format_utc, utc_now

GENESIS_HASH = "0" * 64


def event_hash(
    *, seq: int, at: str, actor: str, action: str, subject: str | None, details: Any, prev_hash: str
) -> str:
    """The hash of one event; ``at`` is the stored canonical UTC text (see ``format_utc``)."""
    payload = {
        "seq": seq,
        "at": at,
        "actor": actor,
        "action": action,
        "subject": subject,
        "details": details,
        "prev_hash": prev_hash,
    }
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    """Result of :meth:`AuditLog.verify`.

    ``problem`` is "" when ``ok``; otherwise one of ``event_altered`` (recomputed hash differs),
    ``event_missing`` (gap in seq; ``first_bad_seq`` is the first missing seq), ``link_broken``
    (prev_hash differs from the previous event's hash), ``bad_genesis`` (first event does not start
    the chain), ``tail_missing`` (``expected_head`` is not in the chain; ``first_bad_seq`` is the seq
    after the last event present), ``unreadable_event`` (stored details are not JSON).
    """

    ok: bool
    events: int
    first_bad_seq: int | None
    problem: str
    head: str = GENESIS_HASH

    def message(self) -> str:
        if self.ok:
            return f"audit chain intact: {self.events} events"
        return f"audit chain broken at event {self.first_bad_seq}: {self.problem}"


class ChainBroken(Exception):
    """Raised by :func:`checked_events` at the first event that does not continue the chain."""

    def __init__(self, seq: int, problem: str) -> None:
        super().__init__(f"audit chain broken at event {seq}: {problem}")
        self.seq = seq
        self.problem = problem


_STORED_COLUMNS = (
    AuditEvent.seq,
    type_coerce(AuditEvent.at, String).label("at"),
    AuditEvent.actor,
    AuditEvent.action,
    AuditEvent.subject,
    AuditEvent.details_json,
    AuditEvent.prev_hash,
    AuditEvent.hash,
)


STORED_COLUMNS = _STORED_COLUMNS


def checked_events(session: Session, *, after_seq: int = 0, prev_hash: str = GENESIS_HASH,
                   batch: int = 1000) -> Iterator[Any]:
    """The stored rows after ``after_seq`` (whose hash is ``prev_hash``) in seq order, each checked to
    continue the chain; raises :class:`ChainBroken` at the first that does not."""
    rows = session.execute(select(*_STORED_COLUMNS).where(AuditEvent.seq > after_seq)
                           .order_by(AuditEvent.seq).execution_options(yield_per=batch))
    prev_seq = after_seq
    for row in rows:
        bad = _check(row, prev_seq, prev_hash)
        if bad is not None:
            raise ChainBroken(*bad)
        prev_seq, prev_hash = row.seq, row.hash
        yield row


class AuditLog:
    """Append to and verify the audit chain. Stateless apart from the clock; methods take a Session.

    ``after_commit(seq)``, when given, is called once after each transaction that appended events
    commits, with the newest seq it appended (the signed checkpoints hang on it); it must not raise.
    """

    def __init__(self, *, clock: Callable[[], datetime] = utc_now,
                 after_commit: Callable[[int], None] | None = None) -> None:
        self._clock = clock
        self._after_commit = after_commit

    def _notify_after_commit(self, session: Session, seq: int) -> None:
        first = "audit_last_seq" not in session.info
        session.info["audit_last_seq"] = seq
        if first and self._after_commit is not None:
            hook = self._after_commit

            def fire(committed: Session) -> None:
                hook(committed.info.get("audit_last_seq", 0))

            sa_event.listen(session, "after_commit", fire, once=True)

    def append(
        self,
        session: Session,
        actor: str,
        action: str,
        subject: str | None = None,
        details: dict[str, Any] | None = None,
        at: datetime | None = None,
    ) -> AuditEvent:
        """Append one event inside the caller's (read-write) transaction and flush it.

        ``details`` must be JSON-serialisable and must not contain patient data.
        """
        if not actor or not action:
            raise ValueError("audit events need an actor and an action")
        at = at or self._clock()
        dialect.serialise_audit_append(session)
        last = session.execute(
            select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
        ).first()
        seq, prev_hash = (1, GENESIS_HASH) if last is None else (last.seq + 1, last.hash)
        details_json = None if details is None else canonical_json(details)
        decoded = None if details_json is None else json.loads(details_json)
        event = AuditEvent(
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            subject=subject,
            details_json=details_json,
            prev_hash=prev_hash,
            hash=event_hash(
                seq=seq, at=format_utc(at), actor=actor, action=action, subject=subject, details=decoded, prev_hash=prev_hash
            ),
        )
        session.add(event)
        session.flush()
        self._notify_after_commit(session, seq)
        return event

    @staticmethod
    def head(session: Session) -> str:
        """The newest event's hash, or 64 zeros for an empty log."""
        value = session.execute(select(AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)).scalar()
        return value or GENESIS_HASH

    @staticmethod
    def count(session: Session) -> int:
        return session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()

    @staticmethod
    def verify(session: Session, expected_head: str | None = None, *, batch: int = 1000) -> ChainReport:
        """Walk the whole chain in seq order; report the first problem found.

        Reads the stored text of every column (not the decoded values), so any edit shows.
        """
        events = 0
        prev_seq = 0
        prev_hash = GENESIS_HASH
        seen_expected = expected_head is None or expected_head == GENESIS_HASH
        first_bad: tuple[int, str] | None = None
        rows = session.execute(select(*_STORED_COLUMNS).order_by(AuditEvent.seq).execution_options(yield_per=batch))
        for row in rows:
            events += 1
            if first_bad is None:
                first_bad = _check(row, prev_seq, prev_hash)
            if row.hash == expected_head:
                seen_expected = True
            prev_seq, prev_hash = row.seq, row.hash
        if first_bad is None and not seen_expected:
            first_bad = (prev_seq + 1, "tail_missing")
        if first_bad is None:
            return ChainReport(True, events, None, "", prev_hash)
        return ChainReport(False, events, first_bad[0], first_bad[1], prev_hash)


def check_row(row: Any, prev_seq: int, prev_hash: str) -> tuple[int, str] | None:
    """(seq, problem) when the stored ``row`` (see ``STORED_COLUMNS``) does not continue the chain
    after ``prev_seq``/``prev_hash``; None when it does."""
    return _check(row, prev_seq, prev_hash)


def _check(row: Any, prev_seq: int, prev_hash: str) -> tuple[int, str] | None:
    if row.seq != prev_seq + 1:
        return (prev_seq + 1, "event_missing")
    if row.prev_hash != prev_hash:
        return (row.seq, "bad_genesis" if prev_seq == 0 else "link_broken")
    try:
        details = None if row.details_json is None else json.loads(row.details_json)
    except ValueError:
        return (row.seq, "unreadable_event")
    expected = event_hash(
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        action=row.action,
        subject=row.subject,
        details=details,
        prev_hash=row.prev_hash,
    )
    if expected != row.hash:
        return (row.seq, "event_altered")
    return None
