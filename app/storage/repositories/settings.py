"""Settings stored in the database as JSON values (typed declarations live in the service layer)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.storage.models import Setting
from app.storage.repositories._common import now_or
from app.storage.types import canonical_json


def get_value(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(Setting, key)
    return default if row is None else row.value


def set_value(session: Session, key: str, value: Any, *, at: datetime | None = None) -> Setting:
    text = canonical_json(value)
    row = session.get(Setting, key)
    if row is None:
        row = Setting(key=key, value_json=text, updated_at=now_or(at))
        session.add(row)
    elif row.value_json != text:
        row.value_json = text
        row.updated_at = now_or(at)
    session.flush()
    return row


def all_values(session: Session) -> dict[str, Any]:
    return {row.key: row.value for row in session.execute(select(Setting).order_by(Setting.key)).scalars()}
