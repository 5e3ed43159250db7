"""Backup and restore: one portable file, a SQLite database, whichever engine the desks use.

``backup`` copies the live database with SQLite's online backup API (``sqlite3.Connection.backup``):
a consistent snapshot taken while desks keep working, written to a temporary file next to the
target, checked (``PRAGMA integrity_check``), switched to a self-contained rollback journal, synced
and renamed into place (mode 0600: it holds patient data), then audited in the live database.

What the backup holds: every table, so the sealed records with their PDFs, the audit chain, drafts,
users (password hashes), settings, form versions and every certificate that ever sealed (public
certificates: old records keep verifying after a restore). What it does NOT hold: the seal's
private key (``<data>/seal/institution.p12``, or the key on its PKCS#11 token) nor its passphrase or
PIN. The key is a secret that must not travel with every database copy; the administrator keeps the
PKCS#12 apart (once: it changes only when a certificate is replaced). After a restore without it,
records verify (the trust file is enough) but real consents are refused
(``institution_seal_missing``) until it is put back or the institution's certificate is imported.

``restore`` fills an empty (or not yet existing) data folder from a backup file: it refuses a
folder that holds anything, checks the file, copies it in with the same backup API, migrates it to
this program's schema, installs the immutability triggers afresh (a crafted backup may have dropped
them), signs one of its administrators in, runs the whole integrity check (chain, signed checkpoints,
records against their seals and sealed events, accounts) and only then audits and reports the
restore; a backup that fails any of it leaves the folder empty.

**On PostgreSQL** (several stations) ``backup`` writes the same kind of file: every row of the
server's database, read in one consistent snapshot (``REPEATABLE READ``) while the stations keep
working, copied into a new SQLite file (:mod:`app.storage.copy`: timestamps, hashes and PDFs exactly
as stored). ``restore --from FILE`` with ``--database URL`` restores it first into a private
temporary folder with every check above, then copies that checked database into the *empty* server
database and compares the copy (rows, record hashes, the chain); the temporary folder is removed.
The server's own tools (``pg_dump``, continuous archiving) remain the way to back up the server as a
whole; see the README.
"""
from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import InvalidInput, StorageFailure
from app.domain.roles import Actor, require
from app.storage.database import DB_FILENAME
from app.storage.location import refuse_network_share

log = logging.getLogger(__name__)
OPERATOR = "cli"
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    bytes: int
    sha256: str
    records: int
    audit_events: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _counts(con: sqlite3.Connection) -> tuple[int, int]:
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"records", "audit_events"} <= tables:
        raise InvalidInput("backup_not_consent_desk", "the file is not a consent desk database")
    return (con.execute("SELECT count(*) FROM records").fetchone()[0],
            con.execute("SELECT count(*) FROM audit_events").fetchone()[0])


def _copy(source: sqlite3.Connection, target: Path) -> tuple[int, int]:
    """Online-backup ``source`` into the new file ``target`` (0600), check it, make it self-contained."""
    _create_private(target)
    dest = sqlite3.connect(str(target))
    try:
        source.backup(dest)  # one step: a consistent snapshot, also while others write (WAL)
        counts = _one_checked_file(dest)
    finally:
        dest.close()
    _flush(target)
    return counts


def _copy_from_server(db, target: Path) -> tuple[int, int]:
    """The server's database, one consistent snapshot, into the new SQLite file ``target`` (0600)."""
    from app.storage.copy import copy_database
    from app.storage.database import Database

    _create_private(target)
    copy = Database.open(f"sqlite:///{target.as_posix()}")
    try:
        copy_database(db, copy)
    finally:
        copy.close()
    con = sqlite3.connect(str(target))
    try:
        counts = _one_checked_file(con)
    finally:
        con.close()
    _flush(target)
    return counts


def _create_private(target: Path) -> None:
    """The new, empty backup file, readable by its owner only; an existing file is never overwritten."""
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _one_checked_file(con: sqlite3.Connection) -> tuple[int, int]:
    """The copy as one file (no -wal beside it) that passes SQLite's integrity check; its counts."""
    con.execute("PRAGMA journal_mode = DELETE").fetchall()
    if con.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
        raise StorageFailure("backup_corrupt", "the copy failed its integrity check")
    return _counts(con)


