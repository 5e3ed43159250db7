"""Long-term validation: what is appended to a sealed PDF after the seal, and the timestamp queue.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04

``record_extensions`` (append-only, like ``records``): the bytes of each incremental revision added
after the seal (a DSS and a document timestamp); the record's PDF is ``records.pdf`` followed by
them. ``timestamp_queue``: records sealed while the timestamp server was down, until
``archive timestamp`` gives them a trusted time. The immutability triggers are re-installed at the
end of both directions.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.storage.dialect import install_immutability_triggers
from app.storage.types import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "record_extensions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["record_id"], ["records.record_id"],
                                name=op.f("fk_record_extensions_record_id_records")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_extensions")),
    )
    with op.batch_alter_table("record_extensions") as batch:
        batch.create_index(op.f("ix_record_extensions_record_id"), ["record_id"])
    op.create_table(
        "timestamp_queue",
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("queued_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["record_id"], ["records.record_id"],
                                name=op.f("fk_timestamp_queue_record_id_records")),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_timestamp_queue")),
    )
    install_immutability_triggers(op)


def downgrade() -> None:
    from app.storage.dialect import drop_immutability_triggers

    drop_immutability_triggers(op)
    op.drop_table("timestamp_queue")
    with op.batch_alter_table("record_extensions") as batch:
        batch.drop_index(op.f("ix_record_extensions_record_id"))
    op.drop_table("record_extensions")
    install_immutability_triggers(op)
