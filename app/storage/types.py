"""Column types and small value helpers shared by the storage layer.

Timestamps are stored as fixed-width ISO 8601 text in UTC with an explicit ``+00:00`` offset
(``2024-05-01T08:30:00.000000+00:00``). The same text is produced on SQLite and PostgreSQL, sorts in
time order, and is exactly what the audit chain hashes. Naive datetimes are refused on the way in;
every value comes back timezone-aware in UTC.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import String
from sqlalchemy.types import TypeDecorator

_FORMAT = "%Y-%m-%dT%H:%M:%S.%f+00:00"
TIMESTAMP_LENGTH = 32


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def format_utc(value: datetime) -> str:
    """The canonical stored text of an aware datetime (converted to UTC)."""
    if not isinstance(value, datetime):
        raise TypeError(f"expected datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive datetime: timestamps must carry a time zone")
    return value.astimezone(timezone.utc).strftime(_FORMAT)


def parse_utc(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:  # written by something other than this module: treat as UTC
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as canonical UTC text (see the module docstring)."""

    impl = String(TIMESTAMP_LENGTH)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> str | None:
        return None if value is None else format_utc(value)

    def process_result_value(self, value: str | None, dialect: Any) -> datetime | None:
        return None if value is None else parse_utc(value)


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8 text (not ASCII-escaped), no NaN: the form that is hashed."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