def _flush(target: Path) -> None:
    """On the disk before it is reported made, and still 0600 whatever the umask did."""
    with open(target, "rb+") as fh:
        os.fsync(fh.fileno())
    if os.name == "posix":
        os.chmod(target, 0o600)


def _storage_error(what: str, exc: BaseException) -> StorageFailure:
    text = getattr(exc, "strerror", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
    if (isinstance(exc, OSError) and exc.errno == 28) or "full" in str(exc).lower():
        return StorageFailure("disk_full", f"{what}: the disk is full")
    return StorageFailure("backup_failed", f"{what}: {text}")


class BackupService:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def backup(self, actor: Actor, out: Path) -> BackupResult:
        """An administrator's backup (the same permission as exporting the archive)."""
        require(actor, "archive.export")
        return self._backup(actor.username, out)

    def _backup(self, actor_name: str, out: Path) -> BackupResult:
        out = Path(out).expanduser().absolute()
        db_path = Path(self.ctx.data_dir).resolve() / DB_FILENAME
        if out.is_dir():
            raise InvalidInput("out_is_folder", f"{out}: is a folder; give the backup file's name")
        if out.resolve() in (db_path, db_path.with_name(DB_FILENAME + "-wal"), db_path.with_name(DB_FILENAME + "-shm")):
            raise InvalidInput("backup_onto_database", "the backup cannot overwrite the database itself")
        if not out.parent.is_dir():
            raise InvalidInput("out_folder_missing", f"{out.parent}: no such folder")
        tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
        try:
            if self.ctx.db.dialect_name == "sqlite":
                source = sqlite3.connect(f"file:{db_path.as_posix()}?mode=ro", uri=True, timeout=30)
                try:
                    records, events = _copy(source, tmp)
                finally:
                    source.close()
            else:
                records, events = _copy_from_server(self.ctx.db, tmp)
            os.replace(tmp, out)
            _fsync_dir(out.parent)
        except (OSError, sqlite3.Error) as exc:
            raise _storage_error(f"backup to {out}", exc) from None
        finally:
            tmp.unlink(missing_ok=True)
        result = BackupResult(out, out.stat().st_size, _sha256(out), records, events)
        with self.ctx.db.transaction() as s:
            self.ctx.audit.append(s, actor_name, "backup.created", details={
                "records": records, "audit_events": events, "bytes": result.bytes, "sha256": result.sha256},
                at=self.ctx.clock.now())
        log.info("backup written: %d records", records)
        return result


@dataclass(frozen=True)
class RestoreResult:
    data_dir: Path
    records: int
    audit_events: int
    summary: str = ""


def restore(source: Path, data_dir: Path, *, sign_in=None, sources=None, clock=None,
            database: str | None = None) -> RestoreResult:
    """Fill an empty data folder from ``source`` (a file written by ``backup``); with ``database`` (a
    PostgreSQL URL), that empty server database instead (see the module docstring).

    Whatever the backup held, the immutability triggers are installed afresh from the migrations;
    ``sign_in(ctx) -> Actor`` then signs an administrator of the restored archive in, and the whole
    integrity check runs (chain, signed checkpoints, also those in ``sources``, records against their
    seals and events, accounts). Only when all of that holds is the restore audited and reported; else
    the folder is emptied again and ``StorageFailure("restore_refused")`` names the first problem.
    """
    from app.domain.clock import SystemClock
    from app.services.context import open_context
    from app.services.integrity import IntegrityCheck
    from app.storage.database import Database
    from app.storage.dialect import install_immutability_triggers

    source = Path(source).expanduser().absolute()
    data_dir = Path(data_dir).expanduser().absolute()
    try:
        with open(source, "rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise InvalidInput("file_unreadable", f"{source}: cannot be read ({exc.strerror})") from None
    if header != SQLITE_MAGIC:
        raise InvalidInput("backup_not_sqlite", f"{source.name}: not a database backup")
    if database:
        return _restore_to_server(source, data_dir, database, sign_in=sign_in, sources=sources, clock=clock)
    if data_dir.exists() and (not data_dir.is_dir() or any(data_dir.iterdir())):
        raise InvalidInput("restore_target_not_empty",
                           f"{data_dir}: restore only into an empty data folder (this one holds files)")
    refuse_network_share(data_dir)
    try:  # check the backup before anything is written
        src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
        try:
            if src.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                raise InvalidInput("backup_corrupt", f"{source.name}: the backup fails its integrity check")
            _counts(src)
        finally:
            src.close()
    except sqlite3.DatabaseError as exc:
        raise InvalidInput("backup_not_sqlite", f"{source.name}: not a readable database backup "
                                                f"({(str(exc).splitlines() or ['error'])[0]})") from None
    created = not data_dir.exists()
    db_path = data_dir / DB_FILENAME
    tmp = data_dir / f".{DB_FILENAME}.restore.part"
    try:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix" and created:
            os.chmod(data_dir, 0o700)  # mkdir's mode is filtered by the umask
        src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
        try:
            _copy(src, tmp)
        finally:
            src.close()
        os.replace(tmp, db_path)
        _fsync_dir(data_dir)
    except (OSError, sqlite3.Error) as exc:
        raise _storage_error(f"restore into {data_dir}", exc) from None
    finally:
        tmp.unlink(missing_ok=True)
    ctx = db = None
    try:
        db = Database.for_data_dir(data_dir)
        db.upgrade()  # migrates an older backup
        with db.transaction() as s:  # the triggers of the migrations, whatever the backup held
            install_immutability_triggers(s.connection())
        ctx = open_context(data_dir, clock=clock or SystemClock(), database=db)
        actor = sign_in(ctx) if sign_in is not None else None
        report = IntegrityCheck(ctx).run(sources)
        if not report.ok:
            raise StorageFailure("restore_refused", f"the backup does not prove its integrity "
                                 f"({len(report.findings)} problem(s); first: {report.findings[0].line()}); "
                                 "nothing was restored")
        with ctx.db.transaction() as s:
            records = repo_count_records(s)
            ctx.audit.append(s, actor.username if actor else OPERATOR, "backup.restored",
                             details={"records": records, "sha256": _sha256(source), "events": report.events},
                             at=ctx.clock.now())
            events = ctx.audit.count(s)
        summary = report.summary()
    except BaseException:
        if ctx is not None:
            ctx.close()
            ctx = None
        elif db is not None:
            db.close()
        _empty_again(data_dir, created)
        raise
    finally:
        if ctx is not None:
            ctx.close()
    return RestoreResult(data_dir, records, events, summary)


def _restore_to_server(source: Path, data_dir: Path, url: str, *, sign_in, sources, clock) -> RestoreResult:
    """Restore into a private temporary folder with every check, then copy that checked database into
    the empty server database at ``url`` and compare the copy. ``data_dir`` is the station's own
    folder (its seal, its station file); nothing is written there."""
    import tempfile

    from app.storage.copy import copy_database
    from app.storage.database import Database

    from .connection import open_database
    from .migrate import compare_copy

    with tempfile.TemporaryDirectory(prefix="consent-restore-") as tmp:
        staged = restore(source, Path(tmp) / "staged", sign_in=sign_in, sources=sources, clock=clock)
        checked = Database.open_file_read_only(staged.data_dir / DB_FILENAME)
        try:
            target = open_database(url, data_dir)
            try:
                copy_database(checked, target)
                target.upgrade()
                records, events, _ = compare_copy(checked, target)
                where = target.describe()
            finally:
                target.close()
        finally:
            checked.close()
    log.info("backup restored into %s", where)
    return RestoreResult(Path(data_dir), records, events, f"{staged.summary}; copied into {where}")


def _empty_again(data_dir: Path, created: bool) -> None:
    """Undo a refused restore: the folder is as empty as it was (or gone, when restore made it)."""
    import shutil

    for child in list(data_dir.iterdir()) if data_dir.exists() else []:
        if child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
    if created:
        try:
            data_dir.rmdir()
        except OSError:
            pass


def repo_count_records(session) -> int:
    from sqlalchemy import func, select

    from app.storage.models import Record

    return session.execute(select(func.count()).select_from(Record)).scalar_one()
