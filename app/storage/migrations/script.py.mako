"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

Rules: name constraints explicitly; use op.batch_alter_table for SQLite; if this migration touches
records, record_events, audit_events, certificates or form_versions, call
install_immutability_triggers(op) at the end of upgrade() AND downgrade().
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
${imports if imports else ""}
from app.storage.dialect import install_immutability_triggers

revision: str = ${repr(up_revision)}
down_revision: str | Sequence[str] | None = ${repr(down_revision)}
branch_labels: str | Sequence[str] | None = ${repr(branch_labels)}
depends_on: str | Sequence[str] | None = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}
    install_immutability_triggers(op)


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
    install_immutability_triggers(op)
