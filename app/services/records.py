"""Reading sealed records: the PDF, the record, printing and copies, each audited."""
from __future__ import annotations

from pathlib import Path

from app.domain.errors import InvalidInput, NotFound
from app.domain.roles import Actor, require
from app.storage import repositories as repo

from .files import write_atomically
from .record_match import sealed_record_of


class RecordsService:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def pdf(self, actor: Actor, record_id: str) -> bytes:
        """The authoritative sealed PDF (from the database); viewing is audited."""
        require(actor, "record.view")
        with self.ctx.db.transaction() as s:
            row = repo.records.get(s, record_id)
            if row is None:
                raise NotFound("record_missing", "no such record")
            data = repo.records.get_pdf(s, record_id)
            self.ctx.audit.append(s, actor.username, "record.viewed", subject=record_id, at=self.ctx.clock.now())
        return data

    def seal_status(self, actor: Actor, record_id: str):
        """The stored record's seal, checked now against the trust file (a VerifyResult: valid,
        reason, level, trusted time, signer, anchor, demonstration), and the stored record against the
        sealed one. Offline: no fetching."""
        from app.documents.seal_verifier import SealVerifier

        from .archive import check_record

        require(actor, "record.view")
        with self.ctx.db.transaction(read_only=True) as s:
            row = repo.records.get(s, record_id)
            if row is None:
                raise NotFound("record_missing", "no such record")
            pdf, stored_sha, demo = repo.records.get_pdf(s, record_id), row.record_sha256, bool(row.is_demo)
            stored_json = row.record_json
        # the stored record text against the sealed one too (an edit beside the seal is INVALID)
        return check_record(SealVerifier(self.ctx.seal.trust(), demo=demo), pdf, stored_sha, record_id, stored_json)

    def record(self, actor: Actor, record_id: str) -> dict:
        require(actor, "record.view")
        with self.ctx.db.transaction(read_only=True) as s:
            row = repo.records.get(s, record_id)
            if row is None:
                raise NotFound("record_missing", "no such record")
            return sealed_record_of(s, row)

    def printed(self, actor: Actor, record_id: str, copies: int = 1, printer: str = "") -> None:
        require(actor, "record.print")
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            repo.record_events.add(s, record_id=record_id, kind="printed", by_user_id=actor.user_id,
                                   details={"copies": copies}, at=now)
            self.ctx.audit.append(s, actor.username, "record.printed", subject=record_id,
                                  details={"copies": copies, "printer": printer[:80]}, at=now)

    def save_copy(self, actor: Actor, record_id: str, path: Path) -> Path:
        """A copy of the sealed PDF written atomically; the database keeps the authoritative one."""
        data = self.pdf(actor, record_id)
        path = Path(path)
        if path.is_dir():
            raise InvalidInput("out_is_folder", f"{path}: is a folder")
        try:
            write_atomically(path, data)
        except OSError as exc:
            raise InvalidInput("file_unwritable", f"{path}: cannot be written ({exc.strerror})") from None
        with self.ctx.db.transaction() as s:
            self.ctx.audit.append(s, actor.username, "record.exported", subject=record_id, at=self.ctx.clock.now())
        return path
