from __future__ import annotations

import re
from datetime import datetime
from typing import TypeVar

from sqlalchemy.orm import Session

from app.domain.errors import InvalidInput, NotFound
from app.storage.types import utc_now

T = TypeVar("T")

_SHA256 = re.compile(r"[0-9a-f]{64}")


def now_or(at: datetime | None) -> datetime:
    return utc_now() if at is None else at


def require(session: Session, model: type[T], key: object, what: str) -> T:
    obj = session.get(model, key)
    if obj is None:
        raise NotFound("not_found", f"{what} {key} not found", what=what, key=str(key))
    return obj


def sha256_hex(value: str, what: str) -> str:
    """A lower-case 64-digit hex SHA-256 (colons and case tolerated on input)."""
    norm = value.replace(":", "").strip().lower()
    if not _SHA256.fullmatch(norm):
        raise InvalidInput("invalid_hash", f"{what} is not a SHA-256 hex digest", what=what)
    return norm
