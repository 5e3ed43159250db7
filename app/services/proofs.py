"""Proofs from the audit log's Merkle tree, for someone who holds a signed checkpoint but not the log.

* ``record_inclusion``: a sealed record's "record sealed" event is leaf ``seq - 1`` of the tree of
  the newest checkpoint that covers it. With the record's PDF (its record.json hashes to the event's
  ``sha256``; its ``audit_head`` is the event's ``prev_hash``), the proof and the signed checkpoint,
  anyone can check that this record was in the archive's log when the checkpoint was signed, without
  seeing any other event (other patients' records, other staff's actions).
* ``consistency``: the tree of an earlier checkpoint is a prefix of the tree of a later one: the log
  only grew in between.

``check_inclusion`` and ``check_consistency`` verify such proofs with nothing but the proof, the
checkpoints and the trust file (the institution's CA: ``keeper.trust()``, or the anchors loaded
from the trust file with ``app.documents.trust.load_trust``). A checkpoint signed with the
demonstration seal proves nothing here.
"""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import String, select, type_coerce

from app.domain.errors import InvalidState, NotFound
from app.domain.roles import Actor, require
from app.storage import merkle
from app.storage.audit import event_hash
from app.storage.models import AuditCheckpoint, AuditEvent

from .checkpoints import Checkpoint, parse_line


def _leaves(session, size: int) -> list[bytes]:
    rows = session.execute(select(AuditEvent.hash).where(AuditEvent.seq <= size).order_by(AuditEvent.seq)
                           .execution_options(yield_per=5000)).scalars()
    return [merkle.leaf_hash(bytes.fromhex(h)) for h in rows]


def _checkpoint_at_least(session, size: int) -> AuditCheckpoint | None:
    return session.execute(select(AuditCheckpoint).where(AuditCheckpoint.size >= size)
                           .order_by(AuditCheckpoint.size.desc()).limit(1)).scalar()


def _line(row: AuditCheckpoint) -> dict:
    return json.loads(Checkpoint(row.document, bytes(row.signature)).line())


class ProofService:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def record_inclusion(self, actor: Actor, record_id: str) -> dict[str, Any]:
        require(actor, "audit.view")
        with self.ctx.db.transaction(read_only=True) as s:
            event = s.execute(select(AuditEvent.seq, type_coerce(AuditEvent.at, String).label("at"), AuditEvent.actor,
                                     AuditEvent.action, AuditEvent.subject, AuditEvent.details_json,
                                     AuditEvent.prev_hash, AuditEvent.hash)
                              .where(AuditEvent.action == "record.sealed", AuditEvent.subject == record_id)
                              .order_by(AuditEvent.seq).limit(1)).first()
            if event is None:
                raise NotFound("record_missing", "no 'record sealed' event names this record")
            checkpoint = _checkpoint_at_least(s, event.seq)
            if checkpoint is None:
                raise InvalidState("not_yet_checkpointed", "no signed checkpoint covers this record yet; "
                                                           "make one with 'audit checkpoint'")
            leaves = _leaves(s, checkpoint.size)
            proof = merkle.inclusion_proof(event.seq - 1, leaves)
            line = _line(checkpoint)
        with self.ctx.db.transaction() as s:
            self.ctx.audit.append(s, actor.username, "audit.proof_given", subject=record_id,
                                  details={"kind": "inclusion", "size": checkpoint.size})
        return {
            "type": "consent-desk/inclusion-proof", "record_id": record_id,
            "event": {"seq": event.seq, "at": event.at, "actor": event.actor, "action": event.action,
                      "subject": event.subject,
                      "details": json.loads(event.details_json) if event.details_json else None,
                      "prev_hash": event.prev_hash, "hash": event.hash},
            "leaf_index": event.seq - 1, "tree_size": checkpoint.size,
            "inclusion_proof": [h.hex() for h in proof], "checkpoint": line,
        }

    def consistency(self, actor: Actor, old_size: int, new_size: int | None = None) -> dict[str, Any]:
        """A proof that the checkpoint of ``old_size`` is a prefix of that of ``new_size`` (default: newest)."""
        require(actor, "audit.view")
        with self.ctx.db.transaction(read_only=True) as s:
            old = s.execute(select(AuditCheckpoint).where(AuditCheckpoint.size == old_size)).scalar()
            new = (s.execute(select(AuditCheckpoint).where(AuditCheckpoint.size == new_size)).scalar()
                   if new_size is not None else _checkpoint_at_least(s, old_size))
            if old is None or new is None or new.size < old.size:
                raise NotFound("checkpoint_missing", "no signed checkpoints of these sizes")
            proof = merkle.consistency_proof(old.size, _leaves(s, new.size))
            old_line, new_line = _line(old), _line(new)
        with self.ctx.db.transaction() as s:
            self.ctx.audit.append(s, actor.username, "audit.proof_given",
                                  details={"kind": "consistency", "from": old.size, "to": new.size})
        return {"type": "consent-desk/consistency-proof", "old": old_line, "new": new_line,
                "consistency_proof": [h.hex() for h in proof]}


