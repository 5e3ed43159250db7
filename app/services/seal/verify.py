"""Verifying a sealed PDF against the trust file's anchors and, where at hand, the archive.

``verify_file`` needs no data folder at all (a records office, a court's expert, an auditor with
the program and the hospital's CA); ``VerifyService`` adds the archive's stored hash and audits.
"""
from __future__ import annotations

from pathlib import Path

from app.domain.errors import InvalidInput
from app.storage import repositories as repo

MAX_PDF_BYTES = 200 * 1024 * 1024


def read_pdf(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_PDF_BYTES:
            raise InvalidInput("pdf_too_large", f"{path.name}: larger than 200 MB")
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, PermissionError, OSError) as exc:
        raise InvalidInput("file_unreadable", f"{path}: cannot be read ({exc.strerror or type(exc).__name__})") from None


def verify_file(data: bytes, trust, *, demo: bool = False, fetch: bool = True):
    """The verdict on a PDF with no archive: the trust anchors alone (revocation data fetched from
    the addresses in the certificates when reachable, 3 s at most each)."""
    from app.documents.pdf_verify import verify_pdf

    return verify_pdf(data, trust, demo=demo, fetch=fetch)


class VerifyService:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def verify_bytes(self, data: bytes, *, actor: str = "cli", demo: bool = False, fetch: bool = True):
        """Raises UnreadablePdf (exit 2) for input that is not a PDF at all."""
        from app.documents.pdf_verify import verify_pdf

        trust = self.ctx.seal.trust()
        first = verify_pdf(data, trust, demo=demo, fetch=fetch)
        stored_sha = None
        if first.record_id:
            with self.ctx.db.transaction(read_only=True) as s:
                row = repo.records.get(s, first.record_id)
                stored_sha = row.record_sha256 if row is not None else None
        result = verify_pdf(data, trust, expected_sha256=stored_sha, demo=demo, fetch=fetch) if stored_sha else first
        with self.ctx.db.transaction() as s:
            # An invalid file's record id is only a claim: it is not written as the subject.
            self.ctx.audit.append(s, actor, "record.verified", subject=result.record_id if result.valid else None,
                                  details={"valid": result.valid, "reason": result.reason})
        return result
