"""Dates and times for the PDF: Gregorian in the configured zone, Umm al-Qura Hijri beside it."""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def arabic_indic(value: int | str) -> str:
    """"12" -> "١٢" (page numbers in the footer)."""
    return str(value).translate(_ARABIC_INDIC)


@lru_cache(maxsize=64)
def _zone(tz: str) -> ZoneInfo:
    return ZoneInfo(tz)


@lru_cache(maxsize=1024)
def hijri_text(d: date) -> str | None:
    """"18 جمادى الآخرة 1448 هـ", or None when outside the Umm al-Qura table."""
    try:
        from hijridate import Gregorian

        h = Gregorian(d.year, d.month, d.day).to_hijri()
    except (OverflowError, ValueError, ImportError):
        return None
    return f"{h.day} {h.month_name('ar')} {h.year} هـ"


def parse_date(value: str | date | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def local_date(value: str | datetime | None, tz: str = "Asia/Riyadh") -> date | None:
    """The calendar date, in ``tz``, of a UTC instant (a record's creation, a signature)."""
    if value is None or value == "":
        return None
    try:
        dt = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return (dt.astimezone(_zone(tz)) if dt.tzinfo is not None else dt).date()


def format_date(value: str | date | None) -> str:
    """A calendar date (birth, fracture, procedure): "1950-03-02 (14 جمادى الآخرة 1369 هـ)"."""
    d = parse_date(value)
    if d is None:
        return "" if value in (None, "") else str(value)
    hijri = hijri_text(d)
    return f"{d.isoformat()} ({hijri})" if hijri else d.isoformat()


def format_datetime(value: str | datetime | None, tz: str = "Asia/Riyadh", hijri: bool = True) -> str:
    """A UTC instant shown in ``tz``: "2026-11-28 13:05 (8 جمادى الآخرة 1448 هـ)"."""
    if value is None or value == "":
        return ""
    try:
        dt = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)
    if dt.tzinfo is not None:
        dt = dt.astimezone(_zone(tz))
    text = dt.strftime("%Y-%m-%d %H:%M")
    h = hijri_text(dt.date()) if hijri else None
    return f"{text} ({h})" if h else text
