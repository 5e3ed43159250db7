"""Indexes for patient search and the archive; hash-length checks on records.

Revision ID: 0002
Revises: 0001
Create Date: 2024-06-02

Adding CHECK constraints to ``records`` makes SQLite rebuild the table (batch "move and copy"),
which drops its triggers: hence the install_immutability_triggers() call at the end of both
directions. On PostgreSQL the same batch block becomes plain ALTER TABLE statements.
"""
from __future__ import annotations

from alembic import op

from app.storage.dialect import install_immutability_triggers

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.create_check_constraint(op.f("ck_records_record_sha256_len"), "length(record_sha256) = 64")
        batch.create_check_constraint(op.f("ck_records_pdf_sha256_len"), "length(pdf_sha256) = 64")
        batch.create_index("ix_records_kind_signed_at", ["kind", "signed_at"])
    with op.batch_alter_table("patients") as batch:
        batch.create_index("ix_patients_search_key", ["search_key"])
    install_immutability_triggers(op)


def downgrade() -> None:
    with op.batch_alter_table("patients") as batch:
        batch.drop_index("ix_patients_search_key")
    with op.batch_alter_table("records") as batch:
        batch.drop_index("ix_records_kind_signed_at")
        batch.drop_constraint(op.f("ck_records_pdf_sha256_len"), type_="check")
        batch.drop_constraint(op.f("ck_records_record_sha256_len"), type_="check")
    install_immutability_triggers(op)
