"""SQLAlchemy models: the current shape of the schema.

The migrations under ``migrations/versions`` are the authority on how a database gets to this
shape; a test compares the migrated schema with these models. Timestamps are
:class:`~app.storage.types.UTCDateTime` (aware UTC datetimes in, aware UTC datetimes out).

``records``, ``record_events`` and ``audit_events`` are append-only and ``certificates`` and
``form_versions`` are keep-forever: the database refuses the forbidden changes (see
:mod:`app.storage.dialect`), so never try to update those rows from Python.

JSON columns (``*_json``) hold text; the ``details``/``state``/``value`` helpers decode it. Audit and
event details never contain patient names or other patient data: subjects are record ids, user ids or
form hashes.
"""
from __future__ import annotations

import json
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.storage.types import UTCDateTime, utc_now

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("nurse", "physician", "admin")
DRAFT_KINDS = ("consent", "verification")
DRAFT_STATUSES = ("open", "sealed", "discarded")
RECORD_KINDS = ("consent", "refusal", "withdrawal", "correction", "verification")
# Known record event kinds; the column is open so that services can add kinds without a migration.
RECORD_EVENT_KINDS = ("copy_given", "copy_declined", "printed", "exported", "performed", "cancelled", "expired")
SEXES = ("F", "M")

SHA256_HEX = 64


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), date: Date()}


def _decode(value: str | None) -> Any:
    return None if value is None else json.loads(value)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    name_ar: Mapped[str] = mapped_column(String(200))
    name_latin: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)

    @property
    def value(self) -> Any:
        return _decode(self.value_json)


