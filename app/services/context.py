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

from .checkpoints import CheckpointKeeper
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
    checkpoints: CheckpointKeeper = field(init=False)

    def __post_init__(self) -> None:
        # Every transaction that appends events may make a signed checkpoint after its commit.
        self.checkpoints = CheckpointKeeper(self)
        self.audit = AuditLog(clock=self.clock.now, after_commit=self.checkpoints.after_commit)

    def settings(self) -> Settings:
        with self.db.transaction(read_only=True) as s:
            return settings_from_values(repo.settings.all_values(s))

    def set_setting(self, session, key: str, value: Any, actor: str) -> None:
        """Within the caller's transaction: validated, stored and audited (the key, never the value)."""
        repo.settings.set_value(session, key, check_setting(key, value), at=self.clock.now())
        self.audit.append(session, actor, "settings.changed", subject=key, at=self.clock.now())
        if key.startswith("checkpoint_"):
            self.checkpoints.forget()  # the next commit re-reads when one is due

    def today(self):
        return self.clock.today(self.settings().time_zone)

    def close(self) -> None:
        self.seal.forget()  # a token's session ends with the desk (its login is the whole process's)
        self.db.close()


def check_protection(db: Database) -> None:
    """Stop when an immutability trigger (or PostgreSQL trigger function) is missing or altered:
    signed rows would no longer be protected. ``StorageFailure("protection_missing")``."""
    from app.domain.errors import StorageFailure
    from app.storage.dialect import protection_problems

    with db.engine.connect() as conn:
        problems = protection_problems(conn)
    if problems:
        raise StorageFailure("protection_missing",
                             f"the database no longer protects signed records ({problems[0]}"
                             f"{f' and {len(problems) - 1} more' if len(problems) > 1 else ''}); an administrator "
                             "runs 'audit verify' to see what changed, then 'audit protect'",
                             problems=len(problems))


def open_context(data_dir: Path, *, clock: Any = None, forms_dir: Path | None = None,
                 database: Database | None = None, trust_file: Any = None,
                 require_protection: bool = True) -> AppContext:
    """Open (and migrate) the data folder's database and load the forms. ``trust_file``: the
    trust file named by the operator (``verify --trust``); else the seal keeper finds it. Refuses a
    database whose immutability triggers are missing or altered (``require_protection=False`` for
    ``audit verify`` and ``audit protect``, which report and repair it)."""
    from app.paths import forms_dir as default_forms_dir

    clock = clock or SystemClock()
    db = database or Database.for_data_dir(Path(data_dir))
    db.upgrade()
    if require_protection:
        try:
            check_protection(db)
        except Exception:
            db.close()
            raise
    catalog = FormCatalog(forms_dir or default_forms_dir(), db, clock)
    catalog.load()
    holder: dict[str, AppContext] = {}
    keeper = SealKeeper(Path(data_dir), db, clock, trust_file=trust_file, settings=lambda: holder["ctx"].settings())
    ctx = AppContext(data_dir=Path(data_dir), db=db, clock=clock, forms=catalog, seal=keeper)
    holder["ctx"] = ctx
    from .accounts import record_baseline

    record_baseline(ctx)  # accounts audited before their states were (an earlier version's database)
    return ctx
