"""Several stations on one database: stations, tablet hand-offs and the patient's steps; byte-wise
name words on PostgreSQL.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05

* ``stations``: each computer using the database (desk, patient tablet, records office), by name,
  with its heartbeat.
* ``handoffs``: a consent handed from a desk to a tablet, until the tablet gives it back.
* ``handoff_steps`` (append-only): what the patient did on the tablet, each step once (the tablet's
  own step id), applied to the draft in the same transaction, or ``kept`` with the reason it could
  not be (the session had been given back...).
* PostgreSQL only: ``patient_words.word`` compares byte by byte (``COLLATE "C"``), so the name-word
  prefix search is an index range there too (a linguistic default collation would make it a scan).

The immutability triggers are re-installed at the end of both directions.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.storage.dialect import install_immutability_triggers

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TS = sa.String(32)  # app.storage.types.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "stations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("last_seen_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stations")),
        sa.UniqueConstraint("name", name=op.f("uq_stations_name")),
        sa.CheckConstraint("kind IN ('desk', 'tablet', 'records')", name=op.f("ck_stations_kind")),
    )
    op.create_table(
        "handoffs",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("draft_id", sa.String(32), nullable=False),
        sa.Column("tablet_id", sa.Integer(), nullable=False),
        sa.Column("desk_id", sa.Integer(), nullable=True),
        sa.Column("handed_by", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("closed_reason", sa.String(16), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("opened_at", TS, nullable=True),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("closed_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handoffs")),
        sa.ForeignKeyConstraint(["draft_id"], ["drafts.id"], name=op.f("fk_handoffs_draft_id_drafts")),
        sa.ForeignKeyConstraint(["tablet_id"], ["stations.id"], name=op.f("fk_handoffs_tablet_id_stations")),
        sa.ForeignKeyConstraint(["desk_id"], ["stations.id"], name=op.f("fk_handoffs_desk_id_stations")),
        sa.ForeignKeyConstraint(["handed_by"], ["users.id"], name=op.f("fk_handoffs_handed_by_users")),
        sa.CheckConstraint("status IN ('offered', 'active', 'returning', 'closed')", name=op.f("ck_handoffs_status")),
    )
    with op.batch_alter_table("handoffs") as batch:
        batch.create_index(op.f("ix_handoffs_tablet_id_status"), ["tablet_id", "status"])
        batch.create_index(op.f("ix_handoffs_draft_id"), ["draft_id"])
    op.create_table(
        "handoff_steps",
        sa.Column("step_id", sa.String(32), nullable=False),
        sa.Column("handoff_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("section", sa.String(64), nullable=True),
        sa.Column("role", sa.String(32), nullable=True),
        sa.Column("reason", sa.String(32), nullable=True),
        sa.Column("taken_at", sa.String(40), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("payload_json", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("step_id", name=op.f("pk_handoff_steps")),
        sa.ForeignKeyConstraint(["handoff_id"], ["handoffs.id"], name=op.f("fk_handoff_steps_handoff_id_handoffs")),
        sa.CheckConstraint("outcome IN ('applied', 'kept')", name=op.f("ck_handoff_steps_outcome")),
    )
    with op.batch_alter_table("handoff_steps") as batch:
        batch.create_index(op.f("ix_handoff_steps_handoff_id_seq"), ["handoff_id", "seq"], unique=True)
    if op.get_bind().dialect.name == "postgresql":
        op.execute('ALTER TABLE patient_words ALTER COLUMN word TYPE VARCHAR(64) COLLATE "C"')
    install_immutability_triggers(op)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute('ALTER TABLE patient_words ALTER COLUMN word TYPE VARCHAR(64) COLLATE "default"')
    from app.storage.dialect import drop_immutability_ddl

    for sql in drop_immutability_ddl(op.get_bind().dialect.name, ["handoff_steps"]):
        op.execute(sql)
    op.drop_table("handoff_steps")
    op.drop_table("handoffs")
    op.drop_table("stations")
    install_immutability_triggers(op)