class Certificate(Base):
    """A seal certificate. Never deleted, so that records sealed with a past certificate verify."""

    __tablename__ = "certificates"
    __table_args__ = (
        # At most one current certificate.
        Index(
            "uq_certificates_one_current",
            "is_current",
            unique=True,
            sqlite_where=text("is_current = 1"),
            postgresql_where=text("is_current"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint_sha256: Mapped[str] = mapped_column(String(SHA256_HEX), unique=True)
    cert_pem: Mapped[str] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(String(1000))
    not_before: Mapped[datetime]
    not_after: Mapped[datetime]
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class FormVersion(Base):
    """One version of a procedure's form, identified by the SHA-256 of its canonical content."""

    __tablename__ = "form_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    procedure: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(16))
    version_label: Mapped[str] = mapped_column(String(64))
    content_sha256: Mapped[str] = mapped_column(String(SHA256_HEX), unique=True)
    source_text: Mapped[str] = mapped_column(Text)
    approved_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None]
    retired_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utc_now)

    @property
    def approved(self) -> bool:
        return self.approved_at is not None


class Patient(Base):
    __tablename__ = "patients"
    __table_args__ = (CheckConstraint(_in("sex", SEXES), name="sex"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mrn: Mapped[str] = mapped_column(String(64), unique=True)
    national_id: Mapped[str | None] = mapped_column(String(64), index=True)
    name_ar: Mapped[str] = mapped_column(String(200))
    name_latin: Mapped[str | None] = mapped_column(String(200))
    birth_date: Mapped[date]
    sex: Mapped[str] = mapped_column(String(1))
    # Folded name words, each preceded by one space (" w1 w2"), so "LIKE '% word%'" finds word
    # prefixes. Built by the service from the domain's Arabic normalisation.
    search_key: Mapped[str] = mapped_column(String(1000), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


# On PostgreSQL the words compare byte by byte (collation "C"): a prefix range (``word >= w AND
# word < w || U+FFFF``) is then exactly "starts with w" and an index seek, whatever the server's
# default collation (a linguistic collation ignores punctuation and would need text_pattern_ops).
WORD_TYPE = String(64).with_variant(String(64, collation="C"), "postgresql")


class PatientWord(Base):
    """The word index of patient names: one row per folded word of a patient's names.

    Found by prefix with ``word >= :w AND word < :w || U+FFFF`` on the primary key (word first), so
    any word of a name (first, middle, family; Arabic or Latin) is found without scanning. Rebuilt
    for a patient on every upsert (:mod:`app.storage.search_index`).
    """

    __tablename__ = "patient_words"
    __table_args__ = (Index("ix_patient_words_patient_id", "patient_id"),)

    word: Mapped[str] = mapped_column(WORD_TYPE, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), primary_key=True)


class Draft(Base):
    """An autosaved consent or verification session, until it is sealed or discarded."""

    __tablename__ = "drafts"
    __table_args__ = (
        CheckConstraint(_in("kind", DRAFT_KINDS), name="kind"),
        CheckConstraint(_in("status", DRAFT_STATUSES), name="status"),
        Index("ix_drafts_status", "status"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: uuid.uuid4().hex)
    kind: Mapped[str] = mapped_column(String(16))
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patients.id"))
    consent_record_id: Mapped[str | None] = mapped_column(ForeignKey("records.record_id"))
    state_json: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)

    @property
    def state(self) -> Any:
        return _decode(self.state_json)


class Record(Base):
    """A sealed record: canonical JSON, its hash, and the sealed PDF. Immutable in the database."""

    __tablename__ = "records"
    __table_args__ = (
        CheckConstraint(_in("kind", RECORD_KINDS), name="kind"),
        CheckConstraint(f"length(record_sha256) = {SHA256_HEX}", name="record_sha256_len"),
        CheckConstraint(f"length(pdf_sha256) = {SHA256_HEX}", name="pdf_sha256_len"),
        Index("ix_records_kind_signed_at", "kind", "signed_at"),
        Index("ix_records_signed_at", "signed_at"),
        # A record's later records of one kind (correction, withdrawal, verification): its status.
        Index("ix_records_refers_to_kind", "refers_to", "kind"),
    )

    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    refers_to: Mapped[str | None] = mapped_column(ForeignKey("records.record_id"), index=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    form_version_id: Mapped[int] = mapped_column(ForeignKey("form_versions.id"))
    record_json: Mapped[str] = mapped_column(Text)
    record_sha256: Mapped[str] = mapped_column(String(SHA256_HEX), unique=True)
    # Deferred: listing records does not pull the PDFs; use repositories.records.get_pdf().
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    pdf_sha256: Mapped[str] = mapped_column(String(SHA256_HEX))
    is_demo: Mapped[bool] = mapped_column(Boolean)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    signed_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class RecordExtension(Base):
    """Bytes appended to a sealed PDF after the seal (validation data and a document timestamp, one
    incremental revision each). Append-only: the sealed PDF is ``records.pdf`` followed by its
    extensions in ``seq`` order, and the seal itself never changes."""

    __tablename__ = "record_extensions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[str] = mapped_column(ForeignKey("records.record_id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # "timestamp": a DSS and a document timestamp
    data: Mapped[bytes] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str] = mapped_column(String(SHA256_HEX))  # of the whole PDF after this extension
    at: Mapped[datetime] = mapped_column(default=utc_now)


class TimestampQueue(Base):
    """Records sealed without a trusted time (the timestamp server did not answer): the next
    ``archive timestamp`` gives them one. Rows leave the queue when that is done."""

    __tablename__ = "timestamp_queue"

    record_id: Mapped[str] = mapped_column(ForeignKey("records.record_id"), primary_key=True)
    queued_at: Mapped[datetime] = mapped_column(default=utc_now)


class RecordEvent(Base):
    """Something that happened to a sealed record (printed, performed, expired...). Append-only."""

    __tablename__ = "record_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[str] = mapped_column(ForeignKey("records.record_id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(default=utc_now)
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    details_json: Mapped[str | None] = mapped_column(Text)

    @property
    def details(self) -> Any:
        return _decode(self.details_json)


class AuditEvent(Base):
    """One link of the hash-chained audit log. Append-only; see :mod:`app.storage.audit`."""

    __tablename__ = "audit_events"

    # Assigned by AuditLog.append (max + 1 under the write lock), never by the database.
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str | None] = mapped_column(String(128), index=True)
    details_json: Mapped[str | None] = mapped_column(Text)
    # Unique: the chain cannot fork, even if two writers got past the lock.
    prev_hash: Mapped[str] = mapped_column(String(SHA256_HEX), unique=True)
    hash: Mapped[str] = mapped_column(String(SHA256_HEX), unique=True)

    @property
    def details(self) -> Any:
        return _decode(self.details_json)


# --------------------------------------------------------------------------- stations (issue 16)
STATION_KINDS = ("desk", "tablet", "records")
HANDOFF_STATUSES = ("offered", "active", "returning", "closed")
HANDOFF_STEP_OUTCOMES = ("applied", "kept")


class Station(Base):
    """A computer using this database: a desk, a patient tablet or the records office.

    Registered by the station itself (its name and kind come from the computer's own station file);
    ``last_seen_at`` is its heartbeat, so desks only offer tablets that are on.
    """

    __tablename__ = "stations"
    __table_args__ = (CheckConstraint(_in("kind", STATION_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    last_seen_at: Mapped[datetime] = mapped_column(default=utc_now)


class Handoff(Base):
    """A consent handed from a desk to a patient tablet, until the tablet gives it back.

    ``offered`` (the desk chose the tablet) -> ``active`` (the tablet shows the patient screen) ->
    ``returning`` (the nurse took it back; the tablet has not confirmed yet) -> ``closed`` (with
    ``closed_reason``: finished, taken_back, interrupted, released, cancelled). The draft cannot be
    sealed while one of its handoffs is not closed: the tablet may still hold the patient's steps.
    """

    __tablename__ = "handoffs"
    __table_args__ = (
        CheckConstraint(_in("status", HANDOFF_STATUSES), name="status"),
        Index("ix_handoffs_tablet_id_status", "tablet_id", "status"),
        Index("ix_handoffs_draft_id", "draft_id"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: uuid.uuid4().hex)
    draft_id: Mapped[str] = mapped_column(ForeignKey("drafts.id"))
    tablet_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    desk_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    handed_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(16), default="offered")
    closed_reason: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    opened_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
    closed_at: Mapped[datetime | None]


class HandoffStep(Base):
    """One step the patient took on a tablet (understood, question, decision, signature, finished).

    ``step_id`` is made by the tablet before it sends the step, so a step sent again after a lost
    connection is recognised and not applied twice. ``applied``: it changed the draft in the same
    transaction; ``kept``: it could not be applied (it reached the server after the session was given
    back, or the consent had moved on: ``reason``) and is kept here with what the patient did
    (``payload_json``) instead of being lost. Append-only.
    """

    __tablename__ = "handoff_steps"
    __table_args__ = (
        CheckConstraint(_in("outcome", HANDOFF_STEP_OUTCOMES), name="outcome"),
        Index("ix_handoff_steps_handoff_id_seq", "handoff_id", "seq", unique=True),
    )

    step_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    handoff_id: Mapped[str] = mapped_column(ForeignKey("handoffs.id"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(16))
    section: Mapped[str | None] = mapped_column(String(64))
    role: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(String(32))  # why a step was kept, not applied
    taken_at: Mapped[str] = mapped_column(String(40))  # the tablet's clock, as it said
    at: Mapped[datetime] = mapped_column(default=utc_now)
    payload_json: Mapped[str | None] = mapped_column(Text)


class AuditCheckpoint(Base):
    """A signed checkpoint of the audit log: its size, chain head and Merkle root, signed with the
    institution's seal (see :mod:`app.services.checkpoints`). Keep-forever: the signed columns never
    change and rows are never deleted; only the delivery columns record where a copy was sent."""

    __tablename__ = "audit_checkpoints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    size: Mapped[int] = mapped_column(Integer, unique=True)
    chain_head: Mapped[str] = mapped_column(String(SHA256_HEX))
    merkle_root: Mapped[str] = mapped_column(String(SHA256_HEX))
    at: Mapped[datetime]
    document: Mapped[str] = mapped_column(Text)  # the canonical JSON that is signed
    signature: Mapped[bytes] = mapped_column(LargeBinary)  # detached CMS (DER)
    signer_fingerprint: Mapped[str] = mapped_column(String(SHA256_HEX))
    # The Merkle tree's compact range at ``size`` ([[subtree size, hex], ...], largest first): the
    # next checkpoint continues from it instead of hashing the whole log again.
    frontier_json: Mapped[str] = mapped_column(Text)
    sent_to_folder_at: Mapped[datetime | None]
    sent_to_syslog_at: Mapped[datetime | None]


class SignInBackoff(Base):
    """Failed sign-ins at one desk (any username), for the desk's exponential back-off."""

    __tablename__ = "sign_in_backoff"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
