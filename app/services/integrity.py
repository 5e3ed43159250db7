"""``audit verify``: does the archive prove its own integrity?

One pass over everything, each problem named (a :class:`Finding`), nothing stopping at the first:

* protection: every immutability trigger (and on PostgreSQL its function) is in place, unaltered;
* the chain: each event's hash and link (:mod:`app.storage.audit`), and the Merkle tree over them;
* checkpoints: every signed checkpoint found in the database and in the off-desk places given (a
  folder, a syslog file) is checked for its signature and against the log: the log must hold at least
  that many events, with that chain head and that Merkle root at that size. The newest off-desk
  checkpoint that matches is the point up to which the log is proven by something the desk cannot
  rewrite;
* records and their "record sealed" events, one to one: each record's audit head and hash are read
  from the ``record.json`` inside its sealed PDF (not from the database row); the head must be the
  event just before its "record sealed" event, whose hash must name that record.json. A record without
  its event, an event whose record is gone, a record sealed twice, are each reported; so is a stored
  ``record_json`` or hash that differs from the sealed one;
* accounts: every user row equals its last audited state, and every user change was made by an
  administrator (:mod:`app.services.accounts`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.storage import dialect, merkle
from app.storage.audit import GENESIS_HASH, STORED_COLUMNS, check_row
from app.storage.models import AuditEvent, Record, User

from .accounts import account_problems
from .checkpoints import Checkpoint, database_checkpoints, offdesk_checkpoints
from .record_match import stored_vs_sealed

RECORD_BATCH = 50


@dataclass(frozen=True)
class Finding:
    """One problem: ``area`` (protection, chain, checkpoint, record, account), what it is about, a
    stable ``problem`` code and one line for people."""

    area: str
    subject: str
    problem: str
    detail: str

    def line(self) -> str:
        return f"{self.area} {self.subject}: {self.detail}"


@dataclass(frozen=True)
class Anchor:
    size: int
    at: str
    where: str
    demo: bool = False  # signed with the demonstration seal (counted only with ``demo=True``)


@dataclass(frozen=True)
class IntegrityReport:
    events: int
    records: int
    accounts: int
    findings: tuple[Finding, ...]
    anchor: Anchor | None  # the newest matching checkpoint found off the desk
    desk_anchor: Anchor | None  # the newest matching checkpoint in the database
    checkpoints: int
    sources: tuple[str, ...]
    notes: tuple[str, ...] = ()
    chain_first_bad: int | None = None
    chain_problem: str = ""
    demo_set_aside: int = 0  # checkpoints signed with the demonstration seal, not counted (no --demo)

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def problem(self) -> str:
        """The first problem's code ("" when ok): the chain's first, else the first finding's."""
        return self.chain_problem or (self.findings[0].problem if self.findings else "")

    @property
    def first_bad_seq(self) -> int | None:
        return self.chain_first_bad

    def message(self) -> str:
        return self.summary() if self.ok else self.findings[0].line()

    def summary(self) -> str:
        counts = f"{self.events} events, {self.records} records, {self.accounts} accounts"
        if not self.ok:
            return f"BROKEN {len(self.findings)} problem(s); {counts}"
        if self.anchor is not None:
            proven = (f"proven off the desk up to event {self.anchor.size} by the checkpoint of {self.anchor.at} "
                      f"({self.anchor.where}){_DEMO if self.anchor.demo else ''}")
        elif self.desk_anchor is not None:
            proven = (f"no off-desk checkpoint; the database's checkpoint of {self.desk_anchor.at} covers "
                      f"event {self.desk_anchor.size}{_DEMO if self.desk_anchor.demo else ''}")
        elif self.demo_set_aside:
            proven = "no checkpoint signed with the institution's seal yet (demonstration ones prove nothing)"
        else:
            proven = "no checkpoint yet"
        return f"OK {counts}; {proven}"


_DEMO = ", signed with the demonstration seal: a demonstration, no proof"


@dataclass
class _Sealed:
    seq: int
    prev_hash: str
    sha256: str | None


@dataclass
class _Walk:
    events: int = 0
    log_id: str | None = None
    first_bad: tuple[int, str] | None = None
    sealed: dict[str, list[_Sealed]] = field(default_factory=dict)
    demo_set_aside: int = 0


