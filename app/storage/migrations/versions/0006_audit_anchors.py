"""Anchoring the audit log: signed checkpoints, and the desk's sign-in back-off.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

``audit_checkpoints`` (keep-forever: the signed columns never change, rows are never deleted): the
log's size, chain head and Merkle root at a moment, signed with the institution's seal, with the
compact range the next checkpoint continues from and when a copy went to the off-desk folder and to
syslog. ``sign_in_backoff``: failed sign-ins per desk, for the exponential back-off. The
immutability triggers are re-installed at the end of both directions.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.storage.dialect import install_immutability_triggers
from app.storage.types import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_checkpoints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("chain_head", sa.String(length=64), nullable=False),
        sa.Column("merkle_root", sa.String(length=64), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("signer_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("frontier_json", sa.Text(), nullable=False),
        sa.Column("sent_to_folder_at", UTCDateTime(), nullable=True),
        sa.Column("sent_to_syslog_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_checkpoints")),
        sa.UniqueConstraint("size", name=op.f("uq_audit_checkpoints_size")),
    )
    op.create_table(
        "sign_in_backoff",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("not_before", UTCDateTime(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sign_in_backoff")),
    )
    install_immutability_triggers(op)


def downgrade() -> None:
    op.drop_table("sign_in_backoff")
    op.drop_table("audit_checkpoints")
    install_immutability_triggers(op)
