"""The archive: a word index of patient names, and indexes for searching records and the audit log.

Revision ID: 0003
Revises: 0002
Create Date: 2024-06-10

``patient_words`` holds one row per folded name word (primary key word first, so a prefix range on
``word`` is an index seek); it is filled here from the existing ``patients.search_key`` (already
folded words, space separated), and kept up to date by ``app.storage.search_index`` on every patient
upsert. Indexes: ``patients.national_id`` (exact lookup), ``records.signed_at`` (date ranges of every
kind), ``records(refers_to, kind)`` (a record's status from its later records), ``audit_events.at`` and ``audit_events.subject`` (audit viewer, a record's history).

Index creation does not rebuild tables, but the rule for every migration stands: the immutability
triggers are re-installed at the end of both directions.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.storage.dialect import install_immutability_triggers

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

WORD_MAX = 64


def _backfill() -> None:
    conn = op.get_bind()
    patients = sa.table("patients", sa.column("id", sa.Integer), sa.column("search_key", sa.String))
    words = sa.table("patient_words", sa.column("word", sa.String), sa.column("patient_id", sa.Integer))
    batch: list[dict] = []
    for pid, key in conn.execute(sa.select(patients.c.id, patients.c.search_key)):
        for word in sorted({w[:WORD_MAX] for w in (key or "").split() if w}):
            batch.append({"word": word, "patient_id": pid})
        if len(batch) >= 5000:
            conn.execute(words.insert(), batch)
            batch = []
    if batch:
        conn.execute(words.insert(), batch)


def upgrade() -> None:
    op.create_table(
        "patient_words",
        sa.Column("word", sa.String(WORD_MAX), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("word", "patient_id", name=op.f("pk_patient_words")),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"], name=op.f("fk_patient_words_patient_id_patients")),
    )
    with op.batch_alter_table("patient_words") as batch:
        batch.create_index(op.f("ix_patient_words_patient_id"), ["patient_id"])
    with op.batch_alter_table("patients") as batch:
        batch.create_index(op.f("ix_patients_national_id"), ["national_id"])
    with op.batch_alter_table("records") as batch:
        batch.create_index(op.f("ix_records_signed_at"), ["signed_at"])
        batch.create_index(op.f("ix_records_refers_to_kind"), ["refers_to", "kind"])
    with op.batch_alter_table("audit_events") as batch:
        batch.create_index(op.f("ix_audit_events_at"), ["at"])
        batch.create_index(op.f("ix_audit_events_subject"), ["subject"])
    _backfill()
    install_immutability_triggers(op)


def downgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_index(op.f("ix_audit_events_subject"))
        batch.drop_index(op.f("ix_audit_events_at"))
    with op.batch_alter_table("records") as batch:
        batch.drop_index(op.f("ix_records_refers_to_kind"))
        batch.drop_index(op.f("ix_records_signed_at"))
    with op.batch_alter_table("patients") as batch:
        batch.drop_index(op.f("ix_patients_national_id"))
    with op.batch_alter_table("patient_words") as batch:
        batch.drop_index(op.f("ix_patient_words_patient_id"))
    op.drop_table("patient_words")
    install_immutability_triggers(op)
