"""Changing settings: administrators change the institution's; any staff member the interface language."""
from __future__ import annotations

from typing import Any

from app.domain.errors import AccessDenied
from app.domain.roles import Actor, require

from .settings import Settings

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
