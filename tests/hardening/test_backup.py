"""Backup (SQLite's online backup API, atomic, audited) and restore into an empty data folder; on
PostgreSQL the same file, from one snapshot while desks seal, restored into a folder or an empty
server database."""
from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from app.cli import main
from app.domain.errors import AccessDenied, InvalidInput
from app.services.backup import BackupService, restore
from app.services.context import open_context

from app.domain.roles import Actor
from tests.services.conftest import PASSWORDS

from .conftest import make_env, ready_to_seal, seal_consent
from .invariants import check_folder

ADMIN = Actor(3, "admin.omar", "admin", "عمر السبيعي")  # make_env's administrator
SIGNED = ["--user", "admin.omar", "--password-stdin"]


def with_password(monkeypatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORDS["admin"] + "\n"))


@pytest.fixture(scope="module")
def archive(tmp_path_factory, backend):
    """A data folder with three sealed records, one readiness check and an open draft."""
    root = tmp_path_factory.mktemp("backup")
    env = make_env(root / "data")
    for seed in (1, 3, 5):
        seal_consent(env, seed=seed)
    draft_id = ready_to_seal(env)
    env.ctx.close()
    return root / "data", draft_id


def events(data: Path) -> list[tuple]:
    con = sqlite3.connect(f"file:{data / 'consent.db'}?mode=ro", uri=True)
    try:
        return con.execute("SELECT seq, actor, action, details_json FROM audit_events ORDER BY seq").fetchall()
    finally:
        con.close()


@pytest.mark.sqlite_only
def test_backup_and_restore_round_trip(archive, tmp_path, pki):
    source, draft_id = archive
    live = tmp_path / "live"
    shutil.copytree(source, live)
    ctx = open_context(live)
    try:
        result = BackupService(ctx).backup(ADMIN, tmp_path / "copy.db")
    finally:
        ctx.close()
    assert result.records == 3 and result.path.exists()
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600  # it holds patient data
    assert not list(tmp_path.glob(".copy.db*")) and not (tmp_path / "copy.db-wal").exists()
    last = events(live)[-1]
    assert last[2] == "backup.created" and result.sha256 in last[3]  # audited in the live database

    target = tmp_path / "restored"
    restored = restore(result.path, target)
    assert restored.records == 3
    assert stat.S_IMODE(target.stat().st_mode) == 0o700
    # Records verify after the restore (the certificates travel in the database), the chain is whole,
    # and the draft in progress comes back too.
    report = check_folder(target)
    assert report.records == 3 and report.drafts_open == 1
    assert events(target)[-1][2] == "backup.restored"
    # The institution's key is not in the backup (its passphrase-protected PKCS#12 or its token is
    # kept apart): real consents are refused with a clear message until it is back; the registered
    # certificate travelled in the database. A demonstration draft seals as before (its key is made
    # in memory, never stored).
    from tests.services.conftest import install_seal
    env = make_env(target, staff=())
    env.ctx.seal._trust_file = pki.trust_file
    from app.domain.errors import InvalidState
    with pytest.raises(InvalidState) as info:
        env.ctx.seal.signer()
    assert info.value.code == "institution_seal_missing"
    install_seal(env.ctx, pki)  # the hospital puts its PKCS#12 back and gives its passphrase
    assert env.ctx.seal.signer().source == "pkcs12"
    from app.domain.roles import Actor
    nurse = Actor(1, "nurse.sara", "nurse", "سارة")
    from app.services.consent import ConsentDesk
    try:
        sealed = ConsentDesk(env.ctx).seal(nurse, draft_id)
        assert sealed.record_id
    finally:
        env.ctx.close()
    assert check_folder(target).records == 4


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_backup_while_another_desk_writes(tmp_path):
    """The online backup is a consistent snapshot while records are being sealed."""
    env = make_env(tmp_path / "data")
    seal_consent(env, seed=1)
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            seed = 10
            while not stop.is_set():
                seal_consent(env, seed=seed)
                seed += 2
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        results = [BackupService(env.ctx).backup(env.admin, tmp_path / f"b{i}.db") for i in range(3)]
    finally:
        stop.set()
        thread.join()
    env.ctx.close()
    assert not errors, errors
    for i, result in enumerate(results):
        target = tmp_path / f"r{i}"
        restore(result.path, target)
        assert check_folder(target).records == result.records


def test_backup_needs_an_administrator(archive, tmp_path):
    env = make_env(tmp_path / "data")
    try:
        for actor in (env.nurse, env.physician, None):
            with pytest.raises(AccessDenied):
                BackupService(env.ctx).backup(actor, tmp_path / "x.db")
        assert not (tmp_path / "x.db").exists()
    finally:
        env.ctx.close()


@pytest.mark.sqlite_only
def test_restore_refuses_a_folder_that_holds_anything(archive, tmp_path):
    source, _ = archive
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("x")
    with pytest.raises(InvalidInput) as info:
        restore(source / "consent.db", target)
    assert info.value.code == "restore_target_not_empty"
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("content", [b"", b"not a database at all", b"SQLite format 3\x00" + b"\xff" * 3000])
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, content):
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    with pytest.raises(InvalidInput):
        restore(bad, tmp_path / "target")
    assert not (tmp_path / "target").exists()  # nothing half-written


