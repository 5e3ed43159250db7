"""Form versions, identified by the SHA-256 of their canonical content. The identifying columns and
the text never change and rows are never deleted (database triggers); approval and retirement may
be set."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import InvalidState, NotFound
from app.storage.models import FormVersion, User
from app.storage.repositories._common import now_or, require, sha256_hex


def get_by_hash(session: Session, content_sha256: str) -> FormVersion | None:
    sha = sha256_hex(content_sha256, "content_sha256")
    return session.execute(select(FormVersion).where(FormVersion.content_sha256 == sha)).scalar_one_or_none()


def get(session: Session, form_version_id: int) -> FormVersion | None:
    return session.get(FormVersion, form_version_id)


def add_if_missing(
    session: Session,
    procedure: str,
    language: str,
    label: str,
    sha: str,
    text: str,
    *,
    at: datetime | None = None,
) -> FormVersion:
    """The version with this content hash, created (unapproved) if it is not stored yet.

    An existing row is returned unchanged: its stored text is the first text seen for that content.
    """
    existing = get_by_hash(session, sha)
    if existing is not None:
        return existing
    version = FormVersion(
        procedure=procedure,
        language=language,
        version_label=label,
        content_sha256=sha256_hex(sha, "content_sha256"),
        source_text=text,
        approved_by_user_id=None,
        approved_at=None,
        retired_at=None,
        created_at=now_or(at),
    )
    session.add(version)
    session.flush()
    return version


def _require_by_hash(session: Session, sha: str) -> FormVersion:
    version = get_by_hash(session, sha)
    if version is None:
        raise NotFound("not_found", "form version not found", what="form_version", key=sha)
    return version


def approve(session: Session, sha: str, user_id: int, at: datetime | None = None) -> FormVersion:
    """Record a physician's approval (the role check is the service's). The first approval stands:
    approving an approved version returns it unchanged. A retired version cannot be approved."""
    version = _require_by_hash(session, sha)
    require(session, User, user_id, "user")
    if version.approved_at is not None:
        return version
    if version.retired_at is not None:
        raise InvalidState("form_retired", "a retired form version cannot be approved", content_sha256=version.content_sha256)
    # A version label names one approved content: two different texts approved as "2026.11-1" would
    # make a record's printed version ambiguous.
    other = session.execute(select(FormVersion.content_sha256).where(
        FormVersion.procedure == version.procedure, FormVersion.language == version.language,
        FormVersion.version_label == version.version_label, FormVersion.content_sha256 != version.content_sha256,
        FormVersion.approved_at.is_not(None)).limit(1)).scalar()
    if other is not None:
        raise InvalidState("form_label_taken",
                           f"another form version was approved as {version.version_label}; give this one a new "
                           "version label", label=version.version_label)
    version.approved_by_user_id = user_id
    version.approved_at = now_or(at)
    session.flush()
    return version


def retire(session: Session, sha: str, at: datetime | None = None) -> FormVersion:
    """Stop offering a version for new consents (records that used it keep pointing at it)."""
    version = _require_by_hash(session, sha)
    if version.retired_at is None:
        version.retired_at = now_or(at)
        session.flush()
    return version


def list_versions(
    session: Session, *, procedure: str | None = None, language: str | None = None, include_retired: bool = True
) -> list[FormVersion]:
    stmt = select(FormVersion).order_by(FormVersion.procedure, FormVersion.language, FormVersion.created_at)
    if procedure is not None:
        stmt = stmt.where(FormVersion.procedure == procedure)
    if language is not None:
        stmt = stmt.where(FormVersion.language == language)
    if not include_retired:
        stmt = stmt.where(FormVersion.retired_at.is_(None))
    return list(session.execute(stmt).scalars())


def latest_approved(session: Session, procedure: str, language: str) -> FormVersion | None:
    """The most recently approved, not retired version for a procedure and language."""
    stmt = (
        select(FormVersion)
        .where(
            FormVersion.procedure == procedure,
            FormVersion.language == language,
            FormVersion.approved_at.is_not(None),
            FormVersion.retired_at.is_(None),
        )
        .order_by(FormVersion.approved_at.desc(), FormVersion.id.desc())
        .limit(1)
    )
    return session.execute(stmt).scalar_one_or_none()
