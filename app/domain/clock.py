"""Time: stored in UTC with its offset; a clock object is passed in so tests can fix "now"."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


def utc_iso(moment: dt.datetime) -> str:
    """ISO 8601 in UTC with an explicit offset, to the second: 2026-11-28T05:30:00+00:00."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat()


def parse_iso(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("timestamp without offset")
    return moment


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.timezone.utc)

    def today(self, tz: str = "UTC") -> dt.date:
        from zoneinfo import ZoneInfo

        return self.now().astimezone(ZoneInfo(tz)).date()


@dataclass
class FixedClock:
    """A clock for tests and reproducible demos; ``advance`` moves it on."""

    moment: dt.datetime

    def now(self) -> dt.datetime:
        return self.moment

    def today(self, tz: str = "UTC") -> dt.date:
        from zoneinfo import ZoneInfo

        return self.moment.astimezone(ZoneInfo(tz)).date()

    def advance(self, **kwargs: float) -> None:
        self.moment = self.moment + dt.timedelta(**kwargs)