@pytest.mark.sqlite_only
def test_backup_to_a_full_disk_leaves_nothing(archive, tmp_path, monkeypatch):
    from app.domain.errors import StorageFailure
    from app.services import backup as backup_module

    source, _ = archive
    live = tmp_path / "live"
    shutil.copytree(source, live)
    ctx = open_context(live)

    def no_space(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_module.os, "fsync", no_space)
    try:
        with pytest.raises(StorageFailure) as info:
            BackupService(ctx).backup(ADMIN, tmp_path / "full.db")
    finally:
        ctx.close()
    assert info.value.code == "disk_full"
    assert not [p for p in tmp_path.iterdir() if p.name != "live"]
    assert events(live)[-1][2] != "backup.created"


@pytest.mark.sqlite_only
def test_backup_and_restore_commands(archive, tmp_path, capsys, monkeypatch):
    source, _ = archive
    live = tmp_path / "live"
    shutil.copytree(source, live)
    out = tmp_path / "desk-backup.db"
    assert main(["--data-dir", str(live), "backup", "--out", str(out)]) == 2  # not without a sign-in
    assert "--user" in capsys.readouterr().err
    with_password(monkeypatch)
    assert main(["--data-dir", str(live), "backup", "--out", str(out), *SIGNED]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"BACKUP {out}\t3 records") and "private key" in lines[1]
    target = tmp_path / "new-desk"
    # Restore signs in as one of the backup's administrators; a wrong password leaves the folder empty.
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("not-the-password\n"))
    assert main(["--data-dir", str(target), "restore", "--from", str(out), *SIGNED]) == 2
    assert not target.exists()
    capsys.readouterr()
    with_password(monkeypatch)
    assert main(["--data-dir", str(target), "restore", "--from", str(out), *SIGNED]) == 0
    assert capsys.readouterr().out.startswith(f"RESTORED {target}\t3 records")
    assert main(["--data-dir", str(target), "audit", "verify"]) == 0
    assert main(["--data-dir", str(target), "verify", "--all"]) == 0
    capsys.readouterr()
    # A second restore into the now-filled folder: one line, exit 2.
    with_password(monkeypatch)
    assert main(["--data-dir", str(target), "restore", "--from", str(out), *SIGNED]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "empty data folder" in err
    # A backup onto a folder, or into a missing folder: one line, exit 2.
    for bad in (tmp_path, tmp_path / "missing" / "x.db"):
        with_password(monkeypatch)
        assert main(["--data-dir", str(live), "backup", "--out", str(bad), *SIGNED]) == 2
        assert len(capsys.readouterr().err.splitlines()) == 1


@pytest.mark.sqlite_only
def test_restore_of_a_live_database_file(archive, tmp_path):
    """A plain copy of consent.db (taken with the program stopped) restores as well."""
    source, _ = archive
    target = tmp_path / "t"
    restore(source / "consent.db", target)
    assert check_folder(target).records == 3
    assert os.path.exists(target / "consent.db")


# --------------------------------------------------------------------------- PostgreSQL

@pytest.mark.postgresql_only
def test_postgresql_backup_while_a_desk_seals_then_restore_anywhere(tmp_path, backend, capsys, monkeypatch):
    """A backup of the server's database is one consistent snapshot although another desk keeps
    sealing; it restores into a data folder and into an empty server database, and both check out."""
    from app.domain.errors import InvalidState
    from app.storage.database import Database
    from tests.backends import url_of

    env = make_env(tmp_path / "data")
    seal_consent(env, seed=1)
    draft_id = ready_to_seal(env)
    stop = threading.Event()
    errors: list[BaseException] = []
    sealed = []

    def writer() -> None:
        try:
            seed = 10
            while not stop.is_set() and seed < 16:
                sealed.append(seal_consent(env, seed=seed))
                seed += 2
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        result = BackupService(env.ctx).backup(env.admin, tmp_path / "server.db")
    finally:
        stop.set()
        thread.join()
    assert not errors, errors
    assert 1 <= result.records <= 1 + len(sealed)
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    with env.ctx.db.transaction(read_only=True) as s:
        from sqlalchemy import text
        assert s.execute(text("SELECT action FROM audit_events ORDER BY seq DESC LIMIT 1")).scalar() in (
            "backup.created", "record.sealed", "consent.signed", "consent.question", "consent.teach_back",
            "consent.acknowledged", "consent.identity_verified", "consent.started", "consent.override")
    server_url = url_of(env.ctx.db)
    env.ctx.close()

    folder = tmp_path / "one-desk"
    restored = restore(result.path, folder)
    assert restored.records == result.records
    assert check_folder(folder).records == result.records

    station = tmp_path / "station"
    # (The seal stays on each station, never in a backup; these demonstration consents need none.)
    empty = backend.new_url(migrated=False)
    with_password(monkeypatch)
    assert main(["--data-dir", str(station), "--database", empty, "restore", "--from", str(result.path),
                 *SIGNED]) == 0
    assert capsys.readouterr().out.startswith(f"RESTORED {station}\t{result.records} records")
    db = Database.open(empty)
    try:
        report = check_folder(station, database=db)
        assert report.records == result.records and report.drafts_open >= 1
    finally:
        db.close()
    # The draft in progress came back and seals on the restored server.
    env2 = make_env(station, staff=(), database=Database.open(empty))
    try:
        from app.domain.roles import Actor
        from app.services.consent import ConsentDesk

        with env2.ctx.db.engine.connect() as conn:
            nurse_id = conn.exec_driver_sql("SELECT id FROM users WHERE username = 'nurse.sara'").scalar()
        assert ConsentDesk(env2.ctx).seal(Actor(nurse_id, "nurse.sara", "nurse", "سارة"), draft_id).record_id
    finally:
        env2.ctx.close()
    # A server database that holds anything is refused, and left as it was.
    with pytest.raises(InvalidState) as info:
        restore(result.path, station, database=server_url)
    assert info.value.code == "copy_target_not_empty"
