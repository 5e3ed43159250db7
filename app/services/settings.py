"""Typed settings, declared once with their defaults and checks, kept in the database.

Like Picard's option registry: every setting has one declaration; reading an unknown key or storing a
value of the wrong type is an error, and a missing value reads as its default.

Changing them (``SettingsService``): administrators change the institution's; any staff member the
interface language.

Numbers the patient is told (the emergency number, the team's numbers in working hours and after
hours, the fasting time and the fever threshold in force) are settings; the forms print them
through placeholders. Local checklist thresholds are refused outside the safe bounds
(``app.domain.thresholds``); a value stored before the bounds existed is ignored when read.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, fields, replace
from typing import Any, Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain.errors import AccessDenied, InvalidInput
from app.domain.roles import Actor, require
from app.domain.text import ascii_digits, clean_text
from app.domain.thresholds import check_local_threshold, within_safe_bounds

log = logging.getLogger(__name__)
# As dialled locally: digits, groups joined by single hyphens ("011-234-5678", "997"). No spaces and
# no "+": inside an Arabic sentence, right to left, digit groups split by spaces come out in the
# wrong order and a leading "+" lands on the wrong side; hyphenated groups keep their order.
_PHONE = re.compile(r"^[0-9]+(?:-[0-9]+)*$")


def _tz(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("setting_invalid", f"time_zone: unknown time zone '{value[:40]}'") from None
    return value


def _range(lo: int, hi: int) -> Callable[[int], int]:
    def check(value: int) -> int:
        if not lo <= value <= hi:
            raise InvalidInput("setting_invalid", f"value must lie between {lo} and {hi}")
        return value
    return check


def _language(value: str) -> str:
    if value not in ("ar", "en"):
        raise InvalidInput("setting_invalid", "language: ar or en")
    return value


def _week_start(value: str) -> str:
    if value not in ("sunday", "saturday"):
        raise InvalidInput("setting_invalid", "week_starts_on: sunday or saturday")
    return value


def _phone(key: str, *, required: bool) -> Callable[[str], str]:
    def check(value: str) -> str:
        value = ascii_digits(clean_text(value, key, max_len=20, required=required))
        if not value and not required:
            return ""
        if not _PHONE.match(value):
            raise InvalidInput("phone_invalid", f"{key}: digits as dialled locally, groups joined by '-' "
                                                f"(e.g. 011-234-5678); no spaces or '+'", field=key)
        return value
    return check


def _boolean(key: str) -> Callable[[bool], bool]:
    def check(value: bool) -> bool:
        if not isinstance(value, bool):
            raise InvalidInput("setting_invalid", f"{key}: true or false")
        return value
    return check


def _thresholds(value: Any) -> dict[str, float]:
    """Local checklist thresholds {id: value}: each a number inside its safe bounds."""
    if not isinstance(value, dict):
        raise InvalidInput("setting_invalid", "thresholds: a mapping of threshold ids to numbers")
    return {str(k)[:40]: check_local_threshold(str(k), x) for k, x in value.items()}


def _syslog_address(value: str) -> str:
    value = clean_text(value, "checkpoint_syslog", max_len=300, required=False)
    if value:
        from urllib.parse import urlsplit

        try:
            parts = urlsplit(value)
            port = parts.port
        except ValueError:
            port = None
        if parts.scheme not in ("udp", "tcp") or not parts.hostname or not port:
            raise InvalidInput("setting_invalid", "checkpoint_syslog: udp://host:port or tcp://host:port")
    return value


def _text(max_len: int) -> Callable[[str], str]:
    return lambda v: clean_text(v, "setting", max_len=max_len, required=False)


@dataclass(frozen=True)
class Settings:
    institution_name_ar: str = ""
    institution_name_en: str = ""
    language: str = "ar"
    time_zone: str = "Asia/Riyadh"
    idle_lock_minutes: int = 10
    patient_idle_minutes: int = 3  # the patient screen returns to its neutral page (session kept)
    consent_validity_days: int = 30
    emergency_number: str = "997"
    # The team's own numbers, printed wherever the patient is told to call (patient screen, PDF, copy).
    team_phone_day: str = ""  # working hours
    team_phone_after_hours: str = ""
    trainees_take_part: bool = True  # policy: a trainee may take part under supervision (patients are told)
    patient_screen: str = ""  # the screen's name; empty: the same screen as the desk
    thresholds: dict = None  # type: ignore[assignment]  # local checklist thresholds {id: value}
    timestamp_url: str = ""
    seal_pkcs12_path: str = ""
    week_starts_on: str = "sunday"  # the calendars' first day (Friday and Saturday are the weekend)
    # The institution's key on a PKCS#11 token (the seal keeper): library, token label, key label.
    pkcs11_module: str = ""
    pkcs11_token: str = ""
    pkcs11_key: str = ""
    # Signed checkpoints of the audit log (app/services/checkpoints.py): how often, and where off the desk.
    checkpoint_every: int = 100  # events
    checkpoint_folder: str = ""  # a folder on another server or write-once storage
    checkpoint_syslog: str = ""  # udp://host:port or tcp://host:port (RFC 5424)

    def __post_init__(self) -> None:
        if self.thresholds is None:
            object.__setattr__(self, "thresholds", {})

    @property
    def institution(self) -> dict[str, str]:
        return {"name_ar": self.institution_name_ar, "name_en": self.institution_name_en}

    @property
    def local(self) -> dict[str, Any]:
        """What a consent record keeps of the settings its patient text was filled with."""
        return {"emergency_number": self.emergency_number, "team_phone_day": self.team_phone_day,
                "team_phone_after_hours": self.team_phone_after_hours,
                "trainees_take_part": self.trainees_take_part}

    @property
    def phones_missing(self) -> list[str]:
        """The numbers a patient must be given that are not set yet."""
        return [k for k in ("emergency_number", "team_phone_day", "team_phone_after_hours") if not getattr(self, k)]


CHECKS: dict[str, Callable[[Any], Any]] = {
    "institution_name_ar": _text(160),
    "institution_name_en": _text(160),
    "language": _language,
    "time_zone": _tz,
    "idle_lock_minutes": _range(1, 240),
    "patient_idle_minutes": _range(1, 60),
    "consent_validity_days": _range(1, 365),
    "emergency_number": _phone("emergency_number", required=True),
    "team_phone_day": _phone("team_phone_day", required=False),
    "team_phone_after_hours": _phone("team_phone_after_hours", required=False),
    "trainees_take_part": _boolean("trainees_take_part"),
    "patient_screen": _text(120),
    "thresholds": _thresholds,
    "timestamp_url": _text(300),
    "seal_pkcs12_path": _text(500),
    "week_starts_on": _week_start,
    "pkcs11_module": _text(500),
    "pkcs11_token": _text(64),
    "pkcs11_key": _text(64),
    "checkpoint_every": _range(1, 100_000),
    "checkpoint_folder": _text(500),
    "checkpoint_syslog": _syslog_address,
}
assert set(CHECKS) == {f.name for f in fields(Settings)}


def check_setting(key: str, value: Any) -> Any:
    if key not in CHECKS:
        raise InvalidInput("setting_unknown", f"unknown setting '{key[:40]}'")
    expected = {f.name: f.type for f in fields(Settings)}[key]
    if expected in ("int",) and (not isinstance(value, int) or isinstance(value, bool)):
        raise InvalidInput("setting_invalid", f"{key}: must be a whole number")
    if expected in ("str",) and not isinstance(value, str):
        raise InvalidInput("setting_invalid", f"{key}: must be text")
    if expected in ("bool",) and not isinstance(value, bool):
        raise InvalidInput("setting_invalid", f"{key}: true or false")
    return CHECKS[key](value)


def parse_setting_text(key: str, text: str) -> Any:
    """A setting typed on the command line: a whole number, a JSON object (thresholds) or text."""
    if key not in CHECKS:
        raise InvalidInput("setting_unknown", f"unknown setting '{key[:40]}'")
    expected = {f.name: f.type for f in fields(Settings)}[key]
    if expected == "int":
        try:
            return int(text.strip())
        except ValueError:
            raise InvalidInput("setting_invalid", f"{key}: must be a whole number") from None
    if expected == "dict":
        import json

        try:
            value = json.loads(text)
        except ValueError:
            raise InvalidInput("setting_invalid", f"{key}: must be a JSON object") from None
        if not isinstance(value, dict):
            raise InvalidInput("setting_invalid", f"{key}: must be a JSON object")
        return value
    return text


def settings_from_values(values: dict[str, Any]) -> Settings:
    """Stored values over defaults; unknown keys (from a newer version) are ignored, and so is a
    local threshold outside its safe bounds (stored before the bounds existed): the form's default
    applies instead, never the unsafe value."""
    known = {k: v for k, v in values.items() if k in CHECKS}
    if isinstance(known.get("thresholds"), dict):
        kept = {}
        for tid, value in known["thresholds"].items():
            if within_safe_bounds(str(tid), value):
                kept[str(tid)] = float(value)
            else:
                log.warning("local threshold %s ignored: outside its safe bounds", str(tid)[:40])
        known["thresholds"] = kept
    return replace(Settings(), **known)


PERSONAL = frozenset({"language"})


class SettingsService:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def current(self) -> Settings:
        return self.ctx.settings()

    def update(self, actor: Actor, **values: Any) -> Settings:
        if actor is None:
            raise AccessDenied("not_logged_in", "this action needs a signed-in staff member", action="settings")
        if set(values) - PERSONAL:
            require(actor, "settings.manage")
        with self.ctx.db.transaction() as s:
            for key, value in values.items():
                self.ctx.set_setting(s, key, value, actor.username)
        return self.ctx.settings()
