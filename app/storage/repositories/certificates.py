"""Seal certificates. Rows are never deleted (records sealed with a past certificate must verify);
only ``is_current`` changes, and at most one row is current (unique partial index)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.domain.errors import NotFound
from app.storage.models import Certificate
from app.storage.repositories._common import now_or, sha256_hex


def add(
    session: Session,
    *,
    fingerprint_sha256: str,
    cert_pem: str,
    subject: str,
    not_before: datetime,
    not_after: datetime,
    make_current: bool = False,
    at: datetime | None = None,
) -> Certificate:
    """Add a certificate (returns the existing row for a known fingerprint)."""
    fingerprint = sha256_hex(fingerprint_sha256, "fingerprint_sha256")
    cert = get_by_fingerprint(session, fingerprint)
    if cert is None:
        cert = Certificate(
            fingerprint_sha256=fingerprint,
            cert_pem=cert_pem,
            subject=subject,
            not_before=not_before,
            not_after=not_after,
            is_current=False,
            created_at=now_or(at),
        )
        session.add(cert)
        session.flush()
    if make_current:
        cert = set_current(session, fingerprint)
    return cert


def get_by_fingerprint(session: Session, fingerprint_sha256: str) -> Certificate | None:
    fingerprint = sha256_hex(fingerprint_sha256, "fingerprint_sha256")
    stmt = select(Certificate).where(Certificate.fingerprint_sha256 == fingerprint)
    return session.execute(stmt).scalar_one_or_none()


def current(session: Session) -> Certificate | None:
    return session.execute(select(Certificate).where(Certificate.is_current.is_(True))).scalar_one_or_none()


def all_certificates(session: Session) -> list[Certificate]:
    return list(session.execute(select(Certificate).order_by(Certificate.created_at, Certificate.id)).scalars())


def all_pem(session: Session) -> list[str]:
    """Every certificate ever used (current and past): the trust list for verification."""
    return [c.cert_pem for c in all_certificates(session)]


def set_current(session: Session, fingerprint_sha256: str) -> Certificate:
    fingerprint = sha256_hex(fingerprint_sha256, "fingerprint_sha256")
    cert = get_by_fingerprint(session, fingerprint)
    if cert is None:
        raise NotFound("not_found", "certificate not found", what="certificate", key=fingerprint)
    # Two statements in this order, so the "one current" index never sees two.
    session.execute(
        update(Certificate)
        .where(Certificate.is_current.is_(True), Certificate.id != cert.id)
        .values(is_current=False)
        .execution_options(synchronize_session="fetch")
    )
    session.execute(
        update(Certificate)
        .where(Certificate.id == cert.id)
        .values(is_current=True)
        .execution_options(synchronize_session="fetch")
    )
    session.flush()
    session.refresh(cert)
    return cert
