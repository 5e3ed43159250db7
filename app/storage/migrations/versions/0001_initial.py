"""Initial schema: users, settings, certificates, form versions, patients, drafts, records,
record events, the audit chain, and the immutability triggers.

Revision ID: 0001
Revises:
Create Date: 2024-06-01

Written by hand and frozen: it must keep producing the schema of revision 0001 whatever the models
say later. Constraint names are written out in full and wrapped in op.f() so that no naming
convention rewrites them. Timestamps are canonical UTC text (VARCHAR(32)), see app.storage.types.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.storage.dialect import drop_immutability_triggers, install_immutability_triggers

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.String(32)  # app.storage.types.UTCDateTime stores this text


def _ts(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, TS, nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("name_ar", sa.String(200), nullable=False),
        sa.Column("name_latin", sa.String(200), nullable=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        _ts("locked_until", nullable=True),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        _ts("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
        sa.CheckConstraint("role IN ('nurse', 'physician', 'admin')", name=op.f("ck_users_role")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value_json", sa.Text(), nullable=False),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("key", name="pk_settings"),
    )
    op.create_table(
        "certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint_sha256", sa.String(64), nullable=False),
        sa.Column("cert_pem", sa.Text(), nullable=False),
        sa.Column("subject", sa.String(1000), nullable=False),
        _ts("not_before"),
        _ts("not_after"),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        _ts("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_certificates"),
        sa.UniqueConstraint("fingerprint_sha256", name="uq_certificates_fingerprint_sha256"),
    )
    op.create_index(
        "uq_certificates_one_current",
        "certificates",
        ["is_current"],
        unique=True,
        sqlite_where=sa.text("is_current = 1"),
        postgresql_where=sa.text("is_current"),
    )
    op.create_table(
        "form_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("procedure", sa.String(32), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("version_label", sa.String(64), nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("approved_by_user_id", sa.Integer(), nullable=True),
        _ts("approved_at", nullable=True),
        _ts("retired_at", nullable=True),
        _ts("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_form_versions"),
        sa.UniqueConstraint("content_sha256", name="uq_form_versions_content_sha256"),
        sa.ForeignKeyConstraint(
            ["approved_by_user_id"], ["users.id"], name="fk_form_versions_approved_by_user_id_users"
        ),
    )
    op.create_table(
        "patients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mrn", sa.String(64), nullable=False),
        sa.Column("national_id", sa.String(64), nullable=True),
        sa.Column("name_ar", sa.String(200), nullable=False),
        sa.Column("name_latin", sa.String(200), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(1), nullable=False),
        sa.Column("search_key", sa.String(1000), nullable=False),
        _ts("created_at"),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_patients"),
        sa.UniqueConstraint("mrn", name="uq_patients_mrn"),
        sa.CheckConstraint("sex IN ('F', 'M')", name=op.f("ck_patients_sex")),
    )
    op.create_table(
        "records",
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("refers_to", sa.String(64), nullable=True),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("form_version_id", sa.Integer(), nullable=False),
        sa.Column("record_json", sa.Text(), nullable=False),
        sa.Column("record_sha256", sa.String(64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("pdf_sha256", sa.String(64), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        _ts("signed_at"),
        _ts("created_at"),
        sa.PrimaryKeyConstraint("record_id", name="pk_records"),
        sa.UniqueConstraint("record_sha256", name="uq_records_record_sha256"),
        sa.CheckConstraint(
            "kind IN ('consent', 'refusal', 'withdrawal', 'correction', 'verification')", name=op.f("ck_records_kind")
        ),
        sa.ForeignKeyConstraint(["refers_to"], ["records.record_id"], name="fk_records_refers_to_records"),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"], name="fk_records_patient_id_patients"),
        sa.ForeignKeyConstraint(
            ["form_version_id"], ["form_versions.id"], name="fk_records_form_version_id_form_versions"
        ),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_records_created_by_users"),
    )
    op.create_index("ix_records_patient_id", "records", ["patient_id"])
    op.create_index("ix_records_refers_to", "records", ["refers_to"])
    op.create_table(
        "drafts",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=True),
        sa.Column("consent_record_id", sa.String(64), nullable=True),
        sa.Column("state_json", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        _ts("created_at"),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_drafts"),
        sa.CheckConstraint("kind IN ('consent', 'verification')", name=op.f("ck_drafts_kind")),
        sa.CheckConstraint("status IN ('open', 'sealed', 'discarded')", name=op.f("ck_drafts_status")),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"], name="fk_drafts_patient_id_patients"),
        sa.ForeignKeyConstraint(
            ["consent_record_id"], ["records.record_id"], name="fk_drafts_consent_record_id_records"
        ),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_drafts_created_by_users"),
    )
    op.create_index("ix_drafts_status", "drafts", ["status"])
    op.create_table(
        "record_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        _ts("at"),
        sa.Column("by_user_id", sa.Integer(), nullable=True),
        sa.Column("details_json", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_record_events"),
        sa.ForeignKeyConstraint(["record_id"], ["records.record_id"], name="fk_record_events_record_id_records"),
        sa.ForeignKeyConstraint(["by_user_id"], ["users.id"], name="fk_record_events_by_user_id_users"),
    )
    op.create_index("ix_record_events_record_id", "record_events", ["record_id"])
    op.create_table(
        "audit_events",
        sa.Column("seq", sa.Integer(), nullable=False, autoincrement=True),
        _ts("at"),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(128), nullable=True),
        sa.Column("details_json", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_audit_events"),
        sa.UniqueConstraint("prev_hash", name="uq_audit_events_prev_hash"),
        sa.UniqueConstraint("hash", name="uq_audit_events_hash"),
    )
    install_immutability_triggers(op)


def downgrade() -> None:
    drop_immutability_triggers(op)
    for table in (
        "audit_events",
        "record_events",
        "drafts",
        "records",
        "patients",
        "form_versions",
        "certificates",
        "settings",
        "users",
    ):
        op.drop_table(table)
