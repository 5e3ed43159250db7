"""The services' shared context, built once at start-up and passed explicitly (no globals).

Like git-cola's context object: the database, the clock, the audit log, the form catalogue and the
seal keeper travel together to every service and every screen.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.clock import SystemClock
from app.storage import repositories as repo
from app.storage.audit import AuditLog
from app.storage.database import Database

from .forms import FormCatalog
from .seal.keeper import SealKeeper
from .settings import Settings, check_setting, settings_from_values

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    data_dir: Path
    db: Database
    clock: Any
    forms: FormCatalog
    seal: SealKeeper
    audit: AuditLog = field(init=False)

    def __post_init__(self) -> None:
        self.audit = AuditLog(clock=self.clock.now)

    def settings(self) -> Settings:
        with self.db.transaction(read_only=True) as s:
            return settings_from_values(repo.settings.all_values(s))

    def set_setting(self, session, key: str, value: Any, actor: str) -> None:
        """Within the caller's transaction: validated, stored and audited (the key, never the value)."""
        repo.settings.set_value(session, key, check_setting(key, value), at=self.clock.now())
        self.audit.append(session, actor, "settings.changed", subject=key, at=self.clock.now())

    def today(self):
        return self.clock.today(self.settings().time_zone)

    def close(self) -> None:
        self.db.close()


def open_context(data_dir: Path, *, clock: Any = None, forms_dir: Path | None = None,
                 database: Database | None = None, trust_file: Any = None) -> AppContext:
    """Open (and migrate) the data folder's database and load the forms. ``trust_file``: the
    trust file named by the operator (``verify --trust``); else the seal keeper finds it."""
    from app.paths import forms_dir as default_forms_dir

    clock = clock or SystemClock()
    db = database or Database.for_data_dir(Path(data_dir))
    db.upgrade()
    catalog = FormCatalog(forms_dir or default_forms_dir(), db, clock)
    catalog.load()
    holder: dict[str, AppContext] = {}
    keeper = SealKeeper(Path(data_dir), db, clock, trust_file=trust_file, settings=lambda: holder["ctx"].settings())
    ctx = AppContext(data_dir=Path(data_dir), db=db, clock=clock, forms=catalog, seal=keeper)
    holder["ctx"] = ctx
    return ctx