def _signed(line: dict, trusted) -> Checkpoint:
    from app.documents.detached_signature import verify_detached

    checkpoint = parse_line(json.dumps(line), "proof")
    check = verify_detached(checkpoint.document.encode("utf-8"), checkpoint.signature, trusted)
    if not check.valid:
        raise ValueError(f"checkpoint signature: {check.reason}")
    return checkpoint


def check_inclusion(proof: dict, trusted, *, record_sha256: str | None = None) -> tuple[bool, str]:
    """(ok, why) for an inclusion proof: the checkpoint's signature chains to ``trusted`` (the trust
    file's anchors), the event hashes to its ``hash``, sealed ``record_sha256`` when given, and is leaf
    ``leaf_index`` of the signed checkpoint's tree."""
    try:
        checkpoint = _signed(proof["checkpoint"], trusted)
        e = proof["event"]
        recomputed = event_hash(seq=e["seq"], at=e["at"], actor=e["actor"], action=e["action"],
                                subject=e["subject"], details=e["details"], prev_hash=e["prev_hash"])
        if recomputed != e["hash"]:
            return False, "the event does not hash to its hash"
        if e["action"] != "record.sealed" or e["subject"] != proof["record_id"]:
            return False, "the event does not seal this record"
        if record_sha256 is not None and (e["details"] or {}).get("sha256") != record_sha256:
            return False, "the event seals another record.json"
        if proof["tree_size"] != checkpoint.size or proof["leaf_index"] != e["seq"] - 1:
            return False, "the proof is for another tree or leaf"
        ok = merkle.verify_inclusion(merkle.leaf_hash(bytes.fromhex(e["hash"])), proof["leaf_index"],
                                     checkpoint.size, [bytes.fromhex(h) for h in proof["inclusion_proof"]],
                                     bytes.fromhex(checkpoint.merkle_root))
    except (KeyError, TypeError, ValueError) as exc:
        return False, f"malformed proof ({exc})"
    return (True, "ok") if ok else (False, "the event is not in the checkpoint's tree")


def check_consistency(proof: dict, trusted) -> tuple[bool, str]:
    try:
        old, new = _signed(proof["old"], trusted), _signed(proof["new"], trusted)
        if old.log_id != new.log_id:
            return False, "the checkpoints belong to different logs"
        ok = merkle.verify_consistency(old.size, new.size, bytes.fromhex(old.merkle_root),
                                       bytes.fromhex(new.merkle_root),
                                       [bytes.fromhex(h) for h in proof["consistency_proof"]])
    except (KeyError, TypeError, ValueError) as exc:
        return False, f"malformed proof ({exc})"
    return (True, "ok") if ok else (False, "the later checkpoint does not extend the earlier one")
