"""Signed checkpoints of the audit log, kept in the database and sent off the desk.

A checkpoint states, for the audit log of one archive (``log``: the hash of its first event), its
size (the number of events), the chain hash of its newest event and the root of the Merkle tree
over all its events (:mod:`app.storage.merkle`), at a time, from a station. That document (canonical
JSON) is signed with the institution's seal as a detached CMS signature (the seal keeper's signer:
its token or PKCS#12; a desk without one signs with the demonstration seal, which proves nothing),
timestamped when a timestamp server is configured and usable (the seal's TSA client). One is made
once ``checkpoint_every`` events (default 100) have been added since the last, and at least once a
day while the desk is used: after the transaction that appended the events commits (``CheckpointKeeper.after_commit``, the audit log's hook), and at
start-up. It is stored in ``audit_checkpoints`` and copied to the administrator's off-desk folder
and/or syslog collector (:mod:`app.services.offdesk`); a copy that could not be delivered stays
pending and is sent with the next one.

Before signing, the events added since the last checkpoint are checked to continue the chain: a
broken log is never signed. No patient data is in a checkpoint, and nothing of it is logged.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import logging
import socket
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from app.domain.clock import utc_iso
from app.domain.errors import ConsentError, StorageFailure
from app.storage import merkle
from app.storage.audit import ChainBroken, checked_events
from app.storage.models import AuditCheckpoint, AuditEvent
from app.storage.types import canonical_json

from . import offdesk

log = logging.getLogger(__name__)

CHECKPOINT_TYPE = "consent-desk/audit-checkpoint"
VERSION = 1
DAY = dt.timedelta(days=1)
DELIVERIES_PER_RUN = 100
TIMESTAMP_TIMEOUT = 3  # seconds: a checkpoint is made after the desk's own work has committed
_REQUIRED = {"type": str, "v": int, "log": str, "size": int, "chain_head": str, "merkle_root": str, "at": str}


class CheckpointUnreadable(ValueError):
    pass


@dataclass(frozen=True)
class Checkpoint:
    """A signed checkpoint: the signed ``document`` (canonical JSON text), its detached CMS
    ``signature`` and where it was found ("database", a file, a syslog log)."""

    document: str
    signature: bytes = field(repr=False)
    where: str = "database"

    @cached_property
    def fields(self) -> dict[str, Any]:
        return json.loads(self.document)

    @property
    def size(self) -> int:
        return self.fields["size"]

    @property
    def log_id(self) -> str:
        return self.fields["log"]

    @property
    def chain_head(self) -> str:
        return self.fields["chain_head"]

    @property
    def merkle_root(self) -> str:
        return self.fields["merkle_root"]

    @property
    def at(self) -> str:
        return self.fields["at"]

    @property
    def off_desk(self) -> bool:
        return self.where != "database"

    def line(self) -> str:
        """The checkpoint as one line of ASCII JSON: the folder's file and the syslog message."""
        return json.dumps({"checkpoint": self.fields, "signature": base64.b64encode(self.signature).decode("ascii")},
                          sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def parse_line(text: str, where: str) -> Checkpoint:
    """A checkpoint from its line (see ``Checkpoint.line``); CheckpointUnreadable when malformed."""
    try:
        data = json.loads(text)
        doc, signature = data["checkpoint"], base64.b64decode(data["signature"], validate=True)
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise CheckpointUnreadable("not a checkpoint") from None
    if not isinstance(doc, dict) or any(not isinstance(doc.get(k), t) or isinstance(doc.get(k), bool)
                                        for k, t in _REQUIRED.items()):
        raise CheckpointUnreadable("a checkpoint without its fields")
    if doc["type"] != CHECKPOINT_TYPE or doc["size"] < 1:
        raise CheckpointUnreadable("not an audit checkpoint")
    return Checkpoint(canonical_json(doc), signature, where)


def checkpoint_timestamper(settings, seal) -> Any:
    """The RFC 3161 client for a checkpoint's signature timestamp: the seal's timestamp server when one
    is set and usable (it answers with timestamps that chain to the trust file, checked by the seal
    keeper, ``timestamp_server_usable``), else None (a checkpoint without a trusted time)."""
    url = settings.timestamp_url
    if not url or not seal.timestamp_server_usable(url):
        return None
    from app.documents.tsa import timestamper

    return timestamper(url, timeout=TIMESTAMP_TIMEOUT)


def station_name() -> str:
    return socket.gethostname()[:100] or "desk"


def log_id(session) -> str | None:
    """The identity of this archive's audit log: the hash of its first event."""
    return session.execute(select(AuditEvent.hash).where(AuditEvent.seq == 1)).scalar()


def database_checkpoints(session) -> list[Checkpoint]:
    rows = session.execute(select(AuditCheckpoint.document, AuditCheckpoint.signature)
                           .order_by(AuditCheckpoint.size)).all()
    return [Checkpoint(r.document, bytes(r.signature), "database") for r in rows]


def offdesk_checkpoints(path: Path) -> tuple[list[Checkpoint], list[str]]:
    """The checkpoints in a folder or a syslog file, and the places of lines that could not be read."""
    found, unreadable = [], []
    for item in offdesk.read_source(path):
        try:
            found.append(parse_line(item.text, item.where))
        except CheckpointUnreadable:
            unreadable.append(item.where)
    return found, unreadable


class CheckpointKeeper:
    """Makes the checkpoints and sends them off the desk. One per context; thread-safe."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self._busy = threading.Lock()
        self._next_size: int | None = None
        self._next_time: dt.datetime | None = None
        self.last_delivery_problems: dict[str, str] = {}

    def forget(self) -> None:
        """Drop what is remembered about the next checkpoint (the settings changed)."""
        self._next_size = self._next_time = None

    # ------------------------------------------------------------------ the hook
    def after_commit(self, last_seq: int) -> None:
        """After a transaction that appended events: a checkpoint when one is due. Never raises
        (the transaction is committed; a checkpoint that failed is made with the next event)."""
        now = self.ctx.clock.now()
        if self._next_size is not None and last_seq < self._next_size and now < self._next_time:
            return
        self.run()

    def run(self) -> Checkpoint | None:
        """A checkpoint if one is due, and the pending copies sent off the desk. Never raises."""
        if not self._busy.acquire(blocking=False):
            return None  # another thread is at it
        try:
            made = self.make()
            self.deliver_pending()
            return made
        except Exception as exc:  # noqa: BLE001 - the caller's work is done; this is retried later
            code = exc.code if isinstance(exc, ConsentError) else type(exc).__name__
            log.warning("audit checkpoint not made or not delivered (%s)", code)
            return None
        finally:
            self._busy.release()

    # ------------------------------------------------------------------ making one
    def make(self, *, force: bool = False) -> Checkpoint | None:
        """Sign and store a checkpoint of the log as it is now, when one is due (or ``force`` and the
        log grew since the last). None when not due."""
        settings = self.ctx.settings()
        now = self.ctx.clock.now()
        with self.ctx.db.transaction(read_only=True) as s:
            last = s.execute(select(AuditCheckpoint).order_by(AuditCheckpoint.size.desc()).limit(1)).scalar()
            top = s.execute(select(func.max(AuditEvent.seq))).scalar() or 0
            if top == 0:
                return None
            if last is not None:
                base_size, base_time = last.size, last.at
            else:
                base_size = 0
                base_time = s.execute(select(AuditEvent.at).where(AuditEvent.seq == 1)).scalar() or now
            self._next_size, self._next_time = base_size + settings.checkpoint_every, base_time + DAY
            grew = top > base_size
            due = grew and (force or top - base_size >= settings.checkpoint_every or now >= base_time + DAY)
            if not due:
                return None
            frontier = merkle.CompactRange.from_json(json.loads(last.frontier_json)) if last else merkle.CompactRange()
            head = last.chain_head if last else "0" * 64
            if frontier.size != base_size:
                raise StorageFailure("checkpoint_frontier_invalid", "the last checkpoint's Merkle range is damaged")
            try:
                for row in checked_events(s, after_seq=base_size, prev_hash=head):
                    frontier.append(merkle.leaf_hash(bytes.fromhex(row.hash)))
                    head = row.hash
            except ChainBroken as exc:
                log.error("audit chain broken at event %d (%s): no checkpoint signed", exc.seq, exc.problem)
                return None
            document = canonical_json({
                "type": CHECKPOINT_TYPE, "v": VERSION, "log": log_id(s), "size": frontier.size,
                "chain_head": head, "merkle_root": frontier.root().hex(), "at": utc_iso(now),
                "station": station_name(),
            })
        signer, signature = self._sign(document, settings)
        checkpoint = Checkpoint(document, signature, "database")
        try:
            with self.ctx.db.transaction() as s:
                if s.execute(select(AuditCheckpoint.id).where(AuditCheckpoint.size == checkpoint.size)).first():
                    return None  # another desk or thread was first
                s.add(AuditCheckpoint(size=checkpoint.size, chain_head=checkpoint.chain_head,
                                      merkle_root=checkpoint.merkle_root, at=now, document=document,
                                      signature=signature, signer_fingerprint=signer.fingerprint_sha256,
                                      frontier_json=json.dumps(frontier.to_json())))
                s.flush()
        except StorageFailure as exc:
            if exc.code == "duplicate":
                return None
            raise
        self._next_size, self._next_time = checkpoint.size + settings.checkpoint_every, now + DAY
        log.info("audit checkpoint signed at %d events", checkpoint.size)
        return checkpoint

    def _sign(self, document: str, settings) -> tuple[Any, bytes]:
        """(signer, detached signature) with the institution's seal when the desk has one (it must be
        unlocked, trusted and registered, like for sealing), else with the demonstration seal, which
        ``audit verify`` never counts as proof. Timestamped when a usable timestamp server is set (never
        a demonstration, like its records); a server that fails now leaves this one without."""
        from app.documents.detached_signature import sign_detached

        name = settings.institution_name_en or "Consent Desk"
        demo = not self.ctx.seal.has_institution_seal()
        signer = self.ctx.seal.signer(demo=demo, institution_name=name)
        data = document.encode("utf-8")
        stamper = None if demo else checkpoint_timestamper(settings, self.ctx.seal)
        if stamper is not None:
            try:
                return signer, sign_detached(data, signer.signer, stamper)
            except OSError as exc:  # pyHanko's TimestampRequestError, a timeout
                log.warning("audit checkpoint signed without a timestamp: the server did not answer (%s)",
                            type(exc).__name__)
        return signer, sign_detached(data, signer.signer)

    # ------------------------------------------------------------------ sending them off the desk
    def deliver_pending(self) -> int:
        """Send the checkpoints not yet copied to the configured folder and syslog; the number sent."""
        settings = self.ctx.settings()
        folder, syslog = settings.checkpoint_folder, settings.checkpoint_syslog
        if not folder and not syslog:
            return 0
        conditions = []
        if folder:
            conditions.append(AuditCheckpoint.sent_to_folder_at.is_(None))
        if syslog:
            conditions.append(AuditCheckpoint.sent_to_syslog_at.is_(None))
        from sqlalchemy import or_

        with self.ctx.db.transaction(read_only=True) as s:
            pending = s.execute(select(AuditCheckpoint.id, AuditCheckpoint.document, AuditCheckpoint.signature,
                                       AuditCheckpoint.sent_to_folder_at, AuditCheckpoint.sent_to_syslog_at)
                                .where(or_(*conditions)).order_by(AuditCheckpoint.size)
                                .limit(DELIVERIES_PER_RUN)).all()
        sent = 0
        failed: dict[str, str] = {}
        for row in pending:
            checkpoint = Checkpoint(row.document, bytes(row.signature))
            line = checkpoint.line()
            stamps: dict[str, dt.datetime] = {}
            try:
                if folder and row.sent_to_folder_at is None and "folder" not in failed:
                    offdesk.write_once(Path(folder),
                                       offdesk.checkpoint_file_name(checkpoint.log_id, checkpoint.size), line + "\n")
                    stamps["sent_to_folder_at"] = self.ctx.clock.now()
            except offdesk.DeliveryFailed as exc:
                failed["folder"] = str(exc)
            try:
                if syslog and row.sent_to_syslog_at is None and "syslog" not in failed:
                    offdesk.send_syslog(syslog, offdesk.syslog_message(line, at=self.ctx.clock.now()))
                    stamps["sent_to_syslog_at"] = self.ctx.clock.now()
            except offdesk.DeliveryFailed as exc:
                failed["syslog"] = str(exc)
            if not stamps:
                continue
            with self.ctx.db.transaction() as s:
                target = s.get(AuditCheckpoint, row.id)
                for key, value in stamps.items():
                    setattr(target, key, value)
            sent += 1
        for destination, why in failed.items():  # names a folder or host, never patient data
            log.warning("audit checkpoints not delivered to the %s: %s", destination, why)
        self.last_delivery_problems = dict(failed)
        return sent

    def pending_count(self) -> dict[str, int]:
        """How many checkpoints wait for each configured destination."""
        settings = self.ctx.settings()
        out: dict[str, int] = {}
        with self.ctx.db.transaction(read_only=True) as s:
            if settings.checkpoint_folder:
                out["folder"] = s.execute(select(func.count()).select_from(AuditCheckpoint)
                                          .where(AuditCheckpoint.sent_to_folder_at.is_(None))).scalar_one()
            if settings.checkpoint_syslog:
                out["syslog"] = s.execute(select(func.count()).select_from(AuditCheckpoint)
                                          .where(AuditCheckpoint.sent_to_syslog_at.is_(None))).scalar_one()
        return out
