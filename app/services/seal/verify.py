"""Verifying a sealed PDF against the institution's certificates and, where at hand, the archive."""
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


class VerifyService:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def verify_bytes(self, data: bytes, *, actor: str = "cli"):
        """Raises UnreadablePdf (exit 2) for input that is not a PDF at all."""
        from app.documents.pdf_verify import verify_pdf

        # A data folder that never sealed anything trusts no certificate: every seal is "untrusted".
        trusted = self.ctx.seal.trusted_certificates()
        first = verify_pdf(data, trusted)
        stored_sha = None
        if first.record_id:
            with self.ctx.db.transaction(read_only=True) as s:
                row = repo.records.get(s, first.record_id)
                stored_sha = row.record_sha256 if row is not None else None
        result = verify_pdf(data, trusted, expected_sha256=stored_sha) if stored_sha else first
        with self.ctx.db.transaction() as s:
            # An invalid file's record id is only a claim: it is not written as the subject.
            self.ctx.audit.append(s, actor, "record.verified", subject=result.record_id if result.valid else None,
                                  details={"valid": result.valid, "reason": result.reason})
        return result
