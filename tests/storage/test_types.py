"""Timestamps: stored as canonical UTC text, read back timezone-aware."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, strategies as st
from sqlalchemy import exc as sa_exc, text

from app.storage.database import Database
from app.storage.models import Setting, User
from app.storage.repositories import settings, users
from app.storage.types import format_utc, parse_utc

RIYADH = timezone(timedelta(hours=3))


def test_timestamps_come_back_aware_utc(database: Database) -> None:
    local = datetime(2024, 3, 10, 23, 30, 15, 123456, tzinfo=RIYADH)
    with database.transaction() as s:
        user = users.add(s, username="u", role="nurse", name_ar="م", password_hash="h", at=local)
        users.set_login_state(s, user.id, failed_logins=3, locked_until=local + timedelta(minutes=15))
        uid = user.id
    with database.transaction() as s:
        stored = s.get(User, uid)
        assert stored.created_at == local
        assert stored.created_at.tzinfo == timezone.utc
        assert stored.created_at.utcoffset() == timedelta(0)
        assert stored.locked_until.tzinfo == timezone.utc
        raw = s.execute(text("SELECT created_at FROM users WHERE id = :i"), {"i": uid}).scalar()
    assert raw == "2024-03-10T20:30:15.123456+00:00"


def test_naive_datetimes_are_refused(database: Database) -> None:
    # A programming error, not a storage failure: it is not translated.
    with pytest.raises(sa_exc.StatementError, match="naive"):
        with database.transaction() as s:
            s.add(Setting(key="k", value_json="1", updated_at=datetime(2024, 1, 1)))
            s.flush()


def test_default_timestamps_are_utc(database: Database) -> None:
    with database.transaction() as s:
        row = settings.set_value(s, "k", True)
    assert row.updated_at.tzinfo == timezone.utc


# Only local times that exist: a time inside a daylight-saving gap (1995-03-25 22:00 in
# America/Danmarkshavn) is no instant at all. A time in a repeated hour (1952-03-31 23:00 in
# America/Cuiaba, fold 0 or 1) is one instant each, but Python never calls it equal to a time in
# another zone (PEP 495): compare instants, in UTC.
@given(st.datetimes(timezones=st.timezones(), min_value=datetime(1900, 1, 2), max_value=datetime(2200, 1, 1),
                    allow_imaginary=False))
@example(datetime(1952, 3, 31, 23, 0, tzinfo=ZoneInfo("America/Cuiaba")))
@example(datetime(1952, 3, 31, 23, 0, fold=1, tzinfo=ZoneInfo("America/Cuiaba")))
@example(datetime(1995, 3, 25, 23, 0, tzinfo=ZoneInfo("America/Danmarkshavn")))
def test_format_round_trip_and_order(value: datetime) -> None:
    text_value = format_utc(value)
    assert len(text_value) == 32 and text_value.endswith("+00:00")
    back = parse_utc(text_value)
    assert back == value.astimezone(timezone.utc) and back.tzinfo == timezone.utc
    assert back.utcoffset() == timedelta(0)


@given(st.lists(st.datetimes(timezones=st.just(timezone.utc), min_value=datetime(1000, 1, 1)), min_size=2))
def test_text_sorts_in_time_order(values: list[datetime]) -> None:
    assert sorted(values) == sorted(values, key=format_utc)
