"""Growing from one desk to several: a SQLite data folder copied into an empty PostgreSQL database.

``migrate(data_dir, url)``:

1. opens the data folder's ``consent.db`` read-only (the folder is left exactly as it was: close the
   desk first), and the PostgreSQL database, which must be empty; an administrator of the archive
   signs in (checked against the folder's account without writing to it);
2. copies every row in one transaction (:mod:`app.storage.copy`): sealed records with their PDFs,
   drafts in progress, the audit chain, users with their password hashes, settings, form versions,
   certificates, patients and the name index;
3. checks the copy: the same rows in every table; every record's JSON and PDF hash to the stored
   hashes and equal the source's; the audit chain walks from genesis to the same head with the same
   number of events; and (``check="full"``, the default) every record's seal verifies there, as
   ``verify --all`` would;
4. records the migration, by that administrator, in the new database's audit chain (counts only).

What stays on the desk's computer: the seal (``<data>/seal/``, or the token) and the trust file;
every station that seals needs the institution's seal of its own.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.domain.errors import InvalidInput, StorageFailure
from app.storage.audit import AuditLog
from app.storage.copy import CopyReport, copy_database, snapshot, table_counts
from app.storage.database import Database
from app.storage.models import Record

from .connection import check_database_url, open_database

log = logging.getLogger(__name__)
OPERATOR = "cli"


@dataclass(frozen=True)
class MigrateReport:
    target: str
    copy: CopyReport
    records_checked: int
    records_valid: int
    audit_events: int
    audit_head: str

    @property
    def ok(self) -> bool:
        return self.records_valid == self.records_checked


def _record_digests(conn) -> dict[str, tuple[str, str, str, str]]:
    """{record_id: (stored record hash, stored PDF hash, hash of the JSON, hash of the PDF)}."""
    out = {}
    rows = conn.execute(select(Record.__table__.c.record_id, Record.__table__.c.record_sha256,
                               Record.__table__.c.pdf_sha256, Record.__table__.c.record_json,
                               Record.__table__.c.pdf).execution_options(yield_per=100))
    for rid, rsha, psha, rjson, pdf in rows:
        out[rid] = (rsha, psha, hashlib.sha256(rjson.encode("utf-8")).hexdigest(), hashlib.sha256(pdf).hexdigest())
    return out


def compare_copy(source: Database, target: Database) -> tuple[int, int, str]:
    """The copy's own checks (rows, record hashes, audit chain); ``StorageFailure("copy_mismatch")``
    naming the first difference. Returns (records, audit events, audit head)."""
    from sqlalchemy.orm import Session

    with snapshot(source) as src, snapshot(target) as dst:
        before, after = table_counts(src), table_counts(dst)
        for table, count in before.items():
            if after.get(table) != count:
                raise StorageFailure("copy_mismatch", f"table {table}: {count} rows in the source, "
                                                      f"{after.get(table)} in the copy", table=table)
        theirs, ours = _record_digests(src), _record_digests(dst)
        for rid, digests in theirs.items():
            mine = ours.get(rid)
            if mine != digests or mine[0] != mine[2] or mine[1] != mine[3]:
                raise StorageFailure("copy_mismatch", f"record {rid}: differs from the source or its hashes",
                                     record_id=rid)
        expected = AuditLog.verify(Session(bind=src))
        copied = AuditLog.verify(Session(bind=dst), expected_head=expected.head)
    if not expected.ok:
        raise StorageFailure("source_audit_broken", f"the source's audit chain is broken: {expected.message()}")
    if not copied.ok or copied.events != expected.events or copied.head != expected.head:
        raise StorageFailure("copy_mismatch", f"the copied audit chain differs: {copied.message()}")
    return len(ours), copied.events, copied.head


def _administrator(source: Database, username: str | None, password: str) -> str:
    """The administrator's username when the password matches the folder's account (read-only: the
    folder is not written, so no failure count; whoever can read the folder holds its hashes anyway).
    ``AccessDenied`` otherwise, the same answer for every failure."""
    from app.domain.errors import AccessDenied
    from app.domain.roles import Actor, require
    from app.storage import repositories as repo

    from .passwords import PasswordHashing

    with source.transaction(read_only=True) as s:
        user = repo.users.get_by_username(s, username or "")
    if user is None or not user.active or not PasswordHashing().matches(user.password_hash, password or ""):
        raise AccessDenied("login_failed", "wrong username or password")
    require(Actor(user.id, user.username, user.role, user.name_ar), "backup.restore")
    return user.username


def migrate(data_dir: Path, url: str, *, check: str = "full", progress: Callable[[str, int], None] | None = None,
            username: str | None = None, password: str = "") -> MigrateReport:
    """Copy the data folder's SQLite database into the empty database at ``url`` and check it
    (``username``/``password``: an administrator of the folder's archive)."""
    from .archive import ArchiveService
    from .context import open_context

    if check not in ("full", "archive"):
        raise InvalidInput("check_invalid", "--check: full or archive")
    url = check_database_url(url)
    if url.startswith("sqlite"):
        raise InvalidInput("migrate_target_not_server", "migrate copies into a PostgreSQL database (--to postgresql://...)")
    data_dir = Path(data_dir).expanduser().resolve()
    source = Database.for_data_dir_read_only(data_dir)
    try:
        actor = _administrator(source, username, password)
        target = open_database(url, data_dir)
        try:
            report = copy_database(source, target, progress=progress)
            target.upgrade()  # a folder of an older program: the new database is brought up to date
            records, events, head = compare_copy(source, target)
        finally:
            target.close()
    finally:
        source.close()
    valid = records
    ctx = open_context(data_dir, database=open_database(url, data_dir))
    try:
        if check == "full":
            checks = list(ArchiveService(ctx).verify_all_as_operator())
            valid = sum(1 for c in checks if c.valid)
            for c in checks:
                if not c.valid:
                    log.warning("record %s does not verify in the copy: %s", c.record_id, c.reason)
        with ctx.db.transaction() as s:
            ctx.audit.append(s, actor, "database.migrated", subject=actor, details={
                "records": records, "audit_events": events, "from": "sqlite", "check": check})
        where = ctx.db.describe()
    finally:
        ctx.close()
    return MigrateReport(where, report, records, valid, events, head)
