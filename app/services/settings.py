"""Typed settings, declared once with their defaults and checks, kept in the database.

Like Picard's option registry: every setting has one declaration; reading an unknown key or storing a
value of the wrong type is an error, and a missing value reads as its default.

Changing them (``SettingsService``): administrators change the institution's; any staff member the
interface language.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain.errors import AccessDenied, InvalidInput
from app.domain.roles import Actor, require
from app.domain.text import clean_text


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


def _emergency(value: str) -> str:
    value = clean_text(value, "emergency_number", max_len=16)
    if not value.replace("+", "").isdigit():
        raise InvalidInput("setting_invalid", "emergency_number: digits only")
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
    patient_screen: str = ""  # the screen's name; empty: the same screen as the desk
    thresholds: dict = None  # type: ignore[assignment]  # local checklist thresholds {id: value}
    timestamp_url: str = ""
    seal_pkcs12_path: str = ""
    # The institution's key on a PKCS#11 token (the seal keeper): library, token label, key label.
    pkcs11_module: str = ""
    pkcs11_token: str = ""
    pkcs11_key: str = ""

    def __post_init__(self) -> None:
        if self.thresholds is None:
            object.__setattr__(self, "thresholds", {})

    @property
    def institution(self) -> dict[str, str]:
        return {"name_ar": self.institution_name_ar, "name_en": self.institution_name_en}


CHECKS: dict[str, Callable[[Any], Any]] = {
    "institution_name_ar": _text(160),
    "institution_name_en": _text(160),
    "language": _language,
    "time_zone": _tz,
    "idle_lock_minutes": _range(1, 240),
    "patient_idle_minutes": _range(1, 60),
    "consent_validity_days": _range(1, 365),
    "emergency_number": _emergency,
    "patient_screen": _text(120),
    "thresholds": lambda v: {str(k): float(x) for k, x in dict(v).items()},
    "timestamp_url": _text(300),
    "seal_pkcs12_path": _text(500),
    "pkcs11_module": _text(500),
    "pkcs11_token": _text(64),
    "pkcs11_key": _text(64),
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
    return CHECKS[key](value)


def settings_from_values(values: dict[str, Any]) -> Settings:
    """Stored values over defaults; unknown keys (from a newer version) are ignored."""
    known = {k: v for k, v in values.items() if k in CHECKS}
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
