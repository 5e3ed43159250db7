"""Covering indexes for the archive search: a page of records without reading the records' rows.

Revision ID: 0004
Revises: 0003
Create Date: 2024-06-20

The archive search (``ArchiveService._statement``) first picks a page of records (filters, sort,
LIMIT) and only then reads names, procedures and statuses for that page. The page step needs
``record_id, kind, signed_at, refers_to, is_demo, patient_id, form_version_id``; in ``records``
those sit around (and after) the sealed PDF, so every row read to filter or sort walks the PDF's
overflow pages. Two covering indexes hold those columns:

* ``ix_records_patient_id_signed_at``: ``(patient_id, signed_at, record_id, kind, form_version_id,
  is_demo, refers_to)``, the records of the patients a name word matched;
* ``ix_records_signed_at_record_id``: ``(signed_at, record_id, kind, form_version_id, is_demo,
  refers_to, patient_id)``, date ranges and the newest-first listing, in the sort order of the
  archive (signed_at, then record_id).

They are declared in ``app.storage.search_index`` (next to the SQL that uses them). Index creation
does not rebuild the table, but the rule for every migration stands: the immutability triggers are
re-installed at the end of both directions.
"""
from __future__ import annotations

from alembic import op

from app.storage.dialect import install_immutability_triggers

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BY_PATIENT = ["patient_id", "signed_at", "record_id", "kind", "form_version_id", "is_demo", "refers_to"]
BY_TIME = ["signed_at", "record_id", "kind", "form_version_id", "is_demo", "refers_to", "patient_id"]


def upgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.create_index(op.f("ix_records_patient_id_signed_at"), BY_PATIENT)
        batch.create_index(op.f("ix_records_signed_at_record_id"), BY_TIME)
    install_immutability_triggers(op)


def downgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.drop_index(op.f("ix_records_signed_at_record_id"))
        batch.drop_index(op.f("ix_records_patient_id_signed_at"))
    install_immutability_triggers(op)