class IntegrityCheck:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def run(self, sources: list[Path] | None = None, *, demo: bool = False) -> IntegrityReport:
        """``sources``: off-desk folders or syslog files to read checkpoints from; None means the
        configured checkpoint folder (if any). Checkpoints are trusted through the trust file
        (``ctx.seal.trust()``); those signed with the demonstration seal prove nothing and are set
        aside with a note, unless ``demo`` (``audit verify --demo``): then they are checked as well,
        and said to be a demonstration."""
        if sources is None:
            folder = self.ctx.settings().checkpoint_folder
            sources = [Path(folder)] if folder else []
        findings: list[Finding] = []
        notes: list[str] = []
        with self.ctx.db.engine.connect() as conn:
            for problem in dialect.protection_problems(conn):
                findings.append(Finding("protection", "database", "protection_missing", problem))
        checkpoints, unreadable = self._gather(sources, demo)
        for where in sorted(set(unreadable)):
            findings.append(Finding("checkpoint", where, "checkpoint_unreadable", "a checkpoint there cannot be read"))
        with self.ctx.db.transaction(read_only=True) as s:
            walk, anchors = self._walk(s, checkpoints, findings, notes)
            records = self._records(s, walk, findings)
            accounts = s.execute(select(User.id)).all()
            for p in account_problems(s):
                findings.append(Finding("account", p.username, p.problem, p.detail()))
        if not sources:
            notes.append("no off-desk checkpoint folder or syslog file was given or configured: the log is "
                         "proven only by what this desk holds")
        off = [a for a in anchors if a.where != "database"]
        on = [a for a in anchors if a.where == "database"]
        pending = self.ctx.checkpoints.pending_count()
        for destination, count in pending.items():
            if count:
                notes.append(f"{count} checkpoint(s) not yet delivered to the {destination}")
        return IntegrityReport(
            events=walk.events, records=records, accounts=len(accounts), findings=tuple(findings),
            anchor=_newest(off), desk_anchor=_newest(on),
            checkpoints=len(checkpoints), sources=tuple(str(p) for p in sources), notes=tuple(notes),
            chain_first_bad=walk.first_bad[0] if walk.first_bad else None,
            chain_problem=walk.first_bad[1] if walk.first_bad else "", demo_set_aside=walk.demo_set_aside)

    # ------------------------------------------------------------------ checkpoints
    def _gather(self, sources: list[Path], demo: bool) -> tuple[list[tuple[Checkpoint, Any]], list[str]]:
        """Every checkpoint found, with its signature check (each distinct signature checked once)."""
        from app.documents.detached_signature import verify_detached

        with self.ctx.db.transaction(read_only=True) as s:
            found = database_checkpoints(s)
        unreadable: list[str] = []
        for source in sources:
            more, bad = offdesk_checkpoints(Path(source))
            found += more
            unreadable += bad
            if not Path(source).exists():
                unreadable.append(str(source))
        trust = self.ctx.seal.trust()  # the trust file's anchors, never the database's certificates
        checks: dict[tuple[str, bytes], Any] = {}
        out = []
        for cp in found:
            key = (cp.document, cp.signature)
            if key not in checks:
                checks[key] = verify_detached(cp.document.encode("utf-8"), cp.signature, trust, demo=demo)
            out.append((cp, checks[key]))
        return out, unreadable

    # ------------------------------------------------------------------ the chain and the tree
    def _walk(self, session, checkpoints, findings: list[Finding], notes: list[str]) -> tuple[_Walk, list[Anchor]]:
        walk = _Walk()
        by_size: dict[int, list[tuple[Checkpoint, bool]]] = {}  # (checkpoint, demonstration seal)
        foreign = 0
        demo_set_aside: set[int] = set()
        demo_counted = 0
        first_hash = session.execute(select(AuditEvent.hash).where(AuditEvent.seq == 1)).scalar()
        for cp, check in checkpoints:
            if check.reason == "demo_seal":  # intact, but the demonstration seal's: no proof
                demo_set_aside.add(cp.size)
                continue
            if not check.valid:
                findings.append(Finding("checkpoint", f"{cp.size} ({cp.where})", "checkpoint_" + check.reason,
                                        f"the checkpoint of {cp.at} at event {cp.size} has no valid institution "
                                        f"signature ({check.reason})"))
                continue
            if cp.log_id != first_hash:
                foreign += 1
                continue
            by_size.setdefault(cp.size, []).append((cp, check.demo))
            demo_counted += check.demo
        walk.demo_set_aside = len(demo_set_aside)
        if demo_set_aside:
            notes.append(f"{len(demo_set_aside)} checkpoint(s) signed with the demonstration seal were set aside: "
                         "they prove nothing (a desk without the institution's seal signs with it; "
                         "'audit verify --demo' checks them as a demonstration)")
        if demo_counted:
            notes.append("checkpoints signed with the demonstration seal were checked as asked (--demo): a "
                         "demonstration, not a proof of a real archive")
        if foreign:
            notes.append(f"{foreign} checkpoint(s) of another audit log were found and set aside (another desk's, "
                         "or this log's first event was changed)")
            if not by_size and any(cp.where != "database" for cp, check in checkpoints if check.valid):
                findings.append(Finding("checkpoint", "log", "log_identity_unknown",
                                        "no off-desk checkpoint belongs to this audit log: its first event "
                                        "differs from the one the checkpoints name"))
        tree = merkle.CompactRange()
        anchors: list[Anchor] = []
        prev_seq, prev_hash = 0, GENESIS_HASH
        rows = session.execute(select(*STORED_COLUMNS).order_by(AuditEvent.seq).execution_options(yield_per=1000))
        for row in rows:
            walk.events += 1
            if walk.first_bad is None:
                walk.first_bad = check_row(row, prev_seq, prev_hash)
            prev_seq, prev_hash = row.seq, row.hash
            try:
                tree.append(merkle.leaf_hash(bytes.fromhex(row.hash)))
            except ValueError:
                tree.append(merkle.leaf_hash(row.hash.encode("utf-8", "replace")))
            if row.action == "record.sealed" and row.subject:
                walk.sealed.setdefault(row.subject, []).append(_Sealed(row.seq, row.prev_hash, _sha_of(row.details_json)))
            for cp, is_demo in by_size.get(tree.size, ()):
                if cp.chain_head == row.hash and cp.merkle_root == tree.root().hex():
                    anchors.append(Anchor(cp.size, cp.at, cp.where, is_demo))
                else:
                    findings.append(Finding("checkpoint", f"{cp.size} ({cp.where})", "checkpoint_mismatch",
                                            f"events 1..{cp.size} are not what the signed checkpoint of {cp.at} "
                                            "holds: the log was rewritten"))
        if walk.first_bad is not None:
            seq, problem = walk.first_bad
            findings.append(Finding("chain", f"event {seq}", problem, f"audit chain broken at event {seq}: {problem}"))
        for size in sorted(s for s in by_size if s > walk.events):
            for cp, _ in by_size[size]:
                findings.append(Finding("checkpoint", f"{cp.size} ({cp.where})", "events_missing",
                                        f"the log holds {walk.events} events but the signed checkpoint of {cp.at} "
                                        f"holds {cp.size}: events {walk.events + 1}..{cp.size} were removed"))
        return walk, anchors

    # ------------------------------------------------------------------ records <-> "record sealed" events
    def _records(self, session, walk: _Walk, findings: list[Finding]) -> int:
        from app.documents.sealed_record import attached_record

        ids = list(session.execute(select(Record.record_id).order_by(Record.signed_at, Record.record_id)).scalars())
        present = set(ids)
        for record_id, events in sorted(walk.sealed.items(), key=lambda kv: kv[1][0].seq):
            if record_id not in present:
                findings.append(Finding("record", record_id, "record_missing",
                                        f"event {events[0].seq} sealed this record, which is not in the archive"))
        for start in range(0, len(ids), RECORD_BATCH):
            batch = ids[start:start + RECORD_BATCH]
            rows = session.execute(select(Record.record_id, Record.record_json, Record.record_sha256, Record.pdf)
                                   .where(Record.record_id.in_(batch))).all()
            for row in sorted(rows, key=lambda r: batch.index(r.record_id)):
                self._record(row, walk.sealed.get(row.record_id, []), attached_record(row.pdf), findings)
        return len(ids)

    @staticmethod
    def _record(row, events: list[_Sealed], sealed: bytes | None, findings: list[Finding]) -> None:
        import hashlib

        rid = row.record_id
        mismatch = stored_vs_sealed(row.record_json, row.record_sha256, sealed)
        if mismatch is not None:
            findings.append(Finding("record", rid, mismatch[0], mismatch[1]))
        if not events:
            findings.append(Finding("record", rid, "sealed_event_missing",
                                    "no 'record sealed' event names this record"))
            return
        if len(events) > 1:
            findings.append(Finding("record", rid, "sealed_twice", "sealed by more than one event: "
                                    + ", ".join(str(e.seq) for e in events)))
        if sealed is None:
            return
        head = _audit_head(sealed)
        event = events[0]
        if event.sha256 != hashlib.sha256(sealed).hexdigest():
            findings.append(Finding("record", rid, "sealed_event_differs",
                                    f"event {event.seq} names another record.json than the one sealed"))
        if head != event.prev_hash:
            findings.append(Finding("record", rid, "audit_head_mismatch",
                                    f"the audit head in its sealed PDF is not the event before event {event.seq}: "
                                    "the audit log before this record was rewritten"))


def _newest(anchors: list[Anchor]) -> Anchor | None:
    """The newest anchor signed with the institution's seal; a demonstration's only when there is none."""
    real = [a for a in anchors if not a.demo]
    chosen = real or anchors
    return max(chosen, key=lambda a: a.size) if chosen else None


def _sha_of(details_json: str | None) -> str | None:
    try:
        details = json.loads(details_json) if details_json else None
    except ValueError:
        return None
    value = details.get("sha256") if isinstance(details, dict) else None
    return value if isinstance(value, str) else None


def _audit_head(sealed: bytes) -> str | None:
    try:
        record = json.loads(sealed)
    except ValueError:
        return None
    head = record.get("audit_head") if isinstance(record, dict) else None
    return head if isinstance(head, str) else None
